import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { IdentityKind } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The stored form of an identity: emails lower-cased, phones in E.164 from
 * any input format (national numbers read in the customer's or workspace's
 * country), channel ids trimmed. Throws validation_failed (code
 * invalid_email / invalid_phone) at `path`.
 */
export function normalizeIdentity(
  kind: IdentityKind,
  value: string,
  options: { defaultCountry?: string | null; path?: (string | number)[] } = {},
): string {
  const path = options.path ?? ['value'];
  const trimmed = value.trim();
  if (kind === 'email') {
    const email = trimmed.toLowerCase();
    if (!emailPattern.test(email)) throw invalid(path, 'invalid_email', `"${trimmed}" is not an email address`);
    return email;
  }
  if (kind === 'phone' || kind === 'whatsapp') {
    const phone = parsePhone(trimmed, options.defaultCountry);
    if (!phone) throw invalid(path, 'invalid_phone', `"${trimmed}" is not a valid phone number`);
    return phone.number;
  }
  if (!trimmed) throw invalid(path, 'too_small', 'empty');
  return trimmed;
}

/** Parses a phone number in any common format; undefined when it is not a valid number. */
export function parsePhone(value: string, defaultCountry?: string | null) {
  // "06 30 123 4567" is the Hungarian trunk prefix, "00" an international prefix: libphonenumber reads both with a country.
  const phone = parsePhoneNumberFromString(value, (defaultCountry?.toUpperCase() as CountryCode | undefined) ?? undefined);
  return phone?.isValid() ? phone : undefined;
}

function invalid(path: (string | number)[], code: string, message: string): AppError {
  return new AppError('validation_failed', message, { issues: [{ path, code, message, in: 'body' }] });
}

/** The country a phone number belongs to, if any. */
export function phoneCountry(e164: string): string | undefined {
  return parsePhoneNumberFromString(e164)?.country;
}
