import { describe, expect, it } from 'vitest';
import { parseWith } from '@watchfloor/shared';
import { IngestKeysFile, SHARED_KEY_SOURCE, createIngestKeyRing, hashIngestKey, ingestScopeRefusal, newIngestKey } from './ingest-keys';
import { newIngestKeyCommand } from './new-ingest-key';

const key = newIngestKey();
const entry = { id: 'lagos-apt', name: 'Lagos airport', keyHash: hashIngestKey(key), checkpoints: ['ng-los'] };

describe('ingest keys', () => {
  it('given a new key, then it is 32 random bytes and only its SHA-256 is kept', () => {
    expect(key).toMatch(/^wfk_[A-Za-z0-9_-]{43}$/);
    expect(newIngestKey()).not.toBe(key);
    expect(entry.keyHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(entry.keyHash).not.toContain(key.slice(4));
  });

  it('given a key ring, then the key finds its source and anything else finds none', () => {
    const ring = createIngestKeyRing([entry], 'a-shared-key');
    expect(ring.find(key)).toEqual({ id: 'lagos-apt', checkpoints: ['ng-los'] });
    expect(ring.find('a-shared-key')).toBe(SHARED_KEY_SOURCE);
    for (const other of [undefined, '', entry.keyHash, `${key}x`, newIngestKey()]) expect(ring.find(other)).toBeUndefined();
  });

  it('given a scope, then a listed checkpoint or a checkpoint in a listed country may post, any other may not', () => {
    const both = { id: 'mixed', checkpoints: ['ng-los'], countries: ['BJ'] };
    expect(ingestScopeRefusal(both, 'ng-los', 'NG')).toBeUndefined();
    expect(ingestScopeRefusal(both, 'bj-coo', 'BJ')).toBeUndefined();
    expect(ingestScopeRefusal(both, 'ng-abv', 'NG')).toBe("The ingest key 'mixed' may post hits for checkpoints ng-los and countries BJ only, not for checkpoint 'ng-abv'.");
    expect(ingestScopeRefusal({ id: 'bj', countries: ['BJ'] }, 'xx-unknown', undefined)).toBeDefined();
    expect(ingestScopeRefusal(SHARED_KEY_SOURCE, 'anywhere', undefined)).toBeUndefined();
  });

  it('given a keys file with an entry limited to nothing, a malformed hash, a repeated id or key, then each is named', () => {
    const issues = (file: unknown) => {
      const parsed = parseWith(IngestKeysFile, file);
      return parsed.ok ? [] : parsed.issues.map((issue) => issue.path);
    };
    expect(issues([entry, { ...entry, id: 'benin', keyHash: hashIngestKey(newIngestKey()), checkpoints: undefined, countries: ['BJ'] }])).toEqual([]);
    expect(issues([{ ...entry, checkpoints: undefined }])).toEqual(['0']);
    expect(issues([{ ...entry, keyHash: key }])).toEqual(['0.keyHash']);
    expect(issues([{ ...entry, key }])).toEqual(['0']);
    expect(issues([entry, { ...entry, keyHash: hashIngestKey(newIngestKey()) }])).toEqual(['1.id']);
    expect(issues([entry, { ...entry, id: 'copy' }])).toEqual(['1.keyHash']);
  });

  it('given new-ingest-key with an id, a name and a scope, then it prints the key once and an entry whose hash matches it', () => {
    const made = newIngestKeyCommand(['--id', 'lagos-apt', '--name', 'Lagos airport', '--checkpoints', 'ng-los, ng-apapa', '--countries', 'NG']);
    if (!('output' in made)) throw new Error(made.error);
    const printed = made.output.split('\n');
    const printedKey = printed[1]!;
    expect(printedKey).toMatch(/^wfk_/);
    const printedEntry = JSON.parse(printed.slice(printed.indexOf('{')).join('\n')) as unknown;
    expect(printedEntry).toEqual({ id: 'lagos-apt', name: 'Lagos airport', keyHash: hashIngestKey(printedKey), checkpoints: ['ng-los', 'ng-apapa'], countries: ['NG'] });
    expect(parseWith(IngestKeysFile, [printedEntry]).ok).toBe(true);
  });

  it('given new-ingest-key without a scope or with a bad flag, then it says what is missing and prints no key', () => {
    expect(newIngestKeyCommand(['--id', 'lagos-apt', '--name', 'Lagos'])).toEqual({ error: expect.stringContaining('give checkpoints, countries or both') });
    expect(newIngestKeyCommand(['--id', 'lagos-apt', '--name', 'Lagos', '--countries', 'Nigeria'])).toEqual({ error: expect.stringContaining('countries') });
    expect(newIngestKeyCommand(['--key', 'x'])).toEqual({ error: expect.stringContaining('--key') });
  });
});
