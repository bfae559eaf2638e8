import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@rapport/db';
import { sharedTestDatabase, testEngine } from '../../test/database.js';
import { createWorkspace } from '../../test/factories.js';
import { createLogger } from './logger.js';
import { sql } from 'kysely';
import { announcedEventKeys, EventBus, eventsChannel, recordEvent, type PublishedEvent, changedFields } from './events.js';
import { until } from '../../test/wait.js';

const logger = createLogger({ log: { level: 'silent', format: 'json' } });
afterAll(async () => (await sharedTestDatabase()).drop());

describe('events', () => {
  it('are written with the change and announced only when it commits', async () => {
    const { database } = await sharedTestDatabase();
    const { workspaceId } = await createWorkspace(database.db);
    const bus = new EventBus(logger);
    await bus.start(database);
    const received: PublishedEvent[] = [];
    bus.on('thing.happened', (event) => {
      if (event.workspaceId === workspaceId) received.push(event);
    });
    const scope = { workspaceId, actor: { type: 'system' as const, id: null }, requestId: 'req-1' };

    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordEvent(trx, scope, { name: 'thing.happened', subjectType: 'thing', subjectId: 'rolled-back' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow();
    const id = await database.db
      .transaction()
      .execute((trx) =>
        recordEvent(trx, scope, { name: 'thing.happened', subjectType: 'thing', subjectId: 'kept', data: { after: { n: 1 } } }),
      );
    await until(() => received.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toEqual([{ workspaceId, id, name: 'thing.happened', subjectId: 'kept' }]);
    const rows = await database.db
      .selectFrom('events')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'thing.happened')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject_id: 'kept', request_id: 'req-1', actor_type: 'system', data: { after: { n: 1 } } });
    await bus.stop();
  });

  it.skipIf(testEngine !== 'postgres')('reach listeners in another process over LISTEN/NOTIFY', async () => {
    const { database } = await sharedTestDatabase();
    const other = await openDatabase({ url: (await sharedTestDatabase()).location.url, poolSize: 1 });
    const bus = new EventBus(logger);
    await bus.start(other);
    const { workspaceId } = await createWorkspace(database.db);
    const received: string[] = [];
    bus.on('*', (event) => {
      if (event.workspaceId === workspaceId) received.push(event.name);
    });
    await recordEvent(
      database.db,
      { workspaceId, actor: { type: 'system', id: null } },
      { name: 'remote.thing', subjectType: 'x', subjectId: '1' },
    );
    await until(() => received.length === 1);
    expect(received).toEqual(['remote.thing']);
    await bus.stop();
    await other.close();
  });

  it('ignore notifications that are not announced events, and are read back by workspace and id', async () => {
    const { database } = await sharedTestDatabase();
    const { workspaceId } = await createWorkspace(database.db);
    const { workspaceId: otherWorkspaceId } = await createWorkspace(database.db);
    const bus = new EventBus(logger);
    await bus.start(database);
    const received: PublishedEvent[] = [];
    bus.on('*', (event) => {
      if (event.name === 'probe.sent' || event.workspaceId === workspaceId) received.push(event);
    });
    for (const payload of [
      'not json',
      'null',
      JSON.stringify({ workspaceId: 'x', id: '1', name: 'probe.sent' }),
      JSON.stringify({ workspaceId, id: '1 OR true', name: 'probe.sent' }),
      JSON.stringify({ workspaceId, id: '1' }),
    ])
      await sql`SELECT pg_notify(${eventsChannel}, ${payload})`.execute(database.db);
    const scope = { workspaceId, actor: { type: 'system' as const, id: null } };
    const ids = [
      await recordEvent(database.db, scope, { name: 'probe.kept', subjectType: 'x', subjectId: 'a' }),
      await recordEvent(database.db, scope, { name: 'probe.kept', subjectType: 'x', subjectId: 'b' }),
    ];
    await until(() => received.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(received.map((event) => event.id)).toEqual(ids);

    const read = async (batch: PublishedEvent[]) =>
      (
        await sql<{ subject_id: string }>`
          SELECT subject_id FROM events WHERE (workspace_id, id) IN ${announcedEventKeys(batch)} ORDER BY id`.execute(database.db)
      ).rows.map((row) => row.subject_id);
    expect(await read(received)).toEqual(['a', 'b']);
    // An id announced under another workspace is not that workspace's event.
    expect(await read(received.map((event) => ({ ...event, workspaceId: otherWorkspaceId })))).toEqual([]);
    await bus.stop();
  });

  it('summarise a change as the fields that differ', () => {
    expect(changedFields({ a: 1, b: 'x', c: [1] }, { a: 1, b: 'y', c: [1, 2] })).toEqual({
      before: { b: 'x', c: [1] },
      after: { b: 'y', c: [1, 2] },
    });
  });
});
