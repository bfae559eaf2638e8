import type {
  BusinessCalendarResource,
  Channel,
  ChannelMailbox,
  CreateBusinessCalendarInput,
  CreateChannelInput,
  CreateSavedReplyInput,
  CreateTeamInput,
  PutChannelMailboxInput,
  SavedReply,
  SlaPolicy,
  Team,
  UpdateBusinessCalendarInput,
  UpdateChannelInput,
  UpdateSavedReplyInput,
  UpdateTeamInput,
} from '@rapport/contracts';
import { ApiError, api } from '../../platform/api-client';

const items = async <T>(path: string): Promise<T[]> => (await api.get<{ items: T[] }>(path)).items;

export const fetchChannels = () => items<Channel>('/channels');
export const createChannel = (input: CreateChannelInput) => api.post<Channel>('/channels', input);
export const updateChannel = (channelId: string, input: UpdateChannelInput) =>
  api.patch<Channel>(`/channels/${encodeURIComponent(channelId)}`, input);

const mailboxPath = (channelId: string) => `/channels/${encodeURIComponent(channelId)}/imap`;
/** The IMAP mailbox a channel polls, with the poller's state; null when it polls none. */
export async function fetchChannelMailbox(channelId: string): Promise<ChannelMailbox | null> {
  try {
    return await api.get<ChannelMailbox>(mailboxPath(channelId));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === 'not_found') return null;
    throw error;
  }
}
export const saveChannelMailbox = (channelId: string, input: PutChannelMailboxInput) =>
  api.put<ChannelMailbox>(mailboxPath(channelId), input);
export const deleteChannelMailbox = (channelId: string) => api.delete(mailboxPath(channelId));

export const fetchTeams = () => items<Team>('/teams');
export const createTeam = (input: CreateTeamInput) => api.post<Team>('/teams', input);
export const updateTeam = (teamId: string, input: UpdateTeamInput) =>
  api.patch<Team>(`/teams/${encodeURIComponent(teamId)}`, input);
export const deleteTeam = (teamId: string) => api.delete(`/teams/${encodeURIComponent(teamId)}`);

export const fetchSlaPolicies = () => items<SlaPolicy>('/sla-policies');
/** Replaces the targets of the priorities given; answers with all four. */
export const saveSlaPolicies = async (policies: SlaPolicy[]) =>
  (await api.put<{ items: SlaPolicy[] }>('/sla-policies', { policies })).items;

export const fetchBusinessCalendars = () => items<BusinessCalendarResource>('/business-calendars');
export const createBusinessCalendar = (input: CreateBusinessCalendarInput) =>
  api.post<BusinessCalendarResource>('/business-calendars', input);
export const updateBusinessCalendar = (calendarId: string, input: UpdateBusinessCalendarInput) =>
  api.patch<BusinessCalendarResource>(`/business-calendars/${encodeURIComponent(calendarId)}`, input);

export const fetchSavedReplies = () => items<SavedReply>('/saved-replies');
export const createSavedReply = (input: CreateSavedReplyInput) => api.post<SavedReply>('/saved-replies', input);
export const updateSavedReply = (replyId: string, input: UpdateSavedReplyInput) =>
  api.patch<SavedReply>(`/saved-replies/${encodeURIComponent(replyId)}`, input);
export const deleteSavedReply = (replyId: string) => api.delete(`/saved-replies/${encodeURIComponent(replyId)}`);
