import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Environment variables Rapport reads, parsed once at boot. `secret` values are
 * never logged; nothing here is sent to browsers.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** PGlite's data folder when DATABASE_URL is not set. */
  RAPPORT_DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://user:password@host:port/db (secret). Unset: embedded PGlite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** The address people use to reach Rapport; links in emails and setup use it. */
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  /** pretty: human-readable lines; json: one JSON object per line (default in production). */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Mark cookies Secure (default when PUBLIC_URL is https). */
  COOKIE_SECURE: booleanFlag.optional(),
  /** Largest request body accepted, in bytes. */
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24 * 14),
  /** How long a job may run before another worker may take it over. */
  JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  JOB_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Trust X-Forwarded-For from a reverse proxy in front of Rapport. */
  TRUST_PROXY: booleanFlag.default(false),
  /** Port of Rapport's own SMTP server for inbound mail; 0 turns it off. */
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  /** Address the SMTP server listens on. */
  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** Largest inbound email accepted (bytes, whole message with attachments). */
  SMTP_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(200 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  /** Most SMTP connections open at once; more are answered 421 (try again later). */
  SMTP_MAX_CLIENTS: z.coerce.number().int().min(1).max(10_000).default(100),
  /** Outgoing mail relay, smtp://user:password@host:587 or smtps://… (secret). Unset: replies wait, marked failed. */
  SMTP_RELAY_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** Live chat: new widget sessions one address may start per minute (a shared office address needs more). */
  WIDGET_SESSIONS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /** Live chat: widget sockets one address may open per minute. */
  WIDGET_CONNECTIONS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
  /** Live chat: messages one visitor may send per minute (more are refused with rate_limited). */
  WIDGET_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Live chat: messages all visitors behind one address may send per minute together. */
  WIDGET_MESSAGES_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** The domain of Message-IDs Rapport makes (default: PUBLIC_URL's host name). */
  MAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'a domain name')
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  database: { url: string | undefined; dataDir: string; poolSize: number };
  log: { level: (typeof logLevels)[number]; format: 'json' | 'pretty' };
  env: Env['NODE_ENV'];
  cookieSecure: boolean;
  bodyLimit: number;
  sessionTtlHours: number;
  jobs: { leaseSeconds: number; pollMs: number; concurrency: number };
  trustProxy: boolean;
  mail: {
    smtpPort: number;
    smtpHost: string;
    maxMessageBytes: number;
    maxClients: number;
    relayUrl: string | undefined;
    domain: string;
  };
  widget: {
    sessionsPerMinute: number;
    connectionsPerMinute: number;
    messagesPerMinute: number;
    messagesPerAddressPerMinute: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment, reporting every problem at once (ConfigError). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const displayHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST;
  const publicUrl = (e.PUBLIC_URL ?? `http://${displayHost}:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    database: { url: e.DATABASE_URL, dataDir: e.RAPPORT_DATA_DIR, poolSize: e.DATABASE_POOL_SIZE },
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT ?? (e.NODE_ENV === 'production' ? 'json' : 'pretty') },
    env: e.NODE_ENV,
    cookieSecure: e.COOKIE_SECURE ?? publicUrl.startsWith('https://'),
    bodyLimit: e.BODY_LIMIT,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    jobs: { leaseSeconds: e.JOB_LEASE_SECONDS, pollMs: e.JOB_POLL_MS, concurrency: e.JOB_CONCURRENCY },
    trustProxy: e.TRUST_PROXY,
    mail: {
      smtpPort: e.SMTP_PORT,
      smtpHost: e.SMTP_HOST,
      maxMessageBytes: e.SMTP_MAX_MESSAGE_BYTES,
      maxClients: e.SMTP_MAX_CLIENTS,
      relayUrl: e.SMTP_RELAY_URL,
      domain: e.MAIL_DOMAIN ?? new URL(publicUrl).hostname,
    },
    widget: {
      sessionsPerMinute: e.WIDGET_SESSIONS_PER_MINUTE,
      connectionsPerMinute: e.WIDGET_CONNECTIONS_PER_MINUTE,
      messagesPerMinute: e.WIDGET_MESSAGES_PER_MINUTE,
      messagesPerAddressPerMinute: e.WIDGET_MESSAGES_PER_ADDRESS_PER_MINUTE,
    },
  };
}
