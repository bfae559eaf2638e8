import { sql, type Kysely } from 'kysely';
import type { RawData, WebSocket } from 'ws';
import type { Database, DB, Role } from '@rapport/db';
import { maxRealtimeFrameBytes, realtimeAccessLostCloseCode, type RealtimeServerFrame } from '@rapport/contracts';
import type { Logger } from '../logger.js';
import { cacheChannel } from '../cache.js';
import { announcedEventKeys, type EventBus, type PublishedEvent } from '../events.js';
import { canReceiveEvent, matchesSubscription } from './realtime.policy.js';
import { closeSockets, RealtimeConnection as Connection, readClientFrame, type RealtimeMember } from './realtime-connection.js';
import { recordAgentPresence } from './presence.js';
import { readSignalNotice, signalsChannel } from './signals.js';

export type { RealtimeMember };

export interface RealtimeOptions {
  /** How often every socket is pinged; one that has not answered the previous ping by then is terminated. */
  heartbeatMs: number;
  /** How often every socket's access is re-checked, besides the checks that sign-outs and membership changes trigger. */
  accessCheckMs: number;
  /** Bad frames within a minute that close the socket (1008). */
  maxBadFrames: number;
  /** Bytes queued for a socket that does not read before it is dropped (it reconnects and refetches). */
  maxBufferedBytes: number;
}

export const defaultRealtimeOptions: RealtimeOptions = {
  heartbeatMs: 30_000,
  accessCheckMs: 60_000,
  maxBadFrames: 5,
  maxBufferedBytes: 4 * 1024 * 1024,
};

export interface RealtimeDependencies {
  db: Kysely<DB>;
  database: Database;
  events: EventBus;
  logger: Logger;
}

// Events of one read: bounds the IN list when a burst (an import, an SMTP storm) arrives at once.
const eventsPerRead = 500;
// Deliveries wait for the checks a credential change triggers: a hung lookup must not hold them for long.
const checkTimeoutMs = 5_000;

/**
 * Fans committed events out to the WebSockets of their workspace, in every
 * app process: the EventBus announces each event (LISTEN/NOTIFY), the hub
 * reads the announced rows once per batch, and each socket gets the events its
 * member may see and has subscribed to. It also keeps sockets honest: a
 * heartbeat drops dead ones, and access is re-checked when credentials change.
 */
export class RealtimeHub {
  readonly options: RealtimeOptions;
  readonly #byWorkspace = new Map<string, Set<Connection>>();
  readonly #logger: Logger;
  #pendingEvents: PublishedEvent[] = [];
  readonly #pendingChecks = new Set<Connection>();
  #isDraining = false;
  #drained: Promise<void> = Promise.resolve();
  #isClosing = false;
  #isCheckingEveryAccess = false;
  readonly #stops: (() => void | Promise<void>)[] = [];

  constructor(
    private readonly deps: RealtimeDependencies,
    options: Partial<RealtimeOptions> = {},
  ) {
    this.options = { ...defaultRealtimeOptions, ...options };
    this.#logger = deps.logger.child({ module: 'realtime' });
  }

