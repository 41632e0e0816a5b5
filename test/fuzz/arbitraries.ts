import { IPC_CHANNELS, OUTCOMES, SEVERITIES, SOURCES } from '@watchfloor/shared';
import fc from 'fast-check';

/**
 * The inputs the fuzz suite throws at each door: random JSON, strings that break things (NUL, lone
 * surrogates, control and bidi characters, very long ones), prototype keys, times at and beyond every
 * bound, and valid messages with one part (at any depth) replaced, removed or joined by a prototype key.
 */

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'] as const;

const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d\ude00', 'a', '"', '\\', '\u2028', '\u202e', '\u0007', ' ', '\n', 'é', '\ufeff'),
    maxLength: 12,
  }),
  fc.constantFrom('', ' ', 'NaN', 'null', '__proto__', '2026-13-45T99:99:99Z', 'x'.repeat(3000), 'ß'.repeat(300), 'off-lead', 'NG'),
);

/** Epoch ms and ISO texts at and around every time bound: 1970, 2100, the JS Date range, non-integers. */
function fuzzTime(windowStart: number): fc.Arbitrary<unknown> {
  const now = Date.now();
  const day = 86_400_000;
  return fc.oneof(
    fc.constantFrom(
      now,
      now - 60_000,
      now + 4 * 60_000,
      now + 6 * 60_000,
      now + day,
      windowStart,
      windowStart - 6 * day,
      windowStart - 8 * day,
      0,
      -1,
      1.5,
      now + 0.5,
      9_000_000_000_000_000,
      8.64e15,
      8.64e15 + 1,
      Date.UTC(2100, 0, 1),
      Date.UTC(2100, 0, 1) + 1,
      Number.MAX_SAFE_INTEGER,
      2 ** 63,
      1e308,
      -0,
      '1969-12-31T23:59:59Z',
      '1900-01-01T00:00:00Z',
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '+275760-09-13T00:00:00.001Z',
      '2026-02-30T10:00:00Z',
      '2026-06-30T23:59:60Z',
      '2026-11-05T10:00:00+14:00',
      '2026-11-05T10:00:00-12:00',
      '2026-11-05T10:00:00',
      '2026-11-05',
      String(now),
    ),
    fc.integer({ min: windowStart - 10 * day, max: now + 10 * 60_000 }),
    fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((date) => date.toISOString()),
    fc.double(),
  );
}

export const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0, 1.5, 1e308, -0, 2 ** 53, true, false, null, [], {}) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...PROTO_KEYS), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }) },
);

/** Every path to a value inside `value` (objects and arrays), the root excluded. */
function pathsOf(value: unknown, prefix: readonly (string | number)[] = []): (readonly (string | number)[])[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
}

function cloneWith(value: unknown, path: readonly (string | number)[], change: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  const [head, ...rest] = path;
  if (rest.length === 0) change(copy, head!);
  else copy[head!] = cloneWith(copy[head!], rest, change);
  return copy;
}

/**
 * A valid value with one part, at any depth, replaced by junk or a nasty time, removed, or joined by a
 * prototype-pollution key (defined as an own property, as JSON.parse would).
 */
function mutated(valid: object, extra: fc.Arbitrary<unknown> = junk): fc.Arbitrary<unknown> {
  const paths = pathsOf(valid);
  const parents: (readonly (string | number)[])[] = [[], ...paths.filter((path) => typeof getPath(valid, path) === 'object')];
  const replace = fc.tuple(fc.constantFrom(...paths), fc.oneof(junk, extra)).map(([path, value]) =>
    cloneWith(valid, path, (parent, key) => Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true })),
  );
  const remove = fc.constantFrom(...paths).map((path) => cloneWith(valid, path, (parent, key) => delete parent[key]));
  const pollute = fc.tuple(fc.constantFrom(...parents), fc.constantFrom(...PROTO_KEYS), junk).map(([path, key, value]) => {
    const define = (target: object) => Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    if (path.length === 0) return define({ ...valid });
    return cloneWith(valid, path, (parent, last) => (parent[last] = define({ ...(parent[last] as object) })));
  });
  return fc.oneof({ weight: 6, arbitrary: replace }, { weight: 2, arbitrary: remove }, { weight: 1, arbitrary: pollute }, { weight: 1, arbitrary: fc.constant(valid) });
}

function getPath(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<any>((at, key) => at?.[key], value);
}

/** What the hub receives: socket.io and the HTTP feeders both send JSON. */
export const overTheWire = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value) ?? 'null'));

