import { sql, type Kysely } from 'kysely';
import type { ChannelMailboxRow, DB } from '@rapport/db';
import type { ChannelMailbox, MailboxErrorCode, PutChannelMailboxInput } from '@rapport/contracts';
import { AppError } from '../../platform/errors.js';
import type { Executor, WorkspaceContext } from '../../platform/context.js';
import { recordEvent } from '../../platform/events.js';
import { enqueueJob } from '../../platform/jobs/queue.js';
import { getChannelRow } from './channels.js';

/** The poll job's name (its handler is in drivers/email/imap-poll.ts). */
export const mailboxPollJobName = 'channels.poll_mailbox';

/**
 * The idempotency key of one run of a mailbox's poll chain. Deterministic: however many processes (or a retry)
 * schedule run N, one job exists for it, so the chain never forks.
 */
export function mailboxPollKey(channelId: string, run: number): string {
  return `${mailboxPollJobName}:${channelId}:${run}`;
}

/** Queues run `run` of the mailbox's poll chain at `runAt` (nothing if that run is queued or was already). */
export async function enqueueMailboxPoll(
  executor: Executor,
  mailbox: { workspace_id: string; channel_id: string },
  run: number,
  runAt = new Date(),
): Promise<void> {
  await enqueueJob(executor, {
    name: mailboxPollJobName,
    payload: { workspaceId: mailbox.workspace_id, channelId: mailbox.channel_id, run },
    workspaceId: mailbox.workspace_id,
    runAt,
    idempotencyKey: mailboxPollKey(mailbox.channel_id, run),
    // A poll handles IMAP failures itself (state, backoff, next run); only a database outage throws.
    maxAttempts: 10,
  });
}

/**
 * Makes sure every enabled mailbox has its chain's current run queued (at worker start). A chain whose current
 * job gave up (the database was away through all its attempts) starts again with the next run.
 */
export async function scheduleMailboxPolls(db: Kysely<DB>): Promise<void> {
  const rows = await db
    .selectFrom('channel_mailboxes as m')
    .leftJoin('jobs as j', (join) =>
      join.onRef(
        'j.idempotency_key',
        '=',
        sql<string>`${mailboxPollJobName + ':'} || m.channel_id::text || ':' || m.poll_run::text`,
      ),
    )
    .select(['m.workspace_id', 'm.channel_id', 'm.poll_run', 'j.status'])
    .where('m.enabled', '=', true)
    .execute();
  for (const row of rows) {
    if (row.status === 'queued' || row.status === 'running') continue;
    if (row.status === null) {
      await enqueueMailboxPoll(db, row, Number(row.poll_run));
      continue;
    }
    await db.transaction().execute(async (trx) => {
      const next = await trx
        .updateTable('channel_mailboxes')
        .set({ poll_run: sql`poll_run + 1` })
        .where('workspace_id', '=', row.workspace_id)
        .where('channel_id', '=', row.channel_id)
        .where('poll_run', '=', row.poll_run)
        .returning('poll_run')
        .executeTakeFirst();
      if (next) await enqueueMailboxPoll(trx, row, Number(next.poll_run));
    });
  }
}

/** The API form: the settings without the password, and the poller's state. */
export function presentMailbox(row: ChannelMailboxRow): ChannelMailbox {
  return {
    host: row.host,
    port: row.port,
    tls: row.tls,
    username: row.username,
    passwordSet: row.password.length > 0,
    folder: row.folder,
    pollIntervalSeconds: row.poll_interval_seconds,
    enabled: row.enabled,
    state: row.state,
    lastSuccessAt: row.last_success_at?.toISOString() ?? null,
    lastError:
      row.last_error_code && row.last_error_at
        ? {
            code: row.last_error_code as MailboxErrorCode,
            message: row.last_error_message ?? '',
            at: row.last_error_at.toISOString(),
          }
        : null,
    messagesFetched: Number(row.messages_fetched),
    messagesSkipped: Number(row.messages_skipped),
    uidValidity: row.uid_validity,
    lastUid: Number(row.last_uid),
    updatedAt: row.updated_at.toISOString(),
  };
}

function requireManager(context: WorkspaceContext): void {
  if (context.role === 'agent') throw new AppError('forbidden', 'Only owners and admins manage a channel’s mailbox.');
}

