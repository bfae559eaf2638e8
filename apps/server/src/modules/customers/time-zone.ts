/**
 * The time zone of a country when it has only one (Hungary, Turkey,
 * Uzbekistan has two that agree: the first is taken), from the runtime's CLDR
 * data; undefined for countries spanning several offsets (US, Russia, Brazil).
 */
export function countryTimeZone(country: string): string | undefined {
  const key = country.toUpperCase();
  if (!/^[A-Z]{2}$/.test(key)) return undefined;
  // Computing it builds a few DateTimeFormats (~0.1 ms); there are at most 26 × 26 two-letter codes.
  if (!zoneByCountry.has(key)) zoneByCountry.set(key, computeCountryTimeZone(key));
  return zoneByCountry.get(key);
}

const zoneByCountry = new Map<string, string | undefined>();

// Country-code domains sold and used worldwide as generic names (example.io, example.co, example.tv): they say
// nothing about where the writer is.
const genericCountryDomains = new Set(
  'ac ag ai am bz cc cd cf co cx dj fm ga gg gl gq io la ly md me ml ms mu nu sc sh so st tk to tv vc vg ws'.split(' '),
);

/**
 * The time zone an email address suggests: that of the country of its domain's country-code top-level domain
 * (kovacs@example.hu → Europe/Budapest) when the country has one (see countryTimeZone); undefined for generic
 * domains (.com, .org, .io …), for countries spanning several offsets and for anything that is not an address.
 */
export function emailAddressTimeZone(address: string): string | undefined {
  const topLevel = /@[^@\s]+\.([a-z]{2})\.?$/i.exec(address.trim())?.[1]?.toLowerCase();
  if (!topLevel || genericCountryDomains.has(topLevel)) return undefined;
  return countryTimeZone(topLevel === 'uk' ? 'GB' : topLevel);
}

function computeCountryTimeZone(country: string): string | undefined {
  let zones: string[] | undefined;
  try {
    const locale = new Intl.Locale(`und-${country.toUpperCase()}`) as Intl.Locale & {
      timeZones?: string[];
      getTimeZones?: () => string[];
    };
    zones = locale.getTimeZones?.() ?? locale.timeZones;
  } catch {
    return undefined;
  }
  if (!zones?.length) return undefined;
  const offsets = new Set(zones.map((zone) => offsetsOf(zone)));
  return offsets.size === 1 ? preferred(country, zones) : undefined;
}

// Where CLDR lists several zones with the same rules, the capital's is the one people know.
const capitals: Record<string, string> = { UZ: 'Asia/Tashkent', DE: 'Europe/Berlin', CN: 'Asia/Shanghai', ES: 'Europe/Madrid' };

function preferred(country: string, zones: string[]): string {
  const capital = capitals[country.toUpperCase()];
  return capital && zones.includes(capital) ? capital : zones[0]!;
}

/** The zone's UTC offsets in January and July (standard and summer time). */
function offsetsOf(zone: string): string {
  const year = new Date().getUTCFullYear();
  return [0, 6]
    .map(
      (month) =>
        new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' })
          .formatToParts(new Date(Date.UTC(year, month, 15)))
          .find((part) => part.type === 'timeZoneName')?.value,
    )
    .join('/');
}
