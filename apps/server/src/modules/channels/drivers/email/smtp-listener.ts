import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Kysely } from 'kysely';
import type { ChannelRow, DB } from '@rapport/db';
import type { Config } from '../../../../platform/config.js';
import type { Logger } from '../../../../platform/logger.js';
import type { FileStore } from '../../../../platform/file-store.js';
import { findChannelByAddress } from '../../channels.js';
import { parseEmail, type ParsedEmail } from './parse-email.js';
import { fileInboundEmail } from './file-inbound-email.js';

/** An SMTP reply with its code: smtp-server answers the client with it. */
function smtpError(responseCode: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}

/** "support+k3v9q2@acme.hu" → the channel address "support@acme.hu" and the reply token "k3v9q2". */
export function splitRecipient(address: string): { address: string; token: string | null } {
  const lower = address.toLowerCase();
  const match = /^([^@+]+)\+([a-z0-9]{4,32})(@.+)$/.exec(lower);
  return match ? { address: `${match[1]}${match[3]}`, token: match[2]! } : { address: lower, token: null };
}

/**
 * The message's bytes, or null when it is bigger than `limit`. Past the limit the rest is read and dropped, never
 * kept: the client must finish its DATA before it can be told 552, and a message of gigabytes must not fill memory
 * while it does.
 */
export async function readWithin(stream: SMTPServerDataStream, limit: number): Promise<Buffer | null> {
  let chunks: Buffer[] = [];
  let size = 0;
  let isTooBig = false;
  for await (const chunk of stream) {
    if (isTooBig) continue;
    size += (chunk as Buffer).length;
    if (stream.sizeExceeded || size > limit) {
      isTooBig = true;
      chunks = [];
    } else chunks.push(chunk as Buffer);
  }
  return isTooBig || stream.sizeExceeded ? null : Buffer.concat(chunks, size);
}

export interface SmtpListenerOptions {
  db: Kysely<DB>;
  files: FileStore;
  mail: Config['mail'];
  logger: Logger;
}

/**
 * Rapport's own SMTP server for inbound mail. A recipient must be a channel's
 * address (plus-addressed reply tokens allowed), else 550. A message is
 * answered 250 only after it is committed for every recipient: a crash before
 * that makes the sender retry, and a retry of a message already filed is
 * recognised by its Message-ID. Oversize mail gets 552 (read to its end but not
 * kept); a database problem 451 (try again later); connections beyond
 * SMTP_MAX_CLIENTS 421.
 */
export class SmtpListener {
  readonly #server: SMTPServer;
  readonly #options: SmtpListenerOptions;

  constructor(options: SmtpListenerOptions) {
    this.#options = options;
    this.#server = new SMTPServer({
      name: options.mail.domain,
      banner: 'Rapport',
      size: options.mail.maxMessageBytes,
      // More are answered 421 (try again later): a flood of connections cannot exhaust sockets or memory.
      maxClients: options.mail.maxClients,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo: (address, session, callback) => {
        this.#route(address).then(
          () => callback(),
          (error: Error) => callback(error),
        );
      },
      onData: (stream, session, callback) => {
        this.#receive(stream, session).then(
          (reply) => callback(null, reply),
          (error: Error) => callback(error),
        );
      },
    });
    this.#server.on('error', (error) => options.logger.warn({ err: error }, 'smtp connection error'));
  }

  /** Starts listening; resolves with the port (useful with port 0). */
  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.server.once('error', reject);
      this.#server.listen(port, host, () => resolve());
    });
    return (this.#server.server.address() as AddressInfo).port;
  }

  /** Stops accepting connections and waits for the open ones to finish. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #route(address: SMTPServerAddress): Promise<ChannelRow> {
    const channel = await findChannelByAddress(this.#options.db, 'email', splitRecipient(address.address).address);
    if (!channel) {
      this.#options.logger.info({ recipient: address.address }, 'inbound mail refused: no such mailbox');
      throw smtpError(550, '5.1.1 No such mailbox here');
    }
    return channel;
  }

  async #receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const raw = await readWithin(stream, this.#options.mail.maxMessageBytes);
    if (!raw) {
      this.#options.logger.info(
        { sender: session.envelope.mailFrom ? session.envelope.mailFrom.address : null, bytes: stream.byteLength },
        'inbound mail refused: too big',
      );
      throw smtpError(552, `5.3.4 Message too big: the limit is ${this.#options.mail.maxMessageBytes} bytes`);
    }
    let parsed: ParsedEmail;
    try {
      parsed = await parseEmail(raw);
    } catch (error) {
      this.#options.logger.info({ err: error }, 'inbound mail rejected: not a message');
      throw smtpError(550, '5.6.0 The message could not be read');
    }
    const sender = parsed.from?.address ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : '');
    if (!sender) throw smtpError(550, '5.1.7 The message has no sender address');
    const filed: string[] = [];
    try {
      for (const recipient of session.envelope.rcptTo) {
        const { address, token } = splitRecipient(recipient.address);
        const channel = await findChannelByAddress(this.#options.db, 'email', address);
        if (!channel) continue;
        const received = await fileInboundEmail(this.#options.db, this.#options.files, {
          channel,
          raw,
          parsed,
          sender,
          replyToken: token,
        });
        filed.push(`#${received.conversationNumber}`);
      }
    } catch (error) {
      this.#options.logger.error({ err: error }, 'inbound mail could not be stored');
      throw smtpError(451, '4.3.0 Temporary failure, please try again later');
    }
    return `2.0.0 Accepted ${filed.join(' ')}`.trim();
  }
}
