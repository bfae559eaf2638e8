import { mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createFreshDatabase, sharedTestDatabase, testEngine } from '../../../apps/server/test/database.js';
import { openDatabase } from './open-database.js';
import { backupDatabase, checksumDatabase, restoreDatabase } from './backup.js';
import { migrationsDir, runMigrations } from './migrate.js';
import { hasQuotedHistory } from '../../../apps/server/src/modules/channels/drivers/email/quoted-html.js';
import { sanitizeEmailHtml } from '../../../apps/server/src/modules/channels/drivers/email/sanitize-email-html.js';

afterAll(async () => (await sharedTestDatabase()).drop());

describe('the database layer', () => {
  it('has trigram similarity, unaccent and per-language full-text search on both engines', async () => {
    const { database } = await sharedTestDatabase();
    const { rows } = await sql<{ similar: boolean; plain: string; hu: string; tr: string; de: string }>`
      SELECT similarity('Kovacs Peter', 'Kovács Péter') > 0.3 AS similar,
             rapport_unaccent('Árvíztűrő tükörfúrógép İstanbul Oʻzbekiston') AS plain,
             to_tsvector('hungarian', 'ügyfelekkel beszéltünk')::text AS hu,
             to_tsvector('turkish', 'müşterilerimizden')::text AS tr,
             to_tsvector('german', 'Kundenzufriedenheit')::text AS de`.execute(database.db);
    expect(rows[0]).toMatchObject({ similar: true });
    expect(rows[0]!.plain).toMatch(/^Arvizturo tukorfurogep Istanbul O.zbekiston$/);
    expect(rows[0]!.hu).toContain("'beszélt'");
    expect(rows[0]!.tr).not.toContain('müşterilerimizden');
  });

  it('applies each migration once, in order, and refuses one edited after it ran', async () => {
    const { database } = await sharedTestDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'rapport-migrations-'));
    await cp(migrationsDir, dir, { recursive: true });
    const name = `209912312359_create_scratch_${Date.now().toString(36)}.sql`;
    const table = `scratch_${Date.now().toString(36)}`;
    await writeFile(join(dir, name), `CREATE TABLE ${table} (id int PRIMARY KEY);`);
    const results = await Promise.all([
      database.withSession((s) => runMigrations(s, dir)),
      database.withSession((s) => runMigrations(s, dir)),
    ]);
    // Two runners at once: the advisory lock makes one wait, so the migration runs exactly once.
    expect(results.map((r) => r.applied).flat()).toEqual([name]);
    await writeFile(join(dir, name), `CREATE TABLE ${table} (id bigint PRIMARY KEY);`);
    await expect(database.withSession((s) => runMigrations(s, dir))).rejects.toThrow(/edited after it was applied/);
    await database.db.deleteFrom('schema_migrations').where('name', '=', name).execute();
    await sql`DROP TABLE ${sql.table(table)}`.execute(database.db);
    await rm(dir, { recursive: true });
  });

  it('gives messages stored before 202612071500 the HTML flags hasQuotedHistory gives new ones', async () => {
    const { database } = await sharedTestDatabase();
    const migration = await readFile(join(migrationsDir, '202612071500_store_message_html_flags.sql'), 'utf8');
    const bodies = [
      null,
      '<p>Köszönöm!</p>',
      sanitizeEmailHtml(
        '<div dir="ltr">Jó.</div><div class="gmail_quote"><blockquote class="gmail_quote">Mikor?</blockquote></div>',
      ).html,
      '<p>Szia</p>\n<div\n  class="x" data-quoted-history="1"><p>régi</p></div>',
      // The mark in text (after a tag with attributes or one without), with another value, on a capitalised tag.
      '<p>data-quoted-history="1"</p>',
      '<p title="a">data-quoted-history="1"</p>',
      '<div data-quoted-history="10">régi</div>',
      '<DIV data-quoted-history="1">régi</DIV>',
    ];
    const expected = bodies.map((html) => ({
      has_html: html !== null,
      has_quoted_history: html !== null && hasQuotedHistory(html),
    }));
    expect(expected.filter((flags) => flags.has_quoted_history)).toHaveLength(2);
    // The migration, run on a messages table of just the column it reads, in a schema of its own, rolled back.
    const schema = `scratch_${Date.now().toString(36)}`;
    const flags = await database.withSession(async (session) => {
      await session.query('BEGIN');
      try {
        await session.query(`CREATE SCHEMA ${schema}; SET LOCAL search_path TO ${schema};
          CREATE TABLE messages (id int PRIMARY KEY, body_html text)`);
        for (const [id, html] of bodies.entries()) await session.query('INSERT INTO messages VALUES ($1, $2)', [id, html]);
        await session.query(migration);
        const { rows } = await session.query('SELECT has_html, has_quoted_history FROM messages ORDER BY id');
        return rows;
      } finally {
        await session.query('ROLLBACK');
      }
    });
    expect(flags).toEqual(expected);
  });

  it('backs up and restores into an identical database', async () => {
    const source = await createFreshDatabase();
    const db = source.database.db;
    await db
      .insertInto('workspaces')
      .values({ id: '018f0000-0000-7000-8000-000000000001', name: 'Oʻzbek Savdo', country: 'UZ', time_zone: 'Asia/Tashkent' })
      .execute();
    await db
      .insertInto('users')
      .values({
        id: '018f0000-0000-7000-8000-000000000002',
        email: 'aziz@example.uz',
        name: 'Aziz Karimov',
        password_hash: 'x',
        locale: 'uz',
        time_zone: 'Asia/Tashkent',
      })
      .execute();
    await db
      .updateTable('users')
      .set({ languages: ['uz', 'ru'], working_hours: JSON.stringify([{ day: 1, start: '09:00', end: '18:00' }]) })
      .execute();
    await db
      .insertInto('memberships')
      .values({
        workspace_id: '018f0000-0000-7000-8000-000000000001',
        user_id: '018f0000-0000-7000-8000-000000000002',
        role: 'owner',
      })
      .execute();
    for (let i = 0; i < 2500; i++) {
      await db
        .insertInto('events')
        .values({
          workspace_id: '018f0000-0000-7000-8000-000000000001',
          name: 'test.backup',
          actor_type: 'system',
          subject_type: 'x',
          subject_id: String(i),
          data: JSON.stringify({ i, text: 'Hurmatli mijoz, rahmat! “quotes” \\ back' }),
        })
        .execute();
    }
    await db
      .insertInto('jobs')
      .values({ name: 'x.y', payload: JSON.stringify({ a: [1, 2] }), idempotency_key: 'k1' })
      .execute();
    const file = join(await mkdtemp(join(tmpdir(), 'rapport-backup-')), 'backup.jsonl.gz');
    const written = await source.database.withSession((s) => backupDatabase(s, file));
    expect(written.rows).toBeGreaterThan(2500);
    expect((await readFile(file)).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

    const target = await createFreshDatabase();
    const restored = await target.database.withSession((s) => restoreDatabase(s, file));
    expect(restored.rows).toBe(written.rows);
    const [before, after] = await Promise.all([
      source.database.withSession(checksumDatabase),
      target.database.withSession(checksumDatabase),
    ]);
    expect(after).toEqual(before);
    // Identity sequences continue after the restored rows.
    const next = await target.database.db.insertInto('jobs').values({ name: 'x.z' }).returning('id').executeTakeFirstOrThrow();
    expect(Number(next.id)).toBeGreaterThan(1);
    // A second restore into the now non-empty database is refused and changes nothing.
    const beforeSecondRestore = await target.database.withSession(checksumDatabase);
    await expect(target.database.withSession((s) => restoreDatabase(s, file))).rejects.toThrow(/not empty/);
    expect(await target.database.withSession(checksumDatabase)).toEqual(beforeSecondRestore);
    await source.drop();
    await target.drop();
  });
});

describe.skipIf(testEngine !== 'pglite')('the embedded database folder', () => {
  it('is opened by one process at a time', async () => {
    const fresh = await createFreshDatabase();
    await expect(openDatabase({ dataDir: fresh.location.dataDir })).rejects.toThrow(/in use by process/);
    await fresh.database.close();
    const again = await openDatabase({ dataDir: fresh.location.dataDir });
    await again.close();
    await fresh.drop();
  });
});
