// @vitest-environment happy-dom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentLocale, initI18n } from './index';
import { chooseOwnLanguage, languageFor, rememberLanguage } from './language-choice';

beforeAll(async () => {
  await initI18n('en');
});

beforeEach(() => {
  window.localStorage.clear();
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE', 'es-ES']);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the language remembered at this workstation", () => {
  it("given nothing remembered, then the bureau's default, else the workstation's first language the console speaks", () => {
    expect(languageFor('ar')).toBe('ar');
    expect(languageFor(undefined, 'off-1')).toBe('es');
  });

  it('given an officer who chose a language, then it is theirs after a restart and not the next officer’s', async () => {
    await chooseOwnLanguage('ar', 'off-1');
    expect(currentLocale()).toBe('ar');
    expect(languageFor('fr', 'off-1')).toBe('ar');
    expect(languageFor('fr', 'off-2')).toBe('fr');
    expect(languageFor('fr')).toBe('fr');
  });

  it('given a language chosen at sign-in, then the sign-in screen keeps it and an officer without a choice of their own goes on in it', async () => {
    await chooseOwnLanguage('fr');
    rememberLanguage('ar', 'off-1');
    expect(languageFor('es')).toBe('fr');
    expect(languageFor('es', 'off-2')).toBe('fr');
    expect(languageFor('es', 'off-1')).toBe('ar');
  });

  it('given a remembered value the console does not speak (edited by hand, from a later version), then it is passed over', () => {
    window.localStorage.setItem('watchfloor.language:off-1', 'klingon');
    window.localStorage.setItem('watchfloor.language', '');
    expect(languageFor('fr', 'off-1')).toBe('fr');
  });

  it('given storage that cannot be read or written, then the choice still applies to this window and nothing throws', async () => {
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    await chooseOwnLanguage('es', 'off-1');
    expect(currentLocale()).toBe('es');
    expect(languageFor('ar', 'off-1')).toBe('ar');
  });
});
