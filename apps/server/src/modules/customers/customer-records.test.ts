import { describe, expect, it } from 'vitest';
import { sharedTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { createPerson, createWorkspace } from '../../../test/factories.js';

async function create(t: TestApp, as: Client, body: Record<string, unknown>) {
  const response = await t.request('POST', '/api/v1/customers', { body, as });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

describe('duplicates and merging', () => {
  it('finds likely duplicates and merges them, keeping everything and redirecting the old id', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const kept = await create(t, owner.client, {
      givenName: 'Ádám',
      familyName: 'Kovács',
      language: 'hu',
      country: 'HU',
      tags: ['vip'],
      identities: [{ kind: 'email', value: 'adam@kovacs.hu' }],
    });
    const other = await create(t, owner.client, {
      givenName: 'Adam',
      familyName: 'Kovacs',
      country: 'HU',
      company: 'Kovács Kft.',
      tags: ['webshop'],
      identities: [{ kind: 'phone', value: '+36 30 555 1234' }],
    });
    await create(t, owner.client, { givenName: 'Ádám', familyName: 'Kovács', country: 'DE', company: 'Elsewhere GmbH' });
    await t.request('POST', `/api/v1/customers/${other.id}/notes`, {
      body: { body: 'Called about the invoice.' },
      as: owner.client,
    });
    await t.request('POST', `/api/v1/customers/${other.id}/facts`, { body: { text: 'Prefers email' }, as: owner.client });

    const all = (await t.request('GET', '/api/v1/customers/duplicates', { as: owner.client })).json().items;
    expect(all).toHaveLength(1);
    expect([all[0].customer.id, all[0].duplicate.id].sort()).toEqual([kept.id, other.id].sort());
    const ofKept = (await t.request('GET', `/api/v1/customers/${kept.id}/duplicates`, { as: owner.client })).json().items;
    expect(ofKept.map((p: { duplicate: { id: string } }) => p.duplicate.id)).toEqual([other.id]);

    const merged = await t.request('POST', `/api/v1/customers/${kept.id}/merge`, {
      body: { sourceId: other.id },
      as: owner.client,
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ displayName: 'Kovács Ádám', company: 'Kovács Kft.', tags: ['vip', 'webshop'] });
    expect(
      merged
        .json()
        .identities.map((i: { value: string }) => i.value)
        .sort(),
    ).toEqual(['+36305551234', 'adam@kovacs.hu']);
    expect((await t.request('GET', `/api/v1/customers/${kept.id}/notes`, { as: owner.client })).json().items).toHaveLength(1);
    expect((await t.request('GET', `/api/v1/customers/${kept.id}/facts`, { as: owner.client })).json().items).toHaveLength(1);
    const redirected = await t.request('GET', `/api/v1/customers/${other.id}`, { as: owner.client });
    expect(redirected.json().id).toBe(kept.id);
    const timeline = (await t.request('GET', `/api/v1/customers/${kept.id}/timeline`, { as: owner.client })).json().items;
    const types = timeline.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('customer.merged');
    expect(types.filter((type: string) => type === 'customer.created')).toHaveLength(2);
    expect(types).toEqual(expect.arrayContaining(['note', 'fact']));
    const found = (await t.request('GET', '/api/v1/customers?q=%2B36305551234', { as: owner.client })).json().items;
    expect(found.map((c: { id: string }) => c.id)).toEqual([kept.id]);
    expect((await t.request('GET', '/api/v1/customers/duplicates', { as: owner.client })).json().items).toEqual([]);
    const self = await t.request('POST', `/api/v1/customers/${kept.id}/merge`, { body: { sourceId: kept.id }, as: owner.client });
    expect(self.json().error.code).toBe('validation_failed');
  });
});

describe('privacy', () => {
  it('exports everything about a customer as JSON', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const c = await create(t, owner.client, {
      givenName: 'Dilnoza',
      familyName: 'Rahimova',
      identities: [{ kind: 'email', value: 'dilnoza@example.uz' }],
    });
    await t.request('POST', `/api/v1/customers/${c.id}/notes`, {
      body: { body: 'Asked for a Russian-speaking agent.' },
      as: owner.client,
    });
    const exported = await t.request('GET', `/api/v1/customers/${c.id}/export`, { as: owner.client });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain(`customer-${c.id}.json`);
    const data = exported.json();
    expect(data.customer.identities[0].value).toBe('dilnoza@example.uz');
    expect(data.notes[0].body).toBe('Asked for a Russian-speaking agent.');
    expect(data.timeline.length).toBeGreaterThanOrEqual(2);
  });

  it('erases a customer everywhere, and the audit log says only who and when', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId } = await createWorkspace(t.db);
    const agent = await createPerson(t.db, { workspaceId, role: 'agent' });
    const c = await create(t, owner.client, {
      givenName: 'Şükrü',
      familyName: 'Öztürk',
      identities: [{ kind: 'email', value: 'sukru@example.com.tr' }],
    });
    await t.request('POST', `/api/v1/customers/${c.id}/notes`, { body: { body: 'Lives in Kadıköy.' }, as: owner.client });
    await t.request('POST', `/api/v1/customers/${c.id}/facts`, { body: { text: 'Fenerbahçe fan' }, as: owner.client });
    expect((await t.request('DELETE', `/api/v1/customers/${c.id}`, { as: agent.client })).statusCode).toBe(403);
    expect((await t.request('DELETE', `/api/v1/customers/${c.id}`, { as: owner.client })).statusCode).toBe(204);

    expect((await t.request('GET', `/api/v1/customers/${c.id}`, { as: owner.client })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/v1/customers?q=sukru', { as: owner.client })).json().items).toEqual([]);
    const lookup = await t.request('GET', '/api/v1/customers/lookup?kind=email&value=sukru@example.com.tr', { as: owner.client });
    expect(lookup.statusCode).toBe(404);
    for (const table of ['customer_identities', 'customer_notes', 'customer_facts'] as const) {
      const rows = await t.db.selectFrom(table).select('id').where('workspace_id', '=', workspaceId).execute();
      expect({ table, rows }).toEqual({ table, rows: [] });
    }
    const audit = (await t.request('GET', '/api/v1/events', { as: owner.client })).json().items;
    const erased = audit.filter((e: { subjectId: string }) => e.subjectId === c.id);
    expect(erased).toEqual([expect.objectContaining({ name: 'customer.erased', actorId: owner.userId, data: {} })]);
    expect(JSON.stringify(audit)).not.toMatch(/Şükrü|sukru|Kadıköy|Fenerbahçe/);
    // The email can be used again, by a new customer.
    await create(t, owner.client, { givenName: 'New', identities: [{ kind: 'email', value: 'sukru@example.com.tr' }] });
  });
});
