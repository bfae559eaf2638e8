import { describe, expect, it } from 'vitest';
import type { DuplicatePage, DuplicatePair } from '@rapport/contracts';
import { sharedTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { createWorkspace } from '../../../test/factories.js';

async function create(t: TestApp, as: Client, body: Record<string, unknown>): Promise<{ id: string }> {
  const response = await t.request('POST', '/api/v1/customers', { body, as });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

async function listAll(t: TestApp, as: Client, query = ''): Promise<DuplicatePage> {
  const response = await t.request('GET', `/api/v1/customers/duplicates${query}`, { as });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function duplicatesOf(t: TestApp, as: Client, customerId: string): Promise<DuplicatePair[]> {
  const response = await t.request('GET', `/api/v1/customers/${customerId}/duplicates`, { as });
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

/** "newer~older:reason" for each pair, to compare lists at a glance. */
function described(pairs: DuplicatePair[], names: Map<string, string>): string[] {
  return pairs.map((p) => `${names.get(p.customer.id)}~${names.get(p.duplicate.id)}:${p.reason}`).sort();
}

describe('likely duplicates', () => {
  it('finds the same mailbox, the same number on another channel, the same and similar names', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const as = owner.client;
    const names = new Map<string, string>();
    const add = async (label: string, body: Record<string, unknown>) => {
      const customer = await create(t, as, body);
      names.set(customer.id, label);
      return customer;
    };
    // Contacts tell on their own, whatever the names say.
    const gmail = await add('gmail', {
      givenName: 'Ádám',
      familyName: 'Kovács',
      identities: [{ kind: 'email', value: 'kovacsadam@gmail.com' }],
    });
    await add('gmailVariant', {
      givenName: 'A.',
      familyName: 'K.',
      identities: [{ kind: 'email', value: 'Kovacs.Adam+shop@googlemail.com' }],
    });
    await add('tagged', { givenName: 'Éva', identities: [{ kind: 'email', value: 'eva@example.hu' }] });
    await add('taggedVariant', { givenName: 'Evi', identities: [{ kind: 'email', value: 'eva+news@example.hu' }] });
    // Dots count outside Gmail: two people.
    await add('dots', { givenName: 'Jo', identities: [{ kind: 'email', value: 'j.o@example.de' }] });
    await add('dotsOther', { givenName: 'Jan', identities: [{ kind: 'email', value: 'jo@example.de' }] });
    const phone = await add('phone', {
      givenName: 'Mehmet',
      familyName: 'Yılmaz',
      country: 'TR',
      identities: [{ kind: 'phone', value: '+90 532 123 45 67' }],
    });
    const whatsapp = await add('whatsapp', {
      givenName: 'Memo',
      country: 'DE',
      identities: [{ kind: 'whatsapp', value: '+905321234567' }],
    });
    // Names: folded spellings are the same name; a letter or a middle name apart is similar.
    await add('sukru', { givenName: 'Şükrü', familyName: 'Öztürk', country: 'TR' });
    await add('sukruAscii', { givenName: 'Sükrü', familyName: 'Özturk', country: 'TR' });
    const anna = await add('anna', { givenName: 'Anna', familyName: 'Nagy', country: 'HU' });
    const ana = await add('ana', { givenName: 'Ana', familyName: 'Nagy', country: 'HU', company: 'Nagy Bt.' });
    await add('annaElsewhere', { givenName: 'Ana', familyName: 'Nagy', country: 'AT', company: 'Wien GmbH' });
    await add('maria', { givenName: 'Anna', middleName: 'Mária', familyName: 'Kiss', company: 'Kiss Kft.' });
    await add('mariaMissing', { givenName: 'Anna', familyName: 'Kiss', company: 'Kiss Kft.' });
    await add('typoFirstWord', { givenName: 'Şükrü', familyName: 'Öztürc', country: 'TR' });
    await add('different', { givenName: 'Anita', familyName: 'Nagy', country: 'HU' });

    const page = await listAll(t, as);
    expect(page.nextCursor).toBeNull();
    expect(page.checkedThrough).toEqual(expect.any(String));
    expect(described(page.items, names)).toEqual(
      [
        'gmailVariant~gmail:same_email',
        'taggedVariant~tagged:same_email',
        'whatsapp~phone:same_phone',
        'sukruAscii~sukru:same_name',
        'ana~anna:similar_name',
        'mariaMissing~maria:similar_name',
        'typoFirstWord~sukruAscii:similar_name',
      ].sort(),
    );
    const byReason = (reason: string) => page.items.find((p) => p.reason === reason)!;
    expect(byReason('same_phone').contact).toEqual({
      customer: { kind: 'whatsapp', value: '+905321234567' },
      duplicate: { kind: 'phone', value: '+905321234567' },
    });
    expect(byReason('same_email').score).toBe(1);
    const similar = page.items.find((p) => p.customer.id === ana.id)!;
    expect(similar.score).toBeGreaterThanOrEqual(0.6);
    expect(similar.score).toBeLessThan(1);
    expect(similar.contact).toBeNull();

    // A profile sees its duplicates in both directions.
    expect(described(await duplicatesOf(t, as, anna.id), names)).toEqual(['anna~ana:similar_name']);
    expect(described(await duplicatesOf(t, as, phone.id), names)).toEqual(['phone~whatsapp:same_phone']);
    expect(described(await duplicatesOf(t, as, whatsapp.id), names)).toEqual(['whatsapp~phone:same_phone']);
    expect(described(await duplicatesOf(t, as, gmail.id), names)).toEqual(['gmail~gmailVariant:same_email']);
  });

  it('pages through the workspace, each pair once, and rejects a cursor it did not make', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const as = owner.client;
    for (const familyName of ['Tóth', 'Szabó', 'Varga']) {
      await create(t, as, { givenName: 'Péter', familyName, country: 'HU' });
      await create(t, as, { givenName: 'Peter', familyName, country: 'HU' });
    }
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page = await listAll(t, as, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((p) => [p.customer.id, p.duplicate.id].sort().join(':')));
      cursor = page.nextCursor;
      pages++;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    expect(pages).toBeGreaterThanOrEqual(3);
    const bad = await t.request('GET', '/api/v1/customers/duplicates?cursor=nonsense', { as });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].code).toBe('invalid_cursor');
  });
});

