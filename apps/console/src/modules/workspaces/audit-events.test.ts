import { describe, expect, it } from 'vitest';
import { auditEventLabelKey, auditEventSubject, labelledAuditEvents } from './audit-events';
import en from '../../locales/en.json';

function lookup(catalog: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
}

describe('auditEventLabelKey', () => {
  it('maps known event names to catalog labels', () => {
    expect(auditEventLabelKey('invite.created')).toBe('audit.events.invite.created');
    for (const name of labelledAuditEvents) expect(typeof lookup(en, `audit.events.${name}`), name).toBe('string');
  });

  it('leaves unknown names to be shown raw', () => {
    expect(auditEventLabelKey('conversation.assigned')).toBeUndefined();
    expect(auditEventLabelKey('invite')).toBeUndefined();
  });
});

describe('auditEventSubject', () => {
  it('finds an email or a name in the event data', () => {
    expect(auditEventSubject({ data: { email: 'a@example.com' } })).toBe('a@example.com');
    expect(auditEventSubject({ data: { after: { name: 'Acme' }, before: { name: 'Old' } } })).toBe('Acme');
    expect(auditEventSubject({ data: { role: 'admin' } })).toBeUndefined();
  });
});
