// Deterministic, realistic multilingual customers for benchmarks.
export function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const names = {
  hu: {
    given: [
      'Ádám',
      'Péter',
      'László',
      'Zoltán',
      'Gábor',
      'Dóra',
      'Katalin',
      'Éva',
      'Zsófia',
      'Őrs',
      'Bence',
      'Réka',
      'Ildikó',
      'Győző',
      'Tünde',
    ],
    family: [
      'Kovács',
      'Nagy',
      'Szabó',
      'Tóth',
      'Horváth',
      'Varga',
      'Kiss',
      'Molnár',
      'Németh',
      'Farkas',
      'Szűcs',
      'Fehér',
      'Lukács',
      'Pásztor',
      'Balogh',
    ],
    country: 'HU',
    phone: (n) => `+3630${unique(n, 7)}`,
  },
  tr: {
    given: [
      'Şükrü',
      'Ayşe',
      'Mehmet',
      'Işıl',
      'Çağla',
      'Gökhan',
      'Ömer',
      'Zeynep',
      'İbrahim',
      'Elif',
      'Burak',
      'Gülşen',
      'Serkan',
      'Özlem',
      'Emre',
    ],
    family: [
      'Öztürk',
      'Yılmaz',
      'Kaya',
      'Demir',
      'Şahin',
      'Çelik',
      'Yıldız',
      'Aydın',
      'Özdemir',
      'Arslan',
      'Doğan',
      'Kılıç',
      'Aslan',
      'Çetin',
      'Koç',
    ],
    country: 'TR',
    phone: (n) => `+90532${unique(n, 7)}`,
  },
  uz: {
    given: [
      'Aziz',
      'Dilnoza',
      'Gʻulom',
      'Shahnoza',
      'Oʻktam',
      'Nodira',
      'Jasur',
      'Malika',
      'Sardor',
      'Gulnora',
      'Bekzod',
      'Zarina',
      'Otabek',
      'Feruza',
      'Rustam',
    ],
    family: [
      'Karimov',
      'Rahimova',
      'Oʻrinov',
      'Tursunov',
      'Yusupova',
      'Qodirov',
      'Ismoilov',
      'Nazarova',
      'Xolmatov',
      'Gʻofurov',
      'Saidova',
      'Ergashev',
      'Mirzayev',
      'Sobirova',
      'Abdullayev',
    ],
    country: 'UZ',
    phone: (n) => `+99890${unique(n, 7)}`,
  },
  de: {
    given: [
      'Jürgen',
      'Anna',
      'Lukas',
      'Sophie',
      'Björn',
      'Jörg',
      'Lea',
      'Maximilian',
      'Käthe',
      'Felix',
      'Marie',
      'Tobias',
      'Leonie',
      'Günther',
      'Paul',
    ],
    family: [
      'Müller',
      'Schmidt',
      'Schneider',
      'Fischer',
      'Weiß',
      'Meyer',
      'Wagner',
      'Becker',
      'Schäfer',
      'Koch',
      'Groß',
      'Hoffmann',
      'Schröder',
      'Krüger',
      'Braun',
    ],
    country: 'DE',
    phone: (n) => `+49151${unique(n, 8)}`,
  },
  en: {
    given: [
      'James',
      'Olivia',
      'Noah',
      'Emma',
      'Liam',
      'Ava',
      'Oliver',
      'Mia',
      'Henry',
      'Grace',
      'Jack',
      'Chloe',
      'Harry',
      'Lily',
      'George',
    ],
    family: [
      'Smith',
      'Jones',
      'Taylor',
      'Brown',
      'Williams',
      'Wilson',
      'Johnson',
      'Davies',
      'Robinson',
      'Wright',
      'Thompson',
      'Evans',
      'Walker',
      'White',
      'Roberts',
    ],
    country: 'GB',
    phone: (n) => `+447700${unique(n, 6)}`,
  },
};
const languages = Object.keys(names);
const companies = ['Tekstil A.Ş.', 'Kft.', 'GmbH', 'Ltd', 'MChJ', 'Zrt.', 'AG', 'Savdo', 'Ticaret', 'Trading'];
let random = prng(42);
/** Digits unique per customer number (a fixed permutation, so numbers do not look sequential). */
function unique(n, length) {
  const space = 10 ** length;
  return String((Math.floor(n / 5) * 7_919_063 + 12_345) % space).padStart(length, '0');
}
const pick = (list) => list[Math.floor(random() * list.length)];
const ascii = (s) => s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[ʻ']/g, '').replace(/ı/g, 'i').toLowerCase();

export function reset(seed) {
  random = prng(seed);
}

/** The n-th generated customer: names, language, country, email, phone, company, tags. */
export function person(n) {
  const language = languages[n % languages.length];
  const set = names[language];
  const given = pick(set.given);
  const family = pick(set.family);
  return {
    language,
    country: set.country,
    givenName: given,
    familyName: family,
    email: `${ascii(given)}.${ascii(family)}.${n}@example.${set.country.toLowerCase()}`,
    phone: set.phone(n),
    company: random() < 0.3 ? `${family} ${pick(companies)}` : null,
    tags: random() < 0.1 ? ['vip'] : random() < 0.2 ? ['webshop'] : [],
  };
}

/** A query as a person would type it: accents dropped, words swapped, the odd typo. */
export function queryFor(p, kind) {
  if (kind === 'email') return p.email.toUpperCase();
  if (kind === 'phone')
    return p.phone
      .replace(/^\+36/, '06')
      .replace(/^\+90/, '0')
      .replace(/(\d{3})(\d{3})(\d+)$/, '$1 $2 $3');
  const words = [ascii(p.givenName), ascii(p.familyName)];
  if (kind === 'reversed') words.reverse();
  if (kind === 'typo') words[1] = words[1].slice(0, -2) + words[1].slice(-1);
  return words.join(' ');
}
