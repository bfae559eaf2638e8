import { chatChannelSettings, type ChatChannelSettings } from '@rapport/contracts';
import { ApiError } from '../../platform/api-client';
import { emptyVariants, fromVariantInputs, toVariantInputs, type VariantInput } from './variants';

export type ChatPosition = ChatChannelSettings['position'];
export type PreChatForm = ChatChannelSettings['preChatForm'];

/** The server's defaults for a new chat channel. */
export const defaultChatSettings: ChatChannelSettings = chatChannelSettings.parse({});

/** The server's limits on allowed origins. */
export const maxOrigins = 20;
const maxOriginLength = 200;

/** What the chat settings form holds (texts as typed). */
export interface ChatSettingsValues {
  colour: string;
  position: ChatPosition;
  greetings: VariantInput[];
  offlineMessages: VariantInput[];
  preChatForm: PreChatForm;
  /** One origin per line. */
  allowedOrigins: string;
}

/** Which settings are wrong, as the form marks them: whole fields, and for origins the lines (0-based). */
export interface ChatSettingsProblems {
  fields: string[];
  originLines: number[];
}

export const noProblems: ChatSettingsProblems = { fields: [], originLines: [] };

const colourPattern = /^#[0-9a-fA-F]{6}$/;

/** Whether a text is a colour the server takes ("#1f6feb"). */
export function isHexColour(text: string): boolean {
  return colourPattern.test(text.trim());
}

/** The form for a channel's stored settings; anything missing or unreadable takes the defaults. */
export function chatSettingsValues(settings: unknown): ChatSettingsValues {
  const parsed = chatChannelSettings.safeParse(settings ?? {});
  const stored = parsed.success ? parsed.data : defaultChatSettings;
  return {
    colour: stored.colour,
    position: stored.position,
    greetings: toVariantInputs(stored.greetings),
    offlineMessages: toVariantInputs(stored.offlineMessages),
    preChatForm: stored.preChatForm,
    allowedOrigins: stored.allowedOrigins.join('\n'),
  };
}

/**
 * The origins typed one per line: each reduced to its origin ("https://shop.example.com/cart" →
 * "https://shop.example.com"), repeats dropped, empty lines skipped; `invalidLines` are the lines (0-based) that
 * are no http(s) address.
 */
export function parseOrigins(text: string): { origins: string[]; invalidLines: number[] } {
  const origins: string[] = [];
  const invalidLines: number[] = [];
  text.split('\n').forEach((raw, line) => {
    const value = raw.trim();
    if (!value) return;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      invalidLines.push(line);
      return;
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname || url.origin.length > maxOriginLength) {
      invalidLines.push(line);
      return;
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  });
  return { origins, invalidLines };
}

export interface ChatSettingsResult {
  /** Null when something is wrong. */
  settings: ChatChannelSettings | null;
  problems: ChatSettingsProblems;
  /** Rows of the greetings and offline messages without a text. */
  emptyGreetings: number[];
  emptyOffline: number[];
}

/**
 * The settings as the server takes them, or what the browser can tell is wrong: the colour, empty texts of
 * greetings or offline messages (by row), and origin lines that are no web address (or too many of them).
 */
export function chatSettingsInput(values: ChatSettingsValues): ChatSettingsResult {
  const emptyGreetings = emptyVariants(values.greetings);
  const emptyOffline = emptyVariants(values.offlineMessages);
  const { origins, invalidLines } = parseOrigins(values.allowedOrigins);
  const fields = [
    ...(isHexColour(values.colour) ? [] : ['colour']),
    ...(emptyGreetings.length > 0 ? ['greetings'] : []),
    ...(emptyOffline.length > 0 ? ['offlineMessages'] : []),
    ...(invalidLines.length > 0 || origins.length > maxOrigins ? ['allowedOrigins'] : []),
  ];
  const problems = { fields, originLines: invalidLines };
  if (fields.length > 0) return { settings: null, problems, emptyGreetings, emptyOffline };
  return {
    settings: {
      colour: values.colour.trim().toLowerCase(),
      position: values.position,
      greetings: fromVariantInputs(values.greetings),
      offlineMessages: fromVariantInputs(values.offlineMessages),
      preChatForm: values.preChatForm,
      allowedOrigins: origins,
    },
    problems,
    emptyGreetings,
    emptyOffline,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The chat settings the server refused (`validation_failed` issues at `settings.<field>[.<index>]`), for the
 * fields to show them. Origin indexes are positions in the list sent, not lines typed: the caller maps them.
 */
export function refusedChatSettings(error: unknown): { fields: string[]; originIndexes: number[] } {
  const fields: string[] = [];
  const originIndexes: number[] = [];
  if (!(error instanceof ApiError) || error.code !== 'validation_failed' || !isRecord(error.details)) {
    return { fields, originIndexes };
  }
  const issues = Array.isArray(error.details.issues) ? (error.details.issues as unknown[]) : [];
  for (const issue of issues) {
    if (!isRecord(issue) || !Array.isArray(issue.path)) continue;
    const path = issue.path as unknown[];
    if (path[0] !== 'settings') continue;
    const field = path[1];
    if (typeof field !== 'string') continue;
    if (!fields.includes(field)) fields.push(field);
    const index = Number(path[2]);
    if (field === 'allowedOrigins' && Number.isInteger(index)) originIndexes.push(index);
  }
  return { fields, originIndexes };
}

/** The lines (0-based) of the typed text that became the origins at these positions of the list sent. */
export function originLinesOf(text: string, originIndexes: readonly number[]): number[] {
  const lines: number[] = [];
  const seen: string[] = [];
  text.split('\n').forEach((raw, line) => {
    const { origins } = parseOrigins(raw);
    const origin = origins[0];
    if (!origin || seen.includes(origin)) return;
    if (originIndexes.includes(seen.length)) lines.push(line);
    seen.push(origin);
  });
  return lines;
}
