import { describe, expect, it } from 'vitest';
import { chooseLanguage, type LanguageSources } from './choose-language';

const nothing: LanguageSources = { workstationLanguages: [] };

describe('the language the console speaks', () => {
  it('given nothing chosen, configured or known of the workstation, then English', () => {
    expect(chooseLanguage(nothing)).toBe('en');
  });

  it("given the officer's own choice, then it wins over every other", () => {
    expect(chooseLanguage({ officerChoice: 'ar', signInChoice: 'fr', bureauDefault: 'es', workstationLanguages: ['fr-FR'] })).toBe('ar');
  });

  it("given no choice of the officer's, then the one made at this workstation's sign-in wins over the bureau's default", () => {
    expect(chooseLanguage({ signInChoice: 'fr', bureauDefault: 'es', workstationLanguages: ['ar'] })).toBe('fr');
  });

  it("given no choice at all, then the bureau's default wins over the workstation's languages", () => {
    expect(chooseLanguage({ bureauDefault: 'es', workstationLanguages: ['fr-FR', 'en'] })).toBe('es');
  });

  it("given a bureau's regional tag, then its base language", () => {
    expect(chooseLanguage({ bureauDefault: 'fr-BJ', workstationLanguages: [] })).toBe('fr');
  });

  it("given no choice and no bureau default, then the first of the workstation's languages the console speaks", () => {
    expect(chooseLanguage({ workstationLanguages: ['de-DE', 'pt', 'es-MX', 'fr'] })).toBe('es');
  });

  it("given only workstation languages the console does not speak, then English", () => {
    expect(chooseLanguage({ workstationLanguages: ['de-DE', 'zh-Hant-TW'] })).toBe('en');
  });

  it('given a remembered choice that is no language the console speaks, then it is passed over for the next step', () => {
    expect(chooseLanguage({ officerChoice: 'de', signInChoice: 'Français', bureauDefault: 'ar', workstationLanguages: [] })).toBe('ar');
  });

  it("given a bureau default the console does not speak or that is malformed, then the workstation's language", () => {
    for (const bureauDefault of ['de', 'français', '', 'fr_FR', '<script>']) {
      expect(chooseLanguage({ bureauDefault, workstationLanguages: ['es-ES'] }), bureauDefault).toBe('es');
    }
  });

  it('given malformed workstation languages, then they are passed over', () => {
    expect(chooseLanguage({ workstationLanguages: ['', '*', 'ar-'] })).toBe('en');
  });
});
