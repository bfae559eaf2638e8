import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ChannelRow, DB, Role } from '@rapport/db';
import { newId } from '../src/platform/ids.js';
import { hashPassword } from '../src/platform/passwords.js';
import { insertUser } from '../src/modules/auth/auth.repo.js';
import { insertMembership, insertWorkspace } from '../src/modules/workspaces/workspaces.repo.js';
import { createSession } from '../src/modules/auth/sessions.js';
import type { Client } from './harness.js';
import type { FileStore } from '../src/platform/file-store.js';
import { receiveMessage } from '../src/modules/conversations/receive-message.js';

/** The password every factory-made person has. */
export const testPassword = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

function unique(): string {
  return randomBytes(5).toString('hex');
}

export interface TestMember {
  userId: string;
  email: string;
  role: Role;
  /** Signed in: the session cookie and CSRF token. */
  client: Client;
}

export interface TestWorkspace {
  workspaceId: string;
  owner: TestMember;
}

/** Makes a person with a signed-in session; in a workspace with the role, if given. */
export async function createPerson(
  db: Kysely<DB>,
  options: { workspaceId?: string; role?: Role; email?: string; name?: string } = {},
): Promise<TestMember> {
  passwordHash ??= hashPassword(testPassword);
  const userId = newId();
  const email = options.email ?? `person-${unique()}@example.test`;
  await insertUser(db, {
    id: userId,
    email,
    name: options.name ?? 'Kovács Péter',
    password_hash: await passwordHash,
    locale: 'en',
    time_zone: 'Europe/Budapest',
  });
  if (options.workspaceId) await insertMembership(db, options.workspaceId, userId, options.role ?? 'agent');
  const session = await createSession(db, { userId, workspaceId: options.workspaceId ?? null, ttlHours: 1 });
  return {
    userId,
    email,
    role: options.role ?? 'agent',
    client: { cookie: `rapport_session=${session.token}`, csrfToken: session.csrfToken },
  };
}

/** A new workspace with its owner signed in. Every test makes its own. */
export async function createWorkspace(db: Kysely<DB>, options: { name?: string } = {}): Promise<TestWorkspace> {
  const workspaceId = newId();
  await insertWorkspace(db, {
    id: workspaceId,
    name: options.name ?? `Workspace ${unique()}`,
    default_locale: 'en',
    time_zone: 'Europe/Budapest',
    country: 'HU',
  });
  const owner = await createPerson(db, { workspaceId, role: 'owner' });
  return { workspaceId, owner };
}

/** A visitor's first chat line on a chat channel, filed as the widget files it: a new conversation (and customer). */
export async function receiveChatLine(db: Kysely<DB>, files: FileStore, channel: ChannelRow, text = 'Salom!') {
  const unique = `${Date.now()}-${randomBytes(4).toString('hex')}`;
  return receiveMessage(db, files, {
    channel,
    from: { value: `visitor-${unique}`, name: 'Dilnoza' },
    externalId: `chat-${unique}`,
    inReplyTo: [],
    replyToken: null,
    subject: 'Chat',
    text,
    html: null,
    hasRemoteImages: false,
    language: 'uz',
    envelope: {},
    automated: false,
    attachments: [],
  });
}
