import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults for the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:3000',
      database: { url: undefined, dataDir: './data' },
    });
    expect(config.cookieSecure).toBe(false);
  });

  it('derives secure cookies from an https PUBLIC_URL and trims its slash', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://crm.example.hu/', DATABASE_URL: 'postgres://u:p@db/rapport' });
    expect(config.publicUrl).toBe('https://crm.example.hu');
    expect(config.cookieSecure).toBe(true);
    expect(config.database.url).toBe('postgres://u:p@db/rapport');
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', PUBLIC_URL: 'not a url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(problems.sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'PUBLIC_URL']);
  });
});
