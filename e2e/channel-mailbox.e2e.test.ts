/**
 * An email channel's IMAP mailbox in the channels settings, against the real server and its own poller: the
 * owner points the channel at 127.0.0.1 on a port where nothing listens. The first save without a password is
 * refused on the password field; saved with one, the state the poller reports turns "failing" with the
 * translated "cannot reach the mail server" sentence, in the panel and in the channels table. The password never
 * appears in an API response or in the page. Then the mailbox is removed. The steps share one server, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import en from '../apps/console/src/locales/en.json';
import {
  checkA11y,
  findFreePort,
  launchBrowser,
  removeDataDir,
  screenshot,
  startRapport,
  type RapportServer,
  signInAsNewOwner,
} from './harness';

const supportAddress = 'help@acme-imap.test';
const mailboxPassword = 'Imap-Secret-7f3kQ!';
const mailboxUser = 'support@acme-imap.test';
const labels = en.helpdesk.mailbox;

let server: RapportServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** A port on 127.0.0.1 where nothing listens. */
let deadPort = 0;
let channelId = '';
/** Every API response body the page received, read as text. */
const apiBodies: Promise<string>[] = [];

function main() {
  return page.getByRole('main');
}

function panel() {
  return main().getByRole('region', { name: labels.title, exact: true });
}

function heading(): Promise<string | null> {
  return page.getByRole('heading', { level: 1 }).textContent();
}

function channelRow() {
  return main().getByRole('row', { name: /Help desk/ });
}

/** A request to the API with the browser's session (cookie and CSRF token). */
async function api(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; text: string }> {
  const me = (await (await page.request.get(`${server.url}/api/v1/me`)).json()) as { csrfToken: string };
  const response = await page.request.fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { 'X-CSRF-Token': me.csrfToken, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  return { status: response.status(), text: await response.text() };
}

/** The page's markup and the current value of every form control. */
async function pageText(): Promise<string> {
  return page.evaluate(
    () =>
      document.documentElement.outerHTML +
      [...document.querySelectorAll('input, textarea, select')].map((element) => (element as HTMLInputElement).value).join('\n'),
  );
}

beforeAll(async () => {
  deadPort = await findFreePort();
  server = await startRapport();
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Budapest', viewport: { width: 1360, height: 900 } });
  page = await context.newPage();
  page.on('response', (response: Response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) apiBodies.push(response.text().catch(() => ''));
  });
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  if (server && !process.env.E2E_KEEP_DATA) await removeDataDir(server.dataDir);
});

