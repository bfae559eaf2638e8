import type { Role } from '@rapport/db';

/** Roles that may change workspace settings and manage people, invites and tokens. */
export const managerRoles = ['owner', 'admin'] as const satisfies readonly Role[];

/** Whether someone in `actor` role may change or remove a member in `target` role. */
export function canManage(actor: Role, target: Role): boolean {
  if (actor === 'owner') return target !== 'owner';
  if (actor === 'admin') return target === 'agent' || target === 'admin';
  return false;
}
