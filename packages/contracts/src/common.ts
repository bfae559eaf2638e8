import { z } from 'zod';

/** Languages the console and customer-facing texts are written in. */
export const supportedLocales = ['en', 'hu', 'tr', 'uz', 'de'] as const;
export const locale = z.enum(supportedLocales);
export type Locale = z.infer<typeof locale>;

export const role = z.enum(['owner', 'admin', 'agent']);
export type Role = z.infer<typeof role>;
/** Roles that can be given by invitation or to an API token (there is one kind of owner). */
export const grantableRole = z.enum(['admin', 'agent']);
export type GrantableRole = z.infer<typeof grantableRole>;

export const id = z.uuid();
export const timestamp = z.iso.datetime({ offset: true });

// Zones found valid. Building a DateTimeFormat costs tens of microseconds, and every customer in a
// list response is checked. Valid names are a few hundred (ICU also accepts other letter cases, hence the cap).
const knownTimeZones = new Set<string>();

function isTimeZone(value: string): boolean {
  if (knownTimeZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    return false;
  }
  if (knownTimeZones.size < 2000) knownTimeZones.add(value);
  return true;
}
/** An IANA time zone name known to this runtime's ICU, e.g. "Asia/Tashkent". */
export const timeZone = z.string().min(1).max(64).refine(isTimeZone, { message: 'unknown time zone' });

/** ISO 3166-1 alpha-2 country code, upper case. */
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'two upper-case letters (ISO 3166-1)');

/** ISO 639 language code (two or three letters), optionally with a script or region. */
export const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as "hu" or "uz-Latn"');

export const email = z.string().trim().max(254).pipe(z.email());

/** Passwords: long enough to resist guessing, short enough not to be a hashing DoS. */
export const password = z.string().min(10).max(256);

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
export const workingHoursInterval = z
  .strictObject({
    day: z.number().int().min(1).max(7),
    start: hhmm,
    end: hhmm,
  })
  .refine((v) => v.start < v.end, { message: 'start must be before end', path: ['end'] });
export type WorkingHoursInterval = z.infer<typeof workingHoursInterval>;
export const workingHours = z.array(workingHoursInterval).max(28);

/** The body of every error response. `code` is stable; `message` is for developers. */
export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

export const cursorQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
