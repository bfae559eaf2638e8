import type { User, Workspace } from '@rapport/db';
import type { Locale, User as UserDto, Workspace as WorkspaceDto } from '@rapport/contracts';

export function presentUser(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale as Locale,
    languages: user.languages,
    timeZone: user.time_zone,
    workingHours: user.working_hours,
    createdAt: user.created_at.toISOString(),
  };
}

export function presentWorkspace(workspace: Workspace): WorkspaceDto {
  return {
    id: workspace.id,
    name: workspace.name,
    defaultLocale: workspace.default_locale as Locale,
    timeZone: workspace.time_zone,
    country: workspace.country,
    createdAt: workspace.created_at.toISOString(),
  };
}
