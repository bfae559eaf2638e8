import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';
import type { AddressInfo } from 'node:net';
import { sharedTestDatabase } from './database.js';
import { startTestApp, testConfig, type TestApp } from './harness.js';
import { createLogger } from '../src/platform/logger.js';
import { JobWorker } from '../src/platform/jobs/worker.js';
import { FileStore } from '../src/platform/file-store.js';
import { SmtpListener } from '../src/modules/channels/drivers/email/smtp-listener.js';
import { deliverMessageJob } from '../src/modules/conversations/conversations.jobs.js';

/** A message the relay sink received: its envelope and raw bytes. */
export interface RelayedMail {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface MailTestApp {
  app: TestApp;
  /** Sends mail to Rapport's SMTP server as a customer's mail server would. */
  send: (message: SendMailOptions) => Promise<{ response: string; messageId: string }>;
  /** Mail Rapport sent through its relay, in order. */
  relayed: RelayedMail[];
  smtpPort: number;
}

/** A local SMTP server standing in for the outgoing relay: every message it takes is pushed to `relayed`. */
export interface RelaySink {
  port: number;
  close(): Promise<void>;
}

export async function startRelaySink(
  relayed: RelayedMail[],
  options: {
    /** A fixed port (a relay that comes back where it was); default: any free one. */
    port?: number;
    /** Refuse every recipient with this SMTP code (a relay that will never take the mail). */
    refuseWith?: number;
  } = {},
): Promise<RelaySink> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, session, callback) {
      if (!options.refuseWith) return callback();
      callback(
        Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected`), { responseCode: options.refuseWith }),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        relayed.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const quietLogger = createLogger({ log: { level: 'silent', format: 'json' } });

/**
 * For email tests: the app on this file's database, Rapport's SMTP listener on
 * a free port, a local SMTP server standing in for the outgoing relay
 * (SMTP_RELAY_URL), and a job worker running deliveries. Real SMTP over
 * 127.0.0.1 both ways.
 */
export function mailTestApp(options: { maxMessageBytes?: number } = {}): MailTestApp {
  const relayed: RelayedMail[] = [];
  const state = { relayed } as MailTestApp;
  let dataDir: string | undefined;
  let worker: JobWorker | undefined;
  let listener: SmtpListener | undefined;
  let sink: RelaySink | undefined;
  let client: Transporter | undefined;
  beforeAll(async () => {
    const { database } = await sharedTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'rapport-mail-'));
    sink = await startRelaySink(relayed);
    const sinkPort = sink.port;
    const env = {
      RAPPORT_DATA_DIR: dataDir,
      SMTP_RELAY_URL: `smtp://127.0.0.1:${sinkPort}`,
      MAIL_DOMAIN: 'rapport.test',
      ...(options.maxMessageBytes ? { SMTP_MAX_MESSAGE_BYTES: String(options.maxMessageBytes) } : {}),
    };
    state.app = await startTestApp(database, env);
    const config = testConfig(env);
    listener = new SmtpListener({ db: database.db, files: new FileStore(dataDir), mail: config.mail, logger: quietLogger });
    state.smtpPort = await listener.listen(0, '127.0.0.1');
    client = nodemailer.createTransport({ host: '127.0.0.1', port: state.smtpPort, secure: false, ignoreTLS: true });
    state.send = async (message) => {
      const info = (await client!.sendMail(message)) as { response: string; messageId: string };
      return { response: info.response, messageId: info.messageId.replace(/^<|>$/g, '') };
    };
    worker = new JobWorker(database, quietLogger, { concurrency: 2, pollMs: 20, leaseSeconds: 30, retryDelaySeconds: () => 0 });
    worker.register(deliverMessageJob({ config, logger: quietLogger }));
    await worker.start();
  });
  afterAll(async () => {
    client?.close();
    await worker?.stop();
    await listener?.close();
    await sink?.close();
    await state.app?.runtime.app?.close();
    await (await sharedTestDatabase()).drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  return state;
}