// ---- per door ----------------------------------------------------------------------------------------

export interface HubFixture {
  readonly operationId: string;
  readonly checkpointId: string;
  readonly windowStart: number;
  readonly alertIds: readonly string[];
  /** Alerts that do not concern the officer scoped to Nigeria. */
  readonly abroadAlertIds: ReadonlySet<string>;
  readonly officerIds: readonly string[];
}

let externalIds = 0;
function validIngest(fixture: HubFixture): Record<string, unknown> {
  externalIds += 1;
  return {
    externalId: `fuzz-ext-${externalIds}`,
    operationId: fixture.operationId,
    checkpointId: fixture.checkpointId,
    at: Date.now() - 1000,
    source: 'sltd',
    score: 0.97,
    severity: 'high',
    summary: 'Passport reported stolen, presented at arrivals',
    recordOwner: 'FR',
    subject: { name: 'SIMULATED PERSON', documentNumber: 'X00000001' },
  };
}

/** Raw request texts for `POST /api/v1/hits`, most of them a valid body with one part changed. */
export function ingestText(fixture: HubFixture): fc.Arbitrary<string> {
  const body = fc.constant(undefined).chain(() => mutated(validIngest(fixture), fuzzTime(fixture.windowStart)));
  const timed = fc.tuple(fuzzTime(fixture.windowStart), fc.constantFrom(...SOURCES), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...SEVERITIES)).map(
    ([at, source, score, severity]) => ({ ...validIngest(fixture), at, source, score, severity }),
  );
  const raw = fc.oneof(
    fc.string(),
    fc.constantFrom('{', '[1,2', '{"a":1}}', 'undefined', '\u0000', '', '{"__proto__": {"polluted": "yes"}}', '{"constructor": {"prototype": {"polluted": "yes"}}}'),
  );
  const templated = fc.constantFrom('subject', 'top').map((where) => {
    const text = JSON.stringify(validIngest(fixture));
    return where === 'subject' ? text.replace('"subject":{', '"subject":{"__proto__":{"polluted":"yes"},') : text.replace('{', '{"__proto__":{"polluted":"yes"},');
  });
  const sized = fc.constantFrom(280, 281, 20_000, 70_000).map((length) => JSON.stringify({ ...validIngest(fixture), summary: 'z'.repeat(length) }));
  const bigSubject = fc.integer({ min: 1, max: 400 }).map((keys) =>
    JSON.stringify({ ...validIngest(fixture), subject: Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, 'v'.repeat(150)])) }),
  );
  return fc.oneof(
    { weight: 6, arbitrary: body.map((value) => JSON.stringify(value)) },
    { weight: 3, arbitrary: timed.map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: junk.map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 1, arbitrary: raw },
    { weight: 1, arbitrary: templated },
    { weight: 1, arbitrary: sized },
    { weight: 1, arbitrary: bigSubject },
  );
}

let mutationIds = 0;
/** `command` payloads: each command type, valid or with one part changed, and junk. */
export function commandPayload(fixture: HubFixture): fc.Arbitrary<unknown> {
  const valid = fc.tuple(fc.constantFrom(...fixture.alertIds), fc.constantFrom('acknowledge', 'escalate', 'resolve', 'note', 'assign'), fc.constantFrom(...fixture.officerIds)).map(
    ([alertId, type, officerId]) => {
      mutationIds += 1;
      const base = { type, alertId, mutationId: `fuzz-m-${mutationIds}` };
      switch (type) {
        case 'escalate':
          return { ...base, level: 1 + (mutationIds % 3), reason: 'Needs a lead at the desk' };
        case 'resolve':
          return { ...base, outcome: OUTCOMES[mutationIds % OUTCOMES.length] };
        case 'note':
          return { ...base, text: 'Checked with the desk' };
        case 'assign':
          return { ...base, officerId };
        default:
          return base;
      }
    },
  );
  return fc.oneof(
    { weight: 5, arbitrary: valid.chain((command) => mutated(command)) },
    { weight: 2, arbitrary: junk },
    { weight: 1, arbitrary: fc.constantFrom(undefined, [], [1, 2], { type: 'acknowledge' }) },
  );
}

export function historyPayload(fixture: HubFixture): fc.Arbitrary<unknown> {
  const times = fuzzTime(fixture.windowStart);
  return fc.oneof(
    mutated({ fromSeq: 1, limit: 20, operationId: fixture.operationId }),
    mutated({ fromTime: fixture.windowStart, toTime: Date.now() + 1000, limit: 20 }, times),
    fc.record({ fromTime: times, toTime: times, limit: fc.constantFrom(1, 50, 5000, 5001, 0) }, { requiredKeys: ['limit'] }),
    junk,
  );
}

