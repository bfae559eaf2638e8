import { describe, expect, it } from 'vitest';
import { sessionCookieFrom, sharedTestApp } from '../../../test/harness.js';
import { createPerson, createWorkspace, testPassword } from '../../../test/factories.js';

describe('sign-in and sessions', () => {
  it('signs in with email and password and sets an HttpOnly SameSite cookie', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const response = await t.request('POST', '/api/v1/sessions', {
      body: { email: owner.email.toUpperCase(), password: testPassword },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'rapport_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = response.json();
    expect(me.user.email).toBe(owner.email);
    expect(me.role).toBe('owner');
    expect(me.csrfToken).toEqual(expect.any(String));

    const again = await t.request('GET', '/api/v1/me', { as: { cookie: sessionCookieFrom(response) } });
    expect(again.statusCode).toBe(200);
    expect(again.json().user.id).toBe(me.user.id);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const wrong = await t.request('POST', '/api/v1/sessions', { body: { email: owner.email, password: 'not the password' } });
    const unknown = await t.request('POST', '/api/v1/sessions', {
      body: { email: 'nobody-x@example.test', password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it('pauses an email after ten failures, even for the right password, without revealing whether it exists', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    for (const email of [owner.email, 'ghost-user@example.test']) {
      const codes = [];
      for (let i = 0; i < 11; i++) {
        const r = await t.request('POST', '/api/v1/sessions', { body: { email, password: 'wrong password' } });
        codes.push(r.json().error.code);
      }
      expect(codes.slice(0, 9)).toEqual(Array(9).fill('invalid_credentials'));
      expect(codes.slice(9)).toEqual(['too_many_attempts', 'too_many_attempts']);
    }
    const locked = await t.request('POST', '/api/v1/sessions', { body: { email: owner.email, password: testPassword } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.details.retryAfterSeconds).toBeGreaterThan(800);
  });

  it('rejects cookie writes without the CSRF token, and accepts them with it', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const without = await t.request('PATCH', '/api/v1/me', {
      body: { name: 'Kovács Anna' },
      as: { cookie: owner.client.cookie! },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf_failed');
    const forged = await t.request('PATCH', '/api/v1/me', {
      body: { name: 'Kovács Anna' },
      as: { cookie: owner.client.cookie!, csrfToken: 'forged' },
    });
    expect(forged.json().error.code).toBe('csrf_failed');
    const withToken = await t.request('PATCH', '/api/v1/me', { body: { name: 'Kovács Anna' }, as: owner.client });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.json().name).toBe('Kovács Anna');
  });

  it('rejects unknown, forged and ended sessions', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const forged = await t.request('GET', '/api/v1/me', { as: { cookie: 'rapport_session=forged-value' } });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('session_expired');
    const none = await t.request('GET', '/api/v1/me');
    expect(none.json().error.code).toBe('unauthenticated');

    const signOut = await t.request('DELETE', '/api/v1/sessions/current', { as: owner.client });
    expect(signOut.statusCode).toBe(204);
    const after = await t.request('GET', '/api/v1/me', { as: owner.client });
    expect(after.statusCode).toBe(401);
  });

  it('updates the profile and rejects bad time zones, languages and working hours field by field', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const ok = await t.request('PATCH', '/api/v1/me', {
      body: {
        locale: 'uz',
        languages: ['uz', 'ru', 'en'],
        timeZone: 'Asia/Tashkent',
        workingHours: [{ day: 1, start: '09:00', end: '18:00' }],
      },
      as: owner.client,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ locale: 'uz', timeZone: 'Asia/Tashkent', languages: ['uz', 'ru', 'en'] });

    const bad = await t.request('PATCH', '/api/v1/me', {
      body: { timeZone: 'Mars/Olympus', workingHours: [{ day: 8, start: '18:00', end: '09:00' }], extra: true },
      as: owner.client,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const paths = bad.json().error.details.issues.map((i: { path: unknown[] }) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['timeZone', 'workingHours.0.day']));
    const unchanged = await t.request('GET', '/api/v1/me', { as: owner.client });
    expect(unchanged.json().user.timeZone).toBe('Asia/Tashkent');
  });

  it('changes the password only with the current one, and ends other sessions', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const other = await t.request('POST', '/api/v1/sessions', { body: { email: owner.email, password: testPassword } });
    const wrong = await t.request('POST', '/api/v1/me/password', {
      body: { currentPassword: 'nope', newPassword: 'a much longer password' },
      as: owner.client,
    });
    expect(wrong.json().error.code).toBe('invalid_credentials');
    const changed = await t.request('POST', '/api/v1/me/password', {
      body: { currentPassword: testPassword, newPassword: 'a much longer password' },
      as: owner.client,
    });
    expect(changed.statusCode).toBe(204);
    expect((await t.request('GET', '/api/v1/me', { as: { cookie: sessionCookieFrom(other) } })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/me', { as: owner.client })).statusCode).toBe(200);
    const signIn = await t.request('POST', '/api/v1/sessions', {
      body: { email: owner.email, password: 'a much longer password' },
    });
    expect(signIn.statusCode).toBe(200);
    void workspaceId;
  });

  it('switches between the workspaces a person belongs to, and not into others', async () => {
    const t = await sharedTestApp();
    const a = await createWorkspace(t.db, { name: 'Alpha' });
    const b = await createWorkspace(t.db, { name: 'Beta' });
    const person = await createPerson(t.db, { workspaceId: a.workspaceId, role: 'agent' });
    await t.db.insertInto('memberships').values({ workspace_id: b.workspaceId, user_id: person.userId, role: 'admin' }).execute();
    const outsider = await createWorkspace(t.db, { name: 'Gamma' });

    const me = (await t.request('GET', '/api/v1/me', { as: person.client })).json();
    expect(me.workspaces.map((w: { name: string }) => w.name).sort()).toEqual(['Alpha', 'Beta']);
    const switched = await t.request('POST', '/api/v1/sessions/current/workspace', {
      body: { workspaceId: b.workspaceId },
      as: person.client,
    });
    expect(switched.json()).toMatchObject({ role: 'admin', workspace: { name: 'Beta' } });
    const denied = await t.request('POST', '/api/v1/sessions/current/workspace', {
      body: { workspaceId: outsider.workspaceId },
      as: person.client,
    });
    expect(denied.statusCode).toBe(404);
  });
});
