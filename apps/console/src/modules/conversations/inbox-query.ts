import type { ConversationStatus } from '@rapport/contracts';

/** The inbox's own views; a team's view is `all` narrowed to the team. */
export const inboxViews = ['mine', 'unassigned', 'all'] as const;
export type InboxView = (typeof inboxViews)[number];

/** The statuses the inbox filters by, open first (the default). */
export const inboxStatuses: readonly ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved', 'closed'];

/** What the inbox shows, as kept in the page address. */
export interface InboxQuery {
  view: InboxView;
  /** A team's conversations (the view is then `all`); '' for none. */
  teamId: string;
  status: ConversationStatus;
  channelId: string;
  language: string;
}

/** One page of the inbox. */
export const inboxPageSize = 50;

const defaults: InboxQuery = { view: 'all', teamId: '', status: 'open', channelId: '', language: '' };

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((item) => item === value);
}

/** Reads the query from the address (`?view=mine&status=pending`), unknown values falling back to the defaults. */
export function inboxQueryFromParams(params: URLSearchParams): InboxQuery {
  const teamId = params.get('team') ?? '';
  return {
    view: teamId ? 'all' : (oneOf(params.get('view'), inboxViews) ?? defaults.view),
    teamId,
    status: oneOf(params.get('status'), inboxStatuses) ?? defaults.status,
    channelId: params.get('channel') ?? '',
    language: params.get('language') ?? '',
  };
}

/** The address query for the inbox, defaults left out, so the plain inbox stays `/conversations`. */
export function inboxQueryToParams(query: InboxQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.teamId) params.set('team', query.teamId);
  else if (query.view !== defaults.view) params.set('view', query.view);
  if (query.status !== defaults.status) params.set('status', query.status);
  if (query.channelId) params.set('channel', query.channelId);
  if (query.language) params.set('language', query.language);
  return params;
}

/** The API path of the inbox's first page: `/conversations?view=…&status=…&limit=50`. */
export function inboxListPath(query: InboxQuery, limit: number = inboxPageSize): string {
  const params = new URLSearchParams({ view: query.view, status: query.status });
  if (query.teamId) params.set('teamId', query.teamId);
  if (query.channelId) params.set('channelId', query.channelId);
  if (query.language) params.set('language', query.language);
  params.set('limit', String(limit));
  return `/conversations?${params.toString()}`;
}

/** Whether a filter beyond the view narrows the list (status other than open, a channel or a language). */
export function isNarrowed(query: InboxQuery): boolean {
  return query.status !== defaults.status || query.channelId !== '' || query.language !== '';
}
