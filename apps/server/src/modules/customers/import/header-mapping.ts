import type { CustomerImportBaseField, CustomerImportField, ImportMapping } from '@rapport/contracts';
import { foldForSearch } from '../search-text.js';

/**
 * Common column headers in English, Hungarian, Turkish, Uzbek (Latin) and
 * German, as people and the usual tools (Excel, webshops, mail services)
 * write them. Compared folded: lower case, no accents, no spaces or marks.
 */
const synonyms: Record<CustomerImportBaseField, string[]> = {
  givenName: [
    ...['first name', 'firstname', 'given name', 'forename', 'first'],
    ...['keresztnév', 'utónév', 'keresztnev'],
    ...['ad', 'adı', 'isim', 'ilk ad'],
    ...['ism', 'ismi'],
    ...['vorname', 'rufname'],
  ],
  familyName: [
    ...['last name', 'lastname', 'surname', 'family name', 'last'],
    ...['vezetéknév', 'családi név', 'családnév'],
    ...['soyad', 'soyadı', 'soyisim'],
    ...['familiya', 'familiyasi'],
    ...['nachname', 'familienname', 'zuname'],
  ],
  fullName: [
    ...['name', 'full name', 'contact', 'contact name', 'customer', 'customer name', 'display name', 'displayname'],
    ...['név', 'teljes név', 'ügyfél', 'ügyfél neve', 'ügyfélnév', 'kapcsolattartó'],
    ...['ad soyad', 'adı soyadı', 'isim soyisim', 'tam ad', 'müşteri', 'müşteri adı'],
    ...['ism familiya', 'to‘liq ism', 'fish', 'f.i.sh.', 'ism-sharif', 'mijoz'],
    ...['vollständiger name', 'kunde', 'kundenname', 'kontakt'],
  ],
  middleName: [
    ...['middle name', 'middlename', 'patronymic'],
    ...['második keresztnév', 'középső név'],
    ...['ikinci ad', 'göbek adı'],
    ...['otasining ismi', 'sharif', 'otchestvo'],
    ...['zweiter vorname', 'mittelname'],
  ],
  title: [
    ...['title', 'salutation', 'honorific', 'prefix'],
    ...['titulus', 'megszólítás', 'előtag'],
    ...['unvan', 'hitap'],
    ...['unvon', 'murojaat'],
    ...['titel', 'anrede'],
  ],
  formality: ['formality', 'formalitás', 'resmiyet', 'rasmiylik', 'förmlichkeit', 'anredeform'],
  email: [
    ...['email', 'e-mail', 'mail', 'email address', 'e-mail address', 'emails'],
    ...['e-mail cím', 'email cím', 'e-mail-cím', 'levélcím'],
    ...['e-posta', 'eposta', 'e-posta adresi', 'mail adresi'],
    ...['elektron pochta', 'e-pochta', 'pochta', 'email manzil', 'elektron manzil'],
    ...['e-mail-adresse', 'emailadresse', 'mailadresse'],
  ],
  phone: [
    ...['phone', 'telephone', 'phone number', 'mobile', 'mobile phone', 'cell', 'cell phone', 'tel', 'phones'],
    ...['telefon', 'telefonszám', 'mobil', 'mobilszám', 'mobiltelefon'],
    ...['telefon numarası', 'cep telefonu', 'cep', 'gsm', 'cep no'],
    ...['telefon raqami', 'mobil telefon', 'tel raqam'],
    ...['telefonnummer', 'handy', 'handynummer', 'mobilnummer', 'rufnummer'],
  ],
  company: [
    ...['company', 'company name', 'organization', 'organisation', 'business', 'employer', 'account'],
    ...['cég', 'cégnév', 'vállalat', 'munkahely', 'szervezet'],
    ...['şirket', 'şirket adı', 'firma', 'kurum', 'kuruluş'],
    ...['kompaniya', 'korxona', 'tashkilot'],
    ...['unternehmen', 'firmenname', 'organisation'],
  ],
  country: [
    ...['country', 'country code', 'nation'],
    ...['ország', 'országkód'],
    ...['ülke', 'ülke kodu'],
    ...['davlat', 'mamlakat'],
    ...['land', 'staat', 'ländercode'],
  ],
  language: [
    ...['language', 'lang', 'locale', 'preferred language'],
    ...['nyelv', 'anyanyelv'],
    ...['dil', 'tercih edilen dil'],
    ...['til'],
    ...['sprache', 'muttersprache'],
  ],
  timeZone: ['time zone', 'timezone', 'tz', 'időzóna', 'saat dilimi', 'vaqt mintaqasi', 'zeitzone'],
  tags: [
    ...['tags', 'tag', 'labels', 'label', 'groups', 'segments', 'segment'],
    ...['címkék', 'címke', 'csoport'],
    ...['etiketler', 'etiket', 'grup'],
    ...['teglar', 'teg', 'belgilar', 'guruh'],
    ...['schlagwörter', 'etiketten', 'gruppe'],
  ],
  consent: [
    ...['consent', 'marketing consent', 'newsletter', 'opt in', 'opt-in', 'subscribed', 'accepts marketing'],
    ...['hozzájárulás', 'hírlevél', 'marketing hozzájárulás', 'feliratkozott'],
    ...['izin', 'onay', 'pazarlama izni', 'bülten', 'ileti izni'],
    ...['rozilik', 'obuna', 'reklama roziligi'],
    ...['einwilligung', 'zustimmung', 'werbeeinwilligung', 'newsletter-anmeldung'],
  ],
};

