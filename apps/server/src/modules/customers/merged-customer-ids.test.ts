import { describe, expect, it } from 'vitest';
import { sharedTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { createWorkspace } from '../../../test/factories.js';

async function create(t: TestApp, as: Client, body: Record<string, unknown>) {
  const response = await t.request('POST', '/api/v1/customers', { body, as });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json<{ id: string; identities: { id: string; value: string }[] }>();
}

async function merge(t: TestApp, as: Client, keptId: string, sourceId: string) {
  return t.request('POST', `/api/v1/customers/${keptId}/merge`, { body: { sourceId }, as });
}

describe('an id merged away', () => {
  it('stands for the customer kept on every customer route, reads and writes alike', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const as = owner.client;
    const kept = await create(t, as, {
      givenName: 'Şükrü',
      familyName: 'Öztürk',
      identities: [{ kind: 'email', value: 'sukru@example.com.tr' }],
    });
    const old = await create(t, as, {
      givenName: 'Sukru',
      familyName: 'Ozturk',
      identities: [{ kind: 'phone', value: '+90 532 765 43 21' }],
    });
    // The merged-away record was seen first: the kept one takes that over.
    const firstSeen = new Date(Date.UTC(2026, 0, 15, 9, 30));
    await t.db.updateTable('customers').set({ first_seen_at: firstSeen }).where('id', '=', old.id).execute();
    const oldNote = (
      await t.request('POST', `/api/v1/customers/${old.id}/notes`, { body: { body: 'Aradı, fatura soruyor.' }, as })
    ).json<{ id: string }>();
    const mergedResponse = await merge(t, as, kept.id, old.id);
    expect(mergedResponse.statusCode).toBe(200);
    expect(mergedResponse.json()).toMatchObject({ id: kept.id, firstSeenAt: firstSeen.toISOString() });
    const url = (path = '') => `/api/v1/customers/${old.id}${path}`;

    expect((await t.request('GET', url(), { as })).json().id).toBe(kept.id);

    const patched = await t.request('PATCH', url(), { body: { company: 'Öztürk Ltd.' }, as });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ id: kept.id, company: 'Öztürk Ltd.' });

    const added = await t.request('POST', url('/identities'), { body: { kind: 'telegram', value: '@sukru' }, as });
    expect(added.statusCode).toBe(200);
    expect(added.json().id).toBe(kept.id);
    const telegram = added.json<{ identities: { id: string; kind: string }[] }>().identities.find((i) => i.kind === 'telegram')!;
    const removed = await t.request('DELETE', url(`/identities/${telegram.id}`), { as });
    expect(removed.statusCode).toBe(200);
    expect(
      removed
        .json<{ identities: { kind: string }[] }>()
        .identities.map((i) => i.kind)
        .sort(),
    ).toEqual(['email', 'phone']);

    const note = await t.request('POST', url('/notes'), { body: { body: 'Haziranda kızı evleniyor.' }, as });
    expect(note.statusCode).toBe(201);
    const notes = await t.request('GET', `/api/v1/customers/${kept.id}/notes`, { as });
    expect(notes.json<{ items: { id: string }[] }>().items.map((n) => n.id)).toEqual([note.json().id, oldNote.id]);
    expect((await t.request('GET', url('/notes'), { as })).json()).toEqual(notes.json());
    const edited = await t.request('PATCH', url(`/notes/${oldNote.id}`), { body: { body: 'Aradı: fatura.' }, as });
    expect(edited.json()).toMatchObject({ body: 'Aradı: fatura.', revisions: 1 });
    const revisions = await t.request('GET', url(`/notes/${oldNote.id}/revisions`), { as });
    expect(revisions.json().items.map((r: { body: string }) => r.body)).toEqual(['Aradı, fatura soruyor.']);
    expect((await t.request('DELETE', url(`/notes/${note.json().id}`), { as })).statusCode).toBe(204);

    const fact = await t.request('POST', url('/facts'), { body: { text: 'Çayı şekersiz içer' }, as });
    expect(fact.statusCode).toBe(201);
    const facts = await t.request('GET', url('/facts'), { as });
    expect(facts.json().items.map((f: { text: string }) => f.text)).toEqual(['Çayı şekersiz içer']);
    expect((await t.request('DELETE', url(`/facts/${fact.json().id}`), { as })).statusCode).toBe(204);

    const timeline = await t.request('GET', url('/timeline'), { as });
    expect(timeline.statusCode).toBe(200);
    expect(timeline.json()).toEqual((await t.request('GET', `/api/v1/customers/${kept.id}/timeline`, { as })).json());
    expect(timeline.json().items.map((e: { type: string }) => e.type)).toContain('customer.merged');

    expect((await t.request('GET', url('/duplicates'), { as })).statusCode).toBe(200);
    const exported = await t.request('GET', url('/export'), { as });
    expect(exported.statusCode).toBe(200);
    expect(exported.json().customer.id).toBe(kept.id);
    expect(exported.headers['content-disposition']).toContain(`customer-${kept.id}.json`);

    // Merging into the old id merges into the kept customer; merging it again into its own customer is refused.
    const third = await create(t, as, { givenName: 'Şükrü', familyName: 'Öztürk', company: 'Öztürk Ltd.' });
    const intoOld = await merge(t, as, old.id, third.id);
    expect(intoOld.statusCode).toBe(200);
    expect(intoOld.json().id).toBe(kept.id);
    // Merges chain: the third id leads to the kept customer too.
    expect((await t.request('GET', `/api/v1/customers/${third.id}`, { as })).json().id).toBe(kept.id);
    const again = await merge(t, as, kept.id, old.id);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.issues[0].code).toBe('same_customer');

    // "Not the same person" with an old id marks the kept customer.
    const other = await create(t, as, { givenName: 'Aziz', familyName: 'Karimov' });
    const dismissed = await t.request('POST', '/api/v1/customers/duplicates/dismissals', {
      body: { customerId: old.id, duplicateId: other.id },
      as,
    });
    expect(dismissed.statusCode).toBe(201);
    expect([...dismissed.json().customerIds].sort()).toEqual([kept.id, other.id].sort());
    expect(
      (await t.request('DELETE', `/api/v1/customers/duplicates/dismissals/${other.id}/${third.id}`, { as })).statusCode,
    ).toBe(204);

    // Erasing through the old id erases the person: the merge made the two records one.
    expect((await t.request('DELETE', url(), { as })).statusCode).toBe(204);
    for (const id of [kept.id, old.id, third.id]) {
      const gone = await t.request('GET', `/api/v1/customers/${id}`, { as });
      expect(gone.statusCode, id).toBe(404);
      expect(gone.json().error.code).toBe('not_found');
    }
  });

  it('leads nowhere in another workspace', async () => {
    const t = await sharedTestApp();
    const mine = await createWorkspace(t.db);
    const theirs = await createWorkspace(t.db);
    const kept = await create(t, mine.owner.client, { givenName: 'Dilnoza', familyName: 'Rahimova' });
    const old = await create(t, mine.owner.client, { givenName: 'Dilnoza', familyName: 'Rahimova' });
    expect((await merge(t, mine.owner.client, kept.id, old.id)).statusCode).toBe(200);
    for (const [method, path] of [
      ['GET', ''],
      ['PATCH', ''],
      ['GET', '/notes'],
      ['POST', '/notes'],
      ['GET', '/facts'],
      ['GET', '/timeline'],
      ['GET', '/export'],
      ['DELETE', ''],
    ] as const) {
      const body = method === 'PATCH' ? { company: 'X' } : method === 'POST' ? { body: 'x' } : undefined;
      const response = await t.request(method, `/api/v1/customers/${old.id}${path}`, {
        as: theirs.owner.client,
        ...(body ? { body } : {}),
      });
      expect(response.statusCode, `${method} ${path}`).toBe(404);
    }
    const merged = await merge(t, theirs.owner.client, old.id, kept.id);
    expect(merged.statusCode).toBe(404);
  });
});
