import { ImapFlow, type FetchMessageObject, type ImapFlowError } from 'imapflow';
import { sql, type Kysely, type UpdateObject } from 'kysely';
import { z } from 'zod';
import type { ChannelMailboxRow, ChannelRow, DB } from '@rapport/db';
import type { MailboxErrorCode } from '@rapport/contracts';
import type { Config } from '../../../../platform/config.js';
import { systemActor } from '../../../../platform/context.js';
import { recordEvent } from '../../../../platform/events.js';
import type { FileStore } from '../../../../platform/file-store.js';
import { defineJob } from '../../../../platform/jobs/job-definition.js';
import type { Logger } from '../../../../platform/logger.js';
import { getChannelRow } from '../../channels.js';
import { enqueueMailboxPoll, mailboxPollJobName } from '../../mailboxes.js';
import { fileInboundEmail } from './file-inbound-email.js';
import { parseEmail, type ParsedEmail } from './parse-email.js';
import { splitRecipient } from './smtp-listener.js';

/** Most messages fetched in one FETCH: bounds memory together with `batchBytes`. */
const batchSize = 50;
/** Most bytes (by the server's RFC822.SIZE) fetched in one FETCH; a single larger message is fetched alone. */
const batchBytes = 32 * 1024 * 1024;
/** Most messages one poll files; more waiting: the next run starts at once, so other mailboxes get their turn. */
const maxMessagesPerPoll = 500;
/** The longest wait between polls after failures (unless the interval itself is longer). */
const maxBackoffSeconds = 3600;

export interface PollEnvironment {
  db: Kysely<DB>;
  files: FileStore;
  /** Mail larger than this (SMTP_MAX_MESSAGE_BYTES) is left in the mailbox unfiled, as SMTP would refuse it. */
  maxMessageBytes: number;
  logger: Logger;
  signal?: AbortSignal;
}

export type PollOutcome =
  | { ok: true; fetched: number; filed: number; skipped: number; more: boolean }
  | { ok: false; code: MailboxErrorCode; message: string; fetched: number };

/** Another poll run took over (the settings changed): this one must not write its progress or state. */
class SupersededError extends Error {}

