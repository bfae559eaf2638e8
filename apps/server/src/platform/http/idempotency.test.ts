import { describe, expect, it } from 'vitest';
import { sharedTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { createPerson, createWorkspace } from '../../../test/factories.js';

function post(t: TestApp, as: Client, url: string, body: unknown, key?: string) {
  return t.request('POST', url, { as, body, ...(key !== undefined ? { headers: { 'idempotency-key': key } } : {}) });
}

async function customerCount(t: TestApp, workspaceId: string): Promise<number> {
  const row = await t.db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('Idempotency-Key', () => {
  it('replays the first response to a retry with the same key and request, and creates once', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const body = { givenName: 'Ayşe', familyName: 'Yılmaz', identities: [{ kind: 'email', value: 'ayse@example.tr' }] };
    const first = await post(t, owner.client, '/api/v1/customers', body, 'create-ayse-1');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await post(t, owner.client, '/api/v1/customers', body, 'create-ayse-1');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await customerCount(t, workspaceId)).toBe(1);

    // An answered error is an answer too: the retry gets it again rather than a different outcome.
    const taken = await post(t, owner.client, '/api/v1/customers', { ...body, givenName: 'Other' }, 'create-other');
    expect(taken.json().error.code).toBe('identity_taken');
    const takenAgain = await post(t, owner.client, '/api/v1/customers', { ...body, givenName: 'Other' }, 'create-other');
    expect(takenAgain.statusCode).toBe(409);
    expect(takenAgain.headers['idempotent-replayed']).toBe('true');
  });

  it('refuses the same key with another request, and a key still in use', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    await post(t, owner.client, '/api/v1/customers', { givenName: 'Anna' }, 'k1');
    const other = await post(t, owner.client, '/api/v1/customers', { givenName: 'Béla' }, 'k1');
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
    expect(await customerCount(t, workspaceId)).toBe(1);

    // A first request still running (its row claimed, not answered).
    await t.db
      .insertInto('idempotency_keys')
      .values({ workspace_id: workspaceId, actor_id: owner.userId, key: 'k2', request_hash: 'x' })
      .execute();
    const busy = await post(t, owner.client, '/api/v1/customers', { givenName: 'Cili' }, 'k2');
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('idempotency_in_progress');

    const bad = await post(t, owner.client, '/api/v1/customers', { givenName: 'Dóra' }, 'ékezet');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0]).toMatchObject({ path: ['Idempotency-Key'], code: 'invalid_format' });
    expect(await customerCount(t, workspaceId)).toBe(1);
  });

  it('keeps keys to the person or token that sent them', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const agent = await createPerson(t.db, { workspaceId, role: 'agent' });
    const other = await createWorkspace(t.db);
    for (const as of [owner.client, agent.client, other.owner.client]) {
      const response = await post(t, as, '/api/v1/customers', { givenName: 'Emese' }, 'same-key');
      expect(response.statusCode).toBe(201);
      expect(response.headers['idempotent-replayed']).toBeUndefined();
    }
    expect(await customerCount(t, workspaceId)).toBe(2);
    expect(await customerCount(t, other.workspaceId)).toBe(1);
  });

  it('never stores a secret: a retry of an API token creation is refused, not replayed', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const first = await post(t, owner.client, '/api/v1/api-tokens', { name: 'CI', role: 'agent' }, 'token-1');
    expect(first.statusCode).toBe(201);
    const token = first.json().token as string;
    const stored = await t.db.selectFrom('idempotency_keys').selectAll().where('workspace_id', '=', workspaceId).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status_code: 201, response_body: null });
    expect(JSON.stringify(stored)).not.toContain(token);
    const retry = await post(t, owner.client, '/api/v1/api-tokens', { name: 'CI', role: 'agent' }, 'token-1');
    expect(retry.statusCode).toBe(409);
    expect(retry.json().error.code).toBe('idempotency_key_used');
    const tokens = await t.request('GET', '/api/v1/api-tokens', { as: owner.client });
    expect(tokens.json().items).toHaveLength(1);
  });
});