async function findMailbox(db: Executor, workspaceId: string, channelId: string) {
  return db
    .selectFrom('channel_mailboxes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
}

/** The channel's IMAP mailbox with its state (owners and admins). Throws forbidden, not_found (channel or mailbox). */
export async function getMailbox(db: Kysely<DB>, context: WorkspaceContext, channelId: string): Promise<ChannelMailbox> {
  requireManager(context);
  await getChannelRow(db, context.workspaceId, channelId);
  const row = await findMailbox(db, context.workspaceId, channelId);
  if (!row) throw new AppError('not_found', 'This channel polls no mailbox.');
  return presentMailbox(row);
}

/**
 * Sets the channel's IMAP mailbox (owners and admins) and polls it at once. Pointing it at another server, user
 * or folder starts reading that mailbox from its first message; new credentials or interval keep the position.
 * Throws forbidden, not_found, validation_failed (no password for a new mailbox, or not an email channel).
 */
export async function putMailbox(
  db: Kysely<DB>,
  context: WorkspaceContext,
  channelId: string,
  input: PutChannelMailboxInput,
): Promise<ChannelMailbox> {
  requireManager(context);
  return db.transaction().execute(async (trx) => {
    const channel = await getChannelRow(trx, context.workspaceId, channelId);
    if (channel.kind !== 'email')
      throw new AppError('validation_failed', 'Only an email channel can poll a mailbox.', {
        issues: [{ path: ['channelId'], code: 'not_email', message: 'not an email channel', in: 'params' }],
      });
    const current = await trx
      .selectFrom('channel_mailboxes')
      .selectAll()
      .where('workspace_id', '=', context.workspaceId)
      .where('channel_id', '=', channelId)
      .forUpdate()
      .executeTakeFirst();
    const password = input.password ?? current?.password;
    if (!password)
      throw new AppError('validation_failed', 'A new mailbox needs its password.', {
        issues: [{ path: ['password'], code: 'required', message: 'required for a new mailbox', in: 'body' }],
      });
    const sameMailbox =
      current !== undefined &&
      current.host.toLowerCase() === input.host.toLowerCase() &&
      current.port === input.port &&
      current.username === input.username &&
      current.folder === input.folder;
    const settings = {
      host: input.host,
      port: input.port,
      tls: input.tls,
      username: input.username,
      password,
      folder: input.folder,
      poll_interval_seconds: input.pollIntervalSeconds,
      enabled: input.enabled,
      state: input.enabled ? ('connecting' as const) : ('disabled' as const),
      failures: 0,
      updated_at: new Date(),
      ...(sameMailbox ? {} : { uid_validity: null, last_uid: 0 }),
    };
    // A new run: the job of the old one (queued for later, or polling with the old settings) does nothing more.
    const row = current
      ? await trx
          .updateTable('channel_mailboxes')
          .set({ ...settings, poll_run: sql`poll_run + 1` })
          .where('workspace_id', '=', context.workspaceId)
          .where('channel_id', '=', channelId)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto('channel_mailboxes')
          .values({ workspace_id: context.workspaceId, channel_id: channelId, ...settings })
          .returningAll()
          .executeTakeFirstOrThrow();
    if (row.enabled) await enqueueMailboxPoll(trx, row, Number(row.poll_run));
    await recordEvent(trx, context, {
      name: 'channel.mailbox_updated',
      subjectType: 'channel',
      subjectId: channelId,
      data: { host: row.host, folder: row.folder, enabled: row.enabled, restarted: !sameMailbox },
    });
    return presentMailbox(row);
  });
}

/** Stops polling and forgets the mailbox (owners and admins); mail already filed stays. Throws forbidden, not_found. */
export async function deleteMailbox(db: Kysely<DB>, context: WorkspaceContext, channelId: string): Promise<void> {
  requireManager(context);
  await db.transaction().execute(async (trx) => {
    await getChannelRow(trx, context.workspaceId, channelId);
    const removed = await trx
      .deleteFrom('channel_mailboxes')
      .where('workspace_id', '=', context.workspaceId)
      .where('channel_id', '=', channelId)
      .returning('channel_id')
      .executeTakeFirst();
    if (!removed) throw new AppError('not_found', 'This channel polls no mailbox.');
    await recordEvent(trx, context, {
      name: 'channel.mailbox_removed',
      subjectType: 'channel',
      subjectId: channelId,
      data: {},
    });
  });
}
