import { timeZoneOffset, zoneCityName } from '../platform/format';

/** The option groups of a time zone select, in the order shown: continents, oceans, poles, then UTC and the rest. */
export const timeZoneAreas = [
  'europe',
  'asia',
  'africa',
  'america',
  'australia',
  'pacific',
  'atlantic',
  'indian',
  'antarctica',
  'arctic',
  'other',
] as const;

export type TimeZoneArea = (typeof timeZoneAreas)[number];

export interface TimeZoneOption {
  /** The IANA id: what is saved. */
  zone: string;
  /** "Toshkent (GMT+05:00)". */
  label: string;
}

export interface TimeZoneGroup {
  area: TimeZoneArea;
  options: TimeZoneOption[];
}

/** The area of a zone id, by its first part ("America/Indiana/Knox" → "america"); UTC, Etc/ and legacy ids are "other". */
export function timeZoneArea(zone: string): TimeZoneArea {
  const first = zone.includes('/') ? zone.split('/')[0]?.toLowerCase() : undefined;
  return timeZoneAreas.find((area) => area === first && area !== 'other') ?? 'other';
}

/** Each option's name, made unique within its group: "Buenos Aires, Argentina" beside "Buenos Aires", else with the id. */
function uniqueNames(zones: string[], locale: string): Map<string, string> {
  const names = new Map(zones.map((zone) => [zone, zoneCityName(zone, locale)]));
  const count = (values: Iterable<string>) => {
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    return counts;
  };
  let counts = count(names.values());
  for (const zone of zones) {
    const middle = zone.split('/').slice(1, -1);
    const name = names.get(zone) ?? zone;
    if ((counts.get(name) ?? 0) > 1 && middle.length > 0) names.set(zone, `${name}, ${middle.join(', ').replaceAll('_', ' ')}`);
  }
  counts = count(names.values());
  for (const zone of zones) {
    const name = names.get(zone) ?? zone;
    if ((counts.get(name) ?? 0) > 1) names.set(zone, `${name} – ${zone}`);
  }
  return names;
}

/**
 * Time zones as option groups by area, each option named by its city in the UI language and its offset
 * now ("Toshkent (GMT+05:00)"), sorted within the group by that name in the UI language. Empty groups are left out.
 */
export function timeZoneOptionGroups(zones: string[], locale: string, now: Date = new Date()): TimeZoneGroup[] {
  const collator = new Intl.Collator(locale);
  return timeZoneAreas.flatMap((area) => {
    const inArea = zones.filter((zone) => timeZoneArea(zone) === area);
    if (inArea.length === 0) return [];
    const names = uniqueNames(inArea, locale);
    const options = inArea
      .map((zone) => ({ zone, name: names.get(zone) ?? zone, offset: timeZoneOffset(zone, now) }))
      .sort((a, b) => collator.compare(a.name, b.name) || (a.zone < b.zone ? -1 : 1))
      .map(({ zone, name, offset }) => ({ zone, label: offset ? `${name} (${offset})` : name }));
    return [{ area, options }];
  });
}
