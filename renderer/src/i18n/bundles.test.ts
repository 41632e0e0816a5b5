import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ar } from './ar';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';

/**
 * Every language says what English says: the same placeholders in every string (a translation that drops
 * `{{name}}` hides a fact from the officer), and every plural group in exactly the forms the language's
 * plural rules ask for. The compiler already checks that no key is missing.
 */
type Tree = { readonly [key: string]: string | Tree };

const BUNDLES: Record<string, Tree> = { fr, es, ar };

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]!))].sort();
}

/** `[path, text]` for every string of a bundle. */
function strings(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value]] : strings(value, `${prefix}${key}.`)) as [string, string][]);
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** The number a plural form is chosen by, raw or formatted: a form may say it in words ("two records"). */
const COUNTED = new Set(['count', 'records']);

describe.each(Object.entries(BUNDLES))('the %s bundle', (language, bundle) => {
  const english = new Map(strings(en));
  const own = strings(bundle);

  it('given each string, then it has the placeholders English has (a plural form may say its number in words)', () => {
    const wrong: string[] = [];
    for (const [key, text] of own) {
      const found = placeholders(text);
      if (!PLURAL.test(key)) {
        const expected = placeholders(english.get(key) ?? '');
        if (JSON.stringify(found) !== JSON.stringify(expected)) wrong.push(`${key}: ${found.join(',')} instead of ${expected.join(',')}`);
        continue;
      }
      const forms = [english.get(key.replace(PLURAL, '_one')) ?? '', english.get(key.replace(PLURAL, '_other')) ?? ''].map(placeholders);
      const allowed = new Set(forms.flat());
      // A zero form ("no records") has nothing to list, so it may leave every value out.
      const required = key.endsWith('_zero') ? [] : forms[1]!.filter((name) => forms[0]!.includes(name) && !COUNTED.has(name));
      const missing = required.filter((name) => !found.includes(name));
      const extra = found.filter((name) => !allowed.has(name));
      if (missing.length > 0 || extra.length > 0) wrong.push(`${key}: missing ${missing.join(',')}; unknown ${extra.join(',')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('given each plural group, then it has exactly the forms of the language', () => {
    const categories = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
    const groups = new Map<string, string[]>();
    for (const [key] of own) {
      const match = PLURAL.exec(key);
      if (match) groups.set(key.replace(PLURAL, ''), [...(groups.get(key.replace(PLURAL, '')) ?? []), match[1]!]);
    }
    const wrong = [...groups].filter(([, forms]) => JSON.stringify(forms.sort()) !== JSON.stringify(categories));
    expect(wrong).toEqual([]);
    expect(groups.size).toBeGreaterThan(0);
  });

  it('given each key cap, then it is the letter the console listens for, whatever the language', () => {
    const caps = own.filter(([key]) => /(^|\.)(keyCap\.|shortcuts\.key\.)/.test(key));
    expect(caps.filter(([key, text]) => text !== english.get(key)).map(([key]) => key)).toEqual([]);
    expect(caps.length).toBeGreaterThan(0);
  });

  it('given each string English says, then it is not left empty', () => {
    expect(own.filter(([key, text]) => text.trim() === '' && english.get(key.replace(PLURAL, '_other'))?.trim() && english.get(key)?.trim() !== '').map(([key]) => key)).toEqual([]);
  });
});

describe('plural forms as an officer reads them', () => {
  async function say(language: 'fr' | 'es' | 'ar', count: number): Promise<string> {
    const instance = i18next.createInstance();
    await instance.init({ lng: language, resources: { [language]: { translation: BUNDLES[language]! } }, interpolation: { escapeValue: false } });
    return instance.t('presence.online', { count });
  }

  it('given Arabic, then none, one, two, a few, many and a hundred officers each take their own form', async () => {
    const forms = await Promise.all([0, 1, 2, 3, 11, 100].map((count) => say('ar', count)));
    expect(forms).toEqual([ar.presence.online_zero, ar.presence.online_one, ar.presence.online_two, ...['few', 'many', 'other'].map((form, index) => ar.presence[`online_${form}` as 'online_few'].replace('{{count}}', String([3, 11, 100][index])))]);
  });

  it('given French and Spanish, then zero and one are singular in French only, and a million takes the "many" form', async () => {
    expect(await say('fr', 0)).toBe(fr.presence.online_one.replace('{{count}}', '0'));
    expect(await say('es', 0)).toBe(es.presence.online_other.replace('{{count}}', '0'));
    expect(await say('fr', 1_000_000)).toBe(fr.presence.online_many.replace('{{count}}', '1000000'));
    expect(await say('es', 1_000_000)).toBe(es.presence.online_many.replace('{{count}}', '1000000'));
  });
});