/** A header reduced to what matters: "E-Mail-Adresse", "e-mail adresse" and "EmailAdresse" meet. */
export function foldHeader(header: string): string {
  return foldForSearch(header.replace(/\(.*?\)|\[.*?\]/g, ' ')).replace(/[^a-z0-9]+/g, '');
}

const byFolded = new Map<string, CustomerImportBaseField>();
for (const [field, names] of Object.entries(synonyms) as [CustomerImportBaseField, string[]][]) {
  // The English field names themselves ("givenName", "timeZone") read back an export.
  for (const name of [field, ...names]) if (!byFolded.has(foldHeader(name))) byFolded.set(foldHeader(name), field);
}

// Columns that may be mapped more than once: every email and phone becomes an identity, all tags are kept.
const repeatable = new Set<string>(['email', 'phone', 'tags']);

/** The field a header most likely holds, or null. Numbered copies ("E-mail 2", "Telefon (mobil)") count. */
export function fieldForHeader(header: string): CustomerImportBaseField | null {
  const folded = foldHeader(header);
  if (!folded) return null;
  const exact = byFolded.get(folded) ?? byFolded.get(folded.replace(/\d+$/, ''));
  if (exact) return exact;
  // "Work email", "Privat E-Mail", "İş telefonu": a qualifier around an email or phone word.
  if (/(email|eposta|epochta|mailadresse)/.test(folded)) return 'email';
  if (/(phone|telefon|mobil|handy|gsm)/.test(folded)) return 'phone';
  return null;
}

/**
 * Suggests a field for every header: synonyms in five languages, then custom
 * attributes by key or label. Each single-valued field goes to its first
 * header only; email, phone and tags may take several.
 */
export function suggestMapping(headers: string[], attributes: { key: string; label: string }[] = []): ImportMapping {
  const attributeByName = new Map<string, string>();
  for (const attribute of attributes) {
    attributeByName.set(foldHeader(attribute.key), `attribute:${attribute.key}`);
    attributeByName.set(foldHeader(attribute.label), `attribute:${attribute.key}`);
  }
  const used = new Set<string>();
  const mapping: ImportMapping = {};
  for (const header of headers) {
    const field: CustomerImportField | null = attributeByName.get(foldHeader(header)) ?? fieldForHeader(header);
    if (field && (repeatable.has(field) || !used.has(field))) {
      mapping[header] = field;
      used.add(field);
    } else {
      mapping[header] = null;
    }
  }
  // "Vorname" + "Name", "First name" + "Name": beside a given name, the bare name column is the family name.
  if (used.has('givenName') && !used.has('familyName')) {
    for (const header of headers) if (mapping[header] === 'fullName') mapping[header] = 'familyName';
  }
  return mapping;
}

/** Whether a field may be mapped from several columns. */
export function isRepeatableField(field: string): boolean {
  return repeatable.has(field);
}

/** Makes header names unique ("Telefon", "Telefon (2)") and names empty ones ("Column 3"), so a mapping can key by them. */
export function uniqueHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((value, index) => {
    const base = value.trim() || `Column ${index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}
