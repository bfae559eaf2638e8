import { z } from 'zod';
import { email, id, locale, password, role, timeZone, timestamp, workingHours, countryCode, languageTag } from './common.js';

export const setupStatus = z.object({ required: z.boolean() });
export type SetupStatus = z.infer<typeof setupStatus>;

export const completeSetupInput = z.strictObject({
  token: z.string().min(1).max(200),
  workspaceName: z.string().trim().min(1).max(120),
  name: z.string().trim().min(1).max(120),
  email,
  password,
  locale: locale.default('en'),
  timeZone: timeZone.default('UTC'),
  country: countryCode.optional(),
});
export type CompleteSetupInput = z.infer<typeof completeSetupInput>;

export const signInInput = z.strictObject({
  email,
  password: z.string().min(1).max(256),
});
export type SignInInput = z.infer<typeof signInInput>;

export const user = z.object({
  id,
  email: z.string(),
  name: z.string(),
  locale,
  languages: z.array(z.string()),
  timeZone: z.string(),
  workingHours,
  createdAt: timestamp,
});
export type User = z.infer<typeof user>;

export const workspace = z.object({
  id,
  name: z.string(),
  defaultLocale: locale,
  timeZone: z.string(),
  country: z.string().nullable(),
  createdAt: timestamp,
});
export type Workspace = z.infer<typeof workspace>;

export const me = z.object({
  user,
  workspace,
  role,
  workspaces: z.array(z.object({ id, name: z.string(), role })),
  /** How this request was authenticated. */
  authMethod: z.enum(['session', 'api_token']),
  /** Send back as the X-CSRF-Token header on cookie-authenticated writes. */
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof me>;

export const updateProfileInput = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  locale: locale.optional(),
  languages: z.array(languageTag).max(30).optional(),
  timeZone: timeZone.optional(),
  workingHours: workingHours.optional(),
});
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;

export const changePasswordInput = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: password,
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

export const switchWorkspaceInput = z.strictObject({ workspaceId: id });
