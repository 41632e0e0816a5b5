import { describe, expect, it } from 'vitest';
import { byCountryName, countryList, countryName } from './countries';

describe('country names in the interface language', () => {
  it.each([
    ['en', 'Nigeria', 'Côte d’Ivoire'],
    ['fr', 'Nigeria', 'Côte d’Ivoire'],
    ['es', 'Nigeria', 'Côte d’Ivoire'],
    ['ar', 'نيجيريا', 'ساحل العاج'],
  ])('given %s, then an ISO code reads as the country named in that language', (language, nigeria, ivoryCoast) => {
    expect(countryName('NG', language)).toBe(nigeria);
    expect(countryName('ci', language)).toBe(ivoryCoast);
  });

  it.each(['', 'N', 'NGA', '12', 'N G', 'QQ'])('given the code %j nobody can name, then it reads as itself', (code) => {
    expect(countryName(code, 'en')).toBe(code);
  });

  it('given several codes, then they are listed and sorted the language\'s way', () => {
    expect(countryList(['NG', 'BJ', 'TG'], 'en')).toBe('Nigeria, Benin and Togo');
    expect(countryList(['NG', 'BJ', 'TG'], 'fr')).toBe('Nigeria, Bénin et Togo');
    expect(byCountryName(['TG', 'DE', 'BJ'], 'fr').map((country) => country.name)).toEqual(['Allemagne', 'Bénin', 'Togo']);
  });
});
