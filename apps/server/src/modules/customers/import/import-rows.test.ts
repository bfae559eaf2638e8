import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../../../../test/factories.js';
import type { Client, TestApp } from '../../../../test/harness.js';
import { importTestApp } from '../../../../test/import-test-app.js';
import { until } from '../../../../test/wait.js';

const env = importTestApp();
let t: TestApp;
beforeAll(() => {
  t = env.app;
});

/** Uploads, starts with the suggested mapping (plus `start`), and waits for the end. */
async function importCsv(as: Client, content: string, start: Record<string, unknown> = {}) {
  const uploaded = await t.app.inject({
    method: 'POST',
    url: '/api/v1/customer-imports',
    headers: { 'content-type': 'text/csv; charset=utf-8', cookie: as.cookie!, 'x-csrf-token': as.csrfToken! },
    payload: content,
  });
  const { id, suggestedMapping } = uploaded.json();
  const started = await t.request('POST', `/api/v1/customer-imports/${id}/start`, {
    body: { mapping: suggestedMapping, ...start },
    as,
  });
  expect(started.statusCode, started.body).toBe(200);
  let current = { status: 'queued' };
  await until(async () => {
    current = (await t.request('GET', `/api/v1/customer-imports/${id}`, { as })).json();
    return current.status === 'done' || current.status === 'failed';
  }, 30_000);
  const report = await t.request('GET', `/api/v1/customer-imports/${id}/errors.csv`, { as });
  expect(report.headers['content-type']).toBe('text/csv; charset=utf-8');
  const errors = parse<Record<string, string>>(report.body, { columns: true, bom: true });
  return {
    ...(current as Record<string, unknown>),
    id: id as string,
    errors: errors.map((e) => `${e.line} ${e.level} ${e.column} ${e.code} ${e.value}`.trim()),
  };
}

async function lookup(as: Client, kind: string, value: string) {
  const response = await t.request('GET', `/api/v1/customers/lookup?kind=${kind}&value=${encodeURIComponent(value)}`, { as });
  return response.statusCode === 200 ? response.json() : null;
}

