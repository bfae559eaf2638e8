import type { Call, CallNotesConflict, CreateCallInput, UpdateCallInput } from '@rapport/contracts';
import { api, ApiError } from '../../platform/api-client';

export const logCall = (input: CreateCallInput) => api.post<Call>('/calls', input);
export const fetchCall = (callId: string) => api.get<Call>(`/calls/${encodeURIComponent(callId)}`);
export const updateCall = (callId: string, input: UpdateCallInput) =>
  api.patch<Call>(`/calls/${encodeURIComponent(callId)}`, input);
export const fetchConversationCalls = (conversationId: string) =>
  api.get<{ items: Call[]; nextCursor: string | null }>(`/conversations/${encodeURIComponent(conversationId)}/calls?limit=50`);

/** The notes saved meanwhile, when a save was refused as `call_notes_conflict`; undefined for any other error. */
export function notesConflictOf(error: unknown): CallNotesConflict | undefined {
  if (!(error instanceof ApiError) || error.code !== 'call_notes_conflict') return undefined;
  const details = error.details as Partial<CallNotesConflict> | undefined;
  if (typeof details?.notes !== 'string' || typeof details.notesVersion !== 'number') return undefined;
  return { notes: details.notes, notesVersion: details.notesVersion, notesSavedAt: details.notesSavedAt ?? null };
}

/**
 * Saves notes as the page goes away (tab closed, app switched): a `keepalive`
 * request outlives the page. Its answer is never read; the local draft stays
 * until a later load sees the text saved.
 */
export function saveNotesOnLeaving(callId: string, notes: string, notesVersion: number, csrfToken: string | null): void {
  try {
    void fetch(`/api/v1/calls/${encodeURIComponent(callId)}`, {
      method: 'PATCH',
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}) },
      body: JSON.stringify({ notes, notesVersion }),
    }).catch(() => undefined);
  } catch {
    // Too big for keepalive (64 KB): the local draft keeps it.
  }
}
