import type { RawData, WebSocket } from 'ws';
import type { z } from 'zod';
import type { Role } from '@rapport/db';
import {
  maxRealtimeFrameBytes,
  realtimeClientFrame,
  type RealtimeClientFrame,
  type RealtimeErrorCode,
  type RealtimeServerFrame,
} from '@rapport/contracts';
import { newId } from '../ids.js';

/** Who is on the other end of a socket, and how to ask again whether they still may be. */
export interface RealtimeMember {
  workspaceId: string;
  /** The signed-in person (null for an API token): marked present while the socket lives. */
  userId: string | null;
  role: Role;
  /** Cache tags whose invalidation means access may have changed: `session:<id>`, `user:<id>`, `token:<id>`. */
  accessTags: readonly string[];
  /** The member's current role in the workspace, or null when the credentials no longer give access to it. */
  checkAccess(): Promise<Role | null>;
}

const badFrameWindowMs = 60_000;

/** Bad frames of one socket within the last minute: enough of them close it. */
export class BadFrameCounter {
  readonly #times: number[] = [];

  /** Counts one at `now`; returns how many came within the last minute. */
  count(now: number): number {
    this.#times.push(now);
    while ((this.#times[0] ?? now) <= now - badFrameWindowMs) this.#times.shift();
    return this.#times.length;
  }
}

function byteLengthOf(data: RawData): number {
  return Array.isArray(data) ? data.reduce((sum, part) => sum + part.byteLength, 0) : data.byteLength;
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** Reads one client message of the console's socket as a frame (see readFrame). */
export function readClientFrame(
  data: RawData,
  isBinary: boolean,
): RealtimeClientFrame | { code: RealtimeErrorCode; message: string } {
  return readFrame(data, isBinary, realtimeClientFrame, maxRealtimeFrameBytes);
}

/**
 * Reads one WebSocket message as a frame of `schema`: the validated frame, or
 * the error frame's code and message (`frame_too_large` over `maxBytes`;
 * `invalid_frame` for binary, non-JSON, an unknown type or fields that do not match).
 */
export function readFrame<T>(
  data: RawData,
  isBinary: boolean,
  schema: z.ZodType<T>,
  maxBytes: number,
): T | { code: 'frame_too_large' | 'invalid_frame'; message: string } {
  if (byteLengthOf(data) > maxBytes) {
    return { code: 'frame_too_large', message: `Frames are at most ${maxBytes} bytes.` };
  }
  if (isBinary) return { code: 'invalid_frame', message: 'Frames are JSON text, not binary.' };
  let json: unknown;
  try {
    json = JSON.parse(textOf(data));
  } catch {
    return { code: 'invalid_frame', message: 'The frame is not JSON.' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
  return { code: 'invalid_frame', message: `${issue?.message ?? 'Not a frame this server knows'}${where}.` };
}

/** One socket in the hub: who is on it, what it subscribed to, and whether it still answers. */
export class RealtimeConnection {
  readonly id = newId();
  /** Subscribed event name prefixes; null: every event. */
  names: string[] | null = null;
  /** Whether a pong (or any frame) came since the last heartbeat ping. */
  isAlive = true;
  /** The member's role as last checked: it decides which events the socket may receive. */
  role: Role;
  readonly #badFrames = new BadFrameCounter();

  constructor(
    readonly socket: WebSocket,
    readonly member: RealtimeMember,
  ) {
    this.role = member.role;
  }

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(frame: RealtimeServerFrame): void {
    this.sendText(JSON.stringify(frame));
  }

  /** Sends an already serialized frame (one serialization for every socket an event goes to). */
  sendText(text: string): void {
    if (this.isOpen) this.socket.send(text);
  }

  /** Counts a bad frame; returns how many came within the last minute. */
  countBadFrame(now: number): number {
    return this.#badFrames.count(now);
  }
}

/**
 * Closes sockets with 1001 (going away), waits up to `graceMs` for their
 * closing handshakes, then terminates those still open.
 */
export async function closeSockets(sockets: WebSocket[], graceMs: number): Promise<void> {
  const closed = sockets.map(
    (socket) =>
      new Promise<void>((resolve) => {
        if (socket.readyState === socket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close(1001, 'server shutting down');
      }),
  );
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
  await Promise.race([Promise.all(closed), grace]);
  clearTimeout(timer);
  for (const socket of sockets) if (socket.readyState !== socket.CLOSED) socket.terminate();
}
