/**
 * Uzbek (Latin) calendar and name data from CLDR, for browsers that list
 * Uzbek among their Intl locales without shipping its data (Chromium formats
 * "2026 M11 25" and "+3 d" there). format.ts uses it only when the browser's
 * own Intl output for Uzbek is the bare root fallback.
 */

const monthsShort = ['yan', 'fev', 'mar', 'apr', 'may', 'iyn', 'iyl', 'avg', 'sen', 'okt', 'noy', 'dek'];
/** ISO weekday order: Monday first. */
const weekdaysLong = ['dushanba', 'seshanba', 'chorshanba', 'payshanba', 'juma', 'shanba', 'yakshanba'];
const weekdaysShort = ['Dush', 'Sesh', 'Chor', 'Pay', 'Jum', 'Shan', 'Yak'];

/** Language names in Uzbek for the codes the console offers. */
const languageNames: Record<string, string> = {
  ar: 'arab',
  az: 'ozarbayjon',
  bg: 'bolgar',
  cs: 'chex',
  da: 'dan',
  de: 'nemis',
  el: 'grek',
  en: 'ingliz',
  es: 'ispan',
  fa: 'fors',
  fi: 'fin',
  fr: 'fransuz',
  he: 'ivrit',
  hi: 'hind',
  hu: 'venger',
  id: 'indonez',
  it: 'italyan',
  ja: 'yapon',
  kk: 'qozoq',
  ko: 'koreys',
  ky: 'qirgʻiz',
  nl: 'niderland',
  pl: 'polyak',
  pt: 'portugal',
  ro: 'rumin',
  ru: 'rus',
  sk: 'slovak',
  sv: 'shved',
  tg: 'tojik',
  tr: 'turk',
  uk: 'ukrain',
  uz: 'oʻzbek',
  vi: 'vyetnam',
  zh: 'xitoy',
};

/**
 * Country and territory names in Uzbek (CLDR 48), for every code in countries.ts;
 * CLDR's ‘ and ’ written as the modifier letters ʻ and ʼ, as the catalogs do.
 */