  /** Starts listening for events and credential changes, and the heartbeat and access-check timers. */
  async start(): Promise<void> {
    this.#stops.push(this.deps.events.on('*', (event) => this.#enqueueEvent(event)));
    // Sign-outs, membership changes and token revocations announce the cache tags they make stale, after commit.
    this.#stops.push(await this.deps.database.listen(cacheChannel, (payload) => this.#onCredentialsChanged(payload)));
    // Typing and a chat visitor's page: passed on as they come, never stored.
    this.#stops.push(await this.deps.database.listen(signalsChannel, (payload) => this.#onSignal(payload)));
    const heartbeat = setInterval(() => this.#beat(), this.options.heartbeatMs);
    const accessCheck = setInterval(() => void this.#checkEveryAccess(), this.options.accessCheckMs);
    heartbeat.unref();
    accessCheck.unref();
    this.#stops.push(
      () => clearInterval(heartbeat),
      () => clearInterval(accessCheck),
    );
  }

  /** The number of open sockets in this process (all workspaces, or one). */
  connectionCount(workspaceId?: string): number {
    if (workspaceId !== undefined) return this.#byWorkspace.get(workspaceId)?.size ?? 0;
    let count = 0;
    for (const set of this.#byWorkspace.values()) count += set.size;
    return count;
  }

  /**
   * Takes an upgraded socket for an authenticated member: greets it with a
   * `hello` frame and from then on sends it its workspace's events. A socket
   * arriving while the hub closes is closed with 1001.
   */
  accept(socket: WebSocket, member: RealtimeMember): void {
    if (this.#isClosing) {
      socket.close(1001, 'server shutting down');
      return;
    }
    const connection = new Connection(socket, member);
    let set = this.#byWorkspace.get(member.workspaceId);
    if (!set) this.#byWorkspace.set(member.workspaceId, (set = new Set()));
    set.add(connection);
    socket.on('pong', () => (connection.isAlive = true));
    socket.on('message', (data, isBinary) => this.#onMessage(connection, data, isBinary));
    socket.on('close', () => this.#remove(connection));
    if (member.userId) void this.#recordPresence([connection]);
    connection.send({
      type: 'hello',
      connectionId: connection.id,
      workspaceId: member.workspaceId,
      heartbeatMs: this.options.heartbeatMs,
      maxFrameBytes: maxRealtimeFrameBytes,
    });
  }

  /**
   * Closes every socket with 1001 (going away) and stops listening; waits up
   * to `graceMs` for the closing handshakes, then terminates what is left.
   */
  async close(graceMs = 2_000): Promise<void> {
    if (this.#isClosing) return;
    this.#isClosing = true;
    for (const stop of this.#stops.splice(0)) await stop();
    await closeSockets(
      [...this.#byWorkspace.values()].flatMap((set) => [...set].map((c) => c.socket)),
      graceMs,
    );
    await this.#drained;
  }

  #remove(connection: Connection): void {
    const set = this.#byWorkspace.get(connection.member.workspaceId);
    set?.delete(connection);
    if (set?.size === 0) this.#byWorkspace.delete(connection.member.workspaceId);
    this.#pendingChecks.delete(connection);
  }

  #connections(): Connection[] {
    return [...this.#byWorkspace.values()].flatMap((set) => [...set]);
  }

  #onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    const read = readClientFrame(data, isBinary);
    if ('code' in read) {
      connection.send({ type: 'error', ...read });
      if (connection.countBadFrame(Date.now()) >= this.options.maxBadFrames) {
        this.#logger.info(
          { connectionId: connection.id, workspaceId: connection.member.workspaceId },
          'closed a socket sending bad frames',
        );
        connection.socket.close(1008, 'too many bad frames');
      }
      return;
    }
    // Any frame shows the client is there, as a pong does.
    connection.isAlive = true;
    if (read.type === 'ping') return connection.send({ type: 'pong' });
    connection.names = read.names ? [...new Set(read.names)] : null;
    connection.send({ type: 'subscribed', names: connection.names });
  }

  #beat(): void {
    void this.#recordPresence(this.#connections());
    for (const connection of this.#connections()) {
      if (!connection.isAlive) {
        // No pong since the last ping: the peer or the network is gone; 'close' follows and removes it.
        connection.socket.terminate();
        continue;
      }
      connection.isAlive = false;
      try {
        connection.socket.ping();
      } catch (error) {
        this.#logger.debug({ err: error, connectionId: connection.id }, 'could not ping a socket');
      }
    }
  }

  // Agents with the console open count as available for live chat (see agent_presence).
  async #recordPresence(connections: Connection[]): Promise<void> {
    const members = connections.flatMap((c) =>
      c.member.userId ? [{ workspaceId: c.member.workspaceId, userId: c.member.userId }] : [],
    );
    try {
      await recordAgentPresence(this.deps.db, members);
    } catch (error) {
      this.#logger.warn({ err: error }, 'could not record agent presence');
    }
  }

  #onSignal(payload: string): void {
    const notice = readSignalNotice(payload);
    const connections = notice ? this.#byWorkspace.get(notice.workspaceId) : undefined;
    if (!notice || !connections) return;
    const text = JSON.stringify({ type: 'signal', signal: notice.signal } satisfies RealtimeServerFrame);
    for (const connection of connections) connection.sendText(text);
  }

  #enqueueEvent(event: PublishedEvent): void {
    // Nobody here watches that workspace: no read at all.
    if (!this.#byWorkspace.has(event.workspaceId)) return;
    this.#pendingEvents.push(event);
    this.#schedule();
  }

  #onCredentialsChanged(payload: string): void {
    const tags = new Set(payload.split(' ').filter(Boolean));
    for (const connection of this.#connections()) {
      if (connection.member.accessTags.some((tag) => tags.has(tag))) this.#pendingChecks.add(connection);
    }
    if (this.#pendingChecks.size > 0) this.#schedule();
  }

  // One worker drains checks and events in arrival order: an event announced after a
  // credential change reaches the socket only once its access has been confirmed.
  #schedule(): void {
    if (this.#isDraining) return;
    this.#isDraining = true;
    this.#drained = this.#drain();
  }

  async #drain(): Promise<void> {
    try {
      for (;;) {
        if (this.#pendingChecks.size > 0) {
          const checks = [...this.#pendingChecks];
          this.#pendingChecks.clear();
          await Promise.all(checks.map((connection) => this.#checkAccess(connection, true)));
          continue;
        }
        if (this.#pendingEvents.length === 0) return;
        await this.#deliver(this.#pendingEvents.splice(0, eventsPerRead));
      }
    } finally {
      this.#isDraining = false;
    }
  }

  async #deliver(batch: PublishedEvent[]): Promise<void> {
    let rows;
    try {
      rows = await this.deps.db
        .selectFrom('events')
        .select(['id', 'workspace_id', 'name', 'subject_type', 'subject_id', 'data', 'created_at'])
        .where(sql<boolean>`(workspace_id, id) IN ${announcedEventKeys(batch)}`)
        .execute();
    } catch (error) {
      // The sockets would silently miss these events: close them so their clients reconnect and refetch.
      this.#logger.error({ err: error, events: batch.length }, 'could not read announced events');
      for (const workspaceId of new Set(batch.map((event) => event.workspaceId))) {
        for (const connection of this.#byWorkspace.get(workspaceId) ?? []) connection.socket.close(1011, 'events unavailable');
      }
      return;
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const announced of batch) {
      const row = byId.get(announced.id);
      // The workspace comes from the row, never from the notification alone.
      const connections = row ? this.#byWorkspace.get(row.workspace_id) : undefined;
      if (!row || !connections) continue;
      let text: string | undefined;
      for (const connection of connections) {
        if (!canReceiveEvent(connection.role, row.name) || !matchesSubscription(connection.names, row.name)) continue;
        if (connection.socket.bufferedAmount > this.options.maxBufferedBytes) {
          this.#logger.info({ connectionId: connection.id }, 'dropped a socket that stopped reading');
          connection.socket.terminate();
          continue;
        }
        text ??= JSON.stringify({
          type: 'event',
          event: {
            id: row.id,
            name: row.name,
            subjectType: row.subject_type,
            subjectId: row.subject_id,
            data: row.data,
            createdAt: row.created_at.toISOString(),
          },
        } satisfies RealtimeServerFrame);
        connection.sendText(text);
      }
    }
  }

  /**
   * `afterChange`: the credentials were just changed, and deliveries wait for this
   * answer. A lookup that fails or hangs then closes the socket (1011: its client
   * reconnects, and the handshake checks again) rather than stall every socket or
   * guess. On the periodic check a failed lookup keeps the socket: the next one decides.
   */
  async #checkAccess(connection: Connection, afterChange: boolean): Promise<void> {
    if (!connection.isOpen) return;
    let timer: NodeJS.Timeout | undefined;
    let role: Role | null;
    try {
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('the access check timed out')), checkTimeoutMs);
      });
      role = await Promise.race([connection.member.checkAccess(), timeout]);
    } catch (error) {
      this.#logger.warn({ err: error, connectionId: connection.id }, 'could not re-check a socket’s access');
      if (afterChange) {
        connection.socket.close(1011, 'access check failed');
        this.#remove(connection);
      }
      return;
    } finally {
      clearTimeout(timer);
    }
    if (role === null) {
      this.#logger.info(
        { connectionId: connection.id, workspaceId: connection.member.workspaceId },
        'closed a socket that lost access',
      );
      connection.socket.close(realtimeAccessLostCloseCode, 'access lost');
      this.#remove(connection);
      return;
    }
    connection.role = role;
  }

  // The safety net for what announces nothing (a session reaching its end); one socket at a
  // time, off the delivery path, as most answers come from the sign-in caches.
  async #checkEveryAccess(): Promise<void> {
    if (this.#isCheckingEveryAccess) return;
    this.#isCheckingEveryAccess = true;
    try {
      for (const connection of this.#connections()) await this.#checkAccess(connection, false);
    } finally {
      this.#isCheckingEveryAccess = false;
    }
  }
}
