import { createHmac, timingSafeEqual } from 'node:crypto';

/** A signature older (or further in the future) than this is refused: a captured request cannot be replayed later. */
export const signatureToleranceSeconds = 300;

/** Why a signature was refused (`details.reason` of invalid_webhook_signature). */
export type SignatureProblem = 'missing' | 'malformed' | 'expired' | 'mismatch';

/** The `X-Rapport-Signature` header for a raw body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signTelephonyBody(secret: string, body: string | Buffer, timestamp: number): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

function hmac(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/**
 * Checks a signature header against the raw body and the accepted secrets.
 * Several `v1=` values may be sent (signed with the old and the new secret
 * during a rotation); one match is enough. Returns the problem, or null when
 * the signature is good and fresh.
 */
export function verifyTelephonySignature(
  header: string | undefined,
  body: Buffer,
  secrets: string[],
  now: Date,
): SignatureProblem | null {
  if (!header) return 'missing';
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (timestamp === undefined || signatures.length === 0) return 'malformed';
  if (Math.abs(now.getTime() / 1000 - timestamp) > signatureToleranceSeconds) return 'expired';
  for (const secret of secrets) {
    const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
    if (signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected))) return null;
  }
  return 'mismatch';
}
