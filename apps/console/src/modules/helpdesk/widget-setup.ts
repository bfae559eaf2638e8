/** What the install panel of a chat channel shows besides the server's snippet and secret. */

/** The identity secret as dots until it is shown (as many as it has characters, at most 32). */
export function maskSecret(secret: string): string {
  return '•'.repeat(Math.min(Math.max(secret.length, 8), 32));
}

/** The environment variable the examples read the secret from (never written into page code). */
export const secretVariable = 'RAPPORT_IDENTITY_SECRET';

/** One line of Node.js that signs a signed-in user's id on the site's server: HMAC-SHA256, hex. */
export function nodeSignatureExample(): string {
  return `const signature = require('node:crypto').createHmac('sha256', process.env.${secretVariable}).update(String(user.id)).digest('hex');`;
}

/** How the site's pages hand the signed identity to the widget, before the snippet. */
export function settingsExample(): string {
  return [
    '<script>',
    '  window.RapportSettings = {',
    '    identity: { externalId: "42", email: "ada@example.com", name: "Ada Lovelace", signature: "<signature>" },',
    '  };',
    '</script>',
  ].join('\n');
}
