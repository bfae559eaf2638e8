import type { IdentityKind } from '@rapport/contracts';
import { formatPhone, telHref } from './phone';

/** The kinds an agent can add by hand, in the order the form offers them. */
export const identityKinds: readonly IdentityKind[] = ['email', 'phone', 'whatsapp', 'telegram', 'chat', 'social'];

/** Whether a kind's value is a phone number (stored in E.164). */
export function isPhoneKind(kind: IdentityKind): boolean {
  return kind === 'phone' || kind === 'whatsapp';
}

/** How to show an identity's value: phones grouped for reading, the rest as stored. */
export function displayIdentity(kind: IdentityKind, value: string): string {
  return isPhoneKind(kind) ? formatPhone(value) : value;
}

/**
 * Where an identity can be opened: `mailto:` for emails, `tel:` for every
 * phone number (WhatsApp numbers are phones too), t.me for Telegram user
 * names. Chat visitor ids and social handles have no address of their own.
 */
export function identityHref(kind: IdentityKind, value: string): string | undefined {
  if (kind === 'email') return `mailto:${value}`;
  if (isPhoneKind(kind)) return telHref(value);
  if (kind === 'telegram' && /^@?[A-Za-z][A-Za-z0-9_]{4,31}$/.test(value)) return `https://t.me/${value.replace(/^@/, '')}`;
  return undefined;
}

/** An email split before its "@", where a line may break more gracefully than anywhere else. */
export function emailParts(email: string): [string, string] {
  const at = email.lastIndexOf('@');
  return at > 0 ? [email.slice(0, at), email.slice(at)] : [email, ''];
}