const regionNames: Record<string, string> = {
  AD: 'Andorra',
  AE: 'Birlashgan Arab Amirliklari',
  AF: 'Afgʻoniston',
  AG: 'Antigua va Barbuda',
  AI: 'Angilya',
  AL: 'Albaniya',
  AM: 'Armaniston',
  AO: 'Angola',
  AQ: 'Antarktida',
  AR: 'Argentina',
  AS: 'Amerika Samoasi',
  AT: 'Avstriya',
  AU: 'Avstraliya',
  AW: 'Aruba',
  AX: 'Aland orollari',
  AZ: 'Ozarbayjon',
  BA: 'Bosniya va Gertsegovina',
  BB: 'Barbados',
  BD: 'Bangladesh',
  BE: 'Belgiya',
  BF: 'Burkina-Faso',
  BG: 'Bolgariya',
  BH: 'Bahrayn',
  BI: 'Burundi',
  BJ: 'Benin',
  BL: 'Sen-Bartelemi',
  BM: 'Bermuda orollari',
  BN: 'Bruney',
  BO: 'Boliviya',
  BQ: 'Boneyr, Sint-Estatius va Saba',
  BR: 'Braziliya',
  BS: 'Bagama orollari',
  BT: 'Butan',
  BV: 'Buve oroli',
  BW: 'Botsvana',
  BY: 'Belarus',
  BZ: 'Beliz',
  CA: 'Kanada',
  CC: 'Kokos (Kiling) orollari',
  CD: 'Kongo – Kinshasa',
  CF: 'Markaziy Afrika Respublikasi',
  CG: 'Kongo – Brazzavil',
  CH: 'Shveytsariya',
  CI: 'Kot-dʼIvuar',
  CK: 'Kuk orollari',
  CL: 'Chili',
  CM: 'Kamerun',
  CN: 'Xitoy',
  CO: 'Kolumbiya',
  CR: 'Kosta-Rika',
  CU: 'Kuba',
  CV: 'Kabo-Verde',
  CW: 'Kyurasao',
  CX: 'Rojdestvo oroli',
  CY: 'Kipr',
  CZ: 'Chexiya',
  DE: 'Germaniya',
  DJ: 'Jibuti',
  DK: 'Daniya',
  DM: 'Dominika',
  DO: 'Dominikan Respublikasi',
  DZ: 'Jazoir',
  EC: 'Ekvador',
  EE: 'Estoniya',
  EG: 'Misr',
  EH: 'Gʻarbiy Sahroi Kabir',
  ER: 'Eritreya',
  ES: 'Ispaniya',
  ET: 'Efiopiya',
  FI: 'Finlandiya',
  FJ: 'Fiji',
  FK: 'Folklend orollari',
  FM: 'Mikroneziya',
  FO: 'Farer orollari',
  FR: 'Fransiya',
  GA: 'Gabon',
  GB: 'Buyuk Britaniya',
  GD: 'Grenada',
  GE: 'Gruziya',
  GF: 'Fransuz Gvianasi',
  GG: 'Gernsi',
  GH: 'Gana',
  GI: 'Gibraltar',
  GL: 'Grenlandiya',
  GM: 'Gambiya',
  GN: 'Gvineya',
  GP: 'Gvadelupe',
  GQ: 'Ekvatorial Gvineya',
  GR: 'Gretsiya',
  GS: 'Janubiy Georgiya va Janubiy Sendvich orollari',
  GT: 'Gvatemala',
  GU: 'Guam',
  GW: 'Gvineya-Bisau',
  GY: 'Gayana',
  HK: 'Gonkong (Xitoy MMH)',
  HM: 'Xerd va Makdonald orollari',
  HN: 'Gonduras',
  HR: 'Xorvatiya',
  HT: 'Gaiti',
  HU: 'Vengriya',
  ID: 'Indoneziya',
  IE: 'Irlandiya',
  IL: 'Isroil',
  IM: 'Men oroli',
  IN: 'Hindiston',
  IO: 'Britaniyaning Hind okeanidagi hududi',
  IQ: 'Iroq',
  IR: 'Eron',
  IS: 'Islandiya',
  IT: 'Italiya',
  JE: 'Jersi',
  JM: 'Yamayka',
  JO: 'Iordaniya',
  JP: 'Yaponiya',
  KE: 'Keniya',
  KG: 'Qirgʻiziston',
  KH: 'Kambodja',
  KI: 'Kiribati',
  KM: 'Komor orollari',
  KN: 'Sent-Kits va Nevis',
  KP: 'Shimoliy Koreya',
  KR: 'Janubiy Koreya',
  KW: 'Quvayt',
  KY: 'Kayman orollari',
  KZ: 'Qozogʻiston',
  LA: 'Laos',
  LB: 'Livan',
  LC: 'Sent-Lyusiya',
  LI: 'Lixtenshteyn',
  LK: 'Shri-Lanka',
  LR: 'Liberiya',
  LS: 'Lesoto',
  LT: 'Litva',
  LU: 'Lyuksemburg',
  LV: 'Latviya',
  LY: 'Liviya',
  MA: 'Marokash',
  MC: 'Monako',
  MD: 'Moldova',
  ME: 'Chernogoriya',
  MF: 'Sent-Martin',
  MG: 'Madagaskar',
  MH: 'Marshall orollari',
  MK: 'Shimoliy Makedoniya',
  ML: 'Mali',
  MM: 'Myanma (Birma)',
  MN: 'Mongoliya',
  MO: 'Makao (Xitoy MMH)',
  MP: 'Shimoliy Mariana orollari',
  MQ: 'Martinika',
  MR: 'Mavritaniya',
  MS: 'Montserrat',
  MT: 'Malta',
  MU: 'Mavrikiy',
  MV: 'Maldiv orollari',
  MW: 'Malavi',
  MX: 'Meksika',
  MY: 'Malayziya',
  MZ: 'Mozambik',
  NA: 'Namibiya',
  NC: 'Yangi Kaledoniya',
  NE: 'Niger',
  NF: 'Norfolk oroli',
  NG: 'Nigeriya',
  NI: 'Nikaragua',
  NL: 'Niderlandiya',
  NO: 'Norvegiya',
  NP: 'Nepal',
  NR: 'Nauru',
  NU: 'Niue',
  NZ: 'Yangi Zelandiya',
  OM: 'Ummon',
  PA: 'Panama',
  PE: 'Peru',
  PF: 'Fransuz Polineziyasi',
  PG: 'Papua – Yangi Gvineya',
  PH: 'Filippin',
  PK: 'Pokiston',
  PL: 'Polsha',
  PM: 'Sen-Pyer va Mikelon',
  PN: 'Pitkern orollari',
  PR: 'Puerto-Riko',
  PS: 'Falastin hududlari',
  PT: 'Portugaliya',
  PW: 'Palau',
  PY: 'Paragvay',
  QA: 'Qatar',
  RE: 'Reyunion',
  RO: 'Ruminiya',
  RS: 'Serbiya',
  RU: 'Rossiya',
  RW: 'Ruanda',
  SA: 'Saudiya Arabistoni',
  SB: 'Solomon orollari',
  SC: 'Seyshel orollari',
  SD: 'Sudan',
  SE: 'Shvetsiya',
  SG: 'Singapur',
  SH: 'Muqaddas Yelena oroli',
  SI: 'Sloveniya',
  SJ: 'Shpitsbergen va Yan-Mayen',
  SK: 'Slovakiya',
  SL: 'Syerra-Leone',
  SM: 'San-Marino',
  SN: 'Senegal',
  SO: 'Somali',
  SR: 'Surinam',
  SS: 'Janubiy Sudan',
  ST: 'San-Tome va Prinsipi',
  SV: 'Salvador',
  SX: 'Sint-Marten',
  SY: 'Suriya',
  SZ: 'Svazilend',
  TC: 'Turks va Kaykos orollari',
  TD: 'Chad',
  TF: 'Fransuz Janubiy hududlari',
  TG: 'Togo',
  TH: 'Tailand',
  TJ: 'Tojikiston',
  TK: 'Tokelau',
  TL: 'Timor-Leste',
  TM: 'Turkmaniston',
  TN: 'Tunis',
  TO: 'Tonga',
  TR: 'Turkiya',
  TT: 'Trinidad va Tobago',
  TV: 'Tuvalu',
  TW: 'Tayvan',
  TZ: 'Tanzaniya',
  UA: 'Ukraina',
  UG: 'Uganda',
  UM: 'AQSH yondosh orollari',
  US: 'Amerika Qoʻshma Shtatlari',
  UY: 'Urugvay',
  UZ: 'Oʻzbekiston',
  VA: 'Vatikan',
  VC: 'Sent-Vinsent va Grenadin',
  VE: 'Venesuela',
  VG: 'Britaniya Virgin orollari',
  VI: 'AQSH Virgin orollari',
  VN: 'Vyetnam',
  VU: 'Vanuatu',
  WF: 'Uollis va Futuna',
  WS: 'Samoa',
  YE: 'Yaman',
  YT: 'Mayotta',
  ZA: 'Janubiy Afrika Respublikasi',
  ZM: 'Zambiya',
  ZW: 'Zimbabve',
};