describe('a channel’s IMAP mailbox', () => {
  it('1. signs in and shows the channel without a mailbox', async () => {
    await signInAsNewOwner(server, page);
    await page.waitForURL('**/conversations');
    const created = await api('POST', '/channels', { kind: 'email', name: 'Help desk', address: supportAddress, settings: {} });
    expect(created.status).toBe(201);
    channelId = (JSON.parse(created.text) as { id: string }).id;

    await page.goto(`${server.url}/settings/channels`);
    await expect.poll(heading).toBe(en.helpdesk.channels.title);
    await expect.poll(() => main().getByRole('columnheader', { name: labels.column }).count()).toBe(1);
    await expect.poll(() => channelRow().textContent()).toContain(labels.noMailbox);
    expect(await panel().count()).toBe(0);
  });

  it('2. fills the mailbox settings, switching the default port with TLS, and shows the refused password on its field', async () => {
    await channelRow()
      .getByRole('button', { name: `${en.helpdesk.common.edit} Help desk` })
      .click();
    await expect.poll(() => panel().getByText(labels.none).count()).toBe(1);
    const port = panel().getByLabel(labels.port, { exact: true });
    const tls = panel().getByLabel(labels.tls);
    expect(await port.inputValue()).toBe('993');
    expect(await tls.isChecked()).toBe(true);
    expect(await panel().getByLabel(labels.folder, { exact: true }).inputValue()).toBe('INBOX');
    await tls.uncheck();
    expect(await port.inputValue()).toBe('143');
    await tls.check();
    expect(await port.inputValue()).toBe('993');
    await tls.uncheck();
    // A port typed by hand stays when TLS is switched.
    await port.fill(String(deadPort));
    await tls.check();
    await tls.uncheck();
    expect(await port.inputValue()).toBe(String(deadPort));

    await panel().getByLabel(labels.host, { exact: true }).fill('127.0.0.1');
    await panel().getByLabel(labels.username, { exact: true }).fill(mailboxUser);
    await panel().getByLabel(labels.interval, { exact: true }).fill('30');
    await panel().getByLabel(labels.intervalUnit).selectOption('seconds');
    await panel().getByRole('button', { name: labels.save }).click();

    // The server needs a password for a new mailbox: its refusal lands on the password field.
    const password = panel().getByLabel(labels.password, { exact: true });
    await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
    const errorText = await page.evaluate(
      (ids) =>
        ids
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      describedBy,
    );
    expect(errorText).toContain(labels.passwordRequired);
    expect(await panel().getByLabel(labels.host, { exact: true }).getAttribute('aria-invalid')).toBeNull();
    expect((await api('GET', `/channels/${channelId}/imap`)).status).toBe(404);
  });

  it('3. saves it with a password and shows the poller failing to reach the server, in words', { timeout: 60_000 }, async () => {
    const password = panel().getByLabel(labels.password, { exact: true });
    await password.fill(mailboxPassword);
    await panel().getByRole('button', { name: labels.save }).click();
    await expect.poll(() => panel().getByRole('status').textContent()).toBe(labels.saved);
    // Write-only: emptied after saving, with "stored" in its place.
    expect(await password.inputValue()).toBe('');
    expect(await password.getAttribute('placeholder')).toBe(labels.passwordStored);
    expect(await password.getAttribute('aria-invalid')).toBeNull();

    // The server's worker polls on its own; the panel fetches the state every 10 seconds.
    const status = panel().getByRole('region', { name: labels.statusTitle });
    await expect.poll(() => status.textContent(), { timeout: 30_000, interval: 500 }).toContain(labels.errors.imap_unreachable);
    expect(await status.locator('.badge').textContent()).toBe(labels.state.failing);
    expect(await status.textContent()).toContain(labels.stateHint.failing);
    expect(await status.textContent()).toContain(`${labels.lastSuccess}${en.common.never}`);
    expect(await status.textContent()).toContain(`${labels.fetched}0`);
    // The table follows the panel.
    expect(await channelRow().locator('.badge').textContent()).toBe(labels.state.failing);

    const stored = await api('GET', `/channels/${channelId}/imap`);
    expect(stored.status).toBe(200);
    expect(JSON.parse(stored.text)).toMatchObject({
      host: '127.0.0.1',
      port: deadPort,
      tls: false,
      username: mailboxUser,
      passwordSet: true,
      folder: 'INBOX',
      pollIntervalSeconds: 30,
      enabled: true,
      state: 'failing',
      lastSuccessAt: null,
      lastError: { code: 'imap_unreachable' },
    });
    expect(stored.text).not.toContain(mailboxPassword);
    expect(await pageText()).not.toContain(mailboxPassword);
    for (const body of await Promise.all(apiBodies)) expect(body).not.toContain(mailboxPassword);
    expect(apiBodies.length).toBeGreaterThan(3);
    await screenshot(page, 'channel-mailbox-01-failing');
    expect(await checkA11y(page)).toEqual([]);
  });

  it('4. shows the state in the channels table after a reload, keeps the stored password on a later save', async () => {
    await page.reload();
    await expect.poll(heading).toBe(en.helpdesk.channels.title);
    await expect.poll(() => channelRow().locator('.badge').textContent()).toBe(labels.state.failing);

    await channelRow()
      .getByRole('button', { name: `${en.helpdesk.common.edit} Help desk` })
      .click();
    const password = panel().getByLabel(labels.password, { exact: true });
    await expect.poll(() => password.getAttribute('placeholder')).toBe(labels.passwordStored);
    expect(await panel().getByLabel(labels.port, { exact: true }).inputValue()).toBe(String(deadPort));
    expect(await panel().getByLabel(labels.interval, { exact: true }).inputValue()).toBe('30');
    // Turned off without typing the password again: the stored one stays, the poller stops.
    await panel().getByLabel(labels.enabled).uncheck();
    await panel().getByRole('button', { name: labels.save }).click();
    await expect.poll(() => panel().getByRole('status').textContent()).toBe(labels.saved);
    const status = panel().getByRole('region', { name: labels.statusTitle });
    expect(await status.locator('.badge').textContent()).toBe(labels.state.disabled);
    expect(await channelRow().locator('.badge').textContent()).toBe(labels.state.disabled);
    const stored = JSON.parse((await api('GET', `/channels/${channelId}/imap`)).text) as Record<string, unknown>;
    expect(stored).toMatchObject({ passwordSet: true, enabled: false, state: 'disabled' });
    for (const body of await Promise.all(apiBodies)) expect(body).not.toContain(mailboxPassword);
    expect(await pageText()).not.toContain(mailboxPassword);
  });

  it('5. removes the mailbox after confirming', async () => {
    await panel().getByRole('button', { name: labels.remove }).click();
    const dialog = page.getByRole('dialog', { name: labels.removeTitle.replace('{{name}}', 'Help desk') });
    expect(await dialog.textContent()).toContain(labels.removeBody.replace('{{host}}', '127.0.0.1'));
    await dialog.getByRole('button', { name: labels.remove }).click();
    await expect.poll(() => panel().getByRole('status').textContent()).toBe(labels.removed);
    await expect.poll(() => panel().getByText(labels.none).count()).toBe(1);
    expect(await panel().getByRole('region', { name: labels.statusTitle }).count()).toBe(0);
    expect(await panel().getByLabel(labels.host, { exact: true }).inputValue()).toBe('');
    expect(await channelRow().textContent()).toContain(labels.noMailbox);
    expect((await api('GET', `/channels/${channelId}/imap`)).status).toBe(404);
    expect(await checkA11y(page)).toEqual([]);
  });
});
