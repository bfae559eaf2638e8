import { afterAll } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '@rapport/db';
import { loadConfig, type Config } from '../src/platform/config.js';
import { createLogger } from '../src/platform/logger.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { sharedTestDatabase } from './database.js';

export const testPublicUrl = 'http://rapport.test';

/** Configuration for in-process tests: quiet logs, no files served. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOG_FORMAT: 'json',
    PUBLIC_URL: testPublicUrl,
    NODE_ENV: 'test',
    ...env,
  });
}

/** Runs the API role in-process on a database; requests go through app.inject (no port). */
export async function startTestApp(database: Database, env: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(env);
  const runtime = await createRuntime(config, createLogger(config), { role: 'api', database, consoleDir: null });
  return new TestApp(runtime);
}

let shared: Promise<TestApp> | undefined;

/** The app on this test file's shared database, closed after the file. */
export function sharedTestApp(): Promise<TestApp> {
  if (!shared) {
    shared = sharedTestDatabase().then(({ database }) => startTestApp(database));
    afterAll(async () => {
      const app = await shared;
      await app?.runtime.app?.close();
      await (await sharedTestDatabase()).drop();
    });
  }
  return shared;
}

export interface RequestOptions {
  body?: unknown;
  /** Raw payload instead of JSON (for malformed-input tests). */
  payload?: string;
  headers?: Record<string, string>;
  as?: Client;
}

/** Who a request is made as: a session cookie (+ CSRF token) or an API token. */
export interface Client {
  cookie?: string;
  csrfToken?: string;
  bearer?: string;
}

export class TestApp {
  readonly app: FastifyInstance;

  constructor(readonly runtime: Runtime) {
    if (!runtime.app) throw new Error('the test runtime has no HTTP app');
    this.app = runtime.app;
  }

  get db() {
    return this.runtime.services.db;
  }

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
    url: string,
    options: RequestOptions = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    const as = options.as;
    if (as?.cookie) headers.cookie = as.cookie;
    if (as?.csrfToken && method !== 'GET') headers['x-csrf-token'] = as.csrfToken;
    if (as?.bearer) headers.authorization = `Bearer ${as.bearer}`;
    let payload: string | undefined = options.payload;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    return this.app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
  }
}

/** The session cookie a response set, as a Cookie header value. */
export function sessionCookieFrom(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'rapport_session');
  if (!cookie) throw new Error(`no session cookie in response ${response.statusCode}: ${response.body}`);
  return `${cookie.name}=${cookie.value}`;
}
