import { sql, type Kysely } from 'kysely';
import type { RawData, WebSocket } from 'ws';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { ChatVisitorRow, Database, DB } from '@rapport/db';
import {
  maxWidgetFrameBytes,
  widgetClientFrame,
  type WidgetClientFrame,
  type WidgetErrorCode,
  type WidgetServerFrame,
} from '@rapport/contracts';
import type { Config } from '../../platform/config.js';
import { isAppError, type ErrorCode } from '../../platform/errors.js';
import { announcedEventKeys, type EventBus, type PublishedEvent } from '../../platform/events.js';
import type { FileStore } from '../../platform/file-store.js';
import type { Logger } from '../../platform/logger.js';
import { BadFrameCounter, closeSockets, readFrame } from '../../platform/realtime/realtime-connection.js';
import { readSignalNotice, signalsChannel } from '../../platform/realtime/signals.js';
import { channelAvailability } from './availability.js';
import {
  announceVisitorTyping,
  markReadByVisitor,
  postVisitorMessage,
  presentWidgetMessage,
  recordVisitorPage,
  requestTranscript,
  visitorHistory,
} from './chat-messages.js';
import { saveVisitorContact } from './visitors.js';
import { findWidget, forgetWidgetOf, type Widget } from './widget-keys.js';
import { widgetConfigFor } from './widget-setup.js';

export interface WidgetHubOptions {
  /** Ping cadence; a socket that missed the previous pong is closed. Visitors' `last_seen_at` is refreshed as often. */
  heartbeatMs: number;
  /** Frames one socket may send per 10 s before `rate_limited` (typing and page updates included). */
  framesPer10s: number;
  /** Bad or refused frames within a minute that close the socket (1008). */
  maxBadFrames: number;
  /** Bytes queued for a socket that does not read before it is dropped. */
  maxBufferedBytes: number;
}

export const defaultWidgetHubOptions: WidgetHubOptions = {
  heartbeatMs: 30_000,
  framesPer10s: 40,
  maxBadFrames: 10,
  maxBufferedBytes: 1024 * 1024,
};

export interface WidgetHubDependencies {
  db: Kysely<DB>;
  database: Database;
  events: EventBus;
  files: FileStore;
  config: Config;
  logger: Logger;
}

// The heartbeat's work is spread over this many ticks: with 10,000 sockets, pinging them all and refreshing
// their visitors at once is a pause long enough to delay the messages that arrive meanwhile.
const heartbeatSlices = 30;
/** Sockets written to between turns of the event loop when one frame goes to all of a channel's visitors. */
const broadcastPerTurn = 250;

/** The widget's codes for the domain errors a frame may meet; any other is `invalid_frame`. */
const widgetCodes: Partial<Record<ErrorCode, WidgetErrorCode>> = {
  not_found: 'unknown_message',
  contact_required: 'contact_required',
};

const relevantEvents = new Set(['message.created', 'message.received', 'conversation.read']);
const eventsPerRead = 500;

/** One visitor socket: who it is, the widget, and the frames it is working through one at a time. */
class VisitorConnection {
  isAlive = true;
  /** The heartbeat tick (of `heartbeatSlices`) that looks after this socket. */
  readonly slice = Math.floor(Math.random() * heartbeatSlices);
  #queue: Promise<void> = Promise.resolve();
  readonly #badFrames = new BadFrameCounter();

  constructor(
    readonly socket: WebSocket,
    /** The channel and its settings: replaced when the channel changes (channel.updated). */
    public widget: Widget,
    public visitor: ChatVisitorRow,
    readonly address: string,
  ) {}

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(frame: WidgetServerFrame): void {
    this.sendText(JSON.stringify(frame));
  }

  sendText(text: string): void {
    if (this.isOpen) this.socket.send(text);
  }

  /** Frames are handled in arrival order: messages sent after a reconnect keep their order. */
  enqueue(work: () => Promise<void>): void {
    this.#queue = this.#queue.then(work, work);
  }

  countBadFrame(now: number): number {
    return this.#badFrames.count(now);
  }
}

