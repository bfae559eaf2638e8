import { existsSync } from 'node:fs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createWorkspace } from '../../../../test/factories.js';
import type { Client, TestApp } from '../../../../test/harness.js';
import { importTestApp } from '../../../../test/import-test-app.js';
import { until } from '../../../../test/wait.js';
import { errorReportPath } from './error-report.js';
import { expireCustomerImports } from './expire-customer-imports.js';

const env = importTestApp();
let t: TestApp;
beforeAll(() => {
  t = env.app;
});

function upload(as: Client, content: string | Buffer, fileName = 'customers.csv') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/customer-imports?fileName=${encodeURIComponent(fileName)}`,
    headers: { 'content-type': 'text/csv', cookie: as.cookie!, 'x-csrf-token': as.csrfToken! },
    payload: content,
  });
}

async function finished(as: Client, importId: string) {
  let current: { status: string } = { status: 'queued' };
  await until(async () => {
    current = (await t.request('GET', `/api/v1/customer-imports/${importId}`, { as })).json();
    return current.status === 'done' || current.status === 'failed';
  }, 30_000);
  return current as Record<string, unknown> & { status: string };
}

async function customerNames(workspaceId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('customers')
    .select(['given_name', 'family_name'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  return rows.map((r) => `${r.given_name} ${r.family_name}`).sort();
}

describe('customer import', () => {
  it('uploads, suggests a mapping, and imports in the background with progress and one summary event', async () => {
    const { workspaceId, owner } = await createWorkspace(t.db);
    const file = [
      'Vezetéknév;Keresztnév;E-mail cím;Telefonszám;Ország;Címkék;Megjegyzés',
      'Kovács;Ádám;Adam.Kovacs@Example.HU;06 30 123 4567;Magyarország;vip, webshop;nem importáljuk',
      'Yılmaz;Ayşe;ayse@example.com.tr;0532 123 45 67;Türkiye;;',
      'Karimov;Aziz;aziz@example.uz;+998 90 123 45 67;UZ;b2b;',
    ].join('\r\n');
    const uploaded = await upload(owner.client, file);
    expect(uploaded.statusCode).toBe(201);
    const created = uploaded.json();
    expect(created).toMatchObject({
      status: 'uploaded',
      fileName: 'customers.csv',
      encoding: 'utf-8',
      delimiter: ';',
      headers: ['Vezetéknév', 'Keresztnév', 'E-mail cím', 'Telefonszám', 'Ország', 'Címkék', 'Megjegyzés'],
      suggestedMapping: {
        Vezetéknév: 'familyName',
        Keresztnév: 'givenName',
        'E-mail cím': 'email',
        Telefonszám: 'phone',
        Ország: 'country',
        Címkék: 'tags',
        Megjegyzés: null,
      },
      progress: { rowsTotal: 3, rowsDone: 0 },
    });
    expect(created.sampleRows[0]).toEqual([
      'Kovács',
      'Ádám',
      'Adam.Kovacs@Example.HU',
      '06 30 123 4567',
      'Magyarország',
      'vip, webshop',
      'nem importáljuk',
    ]);
    const fetched = await t.request('GET', `/api/v1/customer-imports/${created.id}`, { as: owner.client });
    expect(fetched.json().sampleRows).toHaveLength(3);

    const started = await t.request('POST', `/api/v1/customer-imports/${created.id}/start`, {
      body: { mapping: created.suggestedMapping },
      as: owner.client,
    });
    expect(started.statusCode).toBe(200);
    expect(['queued', 'running', 'done']).toContain(started.json().status);
    const done = await finished(owner.client, created.id);
    expect(done).toMatchObject({
      status: 'done',
      matchBy: 'email_or_phone',
      progress: { rowsTotal: 3, rowsDone: 3, created: 3, updated: 0, failed: 0, warnings: 0, secondsLeft: 0 },
      error: null,
    });
    expect(done.finishedAt).toEqual(expect.any(String));

    const kovacs = await t.request('GET', `/api/v1/customers/lookup?kind=email&value=adam.kovacs@example.hu`, {
      as: owner.client,
    });
    expect(kovacs.json()).toMatchObject({
      displayName: 'Kovács Ádám',
      country: 'HU',
      timeZone: 'Europe/Budapest',
      timeZoneSource: 'phone',
      tags: ['vip', 'webshop'],
    });
    expect(kovacs.json().identities.map((i: { value: string }) => i.value)).toEqual(['adam.kovacs@example.hu', '+36301234567']);
    const ayse = await t.request('GET', `/api/v1/customers/lookup?kind=phone&value=%2B905321234567`, { as: owner.client });
    expect(ayse.json()).toMatchObject({ displayName: 'Ayşe Yılmaz', country: 'TR', timeZone: 'Europe/Istanbul' });
    // Imported customers are found by search like any other.
    const search = await t.request('GET', '/api/v1/customers?q=aziz%20karimov', { as: owner.client });
    expect(search.json().items.map((c: { displayName: string }) => c.displayName)).toEqual(['Aziz Karimov']);

    const events = await t.db.selectFrom('events').selectAll().where('workspace_id', '=', workspaceId).execute();
    const imported = events.filter((e) => e.name === 'customer.imported');
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({
      actor_type: 'user',
      actor_id: owner.userId,
      subject_id: created.id,
      data: { status: 'done', rows: 3, created: 3, updated: 0, failed: 0, warnings: 0 },
    });
    // No audit event per customer (a million rows would write a million): each imported customer's timeline shows
    // the import, from the links its batches wrote.
    expect(events.filter((e) => e.name.startsWith('customer.') && e.name !== 'customer.imported')).toEqual([]);
    const timeline = await t.request('GET', `/api/v1/customers/${kovacs.json().id}/timeline`, { as: owner.client });
    expect(timeline.json().items).toEqual([
      {
        kind: 'import',
        id: created.id,
        occurredAt: expect.any(String),
        type: 'customer.imported',
        actorName: 'Kovács Péter',
        data: { importId: created.id, outcome: 'created', fileName: 'customers.csv' },
      },
    ]);
    const list = await t.request('GET', '/api/v1/customer-imports', { as: owner.client });
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([created.id]);
  });

  it('puts every import that wrote a customer on their timeline; erasing them scrubs them from error reports', async () => {
    const { workspaceId, owner } = await createWorkspace(t.db);
    const run = async (file: string, matchBy: string) => {
      const uploaded = (await upload(owner.client, file, `import-${matchBy}.csv`)).json();
      const started = await t.request('POST', `/api/v1/customer-imports/${uploaded.id}/start`, {
        body: { mapping: uploaded.suggestedMapping, matchBy },
        as: owner.client,
      });
      expect(started.statusCode).toBe(200);
      expect((await finished(owner.client, uploaded.id)).status).toBe('done');
      return uploaded.id as string;
    };
    const report = async (importId: string) =>
      (await t.request('GET', `/api/v1/customer-imports/${importId}/errors.csv`, { as: owner.client })).body;
    const first = await run(
      [
        'Name,Email,Phone',
        'Kovács Ádám,adam@example.hu,06 30 123 4567',
        'Kovács Ádám,adam@example.hu,',
        'Nagy Béla,bela@example.hu,12345',
        'Tóth Eszter,eszter@example.hu,',
      ].join('\n'),
      'email_or_phone',
    );
    const second = await run(
      [
        'Name,Email,Phone,Tags',
        'Kovács Ádám,adam@example.hu,,vip',
        'Kiss Anna,anna@example.hu,06 30 123 4567,',
        'Nagy Béla,bela@example.hu,12345,',
      ].join('\n'),
      'email',
    );
    // Line 3 of the first file repeats his email (a warning); line 3 of the second wants his phone (an error).
    expect(await report(first)).toContain('adam@example.hu');
    expect(await report(second)).toContain('+36301234567');

    const adam = (
      await t.request('GET', '/api/v1/customers/lookup?kind=email&value=adam@example.hu', { as: owner.client })
    ).json<{ id: string; tags: string[] }>();
    expect(adam.tags).toEqual(['vip']);
    const timeline = await t.request('GET', `/api/v1/customers/${adam.id}/timeline`, { as: owner.client });
    expect(
      timeline.json<{ items: { kind: string; data: Record<string, unknown> }[] }>().items.map((e) => [e.kind, e.data]),
    ).toEqual([
      ['import', { importId: second, outcome: 'updated', fileName: 'import-email.csv' }],
      ['import', { importId: first, outcome: 'created', fileName: 'import-email_or_phone.csv' }],
    ]);

    expect((await t.request('DELETE', `/api/v1/customers/${adam.id}`, { as: owner.client })).statusCode).toBe(204);
    // Every problem of the rows that named him is gone; Béla's stays, as it was reported.
    const bela = '4,error,Phone,12345,invalid_phone,"""12345"" is not a valid phone number"\n';
    for (const importId of [first, second]) {
      const text = await report(importId);
      expect(text).not.toMatch(/adam@example\.hu|\+36301234567|06 30 123 4567|Kovács/);
      expect(text).toBe('\uFEFFline,level,column,value,code,reason\n' + bela);
    }
    const links = await t.db
      .selectFrom('customer_import_links')
      .select('customer_id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(links.map((l) => l.customer_id)).not.toContain(adam.id);
    // The others keep theirs: the first import created Eszter (her row names it).
    const eszter = (
      await t.request('GET', '/api/v1/customers/lookup?kind=email&value=eszter@example.hu', { as: owner.client })
    ).json<{ id: string }>();
    const hers = await t.request('GET', `/api/v1/customers/${eszter.id}/timeline`, { as: owner.client });
    expect(hers.json<{ items: { kind: string; data: Record<string, unknown> }[] }>().items.map((e) => [e.kind, e.data])).toEqual([
      ['import', { importId: first, outcome: 'created', fileName: 'import-email_or_phone.csv' }],
    ]);
    // Merged into a customer an agent created, Eszter's import goes along to the kept customer's timeline.
    const kept = await t.request('POST', '/api/v1/customers', {
      body: { givenName: 'Eszter', familyName: 'Tóth', identities: [{ kind: 'email', value: 'e.toth@example.hu' }] },
      as: owner.client,
    });
    const keptId = kept.json<{ id: string }>().id;
    const merged = await t.request('POST', `/api/v1/customers/${keptId}/merge`, {
      body: { sourceId: eszter.id },
      as: owner.client,
    });
    expect(merged.statusCode).toBe(200);
    const keptTimeline = await t.request('GET', `/api/v1/customers/${keptId}/timeline`, { as: owner.client });
    expect(
      keptTimeline
        .json<{ items: { kind: string; data: Record<string, unknown> }[] }>()
        .items.filter((e) => e.kind === 'import')
        .map((e) => e.data),
    ).toEqual([{ importId: first, outcome: 'created', fileName: 'import-email_or_phone.csv' }]);
  });

  it('tells Windows-1250 Hungarian and Windows-1254 Turkish files apart, and reads them right', async () => {
    const { workspaceId, owner } = await createWorkspace(t.db);
    const hungarian = iconv.encode('Családi név,Utónév,Város\nŐri,Ödön,Győr\nSzűcs,Tünde,Pécs\n', 'windows-1250');
    const turkish = iconv.encode('Soyadı;Adı;Şehir\nÖztürk;Şükrü;İstanbul\nIşıklı;Çağla;Muğla\n', 'windows-1254');
    for (const [bytes, encoding, headers] of [
      [hungarian, 'windows-1250', ['Családi név', 'Utónév', 'Város']],
      [turkish, 'windows-1254', ['Soyadı', 'Adı', 'Şehir']],
    ] as const) {
      const uploaded = (await upload(owner.client, bytes)).json();
      expect(uploaded).toMatchObject({ encoding, headers });
      await t.request('POST', `/api/v1/customer-imports/${uploaded.id}/start`, {
        body: { mapping: uploaded.suggestedMapping },
        as: owner.client,
      });
      expect((await finished(owner.client, uploaded.id)).status).toBe('done');
    }
    expect(await customerNames(workspaceId)).toEqual(['Tünde Szűcs', 'Çağla Işıklı', 'Ödön Őri', 'Şükrü Öztürk']);
  });

  it('re-reads the file with another encoding or delimiter before starting', async () => {
    const { owner } = await createWorkspace(t.db);
    const uploaded = (await upload(owner.client, iconv.encode('Név|Város\nŐri Ödön|Győr\n', 'windows-1250'))).json();
    expect(uploaded).toMatchObject({ encoding: 'windows-1250', delimiter: '|', headers: ['Név', 'Város'] });
    const changed = await t.request('PATCH', `/api/v1/customer-imports/${uploaded.id}`, {
      body: { encoding: 'windows-1254', delimiter: ',' },
      as: owner.client,
    });
    expect(changed.json()).toMatchObject({
      encoding: 'windows-1254',
      delimiter: ',',
      headers: ['Név|Város'],
      sampleRows: [['Õri Ödön|Gyõr']],
    });
  });

  it('checks the mapping before starting, and starts only once', async () => {
    const { owner } = await createWorkspace(t.db);
    const id = (await upload(owner.client, 'Name,Email,Note\nAnna,anna@example.test,x\n')).json().id;
    const start = (body: unknown) => t.request('POST', `/api/v1/customer-imports/${id}/start`, { body, as: owner.client });
    const bad = await start({
      mapping: { Name: 'givenName', Email: 'email', Note: 'givenName', Missing: 'company' },
      matchBy: 'phone',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues.map((i: { code: string; path: string[] }) => `${i.path.join('.')} ${i.code}`)).toEqual(
      ['mapping.Note duplicate_field', 'mapping.Missing unknown_column', 'matchBy match_column_missing'],
    );
    const unknown = await start({ mapping: { Name: 'attribute:shoe_size', Email: null, Note: null } });
    expect(unknown.json().error.details.issues.map((i: { code: string }) => i.code)).toEqual([
      'unknown_attribute',
      'missing_required',
    ]);
    expect((await start({ mapping: { Name: 'nickname' } })).statusCode).toBe(400);
    expect((await start({ mapping: { Name: 'fullName', Email: 'email' } })).statusCode).toBe(200);
    const again = await start({ mapping: { Name: 'fullName', Email: 'email' } });
    expect(again.json().error.details.issues[0].code).toBe('already_started');
  });

  it('removes abandoned uploads after a day and finished imports after 30 days, with their files', async () => {
    const { workspaceId, owner } = await createWorkspace(t.db);
    const abandoned = (await upload(owner.client, 'Name,Email\nAnna,anna@example.test\n')).json().id as string;
    const fresh = (await upload(owner.client, 'Name,Email\nBéla,bela@example.test\n')).json().id as string;
    const old = (await upload(owner.client, 'Name,Email\nCili,cili@example.test\nbad,not-an-email\n')).json().id as string;
    const started = await t.request('POST', `/api/v1/customer-imports/${old}/start`, {
      body: { mapping: { Name: 'fullName', Email: 'email' } },
      as: owner.client,
    });
    expect(started.statusCode).toBe(200);
    expect((await finished(owner.client, old)).status).toBe('done');
    // The imported names joined the workspace's list of names (typo search, duplicate review).
    const names = await t.db
      .selectFrom('customer_name_keys')
      .select('name_key')
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(names.map((n) => n.name_key)).toEqual(['cili']);
    const rows = await t.db
      .selectFrom('customer_imports')
      .select(['id', 'file_path'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    const path = (id: string) => rows.find((r) => r.id === id)!.file_path;
    expect(existsSync(errorReportPath(path(old)))).toBe(true);
    const ago = (hours: number) => new Date(Date.now() - hours * 3600_000);
    await t.db
      .updateTable('customer_imports')
      .set({ created_at: ago(25) })
      .where('id', '=', abandoned)
      .execute();
    await t.db
      .updateTable('customer_imports')
      .set({ created_at: ago(23) })
      .where('id', '=', fresh)
      .execute();
    await t.db
      .updateTable('customer_imports')
      .set({ finished_at: ago(31 * 24) })
      .where('id', '=', old)
      .execute();

    expect(await expireCustomerImports(t.db)).toEqual({ removed: 2 });
    const left = await t.request('GET', '/api/v1/customer-imports', { as: owner.client });
    expect(left.json().items.map((i: { id: string }) => i.id)).toEqual([fresh]);
    expect(existsSync(path(abandoned))).toBe(false);
    expect(existsSync(errorReportPath(path(old)))).toBe(false);
    expect(existsSync(path(fresh))).toBe(true);
    // What the import wrote stays.
    expect(await customerNames(workspaceId)).toEqual(['Cili null']);
  });

  it('keeps one workspace’s imports from another, and from agents', async () => {
    const mine = await createWorkspace(t.db);
    const theirs = await createWorkspace(t.db);
    const agent = await createPerson(t.db, { workspaceId: mine.workspaceId, role: 'agent' });
    const id = (await upload(mine.owner.client, 'Name,Email\nAnna,anna@example.test\n')).json().id;
    for (const [method, path] of [
      ['GET', `/api/v1/customer-imports/${id}`],
      ['GET', `/api/v1/customer-imports/${id}/errors.csv`],
      ['PATCH', `/api/v1/customer-imports/${id}`],
      ['POST', `/api/v1/customer-imports/${id}/start`],
    ] as const) {
      const body = method === 'GET' ? undefined : method === 'PATCH' ? {} : { mapping: { Name: 'fullName' } };
      const response = await t.request(method, path, { as: theirs.owner.client, ...(body ? { body } : {}) });
      expect(response.statusCode, `${method} ${path}`).toBe(404);
    }
    expect((await t.request('GET', '/api/v1/customer-imports', { as: theirs.owner.client })).json().items).toEqual([]);
    expect((await upload(agent.client, 'Name\nAnna\n')).statusCode).toBe(403);
    expect((await t.request('GET', `/api/v1/customer-imports/${id}`, { as: agent.client })).statusCode).toBe(403);
    expect((await t.request('GET', '/api/v1/customers/export.csv', { as: agent.client })).statusCode).toBe(403);
    expect((await t.request('GET', `/api/v1/customer-imports/${id}`, { as: mine.owner.client })).json().status).toBe('uploaded');
  });

  it('refuses empty, header-less and UTF-16 files, and bodies that are not CSV', async () => {
    const { owner } = await createWorkspace(t.db);
    expect((await upload(owner.client, '')).json().error.details.issues[0].code).toBe('empty_file');
    expect((await upload(owner.client, '\r\n\r\n')).json().error.details.issues[0].code).toBe('no_header');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name\r\nAnna\r\n', 'utf16le')]);
    expect((await upload(owner.client, utf16)).json().error.details.issues[0].code).toBe('unsupported_encoding');
    const json = await t.request('POST', '/api/v1/customer-imports', { body: { name: 'Anna' }, as: owner.client });
    expect(json.statusCode).toBe(415);
  });
});
