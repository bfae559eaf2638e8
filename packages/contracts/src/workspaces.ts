import { z } from 'zod';
import { countryCode, email, grantableRole, id, locale, role, timeZone, timestamp, workingHours } from './common.js';

export const updateWorkspaceInput = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  defaultLocale: locale.optional(),
  timeZone: timeZone.optional(),
  country: countryCode.nullable().optional(),
});
export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceInput>;

export const member = z.object({
  userId: id,
  name: z.string(),
  email: z.string(),
  role,
  languages: z.array(z.string()),
  timeZone: z.string(),
  workingHours,
  joinedAt: timestamp,
});
export type Member = z.infer<typeof member>;

export const updateMemberInput = z.strictObject({ role: grantableRole });
export type UpdateMemberInput = z.infer<typeof updateMemberInput>;

export const invite = z.object({
  id,
  email: z.string(),
  role: grantableRole,
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  invitedBy: z.string().nullable(),
  /** The inviter's name, also when they have left the workspace since. */
  invitedByName: z.string().nullable(),
  expiresAt: timestamp,
  createdAt: timestamp,
});
export type Invite = z.infer<typeof invite>;

export const createInviteInput = z.strictObject({
  email,
  role: grantableRole.default('agent'),
  /** How long the link works, in hours (default 7 days, at most 30 days). */
  expiresInHours: z.number().int().min(1).max(720).default(168),
});
export type CreateInviteInput = z.infer<typeof createInviteInput>;

/** The link is returned only here, once: Rapport keeps just a hash of its token. */
export const createdInvite = z.object({ invite, url: z.string() });
export type CreatedInvite = z.infer<typeof createdInvite>;

export const invitePreview = z.object({
  workspaceName: z.string(),
  email: z.string(),
  role: grantableRole,
  expiresAt: timestamp,
  /** True when a person with this email already has a Rapport account. */
  hasAccount: z.boolean(),
});
export type InvitePreview = z.infer<typeof invitePreview>;

export const acceptInviteInput = z.strictObject({
  token: z.string().min(1).max(200),
  /** Required for a new account; ignored when the email already has one. */
  name: z.string().trim().min(1).max(120).optional(),
  /** A new account's password (10+ characters), or the existing account's. */
  password: z.string().min(1).max(256),
  /** A new account's interface language and time zone (default: the workspace's language, UTC). */
  locale: locale.optional(),
  timeZone: timeZone.optional(),
});
export type AcceptInviteInput = z.infer<typeof acceptInviteInput>;

export const apiToken = z.object({
  id,
  name: z.string(),
  prefix: z.string(),
  role: grantableRole,
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  expiresAt: timestamp.nullable(),
});
export type ApiToken = z.infer<typeof apiToken>;

export const createApiTokenInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  role: grantableRole.default('agent'),
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenInput>;

/** The secret is returned only here, once. */
export const createdApiToken = z.object({ apiToken, token: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiToken>;

export const auditEvent = z.object({
  id: z.string(),
  name: z.string(),
  actorType: z.enum(['user', 'api_token', 'system']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  subjectType: z.string(),
  subjectId: z.string(),
  data: z.record(z.string(), z.unknown()),
  createdAt: timestamp,
});
export type AuditEvent = z.infer<typeof auditEvent>;