/**
 * The widget's side of live chat, in every app process: visitors' sockets,
 * their frames (messages, typing, read receipts, page, contact, transcript),
 * and the team's side pushed to them. The team's messages and read receipts
 * arrive as committed events (LISTEN/NOTIFY, so a reply posted to any process
 * reaches a socket held by this one), typing as signals. Every visitor sees
 * only their own conversation: sockets are indexed by it.
 */
export class WidgetHub {
  readonly options: WidgetHubOptions;
  readonly #byConversation = new Map<string, Set<VisitorConnection>>();
  readonly #byVisitor = new Map<string, Set<VisitorConnection>>();
  readonly #logger: Logger;
  readonly #frames: RateLimiterMemory;
  readonly #messages: RateLimiterMemory;
  readonly #messagesPerAddress: RateLimiterMemory;
  #pending: PublishedEvent[] = [];
  #tick = 0;
  /** What each channel's sockets were last told of its availability (JSON), to tell them only changes. */
  readonly #availability = new Map<string, string>();
  #draining: Promise<void> | null = null;
  /** Changed channels are refreshed one after another: an earlier change read late never overwrites a later one. */
  #refreshing: Promise<void> = Promise.resolve();
  #isClosing = false;
  readonly #stops: (() => void | Promise<void>)[] = [];

  constructor(
    private readonly deps: WidgetHubDependencies,
    options: Partial<WidgetHubOptions> = {},
  ) {
    this.options = { ...defaultWidgetHubOptions, ...options };
    this.#logger = deps.logger.child({ module: 'widget' });
    this.#frames = new RateLimiterMemory({ points: this.options.framesPer10s, duration: 10 });
    this.#messages = new RateLimiterMemory({ points: deps.config.widget.messagesPerMinute, duration: 60 });
    this.#messagesPerAddress = new RateLimiterMemory({ points: deps.config.widget.messagesPerAddressPerMinute, duration: 60 });
  }

