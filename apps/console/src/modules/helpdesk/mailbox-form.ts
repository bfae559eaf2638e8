import type { ChannelMailbox, PutChannelMailboxInput } from '@rapport/contracts';

/** IMAPS (implicit TLS) and plain IMAP (upgraded with STARTTLS when offered). */
export const imapsPort = 993;
export const imapPort = 143;

export const defaultPort = (tls: boolean): number => (tls ? imapsPort : imapPort);

/**
 * The port after TLS is switched: the new default when the field was empty or held the old default, otherwise
 * what the person typed.
 */
export function portAfterTlsToggle(port: string, tls: boolean): string {
  const trimmed = port.trim();
  return trimmed === '' || trimmed === String(defaultPort(!tls)) ? String(defaultPort(tls)) : port;
}

export type IntervalUnit = 'seconds' | 'minutes';

/** The server's limits for `pollIntervalSeconds`. */
export const minIntervalSeconds = 10;
export const maxIntervalSeconds = 86_400;

/** An interval in whole minutes where it is one, in seconds otherwise. */
export function splitInterval(seconds: number): { value: string; unit: IntervalUnit } {
  return seconds % 60 === 0 ? { value: String(seconds / 60), unit: 'minutes' } : { value: String(seconds), unit: 'seconds' };
}

/** Seconds from the form's value and unit; null when it is not a whole number within the server's limits. */
export function intervalSeconds(value: string, unit: IntervalUnit): number | null {
  if (!/^\s*\d+\s*$/.test(value)) return null;
  const seconds = Number(value) * (unit === 'minutes' ? 60 : 1);
  return seconds >= minIntervalSeconds && seconds <= maxIntervalSeconds ? seconds : null;
}

/** What the mailbox form holds (text fields as typed). */
export interface MailboxFormValues {
  host: string;
  port: string;
  tls: boolean;
  username: string;
  password: string;
  folder: string;
  interval: string;
  intervalUnit: IntervalUnit;
  enabled: boolean;
}

/** The form for a mailbox (its settings; the password field always starts empty) or for a new one. */
export function mailboxFormValues(mailbox: ChannelMailbox | null): MailboxFormValues {
  const interval = splitInterval(mailbox?.pollIntervalSeconds ?? 60);
  return {
    host: mailbox?.host ?? '',
    port: String(mailbox?.port ?? imapsPort),
    tls: mailbox?.tls ?? true,
    username: mailbox?.username ?? '',
    password: '',
    folder: mailbox?.folder ?? 'INBOX',
    interval: interval.value,
    intervalUnit: interval.unit,
    enabled: mailbox?.enabled ?? true,
  };
}

const hostPattern = /^[A-Za-z0-9.:[\]-]+$/;

/**
 * The request body, or the fields (named as the API names them) the browser can tell are wrong. The password is
 * sent only when typed: left out, the server keeps the stored one (and refuses a new mailbox without one).
 */
export function mailboxInput(
  values: MailboxFormValues,
): { input: PutChannelMailboxInput; invalid: [] } | { input: null; invalid: string[] } {
  const host = values.host.trim();
  const port = /^\s*\d+\s*$/.test(values.port) ? Number(values.port) : NaN;
  const folder = values.folder.trim();
  const seconds = intervalSeconds(values.interval, values.intervalUnit);
  const invalid = [
    ...(host && host.length <= 253 && hostPattern.test(host) ? [] : ['host']),
    ...(port >= 1 && port <= 65_535 ? [] : ['port']),
    ...(values.username.trim() ? [] : ['username']),
    ...(folder ? [] : ['folder']),
    ...(seconds === null ? ['pollIntervalSeconds'] : []),
  ];
  if (invalid.length > 0 || seconds === null) return { input: null, invalid };
  return {
    input: {
      host,
      port,
      tls: values.tls,
      username: values.username,
      ...(values.password ? { password: values.password } : {}),
      folder,
      pollIntervalSeconds: seconds,
      enabled: values.enabled,
    },
    invalid: [],
  };
}
