import { describe, expect, it } from 'vitest';
import { sessionCookieFrom, sharedTestApp } from '../../../test/harness.js';
import { createPerson, createWorkspace, testPassword } from '../../../test/factories.js';

describe('invites', () => {
  it('invites a new agent by a one-time link that creates the account', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId } = await createWorkspace(t.db, { name: 'Istanbul Destek' });
    const created = await t.request('POST', '/api/v1/invites', {
      body: { email: 'ayse@example.test', role: 'agent' },
      as: owner.client,
    });
    expect(created.statusCode).toBe(201);
    const { invite, url } = created.json();
    expect(invite).toMatchObject({ email: 'ayse@example.test', role: 'agent', status: 'pending' });
    const token = new URL(url).hash.replace('#token=', '');

    const preview = await t.request('GET', `/api/v1/invites/preview?token=${token}`);
    expect(preview.json()).toMatchObject({ workspaceName: 'Istanbul Destek', email: 'ayse@example.test', hasAccount: false });

    const tooShort = await t.request('POST', '/api/v1/invites/accept', {
      body: { token, name: 'Ayşe Yılmaz', password: 'short' },
    });
    expect(tooShort.json().error.code).toBe('validation_failed');
    const accepted = await t.request('POST', '/api/v1/invites/accept', {
      body: { token, name: 'Ayşe Yılmaz', password: 'Kolay gelsin 2026', locale: 'tr', timeZone: 'Europe/Istanbul' },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      role: 'agent',
      workspace: { id: workspaceId },
      user: { name: 'Ayşe Yılmaz', locale: 'tr', timeZone: 'Europe/Istanbul' },
    });
    const agent = { cookie: sessionCookieFrom(accepted), csrfToken: accepted.json().csrfToken };

    const reused = await t.request('POST', '/api/v1/invites/accept', {
      body: { token, name: 'Someone', password: 'another password!' },
    });
    expect(reused.json().error.code).toBe('invite_invalid');
    const list = (await t.request('GET', '/api/v1/invites', { as: owner.client })).json();
    expect(list.items[0]).toMatchObject({ status: 'accepted', invitedBy: owner.userId, invitedByName: 'Kovács Péter' });

    // Agents work; they do not manage the workspace.
    expect((await t.request('GET', '/api/v1/members', { as: agent })).json().items).toHaveLength(2);
    for (const [method, url, body] of [
      ['PATCH', '/api/v1/workspace', { name: 'Mine now' }],
      ['GET', '/api/v1/invites', undefined],
      ['POST', '/api/v1/api-tokens', { name: 'x' }],
      ['GET', '/api/v1/events', undefined],
    ] as const) {
      const denied = await t.request(method, url, { body, as: agent });
      expect({ url, code: denied.json().error?.code }).toEqual({ url, code: 'forbidden' });
    }
  });

  it('lets a person who already has an account join with their password', async () => {
    const t = await sharedTestApp();
    const home = await createWorkspace(t.db);
    const other = await createWorkspace(t.db);
    const person = await createPerson(t.db, { workspaceId: home.workspaceId });
    const { url } = (
      await t.request('POST', '/api/v1/invites', { body: { email: person.email, role: 'admin' }, as: other.owner.client })
    ).json();
    const token = new URL(url).hash.replace('#token=', '');
    expect((await t.request('GET', `/api/v1/invites/preview?token=${token}`)).json().hasAccount).toBe(true);
    const wrong = await t.request('POST', '/api/v1/invites/accept', { body: { token, password: 'wrong password' } });
    expect(wrong.json().error.code).toBe('invalid_credentials');
    const joined = await t.request('POST', '/api/v1/invites/accept', { body: { token, password: testPassword } });
    expect(joined.json()).toMatchObject({ role: 'admin', workspace: { id: other.workspaceId } });
    expect(joined.json().workspaces).toHaveLength(2);
  });

  it('refuses expired and revoked links, and members invited twice', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId } = await createWorkspace(t.db);
    const first = (
      await t.request('POST', '/api/v1/invites', { body: { email: 'late@example.test', expiresInHours: 1 }, as: owner.client })
    ).json();
    await t.db
      .updateTable('invites')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('workspace_id', '=', workspaceId)
      .execute();
    const token = new URL(first.url).hash.replace('#token=', '');
    const expired = await t.request('POST', '/api/v1/invites/accept', {
      body: { token, name: 'Late', password: 'long enough password' },
    });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('invite_expired');

    const second = (
      await t.request('POST', '/api/v1/invites', { body: { email: 'gone@example.test' }, as: owner.client })
    ).json();
    expect((await t.request('DELETE', `/api/v1/invites/${second.invite.id}`, { as: owner.client })).statusCode).toBe(204);
    const revoked = await t.request('GET', `/api/v1/invites/preview?token=${new URL(second.url).hash.replace('#token=', '')}`);
    expect(revoked.json().error.code).toBe('invite_invalid');

    const twice = await t.request('POST', '/api/v1/invites', { body: { email: owner.email }, as: owner.client });
    expect(twice.json().error.code).toBe('already_member');
  });
});

