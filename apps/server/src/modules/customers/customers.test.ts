import { describe, expect, it } from 'vitest';
import { sharedTestApp, type TestApp } from '../../../test/harness.js';
import { createWorkspace } from '../../../test/factories.js';
import type { Client } from '../../../test/harness.js';

async function create(t: TestApp, as: Client, body: Record<string, unknown>) {
  const response = await t.request('POST', '/api/v1/customers', { body, as });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

async function search(t: TestApp, as: Client, q: string): Promise<string[]> {
  const response = await t.request('GET', `/api/v1/customers?q=${encodeURIComponent(q)}`, { as });
  expect(response.statusCode).toBe(200);
  return response.json().items.map((c: { displayName: string }) => c.displayName);
}

describe('customer profiles', () => {
  it('creates a customer with identities in E.164, name order and an inferred time zone', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const adam = await create(t, owner.client, {
      givenName: 'Ádám',
      familyName: 'Kovács',
      title: 'dr.',
      formality: 'formal',
      language: 'hu',
      country: 'HU',
      identities: [
        { kind: 'email', value: 'Adam.Kovacs@Example.HU' },
        { kind: 'phone', value: '06 30 123 4567' },
      ],
      tags: ['vip', 'vip', ' webshop '],
      marketingConsent: { marketingEmail: true, source: 'signup form' },
    });
    expect(adam).toMatchObject({
      displayName: 'Kovács Ádám',
      timeZone: 'Europe/Budapest',
      timeZoneSource: 'phone',
      tags: ['vip', 'webshop'],
      consent: { marketingEmail: true, source: 'signup form' },
    });
    expect(adam.identities.map((i: { value: string }) => i.value)).toEqual(['adam.kovacs@example.hu', '+36301234567']);

    const aziz = await create(t, owner.client, { givenName: 'Aziz', familyName: 'Karimov', country: 'UZ' });
    expect(aziz).toMatchObject({ displayName: 'Aziz Karimov', timeZone: 'Asia/Tashkent', timeZoneSource: 'country' });
    const ayse = await create(t, owner.client, {
      givenName: 'Ayşe',
      familyName: 'Yılmaz',
      language: 'tr',
      timeZone: 'Europe/Berlin',
      country: 'TR',
    });
    expect(ayse).toMatchObject({ displayName: 'Ayşe Yılmaz', timeZone: 'Europe/Berlin', timeZoneSource: 'explicit' });

    const fetched = await t.request('GET', `/api/v1/customers/${adam.id}`, { as: owner.client });
    expect(fetched.json()).toEqual(adam);
  });

  it('gives field-level errors with stable codes and writes nothing', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId } = await createWorkspace(t.db);
    const bad = await t.request('POST', '/api/v1/customers', {
      body: { givenName: 'X', country: 'Hungary', timeZone: 'Europe/Nowhere', formality: 'polite' },
      as: owner.client,
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths.sort()).toEqual(['country', 'formality', 'timeZone']);

    const phone = await t.request('POST', '/api/v1/customers', {
      body: {
        givenName: 'X',
        identities: [
          { kind: 'email', value: 'ok@example.test' },
          { kind: 'phone', value: '12' },
        ],
      },
      as: owner.client,
    });
    expect(phone.json().error.details.issues[0]).toMatchObject({ path: ['identities', 1, 'value'], code: 'invalid_phone' });
    const empty = await t.request('POST', '/api/v1/customers', { body: {}, as: owner.client });
    expect(empty.json().error.code).toBe('validation_failed');
    const count = await t.db
      .selectFrom('customers')
      .select(t.db.fn.countAll().as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('keeps each identity unique within a workspace, and finds the owner of any identity', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const other = await createWorkspace(t.db);
    const first = await create(t, owner.client, {
      givenName: 'Mehmet',
      identities: [{ kind: 'phone', value: '+90 532 123 45 67' }],
    });
    const taken = await t.request('POST', '/api/v1/customers', {
      body: { givenName: 'Someone', identities: [{ kind: 'phone', value: '0090 532 1234567' }] },
      as: owner.client,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'identity_taken', details: { customerId: first.id } });
    // Another workspace may know the same person.
    await create(t, other.owner.client, { givenName: 'Mehmet', identities: [{ kind: 'phone', value: '+905321234567' }] });

    const found = await t.request(
      'GET',
      `/api/v1/customers/lookup?kind=phone&value=${encodeURIComponent('+90 (532) 123-45-67')}`,
      { as: owner.client },
    );
    expect(found.json().id).toBe(first.id);
    const missing = await t.request('GET', '/api/v1/customers/lookup?kind=email&value=nobody@example.test', { as: owner.client });
    expect(missing.statusCode).toBe(404);

    const added = await t.request('POST', `/api/v1/customers/${first.id}/identities`, {
      body: { kind: 'telegram', value: '@mehmet_y' },
      as: owner.client,
    });
    expect(added.json().identities).toHaveLength(2);
    const invalid = await t.request('POST', `/api/v1/customers/${first.id}/identities`, {
      body: { kind: 'email', value: 'bad' },
      as: owner.client,
    });
    expect(invalid.json().error.details.issues[0]).toMatchObject({ path: ['value'], code: 'invalid_email' });
    const identityId = added.json().identities[1].id;
    const removed = await t.request('DELETE', `/api/v1/customers/${first.id}/identities/${identityId}`, { as: owner.client });
    expect(removed.json().identities).toHaveLength(1);
  });

  it('updates only the given fields, re-infers an inferred time zone, and records which fields changed', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const c = await create(t, owner.client, { givenName: 'Dilnoza', familyName: 'Rahimova', country: 'UZ' });
    const moved = await t.request('PATCH', `/api/v1/customers/${c.id}`, {
      body: { country: 'TR', nameOrder: 'family_first', company: null },
      as: owner.client,
    });
    expect(moved.json()).toMatchObject({
      country: 'TR',
      timeZone: 'Europe/Istanbul',
      displayName: 'Rahimova Dilnoza',
      givenName: 'Dilnoza',
    });
    const timeline = (await t.request('GET', `/api/v1/customers/${c.id}/timeline`, { as: owner.client })).json();
    expect(timeline.items.map((e: { type: string }) => e.type)).toEqual(['customer.updated', 'customer.created']);
    expect(timeline.items[0].data.fields.sort()).toEqual(['country', 'nameOrder']);
    expect(JSON.stringify(timeline)).not.toContain('Rahimova');
  });

  it('validates custom attributes against their definitions', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    for (const body of [
      { key: 'plan', label: 'Plan', type: 'choice', choices: ['basic', 'pro'] },
      { key: 'seats', label: 'Seats', type: 'number' },
      { key: 'renewal', label: 'Renewal', type: 'date' },
    ]) {
      expect((await t.request('POST', '/api/v1/customer-attributes', { body, as: owner.client })).statusCode).toBe(201);
    }
    const noChoices = await t.request('POST', '/api/v1/customer-attributes', {
      body: { key: 'tier', label: 'Tier', type: 'choice' },
      as: owner.client,
    });
    expect(noChoices.json().error.details.issues[0].path).toEqual(['choices']);
    const c = await create(t, owner.client, { givenName: 'Anna', attributes: { plan: 'pro', seats: 12, renewal: '2027-01-31' } });
    expect(c.attributes).toEqual({ plan: 'pro', seats: 12, renewal: '2027-01-31' });
    const bad = await t.request('PATCH', `/api/v1/customers/${c.id}`, {
      body: { attributes: { plan: 'gold', seats: 'many', colour: 'red' } },
      as: owner.client,
    });
    const issues = bad.json().error.details.issues.map((i: { path: string[]; code: string }) => `${i.path.join('.')}:${i.code}`);
    expect(issues.sort()).toEqual([
      'attributes.colour:unknown_attribute',
      'attributes.plan:invalid_attribute',
      'attributes.seats:invalid_attribute',
    ]);
    const cleared = await t.request('PATCH', `/api/v1/customers/${c.id}`, {
      body: { attributes: { seats: null } },
      as: owner.client,
    });
    expect(cleared.json().attributes).toEqual({ plan: 'pro', renewal: '2027-01-31' });
  });
});

