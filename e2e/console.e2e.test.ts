/**
 * The console's critical path against the real server: first-run setup,
 * sign-out and sign-in, languages, inviting an agent, and a server restart.
 * The steps share one server and build on each other, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import en from '../apps/console/src/locales/en.json';
import hu from '../apps/console/src/locales/hu.json';
import uz from '../apps/console/src/locales/uz.json';
import { checkA11y, launchBrowser, removeDataDir, screenshot, startRapport, type RapportServer } from './harness';

const owner = { name: 'Dóra Kovács', email: 'dora@example.com', password: 'correct horse battery' };
const agent = { name: 'Aziza Karimova', email: 'aziza@example.com', password: 'Samarqand-2026!' };
const workspaceName = 'Acme Global Support';

let server: RapportServer;
let browser: Browser;
let ownerContext: BrowserContext;
let ownerPage: Page;
const contexts: BrowserContext[] = [];

async function newContext(locale: string, timezoneId: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale, timezoneId, viewport: { width: 1280, height: 860 } });
  contexts.push(context);
  return context;
}

async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  expect(await checkA11y(page)).toEqual([]);
}

async function signIn(page: Page, catalog: typeof en, email: string, password: string): Promise<void> {
  await page.getByLabel(catalog.signIn.email).fill(email);
  await page.getByLabel(catalog.signIn.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: catalog.signIn.submit }).click();
}

function navigation(page: Page, catalog: typeof en) {
  return page.getByRole('navigation', { name: catalog.shell.mainNavigation });
}

beforeAll(async () => {
  server = await startRapport();
  browser = await launchBrowser();
  ownerContext = await newContext('en-US', 'Europe/Budapest');
  ownerPage = await ownerContext.newPage();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  if (server && !process.env.E2E_KEEP_DATA) await removeDataDir(server.dataDir);
});

describe('console', () => {
  it('1. completes first-run setup from the printed link and lands in an accessible shell', async () => {
    expect(server.setupUrl, server.output()).toMatch(/\/setup#token=/);
    const page = ownerPage;
    await page.goto(server.setupUrl!);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(en.setup.title);
    await screenshot(page, '01-setup');
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel(en.setup.workspaceName).fill(workspaceName);
    await page.getByLabel(en.setup.country).selectOption('HU');
    // The time zone defaults to the browser's.
    expect(await page.getByLabel(en.setup.timeZone).inputValue()).toBe('Europe/Budapest');
    await page.getByLabel(en.setup.name).fill(owner.name);
    await page.getByLabel(en.setup.email).fill(owner.email);
    await page.getByLabel(en.setup.password, { exact: true }).fill(owner.password);
    await page.getByRole('button', { name: en.setup.submit }).click();

    await page.waitForURL('**/inbox');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(en.inbox.title);
    await expect.poll(() => page.getByRole('banner').textContent()).toContain(workspaceName);
    expect(await page.getByRole('banner').textContent()).toContain(owner.name);
    expect(await navigation(page, en).getByRole('link').allTextContents()).toEqual([
      en.nav.inbox,
      en.nav.customers,
      en.nav.reports,
      en.nav.settings,
    ]);
    await screenshot(page, '02-inbox');
    await expectNoSeriousA11yViolations(page);

    // The sign-in page, seen by someone who is not signed in.
    const visitor = await (await newContext('en-GB', 'UTC')).newPage();
    await visitor.goto(`${server.url}/sign-in`);
    await expect.poll(() => visitor.getByRole('heading', { level: 1 }).textContent()).toBe(en.signIn.title);
    await screenshot(visitor, '03-sign-in');
    await expectNoSeriousA11yViolations(visitor);
    // Setup cannot run twice.
    await visitor.goto(`${server.url}/setup`);
    await expect.poll(() => visitor.getByRole('heading', { level: 1 }).textContent()).toBe(en.setup.doneTitle);
  });

  it('1b. shows every admin settings page without serious accessibility problems', async () => {
    const page = ownerPage;
    const pages: [string, string][] = [
      ['/settings/profile', en.profile.title],
      ['/settings/workspace', en.workspaceSettings.title],
      ['/settings/agents', en.agents.title],
      ['/settings/invites', en.invites.title],
      ['/settings/api-tokens', en.apiTokens.title],
      ['/settings/audit-log', en.audit.title],
      ['/customers', en.customers.title],
      ['/reports', en.reports.title],
    ];
    for (const [path, title] of pages) {
      await page.goto(`${server.url}${path}`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
      await page.getByRole('status').filter({ hasText: en.app.loading }).waitFor({ state: 'detached' });
      await screenshot(page, `04${path.replaceAll('/', '-')}`);
      await expectNoSeriousA11yViolations(page);
    }
    // The owner appears in Agents, with the data entered at setup.
    await page.goto(`${server.url}/settings/agents`);
    const row = page.getByRole('row').filter({ hasText: owner.email });
    await expect.poll(() => row.textContent()).toContain(owner.name);
    expect(await row.textContent()).toContain(en.roles.owner);
    // The audit log has at least one translated event.
    await page.goto(`${server.url}/settings/audit-log`);
    await expect.poll(() => page.getByRole('row').count()).toBeGreaterThan(1);

    // On a phone-sized screen tables scroll, and stay usable by keyboard.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/settings/agents`);
    await expect.poll(() => row.textContent()).toContain(owner.name);
    await screenshot(page, '04c-agents-phone');
    await expectNoSeriousA11yViolations(page);
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('1c. saves the profile with languages and working hours, and API tokens are shown once and revocable', async () => {
    const page = ownerPage;
    await page.goto(`${server.url}/settings/profile`);
    await page.getByRole('checkbox', { name: 'Hungarian' }).check();
    await page.getByRole('checkbox', { name: 'German' }).check();
    await page.getByRole('button', { name: en.workingHours.addLabel.replace('{{day}}', 'Monday') }).click();
    await page.getByRole('button', { name: en.workingHours.copyToWeekdays.replace('{{day}}', 'Monday') }).click();
    await page.getByRole('button', { name: en.common.save }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: en.common.saved }).count()).toBe(1);

    await page.reload();
    await expect.poll(() => page.getByRole('checkbox', { name: 'Hungarian' }).isChecked()).toBe(true);
    const fridayStart = page.getByLabel(en.workingHours.startOf.replace('{{day}}', 'Friday').replace('{{number}}', '1'));
    expect(await fridayStart.inputValue()).toBe('09:00');
    await screenshot(page, '04b-profile-saved');

    await page.goto(`${server.url}/settings/api-tokens`);
    await page.getByLabel(en.apiTokens.name).fill('Webshop orders');
    await page.getByLabel(en.apiTokens.role).selectOption('admin');
    await page.getByRole('button', { name: en.apiTokens.create }).click();
    const secret = page.getByRole('textbox', { name: en.apiTokens.secretTitle.replace('{{name}}', 'Webshop orders') });
    await secret.waitFor();
    const token = await secret.inputValue();
    expect(token.length).toBeGreaterThan(20);
    // The token works against the API.
    const response = await fetch(`${server.url}/api/v1/workspace`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    await page.getByRole('button', { name: en.common.done }).click();
    const row = page.getByRole('row').filter({ hasText: 'Webshop orders' });
    expect(await row.textContent()).toContain(en.roles.admin);
    await row.getByRole('button', { name: en.apiTokens.revoke }).click();
    const dialog = page.getByRole('dialog');
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: en.apiTokens.revokeConfirm }).click();
    await expect.poll(() => row.count()).toBe(0);
    const refused = await fetch(`${server.url}/api/v1/workspace`, { headers: { Authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
  });

  it('2. signs out and signs in again', async () => {
    const page = ownerPage;
    await page.goto(`${server.url}/inbox`);
    await page.getByRole('button', { name: en.shell.signOut }).click();
    await page.waitForURL('**/sign-in');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(en.signIn.title);

    // Protected pages now lead to sign-in.
    await page.goto(`${server.url}/settings/profile`);
    await page.waitForURL('**/sign-in');

    // A wrong password gets the translated, non-revealing message.
    await signIn(page, en, owner.email, 'not the password');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(en.errors.invalid_credentials);

    await signIn(page, en, owner.email, owner.password);
    // Back to the page that was asked for.
    await page.waitForURL('**/settings/profile');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(en.profile.title);
  });

  it('3. switches the interface to Hungarian, and it stays Hungarian after a reload', async () => {
    const page = ownerPage;
    await page.goto(`${server.url}/inbox`);
    await page.getByRole('banner').getByLabel(en.language.label).selectOption('hu');
    await expect.poll(() => navigation(page, hu).getByRole('link', { name: hu.nav.customers }).count()).toBe(1);
    // The shell and the page re-render apart (the page may still be loading its list): wait for each.
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('hu');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(hu.inbox.title);

    await page.reload();
    await expect.poll(() => navigation(page, hu).getByRole('link', { name: hu.nav.customers }).count()).toBe(1);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('hu');
    await screenshot(page, '05-inbox-hu');
  });

  it('4. invites an agent, who joins from a second browser and sees no admin settings', async () => {
    const page = ownerPage;
    await navigation(page, hu).getByRole('link', { name: hu.nav.settings }).click();
    await page.getByRole('navigation', { name: hu.settings.navigation }).getByRole('link', { name: hu.settings.invites }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(hu.invites.title);

    await page.getByLabel(hu.invites.email).fill(agent.email);
    await page.getByLabel(hu.invites.role).selectOption('agent');
    await page.getByRole('button', { name: hu.invites.create }).click();
    const linkField = page.getByRole('textbox', { name: hu.invites.linkTitle });
    await linkField.waitFor();
    const inviteUrl = await linkField.inputValue();
    expect(inviteUrl).toMatch(/\/invite#token=/);
    expect(await page.getByRole('row').filter({ hasText: agent.email }).textContent()).toContain(hu.invites.statuses.pending);
    await screenshot(page, '06-invite-created-hu');
    await expectNoSeriousA11yViolations(page);

    // The agent's own browser prefers Uzbek and sits in Tashkent.
    const agentPage = await (await newContext('uz-UZ', 'Asia/Tashkent')).newPage();
    await agentPage.goto(inviteUrl);
    await expect
      .poll(() => agentPage.getByRole('heading', { level: 1 }).textContent())
      .toBe(uz.invite.title.replace('{{workspace}}', workspaceName));
    expect(await agentPage.locator('dl').textContent()).toContain(agent.email);
    expect(await agentPage.locator('dl').textContent()).toContain(uz.roles.agent);
    await screenshot(agentPage, '07-invite-accept-uz');
    await expectNoSeriousA11yViolations(agentPage);

    await agentPage.getByLabel(uz.invite.name).fill(agent.name);
    await agentPage.getByLabel(uz.invite.newPassword, { exact: true }).fill(agent.password);
    await agentPage.getByRole('button', { name: uz.invite.submitNew }).click();
    await agentPage.waitForURL('**/inbox');
    await screenshot(agentPage, '07b-agent-inbox');

    // The agent's shell, still in the language they read the invitation in.
    await expect.poll(() => navigation(agentPage, uz).getByRole('link', { name: uz.nav.customers }).count()).toBe(1);
    expect(await agentPage.getByRole('banner').textContent()).toContain(agent.name);
    await navigation(agentPage, uz).getByRole('link', { name: uz.nav.settings }).click();
    await expect.poll(() => agentPage.getByRole('heading', { level: 1 }).textContent()).toBe(uz.profile.title);
    const settingsLinks = await agentPage
      .getByRole('navigation', { name: uz.settings.navigation })
      .getByRole('link')
      .allTextContents();
    // Saved replies are every member's to keep; the rest is for owners and admins.
    expect(settingsLinks).toEqual([uz.settings.profile, uz.settings.savedReplies]);
    // Admin pages are not reachable by address either.
    await agentPage.goto(`${server.url}/settings/invites`);
    await agentPage.waitForURL('**/settings/profile');
    await screenshot(agentPage, '08-agent-profile-uz');
    await expectNoSeriousA11yViolations(agentPage);
  });

  it('5. switches to Uzbek; after a server restart the workspace, the agent and the language are still there', async () => {
    const page = ownerPage;
    await page.goto(`${server.url}/inbox`);
    await page.getByRole('banner').getByLabel(hu.language.label).selectOption('uz');
    await expect.poll(() => navigation(page, uz).getByRole('link', { name: uz.nav.customers }).count()).toBe(1);
    // The choice is saved on the server before the restart.
    await expect
      .poll(
        async () =>
          (await page.evaluate(() => fetch('/api/v1/me').then((response) => response.json()))) as { user: { locale: string } },
      )
      .toMatchObject({ user: { locale: 'uz' } });

    await server.restart();
    expect(server.setupUrl).toBeUndefined();

    // A fresh browser (English, no saved language) signs in and gets the saved Uzbek interface.
    const fresh = await (await newContext('en-US', 'Europe/Budapest')).newPage();
    await fresh.goto(`${server.url}/sign-in`);
    await expect.poll(() => fresh.getByRole('heading', { level: 1 }).textContent()).toBe(en.signIn.title);
    await signIn(fresh, en, owner.email, owner.password);
    await fresh.waitForURL('**/inbox');
    await expect.poll(() => navigation(fresh, uz).getByRole('link', { name: uz.nav.customers }).count()).toBe(1);
    expect(await fresh.locator('html').getAttribute('lang')).toBe('uz');
    expect(await fresh.getByRole('banner').textContent()).toContain(workspaceName);

    await fresh.goto(`${server.url}/settings/agents`);
    await expect.poll(() => fresh.getByRole('heading', { level: 1 }).textContent()).toBe(uz.agents.title);
    const agentRow = fresh.getByRole('row').filter({ hasText: agent.email });
    await expect.poll(() => agentRow.textContent()).toContain(agent.name);
    expect(await agentRow.textContent()).toContain(uz.roles.agent);
    await screenshot(fresh, '09-agents-uz-after-restart');
    await expectNoSeriousA11yViolations(fresh);

    // The session from before the restart is still valid.
    await page.reload();
    await expect.poll(() => navigation(page, uz).getByRole('link', { name: uz.nav.customers }).count()).toBe(1);
    ownerPage = fresh;
  });

  it('6. signs out', async () => {
    const page = ownerPage;
    await page.getByRole('button', { name: uz.shell.signOut }).click();
    await page.waitForURL('**/sign-in');
    // The sign-in page keeps the language last used in this browser.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(uz.signIn.title);
    const me = await page.evaluate(() => fetch('/api/v1/me').then((response) => response.status));
    expect(me).toBe(401);
  });
});