type Unit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second';

const unitWords: Record<Unit, string> = {
  year: 'yil',
  month: 'oy',
  week: 'hafta',
  day: 'kun',
  hour: 'soat',
  minute: 'daqiqa',
  second: 'soniya',
};

/** "numeric: auto" phrases for -1, 0 and +1. */
const nearWords: Partial<Record<Unit, Record<number, string>>> = {
  year: { [-1]: 'oʻtgan yil', 0: 'shu yil', 1: 'keyingi yil' },
  month: { [-1]: 'oʻtgan oy', 0: 'shu oy', 1: 'keyingi oy' },
  week: { [-1]: 'oʻtgan hafta', 0: 'shu hafta', 1: 'keyingi hafta' },
  day: { [-1]: 'kecha', 0: 'bugun', 1: 'ertaga' },
  second: { 0: 'hozir' },
};

interface CalendarParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  weekday: number;
}

/** The date's fields in a time zone, read through Intl (numbers need no locale data). */
function partsOf(date: Date, timeZone?: string): CalendarParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), weekday };
}

/** CLDR medium date: "25-noy, 2026". */
export function uzbekDate(date: Date, timeZone?: string): string {
  const parts = partsOf(date, timeZone);
  return `${Number(parts.day)}-${monthsShort[Number(parts.month) - 1] ?? parts.month}, ${parts.year}`;
}

/** CLDR medium date with short time: "25-noy, 2026, 14:05". */
export function uzbekDateTime(date: Date, timeZone?: string): string {
  const parts = partsOf(date, timeZone);
  return `${uzbekDate(date, timeZone)}, ${parts.hour}:${parts.minute}`;
}

/** Weekday and time: "Sesh 14:05". */
export function uzbekWeekdayTime(date: Date, timeZone?: string): string {
  const parts = partsOf(date, timeZone);
  return `${weekdaysShort[parts.weekday - 1] ?? ''} ${parts.hour}:${parts.minute}`.trim();
}

/** ISO weekday (1 = Monday) by name. */
export function uzbekWeekday(day: number, width: 'long' | 'short'): string {
  return (width === 'long' ? weekdaysLong : weekdaysShort)[day - 1] ?? String(day);
}

/** Relative time as Intl.RelativeTimeFormat with numeric "auto" would say it. */
export function uzbekRelativeTime(value: number, unit: Unit): string {
  const near = nearWords[unit]?.[value];
  if (near) return near;
  const word = unitWords[unit];
  return value >= 0 ? `${value} ${word}dan keyin` : `${-value} ${word} oldin`;
}

/** "a, b va c". */
export function uzbekList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} va ${items.at(-1)}`;
}

/** A language's Uzbek name, when known. */
export function uzbekLanguageName(code: string): string | undefined {
  return languageNames[code.toLowerCase().split('-')[0] ?? ''];
}

/** A country's or territory's Uzbek name, when known ("HU" → "Vengriya"). */
export function uzbekRegionName(code: string): string | undefined {
  return regionNames[code.toUpperCase()];
}