describe('members', () => {
  it('changes roles and removes members, but never the owner or oneself', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId } = await createWorkspace(t.db);
    const admin = await createPerson(t.db, { workspaceId, role: 'admin' });
    const agent = await createPerson(t.db, { workspaceId, role: 'agent' });

    const promoted = await t.request('PATCH', `/api/v1/members/${agent.userId}`, { body: { role: 'admin' }, as: admin.client });
    expect(promoted.json().role).toBe('admin');
    const demoteOwner = await t.request('PATCH', `/api/v1/members/${owner.userId}`, {
      body: { role: 'agent' },
      as: admin.client,
    });
    expect(demoteOwner.json().error.code).toBe('last_owner');
    const removeSelf = await t.request('DELETE', `/api/v1/members/${admin.userId}`, { as: admin.client });
    expect(removeSelf.json().error.code).toBe('cannot_remove_self');

    expect((await t.request('DELETE', `/api/v1/members/${agent.userId}`, { as: owner.client })).statusCode).toBe(204);
    // The removed person's session no longer reaches the workspace.
    const afterRemoval = await t.request('GET', '/api/v1/workspace', { as: agent.client });
    expect(afterRemoval.json().error.code).toBe('forbidden');

    const audit = (await t.request('GET', '/api/v1/events?limit=10', { as: owner.client })).json();
    expect(audit.items.map((e: { name: string }) => e.name)).toEqual(['member.removed', 'member.role_changed']);
    expect(audit.items[1]).toMatchObject({
      actorType: 'user',
      actorId: admin.userId,
      data: { before: { role: 'agent' }, after: { role: 'admin' } },
    });
  });

  it('pages the member list with cursors', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId } = await createWorkspace(t.db);
    for (let i = 0; i < 4; i++) await createPerson(t.db, { workspaceId });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await t.request('GET', `/api/v1/members?limit=2${query}`, { as: owner.client })).json();
      seen.push(...page.items.map((m: { userId: string }) => m.userId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });
});

describe('API tokens', () => {
  it('shows the secret once, authenticates with it until revoked, and stores only a hash', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId } = await createWorkspace(t.db);
    const created = await t.request('POST', '/api/v1/api-tokens', {
      body: { name: 'Shop sync', role: 'agent' },
      as: owner.client,
    });
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^rpt_/);
    expect(apiToken.prefix).toBe(token.slice(0, 10));
    const stored = await t.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);

    const listed = (await t.request('GET', '/api/v1/api-tokens', { as: owner.client })).json();
    expect(JSON.stringify(listed)).not.toContain(token);
    const asToken = await t.request('GET', '/api/v1/workspace', { as: { bearer: token } });
    expect(asToken.json().id).toBe(workspaceId);
    // Bearer writes need no CSRF token: no cookie, no ambient authority.
    expect((await t.request('GET', '/api/v1/members', { as: { bearer: token } })).statusCode).toBe(200);
    expect(
      (await t.request('PATCH', '/api/v1/workspace', { body: { name: 'x' }, as: { bearer: token } })).json().error.code,
    ).toBe('forbidden');

    expect((await t.request('DELETE', `/api/v1/api-tokens/${apiToken.id}`, { as: owner.client })).statusCode).toBe(204);
    const revoked = await t.request('GET', '/api/v1/workspace', { as: { bearer: token } });
    expect(revoked.statusCode).toBe(401);
    const forged = await t.request('GET', '/api/v1/workspace', { as: { bearer: `${token}x` } });
    expect(forged.json().error.code).toBe('unauthenticated');
  });

  it('rejects expired tokens', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const expiresAt = new Date(Date.now() + 60_000).toISOString();
    const { token, apiToken } = (
      await t.request('POST', '/api/v1/api-tokens', { body: { name: 'Short', expiresAt }, as: owner.client })
    ).json();
    await t.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1) })
      .where('id', '=', apiToken.id)
      .execute();
    expect((await t.request('GET', '/api/v1/workspace', { as: { bearer: token } })).statusCode).toBe(401);
  });
});

describe('workspace isolation', () => {
  it('never lets one workspace read or change another', async () => {
    const t = await sharedTestApp();
    const a = await createWorkspace(t.db, { name: 'A' });
    const b = await createWorkspace(t.db, { name: 'B' });
    const bAgent = await createPerson(t.db, { workspaceId: b.workspaceId });
    const bInvite = (await t.request('POST', '/api/v1/invites', { body: { email: 'x@example.test' }, as: b.owner.client })).json()
      .invite;
    const bToken = (await t.request('POST', '/api/v1/api-tokens', { body: { name: 'B token' }, as: b.owner.client })).json()
      .apiToken;
    const aToken = (
      await t.request('POST', '/api/v1/api-tokens', { body: { name: 'A token', role: 'admin' }, as: a.owner.client })
    ).json().token;

    for (const as of [a.owner.client, { bearer: aToken }]) {
      expect((await t.request('GET', '/api/v1/workspace', { as })).json().name).toBe('A');
      const members = (await t.request('GET', '/api/v1/members', { as })).json().items.map((m: { userId: string }) => m.userId);
      expect(members).not.toContain(bAgent.userId);
      expect((await t.request('PATCH', `/api/v1/members/${bAgent.userId}`, { body: { role: 'admin' }, as })).statusCode).toBe(
        404,
      );
      expect((await t.request('DELETE', `/api/v1/members/${bAgent.userId}`, { as })).statusCode).toBe(404);
      expect((await t.request('DELETE', `/api/v1/invites/${bInvite.id}`, { as })).statusCode).toBe(404);
      expect((await t.request('DELETE', `/api/v1/api-tokens/${bToken.id}`, { as })).statusCode).toBe(404);
      const audit = (await t.request('GET', '/api/v1/events?limit=200', { as })).json().items;
      expect(audit.every((e: { subjectId: string }) => e.subjectId !== bInvite.id && e.subjectId !== b.workspaceId)).toBe(true);
    }
    const bMembers = (await t.request('GET', '/api/v1/members', { as: b.owner.client })).json().items;
    expect(bMembers.find((m: { userId: string }) => m.userId === bAgent.userId).role).toBe('agent');
    expect((await t.request('GET', '/api/v1/invites', { as: b.owner.client })).json().items[0].status).toBe('pending');
  });
});