export function detailsPayload(fixture: HubFixture): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...fixture.alertIds).chain((hitId) => mutated({ hitId, purpose: 'identity-confirmation', reason: 'Identity check at the arrivals desk' })),
    junk,
  );
}

export function presencePayload(fixture: HubFixture): fc.Arbitrary<unknown> {
  return fc.oneof(
    mutated({ doNotDisturbUntil: Date.now() + 600_000 }, fuzzTime(fixture.windowStart)),
    fc.constant({}),
    junk,
  );
}

/** Handshake `auth` objects: a real token with its other fields changed, a forged one, or junk. */
export function handshakeAuth(token: string): fc.Arbitrary<Record<string, unknown>> {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const forged = fc.constantFrom(
    `${header}.${payload}.${signature.split('').reverse().join('')}`,
    `${header}.${Buffer.from('{"sub":"off-admin","role":"admin"}').toString('base64url')}.${signature}`,
    `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`,
    `${token}x`,
    token.slice(0, -1),
  );
  const object = fc.dictionary(fc.oneof(fc.constantFrom(...PROTO_KEYS, 'token', 'since', 'clientId'), fc.string()), junk, { maxKeys: 4 });
  return fc.oneof(
    { weight: 4, arbitrary: mutated({ token, since: 0, clientId: 'fuzz' }).filter(isPlainObject) },
    { weight: 2, arbitrary: fc.tuple(forged, fc.option(fc.nat())).map(([forgedToken, since]) => ({ token: forgedToken, ...(since === null ? {} : { since }) })) },
    { weight: 2, arbitrary: object },
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One call over the bridge: a channel (known or not), its arguments, and the frame it comes from. */
export interface IpcCall {
  readonly channel: string;
  readonly args: readonly unknown[];
  readonly frame: { readonly url: string; readonly parent: unknown } | null;
}

const IPC_VALID: Readonly<Record<string, readonly unknown[]>> = {
  [IPC_CHANNELS.appInfo]: [],
  [IPC_CHANNELS.openExternal]: ['https://www.interpol.int/en'],
  [IPC_CHANNELS.hubConfig]: [],
  [IPC_CHANNELS.reportAlerts]: [{ unacknowledged: 2, critical: [{ alertId: 'hit-1', title: 'Critical hit: SLTD at Lagos airport', body: '' }], escalatedToMe: [] }],
  [IPC_CHANNELS.setDoNotDisturb]: [30],
  [IPC_CHANNELS.doNotDisturb]: [],
  [IPC_CHANNELS.openWallMap]: [],
  [IPC_CHANNELS.tokenSave]: ['eyJhbGciOi.eyJzdWIiOi.c2ln'],
  [IPC_CHANNELS.tokenLoad]: [],
  [IPC_CHANNELS.tokenClear]: [],
};

export function ipcCall(appUrl: string): fc.Arbitrary<IpcCall> {
  const channel = fc.constantFrom(...Object.values(IPC_CHANNELS));
  const args = channel.chain((name) =>
    fc.tuple(
      fc.constant(name),
      fc.oneof(
        { weight: 1, arbitrary: fc.constant(IPC_VALID[name]!) },
        { weight: 3, arbitrary: mutated([...IPC_VALID[name]!, 'padding']).map((value) => (Array.isArray(value) ? value.slice(0, Math.max(1, IPC_VALID[name]!.length)) : [value])) },
        { weight: 3, arbitrary: fc.array(fc.oneof(junk, fc.constantFrom(undefined, 'javascript:alert(1)', 'file:///etc/passwd', 'https://x@evil.example/', -5, 1e9, 1441)), { maxLength: 3 }) },
      ),
    ),
  );
  const frame = fc.oneof(
    { weight: 6, arbitrary: fc.constant({ url: appUrl, parent: null }) },
    { weight: 1, arbitrary: fc.constantFrom({ url: 'https://evil.example/', parent: null }, { url: appUrl, parent: {} }, { url: 'file:///tmp/x.html', parent: null }) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: nastyString.map((url) => ({ url, parent: null })) },
  );
  return fc.tuple(args, frame).map(([[name, callArgs], from]) => ({ channel: name, args: callArgs, frame: from }));
}
