import { describe, expect, it } from 'vitest';
import { sharedTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { createPerson, createWorkspace } from '../../../test/factories.js';
import { newId } from '../../platform/ids.js';
import { viewNameKey } from './customer-views.js';

interface View {
  id: string;
  name: string;
  visibility: 'personal' | 'shared';
  filters: Record<string, string>;
  ownerId: string;
  ownerName: string;
  canEdit: boolean;
}

async function createView(t: TestApp, as: Client, body: Record<string, unknown>): Promise<View> {
  const response = await t.request('POST', '/api/v1/customer-views', { body, as });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

async function listViews(t: TestApp, as: Client): Promise<View[]> {
  const response = await t.request('GET', '/api/v1/customer-views', { as });
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

const names = (views: View[]) => views.map((v) => v.name);

describe('saved views of the customer list', () => {
  it('saves filters as personal and shared views that members see by name', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const agent = await createPerson(t.db, { workspaceId, role: 'agent', name: 'Ayşe Yılmaz' });

    const hungarians = await createView(t, agent.client, {
      name: '  Hungarian VIPs ',
      filters: { q: '', tag: 'vip', country: 'HU', language: 'hu' },
    });
    expect(hungarians).toMatchObject({
      name: 'Hungarian VIPs',
      visibility: 'personal',
      filters: { tag: 'vip', country: 'HU', language: 'hu' },
      ownerId: agent.userId,
      ownerName: 'Ayşe Yılmaz',
      canEdit: true,
    });
    expect(hungarians.filters).not.toHaveProperty('q');
    await createView(t, agent.client, { name: 'Ümraniye leads', filters: { q: 'ümraniye' }, visibility: 'shared' });
    await createView(t, owner.client, { name: 'all uzbeks', filters: { country: 'UZ' }, visibility: 'shared' });
    await createView(t, owner.client, { name: 'My follow-ups', filters: { tag: 'follow-up' } });

    // Alphabetical regardless of case and accents; each person sees their own and the shared views.
    expect(names(await listViews(t, agent.client))).toEqual(['all uzbeks', 'Hungarian VIPs', 'Ümraniye leads']);
    const forOwner = await listViews(t, owner.client);
    expect(names(forOwner)).toEqual(['all uzbeks', 'My follow-ups', 'Ümraniye leads']);
    // The workspace owner may change the agent's shared view; the agent may not change the owner's.
    expect(forOwner.find((v) => v.name === 'Ümraniye leads')?.canEdit).toBe(true);
    expect((await listViews(t, agent.client)).find((v) => v.name === 'all uzbeks')?.canEdit).toBe(false);
  });

  it('keeps another person’s personal views invisible and untouchable', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const agent = await createPerson(t.db, { workspaceId, role: 'agent' });
    const mine = await createView(t, agent.client, { name: 'Mine', filters: { country: 'DE' } });

    expect(names(await listViews(t, owner.client))).toEqual([]);
    // Not even the workspace owner can tell it exists.
    const patch = await t.request('PATCH', `/api/v1/customer-views/${mine.id}`, { body: { name: 'Taken' }, as: owner.client });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().error.code).toBe('not_found');
    const remove = await t.request('DELETE', `/api/v1/customer-views/${mine.id}`, { as: owner.client });
    expect(remove.statusCode).toBe(404);
    // The same name is free for everyone else's personal views.
    await createView(t, owner.client, { name: 'mine' });
    expect(names(await listViews(t, agent.client))).toEqual(['Mine']);
  });

  it('never shows or changes a view of another workspace', async () => {
    const t = await sharedTestApp();
    const a = await createWorkspace(t.db);
    const b = await createWorkspace(t.db);
    const shared = await createView(t, a.owner.client, { name: 'Team view', filters: { tag: 'b2b' }, visibility: 'shared' });

    expect(await listViews(t, b.owner.client)).toEqual([]);
    for (const [method, body] of [
      ['PATCH', { name: 'Hijacked' }],
      ['DELETE', undefined],
    ] as const) {
      const response = await t.request(method, `/api/v1/customer-views/${shared.id}`, { body, as: b.owner.client });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    // The same name in workspace B does not clash with A's.
    await createView(t, b.owner.client, { name: 'Team view', visibility: 'shared' });
    expect((await listViews(t, a.owner.client)).map((v) => [v.name, v.filters])).toEqual([['Team view', { tag: 'b2b' }]]);
  });

  it('lets the owner and workspace owners/admins change or delete a shared view, not other agents', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const author = await createPerson(t.db, { workspaceId, role: 'agent' });
    const colleague = await createPerson(t.db, { workspaceId, role: 'agent' });
    const admin = await createPerson(t.db, { workspaceId, role: 'admin' });
    const view = await createView(t, author.client, { name: 'Germans', filters: { country: 'DE' }, visibility: 'shared' });

    const denied = await t.request('PATCH', `/api/v1/customer-views/${view.id}`, {
      body: { name: 'Mine now' },
      as: colleague.client,
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('forbidden');
    expect((await t.request('DELETE', `/api/v1/customer-views/${view.id}`, { as: colleague.client })).statusCode).toBe(403);

    const renamed = await t.request('PATCH', `/api/v1/customer-views/${view.id}`, {
      body: { name: 'German speakers', filters: { language: 'de' } },
      as: admin.client,
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'German speakers', filters: { language: 'de' }, ownerId: author.userId });
    const byAuthor = await t.request('PATCH', `/api/v1/customer-views/${view.id}`, {
      body: { visibility: 'personal' },
      as: author.client,
    });
    expect(byAuthor.json()).toMatchObject({ visibility: 'personal', canEdit: true });
    expect(names(await listViews(t, colleague.client))).toEqual([]);

    await t.request('PATCH', `/api/v1/customer-views/${view.id}`, { body: { visibility: 'shared' }, as: author.client });
    const removed = await t.request('DELETE', `/api/v1/customer-views/${view.id}`, { as: owner.client });
    expect(removed.statusCode).toBe(204);
    expect(await listViews(t, author.client)).toEqual([]);
  });

  it('refuses a name the owner already sees, ignoring case, with view_name_taken', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const agent = await createPerson(t.db, { workspaceId, role: 'agent' });
    const vip = await createView(t, owner.client, { name: 'VIP customers', visibility: 'shared' });
    const personal = await createView(t, agent.client, { name: 'Callbacks' });

    const cases: [Client, string, Record<string, unknown>][] = [
      // Own view, other case and spacing.
      [agent.client, 'POST', { name: 'callbacks ' }],
      // A shared view everyone sees.
      [agent.client, 'POST', { name: 'vip  Customers' }],
      // Renaming onto a shared view's name.
      [agent.client, `PATCH ${personal.id}`, { name: 'VIP CUSTOMERS' }],
    ];
    for (const [as, route, body] of cases) {
      const [method, viewId] = route.split(' ');
      const url = viewId ? `/api/v1/customer-views/${viewId}` : '/api/v1/customer-views';
      const response = await t.request(method as 'POST' | 'PATCH', url, { body, as });
      expect(response.statusCode, JSON.stringify(body)).toBe(409);
      expect(response.json().error.code).toBe('view_name_taken');
    }
    const clash = await t.request('POST', '/api/v1/customer-views', { body: { name: 'Vip Customers' }, as: agent.client });
    expect(clash.json().error.details).toEqual({ viewId: vip.id });

    // Sharing a personal view whose name a shared view has: refused too.
    const other = await createPerson(t.db, { workspaceId, role: 'agent' });
    const twin = await createView(t, other.client, { name: 'Callbacks' });
    await t.request('PATCH', `/api/v1/customer-views/${personal.id}`, { body: { visibility: 'shared' }, as: agent.client });
    const share = await t.request('PATCH', `/api/v1/customer-views/${twin.id}`, {
      body: { visibility: 'shared' },
      as: other.client,
    });
    expect(share.statusCode).toBe(409);
    // Renaming a view to its own name in other letters is fine.
    const recased = await t.request('PATCH', `/api/v1/customer-views/${personal.id}`, {
      body: { name: 'CALLBACKS' },
      as: agent.client,
    });
    expect(recased.json().name).toBe('CALLBACKS');
    expect(viewNameKey(' Ümraniye   Leads ')).toBe('ümraniye leads');
  });

  it('validates names and filters with field-level issues and writes nothing', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const bad = await t.request('POST', '/api/v1/customer-views', {
      body: { name: '  ', filters: { country: 'Hungary', owner: 'me' }, visibility: 'team' },
      as: owner.client,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const paths = bad.json().error.details.issues.map((i: { path: (string | number)[] }) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'filters.country', 'visibility']));
    expect(await listViews(t, owner.client)).toEqual([]);
    const unknown = await t.request('PATCH', `/api/v1/customer-views/${newId()}`, { body: { name: 'X' }, as: owner.client });
    expect(unknown.statusCode).toBe(404);
    const notUuid = await t.request('DELETE', '/api/v1/customer-views/42', { as: owner.client });
    expect(notUuid.json().error.code).toBe('validation_failed');
  });

  it('shows stored filters as today’s rules read them, leaving out retired ones', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const view = await createView(t, owner.client, { name: 'Old', filters: { tag: 'vip' } });
    await t.db
      .updateTable('customer_views')
      .set({ filters: JSON.stringify({ tag: 'vip', segment: 'retired', country: 'hungary' }) })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', view.id)
      .execute();
    expect((await listViews(t, owner.client))[0]?.filters).toEqual({ tag: 'vip' });
  });

  it('records created, updated and deleted events without the filter values', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const view = await createView(t, owner.client, { name: 'Kovács family', filters: { q: 'Kovács' } });
    // Saving what is already there changes nothing and records nothing.
    await t.request('PATCH', `/api/v1/customer-views/${view.id}`, { body: { name: 'Kovács family' }, as: owner.client });
    await t.request('PATCH', `/api/v1/customer-views/${view.id}`, {
      body: { name: 'Kovács relatives', filters: { q: 'Kovács Péter' }, visibility: 'shared' },
      as: owner.client,
    });
    await t.request('DELETE', `/api/v1/customer-views/${view.id}`, { as: owner.client });
    const events = await t.db
      .selectFrom('events')
      .select(['name', 'subject_type', 'subject_id', 'actor_id', 'data'])
      .where('workspace_id', '=', workspaceId)
      .where('subject_type', '=', 'customer_view')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.name)).toEqual(['customer_view.created', 'customer_view.updated', 'customer_view.deleted']);
    expect(events.every((e) => e.subject_id === view.id && e.actor_id === owner.userId)).toBe(true);
    expect(events[1]?.data).toEqual({
      name: 'Kovács relatives',
      fields: ['name', 'visibility', 'filters'],
      before: { name: 'Kovács family', visibility: 'personal' },
      after: { name: 'Kovács relatives', visibility: 'shared' },
    });
    expect(JSON.stringify(events)).not.toContain('Péter');
  });

  it('lets API tokens read the shared views but not save views, and documents the routes', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    await createView(t, owner.client, { name: 'Shared', visibility: 'shared' });
    await createView(t, owner.client, { name: 'Personal' });
    const { token } = (
      await t.request('POST', '/api/v1/api-tokens', { body: { name: 'Sync', role: 'admin' }, as: owner.client })
    ).json();
    expect(names(await listViews(t, { bearer: token }))).toEqual(['Shared']);
    const create = await t.request('POST', '/api/v1/customer-views', { body: { name: 'Bot view' }, as: { bearer: token } });
    expect(create.statusCode).toBe(403);

    const document = (await t.request('GET', '/api/v1/openapi.json')).json();
    expect(Object.keys(document.paths['/api/v1/customer-views'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(document.paths['/api/v1/customer-views/{viewId}'])).toEqual(expect.arrayContaining(['patch', 'delete']));
    expect(document.paths['/api/v1/customer-views'].post.responses['409']).toBeDefined();
  });
});