describe('customer search', () => {
  it('finds people by any part of the name in any order, ignoring accents, case and spelling variants', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    await create(t, owner.client, { givenName: 'Şükrü', familyName: 'Öztürk', language: 'tr', company: 'Öztürk Tekstil' });
    await create(t, owner.client, { givenName: 'Ádám', familyName: 'Kovács', language: 'hu' });
    await create(t, owner.client, { givenName: 'Işıl', familyName: 'İnce', language: 'tr' });
    await create(t, owner.client, { givenName: 'Gʻulom', familyName: 'Oʻrinov', language: 'uz' });
    await create(t, owner.client, { givenName: 'Jürgen', familyName: 'Müller', company: 'Straße GmbH', tags: ['grosskunde'] });
    await create(t, owner.client, { givenName: 'Őrs', familyName: 'Szűcs', language: 'hu' });

    expect(await search(t, owner.client, 'sukru ozturk')).toEqual(['Şükrü Öztürk']);
    expect(await search(t, owner.client, 'adam kovacs')).toEqual(['Kovács Ádám']);
    expect(await search(t, owner.client, 'KOVÁCS')).toEqual(['Kovács Ádám']);
    expect(await search(t, owner.client, 'ISIL INCE')).toEqual(['Işıl İnce']);
    expect(await search(t, owner.client, 'ışıl')).toEqual(['Işıl İnce']);
    expect(await search(t, owner.client, "g'ulom o'rinov")).toEqual(['Gʻulom Oʻrinov']);
    expect(await search(t, owner.client, 'g`ulom')).toEqual(['Gʻulom Oʻrinov']);
    expect(await search(t, owner.client, 'Mueller')).toEqual(['Jürgen Müller']);
    expect(await search(t, owner.client, 'strasse')).toEqual(['Jürgen Müller']);
    expect(await search(t, owner.client, 'szucs ors')).toEqual(['Szűcs Őrs']);
    expect(await search(t, owner.client, 'tekstil')).toEqual(['Şükrü Öztürk']);
    expect(await search(t, owner.client, 'grosskunde')).toEqual(['Jürgen Müller']);
    // Small typos still find the person.
    expect(await search(t, owner.client, 'sukru oztrk')).toContain('Şükrü Öztürk');
    expect(await search(t, owner.client, 'nobody at all')).toEqual([]);
  });

  it('finds by email and by phone in any format, exact matches first', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    await create(t, owner.client, {
      givenName: 'Péter',
      familyName: 'Nagy',
      language: 'hu',
      identities: [{ kind: 'phone', value: '+36 1 234 5678' }],
    });
    await create(t, owner.client, {
      givenName: 'Katalin',
      familyName: 'Nagy',
      language: 'hu',
      identities: [{ kind: 'email', value: 'kati.nagy@example.hu' }],
    });
    expect(await search(t, owner.client, 'KATI.NAGY@example.hu')).toEqual(['Nagy Katalin']);
    expect(await search(t, owner.client, '06 1 234 5678')).toEqual(['Nagy Péter']);
    expect(await search(t, owner.client, '+3612345678')).toEqual(['Nagy Péter']);
    expect((await search(t, owner.client, 'nagy')).sort()).toEqual(['Nagy Katalin', 'Nagy Péter']);
    // Part of an identity: an email's start or its domain, a number's start in any form.
    expect(await search(t, owner.client, 'Kati.N')).toEqual(['Nagy Katalin']);
    expect(await search(t, owner.client, '@example.hu')).toEqual(['Nagy Katalin']);
    expect(await search(t, owner.client, 'example.hu')).toEqual(['Nagy Katalin']);
    expect(await search(t, owner.client, '+36 1 23')).toEqual(['Nagy Péter']);
    expect(await search(t, owner.client, '06 1 234')).toEqual(['Nagy Péter']);
    // LIKE's wildcards are only characters here.
    expect(await search(t, owner.client, '%example.hu')).toEqual([]);
    expect(await search(t, owner.client, '_ati.nagy')).toEqual([]);
  });

  it('ranks the exact name first, then names containing the words, then near misses; word starts in any order', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    await create(t, owner.client, { givenName: 'Ádám', familyName: 'Kovácsné', language: 'hu' });
    await create(t, owner.client, { givenName: 'Ádám', familyName: 'Kovács', middleName: 'Péter', language: 'hu' });
    await create(t, owner.client, { givenName: 'Ádám', familyName: 'Kovács', language: 'hu' });
    await create(t, owner.client, { givenName: 'Ömer', familyName: 'Yılmaz', company: 'Yıldız Tekstil', language: 'tr' });

    // Exactly that name first, then the name with a middle name, then a word that only starts with "kovacs".
    expect(await search(t, owner.client, 'kovacs adam')).toEqual(['Kovács Ádám', 'Kovács Ádám Péter', 'Kovácsné Ádám']);
    // The words' starts, in any order.
    expect(await search(t, owner.client, 'kov ad')).toEqual(['Kovács Ádám', 'Kovács Ádám Péter', 'Kovácsné Ádám']);
    expect(await search(t, owner.client, 'yil tekst')).toEqual(['Ömer Yılmaz']);
    // A typo in a name is matched through the workspace's list of names.
    expect(await search(t, owner.client, 'omer yilmz')).toEqual(['Ömer Yılmaz']);
    // A typo in a company through trigrams over the folded companies.
    expect(await search(t, owner.client, 'tekstl')).toEqual(['Ömer Yılmaz']);
  });

  it('keeps the list of names true when customers are renamed or erased', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId } = await createWorkspace(t.db);
    const first = await create(t, owner.client, { givenName: 'Zsófia', familyName: 'Pintér', language: 'hu' });
    await create(t, owner.client, { givenName: 'Zsófia', familyName: 'Pintér', language: 'hu' });
    const names = async () =>
      (
        await t.db
          .selectFrom('customer_name_keys')
          .select('name_key')
          .where('workspace_id', '=', workspaceId)
          .orderBy('name_key')
          .execute()
      ).map((r) => r.name_key);
    expect(await names()).toEqual(['pinter zsofia']);
    const renamed = await t.request('PATCH', `/api/v1/customers/${first.id}`, {
      as: owner.client,
      body: { familyName: 'Pintérné' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(await names()).toEqual(['pinter zsofia', 'pinterne zsofia']);
    expect(await search(t, owner.client, 'pinterne zsfia')).toEqual(['Pintérné Zsófia']);
    const erased = await t.request('DELETE', `/api/v1/customers/${first.id}`, { as: owner.client });
    expect(erased.statusCode).toBe(204);
    // Nobody is called Pintérné any more: the name is not searchable, not even as a near miss.
    expect(await names()).toEqual(['pinter zsofia']);
    expect(await search(t, owner.client, 'pinterne zsfia')).toEqual([]);
    expect(await search(t, owner.client, 'pinter zsfia')).toEqual(['Pintér Zsófia']);
  });

  it('reads a national phone number in the countries the workspace’s customers live in', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    await create(t, owner.client, {
      givenName: 'Emre',
      familyName: 'Kaya',
      country: 'TR',
      identities: [{ kind: 'phone', value: '+90 532 123 45 67' }],
    });
    await create(t, owner.client, {
      givenName: 'Dilnoza',
      familyName: 'Karimova',
      country: 'UZ',
      identities: [{ kind: 'whatsapp', value: '+998 90 123 45 67' }],
    });
    expect(await search(t, owner.client, '0532 123 45 67')).toEqual(['Emre Kaya']);
    expect(await search(t, owner.client, '(0532) 123-4567')).toEqual(['Emre Kaya']);
    expect(await search(t, owner.client, '90 123 45 67')).toEqual(['Dilnoza Karimova']);
  });

  it('lists newest first with filters and cursors, and never shows another workspace’s customers', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const other = await createWorkspace(t.db);
    for (const [givenName, country, tags] of [
      ['A', 'HU', ['vip']],
      ['B', 'TR', []],
      ['C', 'HU', []],
      ['D', 'UZ', ['vip']],
      ['E', 'HU', ['vip']],
    ] as const) {
      await create(t, owner.client, { givenName, country, tags });
    }
    await create(t, other.owner.client, { givenName: 'Hidden', country: 'HU', tags: ['vip'] });
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await t.request('GET', `/api/v1/customers?limit=2${query}`, { as: owner.client })).json();
      names.push(...page.items.map((c: { displayName: string }) => c.displayName));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names).toEqual(['E', 'D', 'C', 'B', 'A']);

    await create(t, owner.client, { givenName: 'F', language: 'uz-Latn' });
    const uzbek = (await t.request('GET', '/api/v1/customers?language=uz', { as: owner.client })).json().items;
    expect(uzbek.map((c: { displayName: string }) => c.displayName)).toEqual(['F']);
    const hungarianVips = (await t.request('GET', '/api/v1/customers?country=HU&tag=vip', { as: owner.client })).json().items;
    expect(hungarianVips.map((c: { displayName: string }) => c.displayName)).toEqual(['E', 'A']);
    expect(await search(t, owner.client, 'hidden')).toEqual([]);
    const hiddenId = (await t.request('GET', '/api/v1/customers?q=hidden', { as: other.owner.client })).json().items[0].id;
    expect((await t.request('GET', `/api/v1/customers/${hiddenId}`, { as: owner.client })).statusCode).toBe(404);
    expect(
      (await t.request('PATCH', `/api/v1/customers/${hiddenId}`, { body: { givenName: 'x' }, as: owner.client })).statusCode,
    ).toBe(404);
    expect(
      (await t.request('POST', `/api/v1/customers/${hiddenId}/notes`, { body: { body: 'x' }, as: owner.client })).statusCode,
    ).toBe(404);
  });
});