  async start(): Promise<void> {
    this.#stops.push(this.deps.events.on('*', (event) => this.#onEvent(event)));
    this.#stops.push(await this.deps.database.listen(signalsChannel, (payload) => this.#onSignal(payload)));
    const heartbeat = setInterval(() => void this.#beat(), this.options.heartbeatMs / heartbeatSlices);
    heartbeat.unref();
    this.#stops.push(() => clearInterval(heartbeat));
  }

  /** Open visitor sockets in this process. */
  connectionCount(): number {
    let count = 0;
    for (const set of this.#byVisitor.values()) count += set.size;
    return count;
  }

  /** Takes an upgraded socket of a verified visitor: `welcome`, then frames. */
  accept(socket: WebSocket, widget: Widget, visitor: ChatVisitorRow, address: string): void {
    if (this.#isClosing) {
      socket.close(1001, 'server shutting down');
      return;
    }
    const connection = new VisitorConnection(socket, widget, visitor, address);
    add(this.#byVisitor, visitor.id, connection);
    if (visitor.conversation_id) add(this.#byConversation, visitor.conversation_id, connection);
    socket.on('pong', () => (connection.isAlive = true));
    socket.on('message', (data, isBinary) => this.#onFrame(connection, data, isBinary));
    socket.on('close', () => this.#remove(connection));
    connection.send({
      type: 'welcome',
      visitorId: visitor.id,
      heartbeatMs: this.options.heartbeatMs,
      maxFrameBytes: maxWidgetFrameBytes,
    });
  }

  async close(graceMs = 2_000): Promise<void> {
    if (this.#isClosing) return;
    this.#isClosing = true;
    for (const stop of this.#stops.splice(0)) await stop();
    await closeSockets(
      [...this.#byVisitor.values()].flatMap((set) => [...set].map((c) => c.socket)),
      graceMs,
    );
    await this.#draining;
    await this.#refreshing;
  }

  #remove(connection: VisitorConnection): void {
    remove(this.#byVisitor, connection.visitor.id, connection);
    if (connection.visitor.conversation_id) remove(this.#byConversation, connection.visitor.conversation_id, connection);
  }

  #refuse(connection: VisitorConnection, code: WidgetErrorCode, message: string, extra: Partial<WidgetServerFrame> = {}) {
    connection.send({ type: 'error', code, message, ...extra } as WidgetServerFrame);
    if (connection.countBadFrame(Date.now()) >= this.options.maxBadFrames) {
      this.#logger.info({ visitorId: connection.visitor.id }, 'closed a widget socket sending bad frames');
      connection.socket.close(1008, 'too many bad frames');
    }
  }

  #onFrame(connection: VisitorConnection, data: RawData, isBinary: boolean): void {
    connection.isAlive = true;
    const frame = readFrame(data, isBinary, widgetClientFrame, maxWidgetFrameBytes);
    if ('code' in frame) return this.#refuse(connection, frame.code, frame.message);
    if (frame.type === 'ping') return connection.send({ type: 'pong' });
    connection.enqueue(async () => {
      try {
        await this.#frames.consume(connection.visitor.id);
        if (frame.type === 'message') {
          await this.#messages.consume(connection.visitor.id);
          await this.#messagesPerAddress.consume(connection.address);
        }
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const clientId = frame.type === 'message' ? { clientId: frame.clientId } : {};
        return this.#refuse(connection, 'rate_limited', 'Too many frames: wait a moment.', {
          ...clientId,
          retryAfterMs: error.msBeforeNext,
        });
      }
      try {
        await this.#handle(connection, frame);
      } catch (error) {
        if (isAppError(error)) {
          const code = widgetCodes[error.code] ?? 'invalid_frame';
          const clientId = frame.type === 'message' ? { clientId: frame.clientId } : {};
          return this.#refuse(connection, code, error.message, clientId);
        }
        this.#logger.error({ err: error, visitorId: connection.visitor.id, frame: frame.type }, 'widget frame failed');
        // The client resends what was not acknowledged after it reconnects.
        connection.socket.close(1011, 'internal error');
      }
    });
  }

  async #handle(connection: VisitorConnection, frame: Exclude<WidgetClientFrame, { type: 'ping' }>): Promise<void> {
    const { db } = this.deps;
    switch (frame.type) {
      case 'hello': {
        const history = await visitorHistory(db, connection.visitor, frame.after);
        connection.send({ type: 'history', ...history });
        connection.send({ type: 'availability', availability: await channelAvailability(db, connection.widget.channel) });
        return;
      }
      case 'message': {
        const before = connection.visitor.conversation_id;
        const { visitor, message } = await postVisitorMessage(
          db,
          this.deps.files,
          connection.widget,
          connection.visitor,
          frame.clientId,
          frame.text,
        );
        if (visitor.conversation_id !== before) this.#moveVisitor(visitor);
        connection.send({ type: 'ack', clientId: frame.clientId, message });
        // The visitor's other tabs here (the event reaches other processes' ones).
        for (const other of this.#byVisitor.get(visitor.id) ?? [])
          if (other !== connection) other.send({ type: 'message', message });
        return;
      }
      case 'typing':
        return announceVisitorTyping(db, connection.visitor, frame.typing);
      case 'read':
        return markReadByVisitor(db, connection.visitor, frame.upTo);
      case 'page':
        connection.visitor = await recordVisitorPage(db, connection.visitor, frame);
        return;
      case 'contact': {
        const visitor = await saveVisitorContact(db, connection.visitor, frame);
        for (const other of this.#byVisitor.get(visitor.id) ?? []) other.visitor = visitor;
        connection.send({ type: 'contact_saved', email: visitor.email! });
        return;
      }
      case 'transcript': {
        if (!connection.visitor.email)
          return this.#refuse(connection, 'email_required', 'Give an email address to send the conversation to.');
        connection.send({ type: 'transcript_queued', email: await requestTranscript(db, connection.visitor) });
        return;
      }
    }
  }

  /** A visitor's conversation changed (their first message, or a new one after the last was closed). */
  #moveVisitor(visitor: ChatVisitorRow): void {
    for (const connection of this.#byVisitor.get(visitor.id) ?? []) {
      if (connection.visitor.conversation_id) remove(this.#byConversation, connection.visitor.conversation_id, connection);
      connection.visitor = visitor;
      if (visitor.conversation_id) add(this.#byConversation, visitor.conversation_id, connection);
    }
  }

  #onEvent(event: PublishedEvent): void {
    if (event.name === 'channel.updated' && event.subjectId) {
      const channelId = event.subjectId;
      this.#refreshing = this.#refreshing.then(() => this.#refreshChannel(channelId));
      return;
    }
    if (!relevantEvents.has(event.name) || !event.subjectId || !this.#byConversation.has(event.subjectId)) return;
    this.#pending.push(event);
    this.#draining ??= this.#drain().finally(() => (this.#draining = null));
  }

  async #drain(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, eventsPerRead);
      try {
        await this.#deliver(batch);
      } catch (error) {
        // The sockets would miss these: closing them makes the widgets reconnect and catch up from their last message.
        this.#logger.error({ err: error, events: batch.length }, 'could not read announced chat events');
        for (const event of batch)
          for (const connection of this.#byConversation.get(event.subjectId!) ?? []) connection.socket.close(1011, 'retry');
      }
    }
  }

  async #deliver(batch: PublishedEvent[]): Promise<void> {
    // One read for the batch: each event with its message (if any) and the agent's name.
    const { rows } = await sql<{
      event_id: string;
      name: string;
      workspace_id: string;
      subject_id: string;
      data: { by?: string; upTo?: string };
      id: string | null;
      direction: 'inbound' | 'outbound' | 'note' | null;
      body_text: string | null;
      external_id: string | null;
      created_at: Date | null;
      author_name: string | null;
    }>`
      SELECT e.id::text AS event_id, e.name, e.workspace_id, e.subject_id, e.data,
             m.id, m.direction, m.body_text, m.external_id, m.created_at, u.name AS author_name
      FROM events e
      LEFT JOIN messages m ON m.workspace_id = e.workspace_id AND m.id = (e.data->>'messageId')::uuid
        AND m.conversation_id::text = e.subject_id
      LEFT JOIN users u ON u.id = m.author_user_id
      WHERE (e.workspace_id, e.id) IN ${announcedEventKeys(batch)}
      ORDER BY e.id`.execute(this.deps.db);
    for (const row of rows) {
      // The conversation comes from the stored row, and it is the socket's own: no visitor sees another's.
      const connections = [...(this.#byConversation.get(row.subject_id) ?? [])].filter(
        (c) => c.visitor.workspace_id === row.workspace_id,
      );
      if (connections.length === 0) continue;
      let frame: WidgetServerFrame | null = null;
      if (row.name === 'conversation.read' && row.data.by === 'agent' && row.data.upTo) {
        frame = { type: 'read', upTo: row.data.upTo };
      } else if (row.id && row.created_at && row.direction && row.direction !== 'note') {
        frame = {
          type: 'message',
          message: presentWidgetMessage({
            id: row.id,
            direction: row.direction,
            body_text: row.body_text ?? '',
            external_id: row.external_id,
            created_at: new Date(row.created_at),
            author_name: row.author_name,
          }),
        };
      }
      if (!frame) continue;
      const text = JSON.stringify(frame);
      for (const connection of connections) {
        if (connection.socket.bufferedAmount > this.options.maxBufferedBytes) {
          connection.socket.terminate();
          continue;
        }
        connection.sendText(text);
      }
    }
  }

  #onSignal(payload: string): void {
    const notice = readSignalNotice(payload);
    if (!notice || notice.signal.kind !== 'typing' || notice.signal.by !== 'agent') return;
    const connections = this.#byConversation.get(notice.signal.conversationId);
    if (!connections) return;
    const text = JSON.stringify({
      type: 'typing',
      typing: notice.signal.typing,
      agentName: notice.agentName ?? null,
    } satisfies WidgetServerFrame);
    for (const connection of connections) if (connection.visitor.workspace_id === notice.workspaceId) connection.sendText(text);
  }

  /** One tick: the sockets of this slice are pinged (a silent one since the last ping is dropped) and their visitors marked seen. */
  async #beat(): Promise<void> {
    const slice = this.#tick++ % heartbeatSlices;
    const seen = new Map<string, string[]>();
    for (const set of this.#byVisitor.values()) {
      for (const connection of set) {
        if (connection.slice !== slice) continue;
        if (!connection.isAlive) {
          connection.socket.terminate();
          continue;
        }
        connection.isAlive = false;
        try {
          connection.socket.ping();
        } catch {
          // Closing already: 'close' removes it.
        }
        const ids = seen.get(connection.visitor.workspace_id) ?? [];
        ids.push(connection.visitor.id);
        seen.set(connection.visitor.workspace_id, ids);
      }
    }
    // Agents see who is still on the site (ChatVisitorInfo.online); one statement per 1,000 visitors.
    const now = new Date();
    try {
      for (const [workspaceId, ids] of seen) {
        const unique = [...new Set(ids)];
        for (let i = 0; i < unique.length; i += 1000)
          await this.deps.db
            .updateTable('chat_visitors')
            .set({ last_seen_at: now })
            .where('workspace_id', '=', workspaceId)
            .where('id', 'in', unique.slice(i, i + 1000))
            .execute();
      }
    } catch (error) {
      this.#logger.warn({ err: error }, 'could not refresh visitors’ presence');
    }
    if (slice === 0) await this.#announceAvailability();
  }

  /**
   * A chat channel's settings changed (in any process): its sockets here take the new ones at once (a pre-chat
   * form made required applies to the next message of a visitor already chatting), are sent the widget's new config
   * (`config`: the open widget shows the new greeting, colours and form without a reload, and the availability that
   * came with them). Other channels' sockets hear nothing.
   */
  async #refreshChannel(channelId: string): Promise<void> {
    forgetWidgetOf(channelId);
    const connections = this.#connectionsOf(channelId);
    if (connections.length === 0) return;
    try {
      const widget = await findWidget(this.deps.db, connections[0]!.widget.key);
      for (const connection of connections) connection.widget = widget;
      const availability = await channelAvailability(this.deps.db, widget.channel);
      // Worded in each visitor's session language, as GET /widget/config with it answers; one text per language.
      const frames = new Map<string, string>();
      await broadcast(connections, ({ visitor }) => {
        const language = visitor.language ?? '';
        let frame = frames.get(language);
        if (frame === undefined) {
          const config = widgetConfigFor(widget, visitor.language, availability);
          frames.set(language, (frame = JSON.stringify({ type: 'config', config } satisfies WidgetServerFrame)));
        }
        return frame;
      });
      // The config carried the availability: the heartbeat's announcement tells only later changes.
      this.#availability.set(channelId, JSON.stringify(availability));
    } catch (error) {
      this.#logger.warn({ err: error, channelId }, 'could not read a changed chat channel');
    }
  }

  /** This process's open sockets of a channel. */
  #connectionsOf(channelId: string): VisitorConnection[] {
    const connections: VisitorConnection[] = [];
    for (const set of this.#byVisitor.values())
      for (const connection of set) if (connection.widget.channel.id === channelId) connections.push(connection);
    return connections;
  }

  /** Agents come and go and business hours end: open widgets hear it within a heartbeat. */
  async #announceAvailability(): Promise<void> {
    const byChannel = new Map<string, VisitorConnection[]>();
    for (const set of this.#byVisitor.values())
      for (const connection of set) {
        const list = byChannel.get(connection.widget.channel.id) ?? [];
        list.push(connection);
        byChannel.set(connection.widget.channel.id, list);
      }
    for (const channelId of this.#availability.keys()) if (!byChannel.has(channelId)) this.#availability.delete(channelId);
    for (const [channelId, connections] of byChannel) {
      try {
        const availability = await channelAvailability(this.deps.db, connections[0]!.widget.channel);
        const text = JSON.stringify(availability);
        const before = this.#availability.get(channelId);
        this.#availability.set(channelId, text);
        if (before === undefined || before === text) continue;
        const frame = JSON.stringify({ type: 'availability', availability } satisfies WidgetServerFrame);
        await broadcast(connections, () => frame);
      } catch (error) {
        this.#logger.warn({ err: error, channelId }, 'could not tell widgets the availability');
      }
    }
  }
}

/**
 * Writes a frame to each of many sockets (`frameFor` may word it per socket). Thousands of sockets: a few hundred
 * writes per turn of the event loop, so that replies due meanwhile wait for a slice of the broadcast, not for all of it.
 */
async function broadcast(
  connections: readonly VisitorConnection[],
  frameFor: (connection: VisitorConnection) => string,
): Promise<void> {
  for (let start = 0; start < connections.length; start += broadcastPerTurn) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const connection of connections.slice(start, start + broadcastPerTurn)) connection.sendText(frameFor(connection));
  }
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function remove<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  set?.delete(value);
  if (set?.size === 0) map.delete(key);
}
