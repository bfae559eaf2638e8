import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase, type TestDatabase } from '../../../test/database.js';
import { sessionCookieFrom, startTestApp, testPublicUrl, type TestApp } from '../../../test/harness.js';
import { createSetupLink } from './setup.js';

describe('first-run setup', () => {
  let fresh: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    fresh = await createFreshDatabase();
    t = await startTestApp(fresh.database);
  });
  afterAll(async () => {
    await t.runtime.app?.close();
    await fresh.drop();
  });

  const input = (token: string) => ({
    token,
    workspaceName: 'Kovács és Társa Kft.',
    name: 'Kovács Péter',
    email: 'peter@kovacs.example',
    password: 'Árvíztűrő tükörfúrógép',
    locale: 'hu',
    timeZone: 'Europe/Budapest',
    country: 'HU',
  });

  it('creates the first workspace and owner once, from the one-time link only', async () => {
    expect((await t.request('GET', '/api/v1/setup')).json()).toEqual({ required: true });
    const link = await createSetupLink(t.db, testPublicUrl);
    expect(link).toMatch(/^http:\/\/rapport\.test\/setup#token=[\w-]{43}$/);
    const token = link!.split('#token=')[1]!;

    const wrong = await t.request('POST', '/api/v1/setup', { body: input('not-the-token') });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('setup_token_invalid');
    const shortPassword = await t.request('POST', '/api/v1/setup', { body: { ...input(token), password: 'short' } });
    expect(shortPassword.json().error.code).toBe('validation_failed');
    expect(await t.db.selectFrom('workspaces').select('id').execute()).toEqual([]);

    const done = await t.request('POST', '/api/v1/setup', { body: input(token) });
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({
      role: 'owner',
      workspace: { name: 'Kovács és Társa Kft.', defaultLocale: 'hu', country: 'HU' },
      user: { locale: 'hu' },
    });
    const me = await t.request('GET', '/api/v1/me', { as: { cookie: sessionCookieFrom(done) } });
    expect(me.json().user.email).toBe('peter@kovacs.example');

    const again = await t.request('POST', '/api/v1/setup', { body: { ...input(token), email: 'other@example.test' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('setup_already_done');
    expect((await t.request('GET', '/api/v1/setup')).json()).toEqual({ required: false });
    expect(await createSetupLink(t.db, testPublicUrl)).toBeNull();
    expect(await t.db.selectFrom('users').select('email').execute()).toHaveLength(1);

    const events = await t.db.selectFrom('events').select(['name', 'actor_type']).orderBy('id').execute();
    expect(events.map((e) => e.name)).toEqual(['workspace.created', 'member.added']);
  });
});
