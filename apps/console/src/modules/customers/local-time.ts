import { lacksUzbekData } from '../../platform/format';

/** A time zone's offset from UTC in minutes at a moment (Budapest in winter: 60); undefined for unknown zones. */
export function utcOffsetMinutes(timeZone: string, at: Date): number | undefined {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
    if (name === undefined) return undefined;
    if (name === 'GMT') return 0;
    const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
    if (!match) return undefined;
    const minutes = Number(match[2]) * 60 + Number(match[3]);
    return match[1] === '-' ? -minutes : minutes;
  } catch {
    return undefined;
  }
}

/**
 * How many minutes the customer's clock is ahead of the agent's (negative:
 * behind) at a moment; undefined when either zone is unknown.
 */
export function minutesAhead(customerZone: string, agentZone: string, at: Date): number | undefined {
  const customer = utcOffsetMinutes(customerZone, at);
  const agent = utcOffsetMinutes(agentZone, at);
  return customer === undefined || agent === undefined ? undefined : customer - agent;
}

/** The zone's name in the UI language ("Central European Standard Time"), or undefined. */
export function timeZoneLongName(timeZone: string, locale: string, at: Date): string | undefined {
  // Without Uzbek data a browser names zones in English: better no name than the wrong language.
  if (lacksUzbekData(locale)) return undefined;
  try {
    const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
    // Without names for the zone, Intl falls back to "GMT+01:00", which the offset already says.
    return name && !/^(GMT|UTC)[+-−]/.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The wall-clock time in a zone, "14:05", in the UI language's style. */
export function formatClock(timeZone: string, locale: string, at: Date): string {
  try {
    return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(at);
  } catch {
    return '';
  }
}
