/**
 * Browser-test harness: runs the real `rapport start` on a free port with a
 * fresh data directory, and drives Debian's Chromium through playwright-core
 * (never a downloaded browser).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AxeResults, Result } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import en from '../apps/console/src/locales/en.json';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const setupLinkPattern = /https?:\/\/\S+\/setup#token=\S+/;
const startTimeoutMs = 45_000;
const stopTimeoutMs = 15_000;

/** Every server this process started, so none outlives the test run. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A TCP port the OS reports free on 127.0.0.1. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RapportServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** The first-run link printed by the server; undefined after setup (restarts). */
  readonly setupUrl: string | undefined;
  readonly dataDir: string;
  readonly port: number;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
  /** Stops and starts again on the same port and data directory. */
  restart(): Promise<void>;
}

export interface StartOptions {
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

async function isSetupRequired(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/api/v1/setup`, { signal: AbortSignal.timeout(2_000) });
    const body = (await response.json()) as { required?: unknown };
    return body.required === true;
  } catch {
    return false;
  }
}

interface Launched {
  child: ChildProcess;
  setupUrl: string | undefined;
}

async function launch(
  url: string,
  port: number,
  dataDir: string,
  log: string[],
  extraEnv: Record<string, string>,
): Promise<Launched> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    RAPPORT_DATA_DIR: dataDir,
    PUBLIC_URL: url,
    LOG_LEVEL: 'warn',
    // Several servers run at once: no inbound SMTP unless a test asks for a port.
    SMTP_PORT: '0',
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  if (process.env.E2E_DATABASE_URL) env.DATABASE_URL = process.env.E2E_DATABASE_URL;

  // E2E_RAPPORT_BIN runs another build of the same command (e.g. an installed release).
  const bin = process.env.E2E_RAPPORT_BIN ?? join(repoRoot, 'apps/server/bin/rapport.js');
  const child = spawn(process.execPath, [bin, 'start'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));

  let setupUrl: string | undefined;
  let exited: string | undefined;
  let printed = ''; // this process's output only, not an earlier start's
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    log.push(text);
    printed += text;
    const match = setupLinkPattern.exec(printed);
    if (match && !setupUrl) setupUrl = match[0].replace(/["',)\]}]+$/, '');
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? code}`;
  });

  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`rapport start ${exited} before it was ready:\n${log.join('')}`);
    if (setupUrl) return { child, setupUrl };
    if (await isHealthy(url)) {
      // A first start answers /healthz and prints the setup link; wait for the link if setup is pending.
      if (!(await isSetupRequired(url))) return { child, setupUrl: undefined };
    }
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error(`rapport start was not ready within ${startTimeoutMs} ms:\n${log.join('')}`);
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts `node apps/server/bin/rapport.js start` and resolves once it printed
 * its setup link (first start) or answers /healthz (later starts).
 */
export async function startRapport(options: StartOptions = {}): Promise<RapportServer> {
  const port = options.port ?? (await findFreePort());
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'rapport-e2e-')));
  const url = `http://127.0.0.1:${port}`;
  const log: string[] = [];
  let current = await launch(url, port, dataDir, log, options.env ?? {});
  return {
    url,
    port,
    dataDir,
    get setupUrl() {
      return current.setupUrl;
    },
    output: () => log.join(''),
    stop: () => terminate(current.child),
    async restart() {
      await terminate(current.child);
      log.push('\n--- restart ---\n');
      current = await launch(url, port, dataDir, log, options.env ?? {});
    },
  };
}

/** Rapport with mail: its SMTP server on a free port, and outgoing mail relayed to a local sink. */
export interface RapportWithMail {
  server: RapportServer;
  /** Where to send mail to Rapport. */
  smtpPort: number;
  /** Stops the relay sink (the server is stopped on its own). */
  closeSink: () => Promise<void>;
}

/**
 * Starts Rapport with its SMTP server on a free port and SMTP_RELAY_URL
 * pointing at a local SMTP server that pushes every message it receives, as
 * raw text, to `relayed`: real SMTP both ways over 127.0.0.1.
 */
export async function startRapportWithMail(relayed: string[], options: StartOptions = {}): Promise<RapportWithMail> {
  const sinkPort = await findFreePort();
  const smtpPort = await findFreePort();
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        relayed.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(sinkPort, '127.0.0.1', resolve));
  const server = await startRapport({
    ...options,
    env: {
      SMTP_PORT: String(smtpPort),
      SMTP_RELAY_URL: `smtp://127.0.0.1:${sinkPort}`,
      MAIL_DOMAIN: 'rapport-e2e.test',
      ...options.env,
    },
  });
  return { server, smtpPort, closeSink: () => new Promise<void>((resolve) => sink.close(() => resolve())) };
}

/** Removes a data directory made by startRapport (after the server stopped). */
export async function removeDataDir(dataDir: string): Promise<void> {
  await rm(dataDir, { recursive: true, force: true });
}

