import { createHmac } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { maskSecret, nodeSignatureExample, secretVariable, settingsExample } from './widget-setup';

describe('the install panel’s helpers', () => {
  it('hides the secret behind as many dots, within limits', () => {
    expect(maskSecret('abc')).toBe('••••••••');
    expect(maskSecret('x'.repeat(43))).toHaveLength(32);
    expect(maskSecret('x'.repeat(43))).not.toContain('x');
  });

  it('gives a Node line that signs like the server checks (HMAC-SHA256 of the external id, hex)', () => {
    const line = nodeSignatureExample();
    expect(line).toContain(`process.env.${secretVariable}`);
    // Run as the site's server would, with its own secret and user.
    const context = {
      require: (name: string) => (name === 'node:crypto' ? { createHmac } : null),
      process: { env: { [secretVariable]: 's3cret' } },
      user: { id: 42 },
      signature: '',
    };
    runInNewContext(line.replace(/^const signature =/, 'signature ='), context);
    const signature = context.signature;
    expect(signature).toBe(createHmac('sha256', 's3cret').update('42').digest('hex'));
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows the settings the pages set, with the signature in the identity', () => {
    expect(settingsExample()).toContain('window.RapportSettings');
    expect(settingsExample()).toContain('signature:');
  });
});
