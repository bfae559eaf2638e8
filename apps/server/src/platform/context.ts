import type { Kysely, Transaction } from 'kysely';
import type { DB, Role } from '@rapport/db';

/** Who did something: a signed-in person, an integrator's API token, or Rapport itself. */
export interface Actor {
  type: 'user' | 'api_token' | 'system';
  id: string | null;
}

/** What every use case in a workspace receives: whose data, who asks, in what role. */
export interface WorkspaceContext {
  workspaceId: string;
  actor: Actor;
  role: Role;
  requestId?: string | undefined;
}

/** Anything queries can run on: the database or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

export const systemActor: Actor = { type: 'system', id: null };