/** Storing a message failed (the database, not the mailbox): the poll stops there and the message is retried. */
class FilingError extends Error {
  constructor(
    readonly uid: number,
    readonly reason: unknown,
  ) {
    super(`message UID ${uid} could not be stored: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

/**
 * An IMAP failure as a stable code and a message for the settings page. The message is the server's or Node's
 * text, never the command sent (imapflow masks the password in it anyway, and the password is scrubbed too).
 */
export function classifyImapError(error: unknown, password: string): { code: MailboxErrorCode; message: string } {
  const e = (error ?? {}) as ImapFlowError;
  const code = typeof e.code === 'string' ? e.code : '';
  let message = (e.responseText ?? (error instanceof Error ? error.message : String(error))).slice(0, 500);
  if (password.length >= 3) message = message.split(password).join('***');
  // OpenSSL's "806C…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/…": the reason is enough.
  message = message.replace(/^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):.*$/s, 'TLS: $1');
  if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED') return { code: 'imap_auth_failed', message };
  if (e.mailboxMissing || e.serverResponseCode === 'NONEXISTENT') return { code: 'imap_folder_not_found', message };
  if (
    e.tlsFailed ||
    code === 'ClosedAfterConnectTLS' ||
    code === 'UPGRADE_TIMEOUT' ||
    /^(ERR_SSL|ERR_TLS|ERR_OSSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/.test(code) ||
    /\b(ssl|tls)\b/i.test(message)
  )
    return { code: 'imap_tls_failed', message };
  const unreachable = [
    'ECONNREFUSED',
    'ECONNRESET',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ETIMEDOUT',
    'EPIPE',
    'CONNECT_TIMEOUT',
    'GREETING_TIMEOUT',
    'ETIMEOUT',
    'NoConnection',
    'EConnectionClosed',
    'ClosedAfterConnectText',
  ];
  if (unreachable.includes(code)) return { code: 'imap_unreachable', message: message || code };
  return { code: 'imap_error', message };
}

/** The reply token of a plus-address of the channel among the recipients ("support+k3v9q2@acme.hu"), if any. */
function replyTokenOf(channel: ChannelRow, parsed: ParsedEmail): string | null {
  for (const recipient of [...parsed.to, ...parsed.cc]) {
    const { address, token } = splitRecipient(recipient.address);
    if (token && address === channel.address) return token;
  }
  return null;
}

/** Splits the new messages (UID order) into FETCH batches of at most `batchSize` messages and about `batchBytes`. */
function batches(messages: { uid: number; size: number }[]): { uid: number; size: number }[][] {
  const result: { uid: number; size: number }[][] = [];
  let current: { uid: number; size: number }[] = [];
  let bytes = 0;
  for (const message of messages) {
    if (current.length && (current.length >= batchSize || bytes + message.size > batchBytes)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += message.size;
  }
  if (current.length) result.push(current);
  return result;
}

/**
 * One poll of a channel's mailbox (run `mailbox.poll_run`): signs in, opens the folder read-only (mail on the
 * server is never changed: no \Seen flag, nothing moved or deleted), and files every message with a UID above
 * the stored one, oldest first, through the same path as SMTP (`fileInboundEmail`). When UIDVALIDITY changed, the
 * stored UIDs mean nothing any more: it starts from the first message, and Message-ID deduplication
 * (`receiveMessage` files a Message-ID once per workspace) keeps what was filed before from appearing twice.
 *
 * Progress (last_uid) is stored after each message, not in the transaction that files it: `receiveMessage`
 * commits on its own, and filing the same message again is harmless (recognised by its Message-ID). So a crash
 * between the two repeats at most that one message, as a duplicate that is ignored; storing per message rather
 * than per batch keeps that window to one message and the counters exact, for one small UPDATE each.
 * Every write is guarded by the run: a poll overtaken by new settings stops without touching their state.
 */
export async function pollMailbox(environment: PollEnvironment, mailbox: ChannelMailboxRow): Promise<PollOutcome> {
  const { db, logger } = environment;
  const run = mailbox.poll_run;
  const guarded = async (values: UpdateObject<DB, 'channel_mailboxes'>) => {
    const updated = await db
      .updateTable('channel_mailboxes')
      .set(values)
      .where('workspace_id', '=', mailbox.workspace_id)
      .where('channel_id', '=', mailbox.channel_id)
      .where('poll_run', '=', run)
      .returning('channel_id')
      .executeTakeFirst();
    if (!updated) throw new SupersededError();
  };
  const channel = await getChannelRow(db, mailbox.workspace_id, mailbox.channel_id);
  const client = new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.tls,
    auth: { user: mailbox.username, pass: mailbox.password },
    // imapflow logs to stdout by default; our own log lines say what happened, without the credentials.
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  });
  // A dropped connection is also reported as an 'error' event; the pending command rejects with it anyway.
  client.on('error', () => undefined);
  let fetched = 0;
  let filed = 0;
  let skipped = 0;
  try {
    await client.connect();
    const folder = await client.mailboxOpen(mailbox.folder, { readOnly: true });
    const uidValidity = folder.uidValidity.toString();
    let lastUid = Number(mailbox.last_uid);
    if (mailbox.uid_validity !== uidValidity) {
      if (mailbox.uid_validity !== null)
        logger.info({ before: mailbox.uid_validity, after: uidValidity }, 'mailbox UIDVALIDITY changed: reading it again');
      lastUid = 0;
    }
    await guarded({ uid_validity: uidValidity, last_uid: lastUid, state: 'connected' });
    const listed: FetchMessageObject[] =
      folder.exists > 0 ? await client.fetchAll(`${lastUid + 1}:*`, { uid: true, size: true }, { uid: true }) : [];
    // "N:*" also answers the last message when N is past it: only UIDs above the stored one are new.
    const waiting = listed
      .filter((m) => m.uid > lastUid)
      .map((m) => ({ uid: m.uid, size: m.size ?? 0 }))
      .sort((a, b) => a.uid - b.uid);
    const pending = waiting.slice(0, maxMessagesPerPoll);
    for (const batch of batches(pending)) {
      if (environment.signal?.aborted) break;
      const wanted = batch.filter((m) => m.size <= environment.maxMessageBytes).map((m) => m.uid);
      const sources = new Map<number, Buffer>();
      // The whole batch is read before filing: imapflow runs no other command while a FETCH is being read.
      if (wanted.length)
        for await (const message of client.fetch(wanted, { uid: true, source: true }, { uid: true }))
          if (message.source) sources.set(message.uid, message.source);
      // Filed one at a time in UID order: a reply must find the message it answers already filed.
      for (const { uid, size } of batch) {
        if (environment.signal?.aborted) break;
        const raw = sources.get(uid);
        const outcome = raw
          ? await fileOne(environment, channel, raw, uid)
          : size > environment.maxMessageBytes
            ? 'skipped'
            : 'gone';
        if (outcome === 'skipped') {
          skipped++;
          if (!raw) logger.warn({ uid, size, limit: environment.maxMessageBytes }, 'mailbox message too large: left unfiled');
        }
        if (raw) fetched++;
        if (outcome === 'filed') filed++;
        await guarded({
          last_uid: uid,
          messages_fetched: sql`messages_fetched + ${raw ? 1 : 0}`,
          messages_skipped: sql`messages_skipped + ${outcome === 'skipped' ? 1 : 0}`,
          updated_at: new Date(),
        });
      }
    }
    return {
      ok: true,
      fetched,
      filed,
      skipped,
      more: waiting.length > pending.length || (environment.signal?.aborted ?? false),
    };
  } catch (error) {
    if (error instanceof SupersededError) throw error;
    if (error instanceof FilingError) {
      logger.error({ err: error.reason, uid: error.uid }, 'mailbox message could not be stored; retried at the next poll');
      return { ok: false, code: 'message_not_stored', message: error.message.slice(0, 500), fetched };
    }
    return { ok: false, ...classifyImapError(error, mailbox.password), fetched };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Parses and files one message; 'skipped' when it cannot be a conversation message (unreadable, no sender). */
async function fileOne(
  environment: PollEnvironment,
  channel: ChannelRow,
  raw: Buffer,
  uid: number,
): Promise<'filed' | 'duplicate' | 'skipped'> {
  let parsed: ParsedEmail;
  try {
    parsed = await parseEmail(raw);
  } catch (error) {
    environment.logger.info({ uid, reason: (error as Error).message }, 'mailbox message is not a message: left unfiled');
    return 'skipped';
  }
  const sender = parsed.from?.address;
  if (!sender) {
    environment.logger.info({ uid }, 'mailbox message has no sender address: left unfiled');
    return 'skipped';
  }
  try {
    const received = await fileInboundEmail(environment.db, environment.files, {
      channel,
      raw,
      parsed,
      sender,
      replyToken: replyTokenOf(channel, parsed),
    });
    return received.isDuplicate ? 'duplicate' : 'filed';
  } catch (error) {
    throw new FilingError(uid, error);
  }
}

/** Seconds until the next poll after `failures` failed ones in a row: the interval, doubled per failure, capped. */
export function nextPollDelaySeconds(intervalSeconds: number, failures: number): number {
  if (failures === 0) return intervalSeconds;
  return Math.min(intervalSeconds * 2 ** Math.min(failures - 1, 20), Math.max(intervalSeconds, maxBackoffSeconds));
}

/**
 * The poll job of one mailbox (worker role). Each run polls once, then, in the transaction that completes the job,
 * records the state (connected, or failing with the error code and backoff) and queues the next run under a
 * deterministic idempotency key: one chain per mailbox, however often a run is retried or a process restarts.
 * A run that is no longer the mailbox's current one (settings changed, mailbox removed or disabled) does nothing.
 */
export function pollMailboxJob(environment: { files: FileStore; mail: Config['mail'] }) {
  return defineJob({
    name: mailboxPollJobName,
    payload: z.object({ workspaceId: z.uuid(), channelId: z.uuid(), run: z.number().int().min(0) }),
    maxAttempts: 10,
    async handle({ workspaceId, channelId, run }, context) {
      const mailbox = await context.db
        .selectFrom('channel_mailboxes')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('channel_id', '=', channelId)
        .executeTakeFirst();
      if (!mailbox || !mailbox.enabled || Number(mailbox.poll_run) !== run) {
        await context.complete(async () => undefined);
        return;
      }
      const log = context.logger.child({ channelId, host: mailbox.host, folder: mailbox.folder });
      let outcome: PollOutcome;
      try {
        outcome = await pollMailbox(
          {
            db: context.db,
            files: environment.files,
            maxMessageBytes: environment.mail.maxMessageBytes,
            logger: log,
            signal: context.signal,
          },
          mailbox,
        );
      } catch (error) {
        if (!(error instanceof SupersededError)) throw error;
        await context.complete(async () => undefined);
        return;
      }
      await context.complete(async (trx) => {
        const current = await trx
          .selectFrom('channel_mailboxes')
          .select(['poll_run', 'state', 'failures', 'poll_interval_seconds', 'enabled'])
          .where('workspace_id', '=', workspaceId)
          .where('channel_id', '=', channelId)
          .forUpdate()
          .executeTakeFirst();
        if (!current || !current.enabled || Number(current.poll_run) !== run) return;
        const now = new Date();
        const failures = outcome.ok ? 0 : current.failures + 1;
        const state = outcome.ok ? 'connected' : 'failing';
        await trx
          .updateTable('channel_mailboxes')
          .set({
            poll_run: run + 1,
            state,
            failures,
            updated_at: now,
            ...(outcome.ok
              ? { last_success_at: now }
              : { last_error_code: outcome.code, last_error_message: outcome.message, last_error_at: now }),
          })
          .where('workspace_id', '=', workspaceId)
          .where('channel_id', '=', channelId)
          .execute();
        const delay = outcome.ok && outcome.more ? 0 : nextPollDelaySeconds(current.poll_interval_seconds, failures);
        await enqueueMailboxPoll(trx, mailbox, run + 1, new Date(now.getTime() + delay * 1000));
        // Only changes of state are events: a poll every minute is not news, a mailbox that starts failing is.
        if (mailbox.state !== state || (!outcome.ok && failures === 1))
          await recordEvent(
            trx,
            { workspaceId, actor: systemActor },
            {
              name: 'channel.mailbox_state_changed',
              subjectType: 'channel',
              subjectId: channelId,
              data: { state, ...(outcome.ok ? {} : { code: outcome.code }) },
            },
          );
      });
      if (outcome.ok) {
        if (outcome.fetched || outcome.skipped) log.info({ ...outcome }, 'mailbox polled');
      } else log.warn({ code: outcome.code, message: outcome.message, failures: mailbox.failures + 1 }, 'mailbox poll failed');
    },
  });
}