describe('notes, personal details and the timeline', () => {
  it('keeps note history, orders dated details by their next occurrence, and pages one merged timeline', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const c = await create(t, owner.client, { givenName: 'Aziz', familyName: 'Karimov', country: 'UZ' });
    const base = `/api/v1/customers/${c.id}`;
    const note = (
      await t.request('POST', `${base}/notes`, { body: { body: 'Prefers calls after 17:00.' }, as: owner.client })
    ).json();
    expect(note).toMatchObject({ authorName: 'Kovács Péter', revisions: 0 });
    const edited = await t.request('PATCH', `${base}/notes/${note.id}`, {
      body: { body: 'Prefers calls after 17:00 Tashkent time.' },
      as: owner.client,
    });
    expect(edited.json()).toMatchObject({ body: 'Prefers calls after 17:00 Tashkent time.', revisions: 1 });
    const revisions = (await t.request('GET', `${base}/notes/${note.id}/revisions`, { as: owner.client })).json();
    expect(revisions.items.map((r: { body: string }) => r.body)).toEqual(['Prefers calls after 17:00.']);

    const today = new Date();
    const inDays = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    const lastYear = (days: number) => `${today.getUTCFullYear() - 1}${inDays(days).slice(4)}`;
    await t.request('POST', `${base}/facts`, { body: { text: 'Has two children' }, as: owner.client });
    await t.request('POST', `${base}/facts`, {
      body: { text: 'Birthday', date: lastYear(10), recursYearly: true },
      as: owner.client,
    });
    await t.request('POST', `${base}/facts`, { body: { text: "Daughter's wedding", date: inDays(3) }, as: owner.client });
    const facts = (await t.request('GET', `${base}/facts`, { as: owner.client })).json().items;
    expect(facts.map((f: { text: string }) => f.text)).toEqual(["Daughter's wedding", 'Birthday', 'Has two children']);

    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await t.request('GET', `${base}/timeline?limit=2${query}`, { as: owner.client })).json();
      all.push(...page.items.map((e: { type: string }) => e.type));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toEqual(['fact', 'fact', 'fact', 'note', 'customer.created']);

    expect((await t.request('DELETE', `${base}/notes/${note.id}`, { as: owner.client })).statusCode).toBe(204);
    expect((await t.request('GET', `${base}/notes`, { as: owner.client })).json().items).toEqual([]);
  });
});
