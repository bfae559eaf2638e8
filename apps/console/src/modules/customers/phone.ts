/**
 * Groupings of national numbers for the countries Rapport's customers most
 * often call from, by calling code. Anything else is shown as stored (E.164),
 * which every phone understands.
 */
const groupings: { code: string; pattern: (national: string) => number[] | undefined }[] = [
  // Hungary: Budapest 1 + 7 digits, mobiles and other areas 2 + 6 or 7 digits.
  { code: '36', pattern: (n) => (n.startsWith('1') && n.length === 8 ? [1, 3, 4] : n.length === 9 ? [2, 3, 4] : undefined) },
  // Turkey: 3-digit area or mobile prefix, then 3 + 2 + 2.
  { code: '90', pattern: (n) => (n.length === 10 ? [3, 3, 2, 2] : undefined) },
  // Uzbekistan: 2-digit operator or area code, then 3 + 2 + 2.
  { code: '998', pattern: (n) => (n.length === 9 ? [2, 3, 2, 2] : undefined) },
  // North America: area code, exchange, line.
  { code: '1', pattern: (n) => (n.length === 10 ? [3, 3, 4] : undefined) },
  // Kazakhstan and Russia share +7: 3 + 3 + 2 + 2.
  { code: '7', pattern: (n) => (n.length === 10 ? [3, 3, 2, 2] : undefined) },
];

function group(digits: string, sizes: number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(' ');
}

/** "+36301234567" → "+36 30 123 4567"; numbers of other countries stay as stored. */
export function formatPhone(e164: string): string {
  if (!/^\+\d{6,15}$/.test(e164)) return e164;
  const digits = e164.slice(1);
  for (const { code, pattern } of groupings) {
    if (!digits.startsWith(code)) continue;
    const national = digits.slice(code.length);
    const sizes = pattern(national);
    return sizes ? `+${code} ${group(national, sizes)}` : e164;
  }
  return e164;
}

/** The `tel:` address of a stored number (digits and the leading +, nothing else). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
