import { languageTag } from '@rapport/contracts';
import { foldForSearch } from '../search-text.js';

/**
 * Countries, languages and time zones as a spreadsheet may name them: ISO
 * codes, or names in English, Hungarian, Turkish, Uzbek or German (from the
 * runtime's CLDR data through Intl.DisplayNames), accents and case ignored.
 */

const locales = ['en', 'hu', 'tr', 'uz', 'de'];
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
// Region codes CLDR names that are not countries a customer lives in.
const notCountries = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

function foldName(text: string): string {
  return foldForSearch(text).replace(/[^a-z0-9]+/g, '');
}

let countries: Map<string, string> | undefined;

function countryIndex(): Map<string, string> {
  if (countries) return countries;
  countries = new Map();
  const names = locales.map((locale) => new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' }));
  for (const first of letters) {
    for (const second of letters) {
      const code = first + second;
      if (notCountries.has(code) || !names[0]!.of(code)) continue;
      // Old codes (DD, SU, YU, UK…) stand for today's country and lend it no names.
      const canonical = new Intl.Locale(`und-${code}`).region ?? code;
      countries.set(code.toLowerCase(), canonical);
      if (canonical !== code) continue;
      for (const display of names) {
        const name = display.of(code);
        if (name && !countries.has(foldName(name))) countries.set(foldName(name), code);
      }
    }
  }
  const aliases: Record<string, string> = {
    usa: 'US',
    unitedstatesofamerica: 'US',
    america: 'US',
    uk: 'GB',
    england: 'GB',
    greatbritain: 'GB',
    turkey: 'TR',
    turkiye: 'TR',
    turkiyecumhuriyeti: 'TR',
    deutschland: 'DE',
    germany: 'DE',
    brd: 'DE',
    magyarorszag: 'HU',
    hungary: 'HU',
    uzbekistan: 'UZ',
    ozbekiston: 'UZ',
    uzbekiston: 'UZ',
    hun: 'HU',
    tur: 'TR',
    uzb: 'UZ',
    deu: 'DE',
    ger: 'DE',
    aut: 'AT',
    che: 'CH',
    gbr: 'GB',
    fra: 'FR',
    ita: 'IT',
    esp: 'ES',
    nld: 'NL',
    pol: 'PL',
    rou: 'RO',
    svk: 'SK',
    cze: 'CZ',
    ukr: 'UA',
    rus: 'RU',
    kaz: 'KZ',
    kgz: 'KG',
    tjk: 'TJ',
    tkm: 'TM',
    aze: 'AZ',
    srb: 'RS',
    hrv: 'HR',
    svn: 'SI',
    bgr: 'BG',
    grc: 'GR',
  };
  for (const [name, code] of Object.entries(aliases)) countries.set(name, code);
  return countries;
}

/**
 * Remembers answers for the few distinct values a column holds (a million
 * rows may say "Magyarország" a million times); at most `size` of them.
 */
function remembered(parse: (text: string) => string | undefined, size = 2000): (text: string) => string | undefined {
  const answers = new Map<string, string | null>();
  return (text) => {
    const known = answers.get(text);
    if (known !== undefined) return known ?? undefined;
    const answer = parse(text);
    if (answers.size < size) answers.set(text, answer ?? null);
    return answer;
  };
}

/** An ISO 3166-1 alpha-2 code from a code ("hu", "HUN") or a name ("Magyarország", "Türkiye", "Oʻzbekiston"). */
export const parseCountry = remembered((text) => countryIndex().get(foldName(text)));

let languages: Map<string, string> | undefined;

function languageIndex(): Map<string, string> {
  if (languages) return languages;
  languages = new Map();
  const names = locales.map((locale) => new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }));
  for (const first of letters.toLowerCase()) {
    for (const second of letters.toLowerCase()) {
      const code = first + second;
      if (!names[0]!.of(code) || names[0]!.of(code) === code) continue;
      for (const display of names) {
        const name = display.of(code);
        if (name && name !== code && !languages.has(foldName(name))) languages.set(foldName(name), code);
      }
    }
  }
  return languages;
}

/** A language tag from a tag ("hu", "hu-HU", "uz-Latn") or a name ("magyar", "Türkçe", "oʻzbek", "Deutsch", "német"). */
export const parseLanguage = remembered(readLanguage);

function readLanguage(text: string): string | undefined {
  const value = text.trim();
  if (/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(value)) {
    try {
      const [canonical] = Intl.getCanonicalLocales(value.replace(/_/g, '-'));
      if (canonical && languageTag.safeParse(canonical).success) return canonical;
    } catch {
      // not a well-formed tag: try it as a name below
    }
  }
  return languageIndex().get(foldName(value));
}

/** The canonical IANA name of a time zone ("europe/budapest" → "Europe/Budapest"), or undefined. */
export const parseTimeZone = remembered((text) => {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: text.trim() }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
});
