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

async function importCsv(as: Client, content: string | Buffer) {
  const uploaded = await t.app.inject({
    method: 'POST',
    url: '/api/v1/customer-imports',
    headers: { 'content-type': 'text/csv', cookie: as.cookie!, 'x-csrf-token': as.csrfToken! },
    payload: content,
  });
  const { id, suggestedMapping } = uploaded.json();
  await t.request('POST', `/api/v1/customer-imports/${id}/start`, { body: { mapping: suggestedMapping }, as });
  let current = { status: 'queued' };
  await until(async () => {
    current = (await t.request('GET', `/api/v1/customer-imports/${id}`, { as })).json();
    return current.status === 'done' || current.status === 'failed';
  }, 60_000);
  return current;
}

async function exportCsv(as: Client, query = '') {
  const response = await t.request('GET', `/api/v1/customers/export.csv${query}`, { as });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(response.headers['content-disposition']).toBe('attachment; filename="customers.csv"');
  return { text: response.body, rows: parse<Record<string, string>>(response.body, { columns: true, bom: true }) };
}

const people = [
  {
    givenName: 'Ádám',
    familyName: 'Kovács',
    middleName: 'Péter',
    title: 'dr.',
    formality: 'formal',
    language: 'hu',
    country: 'HU',
    company: 'Kovács és Társa Kft.',
    tags: ['vip', 'webshop'],
    identities: [
      { kind: 'email', value: 'adam@example.hu' },
      { kind: 'phone', value: '+36 30 123 4567' },
      { kind: 'phone', value: '+36 1 234 5678' },
    ],
  },
  {
    givenName: 'Şükrü',
    familyName: 'Öztürk',
    language: 'tr',
    country: 'TR',
    timeZone: 'Europe/Berlin',
    company: '=HYPERLINK("http://evil.example")',
    tags: ['b2b'],
    identities: [{ kind: 'email', value: 'sukru@example.com.tr' }],
  },
  {
    givenName: 'Gʻulom',
    familyName: 'Oʻrinov',
    formality: 'informal',
    language: 'uz-Latn',
    country: 'UZ',
    tags: [],
    identities: [],
  },
];

describe('customer export', () => {
  it('streams all or filtered customers as UTF-8 CSV with a BOM, safe to open in a spreadsheet', async () => {
    const { owner } = await createWorkspace(t.db);
    for (const body of people)
      expect((await t.request('POST', '/api/v1/customers', { body, as: owner.client })).statusCode).toBe(201);
    const all = await exportCsv(owner.client);
    expect(
      all.text.startsWith(
        '\uFEFFid,givenName,familyName,middleName,displayName,title,formality,language,country,timeZone,company,tags,emails,phones,createdAt\n',
      ),
    ).toBe(true);
    expect(all.rows.map((r) => r.displayName)).toEqual(['Kovács Ádám Péter', 'Şükrü Öztürk', 'Gʻulom Oʻrinov']);
    expect(all.rows[0]).toMatchObject({
      title: 'dr.',
      formality: 'formal',
      country: 'HU',
      timeZone: 'Europe/Budapest',
      tags: 'vip; webshop',
      emails: 'adam@example.hu',
      phones: '+36301234567; +3612345678',
    });
    expect(all.rows[1]!.company).toBe(`'=HYPERLINK("http://evil.example")`);
    const byFilter = async (query: string) => (await exportCsv(owner.client, query)).rows.map((r) => r.givenName);
    expect(await byFilter('?tag=b2b')).toEqual(['Şükrü']);
    expect(await byFilter('?country=UZ')).toEqual(['Gʻulom']);
    expect(await byFilter('?language=hu')).toEqual(['Ádám']);
    expect(await byFilter('?language=uz')).toEqual(['Gʻulom']);
    expect(await byFilter('?q=kovacs%20tars')).toEqual(['Ádám']);
    expect(await byFilter("?q=g'ulom")).toEqual(['Gʻulom']);
    expect(await byFilter('?q=nobody')).toEqual([]);
  });

  it('round-trips: an export imported into another workspace gives the same customers', async () => {
    const source = await createWorkspace(t.db);
    const target = await createWorkspace(t.db);
    for (const body of people) await t.request('POST', '/api/v1/customers', { body, as: source.owner.client });
    const exported = await exportCsv(source.owner.client);
    expect(await importCsv(target.owner.client, exported.text)).toMatchObject({
      status: 'done',
      progress: { created: 3, failed: 0 },
    });
    const again = await exportCsv(target.owner.client);
    const comparable = (rows: Record<string, string>[]) => rows.map(({ id: _id, createdAt: _createdAt, ...rest }) => rest);
    expect(comparable(again.rows)).toEqual(comparable(exported.rows));
    expect(again.rows.map((r) => r.id)).not.toEqual(exported.rows.map((r) => r.id));
  });

  it('pages through more customers than fit in one query, in creation order', async () => {
    const { owner } = await createWorkspace(t.db);
    const lines = ['Given name,Family name,Email'];
    for (let i = 0; i < 2500; i++) lines.push(`Customer,${String(i).padStart(4, '0')},c${i}@example.test`);
    expect(await importCsv(owner.client, lines.join('\n'))).toMatchObject({ status: 'done', progress: { created: 2500 } });
    const { rows } = await exportCsv(owner.client);
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2500);
    expect(rows.map((r) => r.familyName)).toEqual(lines.slice(1).map((l) => l.split(',')[1]));
  });
});