describe('importing rows', () => {
  it('imports the good rows of a bad file and reports every bad row with line, column and reason', async () => {
    const { workspaceId, owner } = await createWorkspace(t.db);
    const attribute = { key: 'birthday', label: 'Születésnap', type: 'date' };
    expect((await t.request('POST', '/api/v1/customer-attributes', { body: attribute, as: owner.client })).statusCode).toBe(201);
    const file = [
      'Név,E-mail,Telefon,Ország,Születésnap,Címkék',
      'Kovács Ádám,adam@example.hu,06 30 123 4567,HU,2026.11.24.,vip',
      'Nagy Éva,eva@example.hu,+36 1 234 5678,Magyarország,24.11.2026,',
      'Tóth Béla,bela@example.hu,12345,HU,,',
      '"Szabó, Kata",kata@example.hu,,HU,11/24/2026,',
      'Kiss Ottó,otto@example,,HU,03/04/2026,',
      'Farkas Jenő,jeno@example.hu,,Atlantisz,,',
      'Varga Lili,lili@example.hu',
      'Balogh "Imi" Imre,imre@example.hu,,HU,,',
      'Kovács Ádám,ADAM@example.hu,,HU,,új',
      ',,,HU,,',
      'Lukács Ödön,odon@example.hu,,HU,2026.02.30.,',
      'Pásztor Géza,geza@example.hu,+36 20 111 2222,HU,,,extra',
      'Fehér Anna,anna@example.hu,,HU,,,',
      '"Molnár Zsolt","zsolt@example.hu",,HU,,',
    ].join('\n');
    const result = await importCsv(owner.client, file);
    expect(result).toMatchObject({
      status: 'done',
      progress: { rowsDone: 14, created: 5, updated: 1, failed: 8, warnings: 1 },
    });
    expect(result.errors).toEqual([
      '4 error Telefon invalid_phone 12345',
      '6 error E-mail invalid_email otto@example',
      '6 error Születésnap ambiguous_date 03/04/2026',
      '7 error Ország invalid_country Atlantisz',
      '8 error Telefon missing_columns',
      '9 error  broken_quotes',
      '10 warning E-mail duplicate_in_file adam@example.hu',
      '11 error  missing_name',
      '12 error Születésnap invalid_date 2026.02.30.',
      '13 error  extra_columns extra',
    ]);
    const customers = await t.db
      .selectFrom('customers')
      .select(['given_name', 'family_name', 'attributes', 'tags'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('family_name')
      .execute();
    expect(customers.map((c) => `${c.family_name} ${c.given_name}`)).toEqual([
      'Fehér Anna',
      'Kovács Ádám',
      'Molnár Zsolt',
      'Nagy Éva',
      'Szabó Kata',
    ]);
    expect(customers.find((c) => c.family_name === 'Kovács')).toMatchObject({
      attributes: { birthday: '2026-11-24' },
      tags: ['vip', 'új'],
    });
    expect(customers.find((c) => c.family_name === 'Szabó')).toMatchObject({ attributes: { birthday: '2026-11-24' } });
    // Nothing half-written: a bad row leaves no customer and no identity behind.
    expect(await lookup(owner.client, 'email', 'bela@example.hu')).toBeNull();
    expect(await lookup(owner.client, 'phone', '+36201112222')).toBeNull();
  });

  it('words the report’s reasons in the language of whoever started the import, values and numbers filled in', async () => {
    const { owner } = await createWorkspace(t.db);
    const me = await t.request('PATCH', '/api/v1/me', { body: { locale: 'hu' }, as: owner.client });
    expect(me.statusCode).toBe(200);
    const file = [
      'Név,E-mail,Telefon,Születésnap',
      'Tóth Béla,bela@example.hu,12345,',
      'Kiss Ottó,otto@example.hu,,03/04/2026',
      'Varga Lili,lili@example.hu',
      'Balogh "Imi" Imre,imre@example.hu,,',
      'Pásztor Géza,geza@example.hu,,,extra',
      'Nagy Éva,eva@example.hu,,',
      'Nagy Éva,EVA@example.hu,,',
    ].join('\n');
    const attribute = { key: 'birthday', label: 'Születésnap', type: 'date' };
    expect((await t.request('POST', '/api/v1/customer-attributes', { body: attribute, as: owner.client })).statusCode).toBe(201);
    const { id } = await importCsv(owner.client, file);
    const report = await t.request('GET', `/api/v1/customer-imports/${id}/errors.csv`, { as: owner.client });
    const rows = parse<Record<string, string>>(report.body, { columns: true, bom: true });
    // The header, levels and codes stay as programs read them; the reasons are Hungarian.
    expect(rows.map((r) => [r.line, r.level, r.code, r.reason])).toEqual([
      ['2', 'error', 'invalid_phone', '"12345" nem érvényes telefonszám'],
      [
        '3',
        'error',
        'ambiguous_date',
        '"03/04/2026" kétféleképpen érthető: 3. hónap 4. napja vagy 4. hónap 3. napja; írja YYYY-MM-DD formában',
      ],
      ['4', 'error', 'missing_columns', 'a sorban a fejléc 4 oszlopából csak 2 van'],
      [
        '5',
        'error',
        'broken_quotes',
        'idézőjel nélküli értékben idézőjel áll; tegye idézőjelbe a teljes értéket, a benne lévő idézőjeleket pedig írja kétszer',
      ],
      [
        '6',
        'error',
        'extra_columns',
        'a sorban 5 oszlop van, a fejlécben 4: tegye idézőjelbe azokat az értékeket, amelyekben oszlopelválasztó szerepel',
      ],
      ['8', 'warning', 'duplicate_in_file', 'a fájl 7. sorában is szerepel: ez a sor ugyanazt az ügyfelet frissíti'],
    ]);
  });

  it('updates customers matched by email or phone instead of duplicating them', async () => {
    const { workspaceId, owner } = await createWorkspace(t.db);
    const adam = (
      await t.request('POST', '/api/v1/customers', {
        body: {
          givenName: 'Ádám',
          familyName: 'Kovács',
          tags: ['old'],
          identities: [{ kind: 'email', value: 'adam@example.hu' }],
        },
        as: owner.client,
      })
    ).json();
    const byEmail = await importCsv(
      owner.client,
      'E-mail,Phone,Company,Tags,Time zone\nADAM@example.hu,+36 30 999 8877,Acme Kft.,new,\n',
    );
    expect(byEmail).toMatchObject({ progress: { created: 0, updated: 1, failed: 0 } });
    const updated = await lookup(owner.client, 'email', 'adam@example.hu');
    expect(updated).toMatchObject({
      id: adam.id,
      displayName: 'Ádám Kovács',
      company: 'Acme Kft.',
      tags: ['old', 'new'],
      timeZone: 'Europe/Budapest',
      timeZoneSource: 'phone',
    });
    expect(updated.identities.map((i: { value: string }) => i.value)).toEqual(['adam@example.hu', '+36309998877']);

    const byPhone = await importCsv(owner.client, 'Phone;First name;Time zone\n06 30 999 8877;Ádi;Europe/Vienna\n', {
      matchBy: 'phone',
    });
    expect(byPhone).toMatchObject({ progress: { created: 0, updated: 1 } });
    expect(await lookup(owner.client, 'phone', '+36309998877')).toMatchObject({
      id: adam.id,
      givenName: 'Ádi',
      timeZone: 'Europe/Vienna',
      timeZoneSource: 'explicit',
    });
    const search = await t.request('GET', '/api/v1/customers?q=acme', { as: owner.client });
    expect(search.json().items.map((c: { id: string }) => c.id)).toEqual([adam.id]);

    // Matching by email only: a row whose phone is someone else's cannot create a customer with it.
    const emailOnly = await importCsv(owner.client, 'Email,Phone,Name\nnew@example.hu,+36309998877,Új Ember\n', {
      matchBy: 'email',
    });
    expect(emailOnly).toMatchObject({
      progress: { created: 0, failed: 1 },
      errors: ['2 error Phone identity_taken +36309998877'],
    });
    const count = await t.db
      .selectFrom('customers')
      .select(t.db.fn.countAll().as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('leaves what existing customers have when asked to fill in only what they lack, or to skip them', async () => {
    const { owner } = await createWorkspace(t.db);
    const create = async (body: Record<string, unknown>) =>
      (await t.request('POST', '/api/v1/customers', { body, as: owner.client })).json();
    const adam = await create({
      givenName: 'Ádám',
      familyName: 'Kovács',
      formality: 'formal',
      tags: ['old'],
      identities: [{ kind: 'email', value: 'adam@example.hu' }],
    });
    const eva = await create({ givenName: 'Éva', identities: [{ kind: 'email', value: 'eva@example.hu' }] });
    const header = 'Email,Phone,First name,Last name,Company,Formality,Tags\n';
    const filled = await importCsv(
      owner.client,
      `${header}adam@example.hu,+36 30 999 8877,Ádi,Kovácsné,Acme Kft.,informal,new\neva@example.hu,,Evi,Nagy,,informal,\n`,
      { existing: 'fill_empty' },
    );
    expect(filled).toMatchObject({ existing: 'fill_empty', progress: { created: 0, updated: 2, skipped: 0, failed: 0 } });
    const adamAfter = await lookup(owner.client, 'email', 'adam@example.hu');
    // Their names and formality stay; the company they lacked, the new tag and phone come in.
    expect(adamAfter).toMatchObject({
      displayName: 'Ádám Kovács',
      formality: 'formal',
      company: 'Acme Kft.',
      tags: ['old', 'new'],
      timeZone: 'Europe/Budapest',
    });
    expect(adamAfter.identities.map((i: { value: string }) => i.value)).toEqual(['adam@example.hu', '+36309998877']);
    expect(await lookup(owner.client, 'email', 'eva@example.hu')).toMatchObject({
      id: eva.id,
      givenName: 'Éva',
      familyName: 'Nagy',
      formality: 'informal',
    });

    // Skipping: existing customers stay as they are, new people are created, a file's repeated person merges.
    const skipped = await importCsv(
      owner.client,
      `${header}adam@example.hu,+36 20 111 2222,Ádi,,Other Kft.,,skip\nnew@example.hu,,Új,Ember,,,\nNEW@example.hu,+36 20 333 4444,,,New Kft.,,\n`,
      { existing: 'skip' },
    );
    expect(skipped).toMatchObject({
      existing: 'skip',
      progress: { rowsDone: 3, created: 1, updated: 1, skipped: 1, failed: 0, warnings: 1 },
    });
    expect(await lookup(owner.client, 'email', 'adam@example.hu')).toMatchObject({
      id: adam.id,
      company: 'Acme Kft.',
      tags: ['old', 'new'],
    });
    expect(await lookup(owner.client, 'phone', '+36201112222')).toBeNull();
    expect(await lookup(owner.client, 'phone', '+36203334444')).toMatchObject({ displayName: 'Új Ember', company: 'New Kft.' });
    const events = await t.request('GET', `/api/v1/customers/${adam.id}/timeline`, { as: owner.client });
    const imports = events.json().items.filter((e: { kind: string }) => e.kind === 'import');
    expect(imports.map((e: { data: { importId: string } }) => e.data.importId)).toEqual([filled.id]);
  });

  it('fails a row whose email and phone belong to two different customers, whole', async () => {
    const { owner } = await createWorkspace(t.db);
    for (const identity of [
      { kind: 'email', value: 'adam@example.hu' },
      { kind: 'phone', value: '+36 20 555 1234' },
    ]) {
      await t.request('POST', '/api/v1/customers', {
        body: { givenName: identity.kind, identities: [identity] },
        as: owner.client,
      });
    }
    const result = await importCsv(owner.client, 'Email,Phone,Company\nadam@example.hu,06 20 555 1234,Conflict Kft.\n');
    expect(result).toMatchObject({
      progress: { updated: 0, failed: 1 },
      errors: ['2 error Phone identity_conflict +36205551234'],
    });
    expect(await lookup(owner.client, 'email', 'adam@example.hu')).toMatchObject({ company: null });
  });
});