/** Debian's Chromium, headless, with nothing that phones home. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The workspace owner the customer tests set up and sign in as. */
export const testOwner = { name: 'Dóra Kovács', email: 'dora@example.com', password: 'correct horse battery' } as const;

/** A fresh server and one browser page (American English, Budapest time) for the owner. */
export interface OwnerSession {
  readonly server: RapportServer;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /**
   * Completes first-run setup through the API (workspace "Acme Global Support"
   * in Hungary, owner `testOwner` speaking English), then signs in through the
   * sign-in page; resolves once the inbox is shown.
   */
  setUpAndSignIn(): Promise<void>;
  /** Closes the browser, stops the server and removes its data (kept when E2E_KEEP_DATA is set). */
  close(): Promise<void>;
}

async function completeSetupThroughApi(server: RapportServer): Promise<void> {
  if (!server.setupUrl) throw new Error(`the server printed no setup link:\n${server.output()}`);
  const token = new URLSearchParams(new URL(server.setupUrl).hash.slice(1)).get('token');
  const response = await fetch(`${server.url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      token,
      workspaceName: 'Acme Global Support',
      name: testOwner.name,
      email: testOwner.email,
      password: testOwner.password,
      locale: 'en',
      timeZone: 'Europe/Budapest',
      country: 'HU',
    }),
  });
  if (response.status >= 300) throw new Error(`setup answered ${response.status}: ${await response.text()}`);
}

/**
 * Completes the first-run setup through the API (workspace "Acme Global
 * Support", owner `testOwner`) and submits the sign-in form in `page`; the
 * caller waits for the page it expects next.
 */
export async function signInAsNewOwner(server: RapportServer, page: Page): Promise<void> {
  await completeSetupThroughApi(server);
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel(en.signIn.email).fill(testOwner.email);
  await page.getByLabel(en.signIn.password, { exact: true }).fill(testOwner.password);
  await page.getByRole('button', { name: en.signIn.submit }).click();
}

/**
 * Starts a server on a fresh data directory and a browser with one page, for
 * tests that run as the workspace owner (call `setUpAndSignIn` in the first step).
 */
export async function startOwnerSession(): Promise<OwnerSession> {
  const server = await startRapport();
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext({
      locale: 'en-US',
      timezoneId: 'Europe/Budapest',
      viewport: { width: 1280, height: 860 },
    });
    const page = await context.newPage();
    const openBrowser = browser;
    return {
      server,
      browser,
      context,
      page,
      async setUpAndSignIn() {
        await signInAsNewOwner(server, page);
        await page.waitForURL('**/inbox');
      },
      async close() {
        await context.close().catch(() => undefined);
        await stopAll(openBrowser, server);
      },
    };
  } catch (error) {
    await stopAll(browser, server);
    throw error;
  }
}

async function stopAll(browser: Browser | undefined, server: RapportServer): Promise<void> {
  await browser?.close();
  await server.stop();
  if (!process.env.E2E_KEEP_DATA) await removeDataDir(server.dataDir);
}

/** A violation as reported to the test: enough to find and fix it. */
export interface A11yViolation {
  id: string;
  impact: Result['impact'];
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (from node_modules, no network) on the page and returns the
 * serious and critical violations.
 */
export async function checkA11y(page: Page): Promise<A11yViolation[]> {
  const axePath = require.resolve('axe-core/axe.min.js');
  try {
    await page.addScriptTag({ path: axePath });
  } catch {
    // The server's Content-Security-Policy forbids inline scripts, rightly; evaluating through
    // the DevTools protocol is not subject to it and leaves the page's policy untouched.
    await page.evaluate(await readFile(axePath, 'utf8'));
  }
  const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** Saves a full-page screenshot when E2E_SCREENSHOTS names a directory. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** A request to Rapport's API with the page's session (its cookie and the CSRF token); throws on an error answer. */
export async function apiAs<T>(
  page: Page,
  server: RapportServer,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  data?: unknown,
): Promise<T> {
  const me = (await (await page.request.get(`${server.url}/api/v1/me`)).json()) as { csrfToken: string };
  const response = await page.request.fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { 'X-CSRF-Token': me.csrfToken },
    ...(data === undefined ? {} : { data }),
  });
  if (!response.ok()) throw new Error(`${method} ${path} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * A TCP proxy on 127.0.0.1 in front of a port: `cut()` drops every open
 * connection and refuses new ones (the network is gone), `restore()` lets
 * them through again. Real sockets, so the browser sees a real outage.
 */
export interface TcpProxy {
  url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let isCut = false;
  const server = createNetServer((client) => {
    if (isCut) return client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
  const cut = () => {
    isCut = true;
    for (const socket of open) socket.destroy();
    open.clear();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    cut,
    restore() {
      isCut = false;
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Serves one HTML page on 127.0.0.1 (a customer's website), at every path. */
export async function serveHtmlPage(html: () => string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createHttpServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html());
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