describe('not the same person', () => {
  it('hides a dismissed pair in either order until undone, records who did it, and stays in its workspace', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const other = await createWorkspace(t.db);
    const as = owner.client;
    const first = await create(t, as, { givenName: 'Zoltán', familyName: 'Horváth', country: 'HU' });
    const second = await create(t, as, { givenName: 'Zoltan', familyName: 'Horvath', country: 'HU' });
    expect((await listAll(t, as)).items).toHaveLength(1);

    const forbidden = await t.request('POST', '/api/v1/customers/duplicates/dismissals', {
      body: { customerId: second.id, duplicateId: first.id },
      as: other.owner.client,
    });
    expect(forbidden.statusCode).toBe(404);
    expect((await listAll(t, as)).items).toHaveLength(1);

    const dismissed = await t.request('POST', '/api/v1/customers/duplicates/dismissals', {
      body: { customerId: second.id, duplicateId: first.id },
      as,
    });
    expect(dismissed.statusCode).toBe(201);
    expect(dismissed.json()).toMatchObject({ customerIds: [first.id, second.id].sort(), dismissedBy: owner.userId });
    expect((await listAll(t, as)).items).toEqual([]);
    expect(await duplicatesOf(t, as, first.id)).toEqual([]);
    expect(await duplicatesOf(t, as, second.id)).toEqual([]);
    const again = await t.request('POST', '/api/v1/customers/duplicates/dismissals', {
      body: { customerId: first.id, duplicateId: second.id },
      as,
    });
    expect(again.statusCode).toBe(200);

    const events = (await t.request('GET', '/api/v1/events', { as })).json().items;
    expect(events.filter((e: { name: string }) => e.name === 'duplicate_dismissal.created')).toEqual([
      expect.objectContaining({ actorId: owner.userId, subjectId: second.id, data: { duplicateId: first.id } }),
    ]);

    const elsewhere = await t.request('DELETE', `/api/v1/customers/duplicates/dismissals/${first.id}/${second.id}`, {
      as: other.owner.client,
    });
    expect(elsewhere.statusCode).toBe(404);
    expect((await listAll(t, as)).items).toEqual([]);

    const undone = await t.request('DELETE', `/api/v1/customers/duplicates/dismissals/${first.id}/${second.id}`, { as });
    expect(undone.statusCode).toBe(204);
    expect((await listAll(t, as)).items).toHaveLength(1);
    expect(await duplicatesOf(t, as, first.id)).toHaveLength(1);
    const undoneAgain = await t.request('DELETE', `/api/v1/customers/duplicates/dismissals/${second.id}/${first.id}`, { as });
    expect(undoneAgain.statusCode).toBe(404);
    const self = await t.request('POST', '/api/v1/customers/duplicates/dismissals', {
      body: { customerId: first.id, duplicateId: first.id },
      as,
    });
    expect(self.statusCode).toBe(400);
  });

  it('goes with a customer that is erased or merged away; merging still keeps everything', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId } = await createWorkspace(t.db);
    const as = owner.client;
    const kept = await create(t, as, { givenName: 'Dilnoza', familyName: 'Rahimova', country: 'UZ' });
    const twin = await create(t, as, { givenName: 'Dilnoza', familyName: 'Rakhimova', country: 'UZ' });
    const namesake = await create(t, as, {
      givenName: 'Dilnoza',
      familyName: 'Rahimova',
      country: 'UZ',
      identities: [{ kind: 'email', value: 'dilnoza@example.uz' }],
    });
    for (const duplicateId of [twin.id, namesake.id]) {
      const response = await t.request('POST', '/api/v1/customers/duplicates/dismissals', {
        body: { customerId: kept.id, duplicateId },
        as,
      });
      expect(response.statusCode).toBe(201);
    }
    const dismissals = () =>
      t.db
        .selectFrom('customer_duplicate_dismissals')
        .select(['first_id', 'second_id'])
        .where('workspace_id', '=', workspaceId)
        .execute();
    expect(await dismissals()).toHaveLength(2);

    const merged = await t.request('POST', `/api/v1/customers/${kept.id}/merge`, { body: { sourceId: namesake.id }, as });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().identities.map((i: { value: string }) => i.value)).toEqual(['dilnoza@example.uz']);
    expect(await dismissals()).toEqual([{ first_id: [kept.id, twin.id].sort()[0], second_id: [kept.id, twin.id].sort()[1] }]);

    expect((await t.request('DELETE', `/api/v1/customers/${twin.id}`, { as })).statusCode).toBe(204);
    expect(await dismissals()).toEqual([]);
  });
});
