import type { AuditEvent } from '@rapport/contracts';

/**
 * Event names with a translated label in the catalogs (`audit.events.<noun>.<verb>`).
 * Names not listed here are shown as they are, so new server events stay readable.
 */
export const labelledAuditEvents: readonly string[] = [
  'setup.completed',
  'workspace.created',
  'workspace.updated',
  'user.created',
  'user.updated',
  'user.signed_in',
  'user.signed_out',
  'user.password_changed',
  'session.created',
  'session.deleted',
  'session.workspace_switched',
  'member.added',
  'member.role_changed',
  'member.updated',
  'member.removed',
  'invite.created',
  'invite.accepted',
  'invite.revoked',
  'api_token.created',
  'api_token.revoked',
  'maintenance.cleanup',
];

/** The catalog key for an event's label, or undefined to show the raw name. */
export function auditEventLabelKey(name: string): string | undefined {
  return labelledAuditEvents.includes(name) ? `audit.events.${name}` : undefined;
}

function stringField(record: unknown, field: string): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const value = (record as Record<string, unknown>)[field];
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * What the event was about in a person's words, when its data says so: an
 * email or a name, from the data itself or from its `after`/`before` summary.
 */
export function auditEventSubject(event: Pick<AuditEvent, 'data'>): string | undefined {
  for (const source of [event.data, event.data.after, event.data.before]) {
    const text = stringField(source, 'email') ?? stringField(source, 'name');
    if (text) return text;
  }
  return undefined;
}
