import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES, spokenLanguage } from './languages';

describe('the languages the console speaks', () => {
  it('given the four supported codes, then each is spoken as itself', () => {
    expect(LANGUAGE_CODES.map(spokenLanguage)).toEqual(['en', 'fr', 'es', 'ar']);
  });

  it('given a tag with a region or script, or in capitals, then its base language is spoken', () => {
    expect(spokenLanguage('fr-BJ')).toBe('fr');
    expect(spokenLanguage('ar-Arab-EG')).toBe('ar');
    expect(spokenLanguage('ES')).toBe('es');
    expect(spokenLanguage('en-us')).toBe('en');
  });

  it('given a language the console does not speak, then none', () => {
    expect(spokenLanguage('de')).toBeUndefined();
    expect(spokenLanguage('pt-BR')).toBeUndefined();
    expect(spokenLanguage('fra')).toBeUndefined();
  });

  it('given something that is not a language tag, then none and no error', () => {
    for (const bad of ['', ' ', 'English', 'Français', 'fr_FR', 'fr-', '-fr', 'en; fr', 'fr-BJ-', 42, undefined, null, {}, ['fr']]) {
      expect(spokenLanguage(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });
});
