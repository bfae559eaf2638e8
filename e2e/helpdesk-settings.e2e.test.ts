/**
 * The help-desk settings against the real server, as a workspace owner sets
 * them up: a team with a member, an SLA target, business hours with a lunch
 * break, an exception and a public-holiday region the server refuses until it
 * is corrected, an email channel whose automatic acknowledgement speaks
 * Hungarian, and a saved reply in two languages. Then a customer writes over
 * SMTP (Content-Language: hu): the acknowledgement reaches the SMTP sink in
 * Hungarian with the expected answer time, and in the conversation the saved
 * reply is picked by keyboard and inserted with the customer's name filled in
 * and the empty placeholder named. The steps share one server, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import en from '../apps/console/src/locales/en.json';
import {
  checkA11y,
  launchBrowser,
  removeDataDir,
  screenshot,
  testOwner,
  type RapportServer,
  startRapportWithMail,
  signInAsNewOwner,
} from './harness';

const supportAddress = 'help@acme-helpdesk.test';
const hungarianAck =
  'Kedves {{customer.name}}! Megkaptuk levelét (#{{conversation.number}}). Válaszunkra ekkorra számíthat: {{answer.expectedBy}}.';
const englishAck = 'Dear {{customer.name}}, we have your message. Expect our answer by {{answer.expectedBy}}.';
const hungarianReply = 'Kedves {{customer.name}}! A számlát kijavítottuk {{customer.company}}.';

let server: RapportServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let closeSink: (() => Promise<void>) | undefined;
let smtpPort = 0;
let ownerId = '';
/** Mail the sink received (what Rapport sent), raw. */
const sent: string[] = [];

function main() {
  return page.getByRole('main');
}

function heading(): Promise<string | null> {
  return page.getByRole('heading', { level: 1 }).textContent();
}

/** A catalog text with its {{variables}} filled in. */
function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

async function expectNoSeriousA11yViolations(): Promise<void> {
  expect(await checkA11y(page)).toEqual([]);
}

/** A request to the API with the browser's session (cookie and CSRF token). */
async function api<T>(method: 'GET' | 'POST', path: string): Promise<T> {
  const me = (await (await page.request.get(`${server.url}/api/v1/me`)).json()) as { csrfToken: string };
  const response = await page.request.fetch(`${server.url}/api/v1${path}`, { method, headers: { 'X-CSRF-Token': me.csrfToken } });
  if (!response.ok()) throw new Error(`${method} ${path} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** The headers (unfolded) and body of a raw message or MIME part. */
function splitMessage(raw: string): { head: string; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, at).replace(/\r?\n[ \t]+/g, ' ');
  return { head, body: raw.slice(at).replace(/^\r?\n\r?\n/, '') };
}

function headerOf(head: string, name: string): string | undefined {
  return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim();
}

/** The text/plain part of a message, its transfer encoding undone. */
function plainText(raw: string): string {
  const { head, body } = splitMessage(raw);
  const type = headerOf(head, 'Content-Type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) {
    for (const part of body.split(`--${boundary}`)) {
      if (/content-type:\s*(text\/plain|multipart)/i.test(part)) return plainText(part.replace(/^\r?\n/, ''));
    }
    throw new Error('no text/plain part');
  }
  const encoding = (headerOf(head, 'Content-Transfer-Encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const unwrapped = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < unwrapped.length; i++) {
      const hex = unwrapped[i] === '=' ? /^[0-9A-F]{2}/i.exec(unwrapped.slice(i + 1, i + 3)) : null;
      if (hex) {
        bytes.push(parseInt(hex[0], 16));
        i += 2;
      } else bytes.push(...Buffer.from(unwrapped[i]!, 'utf8'));
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}

beforeAll(async () => {
  const mail = await startRapportWithMail(sent);
  server = mail.server;
  smtpPort = mail.smtpPort;
  closeSink = () => mail.closeSink();
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Budapest', viewport: { width: 1360, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  if (server && !process.env.E2E_KEEP_DATA) await removeDataDir(server.dataDir);
  await closeSink?.();
});

describe('help-desk settings', () => {
  it('1. signs in and reaches the new settings sections from the navigation', async () => {
    await signInAsNewOwner(server, page);
    await page.waitForURL('**/conversations');
    ownerId = (await api<{ user: { id: string } }>('GET', '/me')).user.id;

    await page.goto(`${server.url}/settings/profile`);
    const nav = page.getByRole('navigation', { name: en.settings.navigation });
    for (const label of [
      en.settings.channels,
      en.settings.teams,
      en.settings.sla,
      en.settings.businessHours,
      en.settings.savedReplies,
    ])
      await expect.poll(() => nav.getByRole('link', { name: label, exact: true }).count()).toBe(1);
    await nav.getByRole('link', { name: en.settings.teams, exact: true }).click();
    await expect.poll(heading).toBe(en.helpdesk.teams.title);
  });

  it('2. creates a team with the owner as member, and renames it', async () => {
    await main().getByLabel(en.helpdesk.teams.name).fill('Billing desk');
    await main().getByRole('checkbox', { name: testOwner.name }).check();
    await main().getByRole('button', { name: en.helpdesk.teams.create }).click();
    await expect
      .poll(() => main().getByRole('status').textContent())
      .toBe(fill(en.helpdesk.teams.created, { name: 'Billing desk' }));
    const row = main().getByRole('row', { name: /Billing desk/ });
    expect(await row.textContent()).toContain(testOwner.name);

    await row.getByRole('button', { name: `${en.helpdesk.common.edit} Billing desk` }).click();
    await main().getByLabel(en.helpdesk.teams.name).fill('Billing');
    await main().getByRole('button', { name: en.common.save }).click();
    await expect.poll(() => main().getByRole('status').textContent()).toBe(fill(en.helpdesk.teams.saved, { name: 'Billing' }));
    const teams = await api<{ items: { name: string; memberIds: string[] }[] }>('GET', '/teams');
    expect(teams.items).toMatchObject([{ name: 'Billing', memberIds: [ownerId] }]);
    await expectNoSeriousA11yViolations();
  });

  it('3. sets a first-response target of 4 h 30 min for normal priority, refusing 75 minutes in the minutes box', async () => {
    await page.getByRole('navigation', { name: en.settings.navigation }).getByRole('link', { name: en.settings.sla }).click();
    await expect.poll(heading).toBe(en.helpdesk.sla.title);
    const labels = { target: en.helpdesk.sla.firstResponse, priority: en.conversations.priority.normal };
    await main().getByLabel(fill(en.helpdesk.sla.hoursOf, labels)).fill('4');
    await main().getByLabel(fill(en.helpdesk.sla.minutesOf, labels)).fill('75');
    await main().getByRole('button', { name: en.common.save }).click();
    await expect.poll(() => main().getByRole('alert').textContent()).toBe(en.helpdesk.sla.invalid);
    await main().getByLabel(fill(en.helpdesk.sla.minutesOf, labels)).fill('30');
    await main().getByRole('button', { name: en.common.save }).click();
    await expect.poll(() => main().getByRole('status').textContent()).toBe(en.helpdesk.sla.saved);
    const policies = await api<{ items: { priority: string; firstResponseMinutes: number | null }[] }>('GET', '/sla-policies');
    expect(policies.items.find((policy) => policy.priority === 'normal')?.firstResponseMinutes).toBe(270);
    expect(policies.items.find((policy) => policy.priority === 'urgent')?.firstResponseMinutes).toBeNull();
    await expectNoSeriousA11yViolations();
  });

  it('4. adds default business hours with a lunch break and an exception; shows the unknown holiday region on its field', async () => {
    await page
      .getByRole('navigation', { name: en.settings.navigation })
      .getByRole('link', { name: en.settings.businessHours })
      .click();
    await expect.poll(heading).toBe(en.helpdesk.businessHours.title);
    await main().getByRole('button', { name: en.helpdesk.businessHours.add }).click();
    await main().getByLabel(en.helpdesk.businessHours.name, { exact: true }).fill('Budapest office');
    await main().getByLabel(en.helpdesk.businessHours.timeZone).selectOption('Europe/Budapest');
    // Monday: 09:00–12:00 and, after lunch, 13:00–17:00.
    await main()
      .getByRole('button', { name: fill(en.workingHours.addLabel, { day: 'Monday' }) })
      .click();
    await main()
      .getByLabel(fill(en.workingHours.endOf, { day: 'Monday', number: 1 }))
      .fill('12:00');
    await main()
      .getByLabel(fill(en.workingHours.startOf, { day: 'Monday', number: 2 }))
      .fill('13:00');
    await main()
      .getByLabel(fill(en.workingHours.endOf, { day: 'Monday', number: 2 }))
      .fill('17:00');
    expect(await main().getByLabel(en.helpdesk.businessHours.holidayCountry).inputValue()).toBe('HU');
    const region = main().getByLabel(new RegExp(`^${en.helpdesk.businessHours.holidayRegion}`));
    await region.fill('XX');
    await main().getByRole('button', { name: en.helpdesk.businessHours.addOverride }).click();
    await main().getByLabel(en.helpdesk.businessHours.isDefault).check();
    await main().getByRole('button', { name: en.helpdesk.businessHours.save }).click();

    await expect.poll(() => region.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await region.getAttribute('aria-describedby')) ?? '';
    const errorText = await page.evaluate(
      (ids) =>
        ids
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      describedBy,
    );
    expect(errorText).toContain(en.errors.unknown_holiday_region);
    await screenshot(page, 'helpdesk-01-business-hours-error');

    await region.fill('');
    await main().getByRole('button', { name: en.helpdesk.businessHours.save }).click();
    await expect
      .poll(() => main().getByRole('status').textContent())
      .toBe(fill(en.helpdesk.businessHours.saved, { name: 'Budapest office' }));
    const row = main().getByRole('row', { name: /Budapest office/ });
    expect(await row.textContent()).toContain(en.helpdesk.businessHours.defaultBadge);
    expect(await row.textContent()).toContain(fill(en.helpdesk.businessHours.overrideCount_one, { count: 1 }));
    const calendars = await api<{
      items: {
        isDefault: boolean;
        calendar: { weeklyHours: unknown[]; holidayCountry: string; holidayRegion: null; overrides: unknown[] };
      }[];
    }>('GET', '/business-calendars');
    expect(calendars.items).toHaveLength(1);
    expect(calendars.items[0]).toMatchObject({ isDefault: true, calendar: { holidayCountry: 'HU', holidayRegion: null } });
    expect(calendars.items[0]!.calendar.weeklyHours.slice(0, 2)).toEqual([
      { day: 1, start: '09:00', end: '12:00' },
      { day: 1, start: '13:00', end: '17:00' },
    ]);
    expect(calendars.items[0]!.calendar.overrides).toHaveLength(1);
    await expectNoSeriousA11yViolations();
  });

  it('5. adds an email channel for the team with an English and a Hungarian acknowledgement', async () => {
    await page
      .getByRole('navigation', { name: en.settings.navigation })
      .getByRole('link', { name: en.settings.channels })
      .click();
    await expect.poll(heading).toBe(en.helpdesk.channels.title);
    expect(await main().textContent()).toContain(en.helpdesk.channels.smtpHint);
    await main().getByLabel(en.helpdesk.channels.name, { exact: true }).fill('Help');
    await main().getByLabel(en.helpdesk.channels.address).fill(supportAddress);
    await main()
      .getByLabel(new RegExp(`^${en.helpdesk.channels.senderName}`))
      .fill('Acme Support');
    await main()
      .getByLabel(new RegExp(`^${en.helpdesk.channels.team}`))
      .selectOption({ label: 'Billing' });
    await main().getByLabel(en.helpdesk.channels.ackEnable).check();
    // The placeholders are listed, the answer time among them.
    expect(await main().locator('.placeholder-help').textContent()).toContain('{{answer.expectedBy}}');
    await main()
      .getByRole('textbox', { name: fill(en.helpdesk.languages.textOf, { language: 'English' }) })
      .fill(englishAck);
    await main().getByLabel(en.helpdesk.languages.addLabel).selectOption('hu');
    await main().getByRole('button', { name: en.helpdesk.languages.add }).click();
    await main()
      .getByRole('textbox', { name: fill(en.helpdesk.languages.textOf, { language: 'Hungarian' }) })
      .fill(hungarianAck);
    await main().getByRole('button', { name: en.helpdesk.channels.create }).click();

    await expect.poll(() => main().getByRole('status').textContent()).toBe(fill(en.helpdesk.channels.created, { name: 'Help' }));
    const row = main().getByRole('row', { name: /Help/ });
    expect(await row.textContent()).toContain(supportAddress);
    expect(await row.textContent()).toContain('Billing');
    const languages = new Intl.ListFormat('en', { style: 'short', type: 'conjunction' }).format(['English', 'Hungarian']);
    expect(await row.textContent()).toContain(fill(en.helpdesk.channels.ackOn, { languages }));

    // Changed later: the form comes back filled, the address stays as it is.
    await row.getByRole('button', { name: `${en.helpdesk.common.edit} Help` }).click();
    const sender = main().getByLabel(new RegExp(`^${en.helpdesk.channels.senderName}`));
    expect(await sender.inputValue()).toBe('Acme Support');
    expect(await main().getByLabel(en.helpdesk.channels.address).getAttribute('readonly')).not.toBeNull();
    await sender.fill('Acme Ügyfélszolgálat');
    await main().getByRole('button', { name: en.common.save }).click();
    await expect.poll(() => main().getByRole('status').textContent()).toBe(fill(en.helpdesk.channels.saved, { name: 'Help' }));
    const channels = await api<{ items: { settings: unknown }[] }>('GET', '/channels');
    expect(channels.items[0]!.settings).toEqual({
      senderName: 'Acme Ügyfélszolgálat',
      autoAcknowledgement: { enabled: true, variants: { en: englishAck, hu: hungarianAck } },
    });
    await screenshot(page, 'helpdesk-02-channels');
    await expectNoSeriousA11yViolations();
  });

  it('6. saves a reply in English and Hungarian', async () => {
    await page
      .getByRole('navigation', { name: en.settings.navigation })
      .getByRole('link', { name: en.settings.savedReplies })
      .click();
    await expect.poll(heading).toBe(en.helpdesk.savedReplies.title);
    await main().getByLabel(en.helpdesk.savedReplies.name, { exact: true }).fill('Invoice corrected');
    await main()
      .getByRole('textbox', { name: fill(en.helpdesk.languages.textOf, { language: 'English' }) })
      .fill('Dear {{customer.name}}, we have corrected the invoice.');
    await main().getByLabel(en.helpdesk.languages.addLabel).selectOption('hu');
    await main().getByRole('button', { name: en.helpdesk.languages.add }).click();
    await main()
      .getByRole('textbox', { name: fill(en.helpdesk.languages.textOf, { language: 'Hungarian' }) })
      .fill(hungarianReply);
    await main().getByRole('button', { name: en.helpdesk.savedReplies.save }).click();
    await expect
      .poll(() => main().getByRole('status').textContent())
      .toBe(fill(en.helpdesk.savedReplies.saved, { name: 'Invoice corrected' }));
    // A second one, so that the picker has something to search past.
    await main().getByLabel(en.helpdesk.savedReplies.name, { exact: true }).fill('Welcome');
    await main()
      .getByRole('textbox', { name: fill(en.helpdesk.languages.textOf, { language: 'English' }) })
      .fill('Welcome, {{customer.givenName}}!');
    await main().getByRole('button', { name: en.helpdesk.savedReplies.save }).click();
    await expect.poll(() => main().getByRole('row').count()).toBe(3);
    const languages = new Intl.ListFormat('en', { style: 'short', type: 'conjunction' }).format(['English', 'Hungarian']);
    expect(
      await main()
        .getByRole('row', { name: /Invoice corrected/ })
        .textContent(),
    ).toContain(languages);
    await expectNoSeriousA11yViolations();
  });

  it('7. acknowledges a Hungarian customer’s mail in Hungarian, with the expected answer time', { timeout: 60_000 }, async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({
        from: 'Ádám Kovács <adam@example.hu>',
        to: supportAddress,
        subject: 'Hibás számla',
        text: 'A novemberi számlám rossz összeget mutat.',
        headers: { 'Content-Language': 'hu' },
      });
    } finally {
      transport.close();
    }
    await expect.poll(() => sent.length, { timeout: 20_000 }).toBe(1);
    const { head } = splitMessage(sent[0]!);
    expect(headerOf(head, 'Auto-Submitted')).toBe('auto-replied');
    expect(headerOf(head, 'To')).toContain('adam@example.hu');
    const text = plainText(sent[0]!);
    expect(text).toContain('Megkaptuk levelét (#1)');
    expect(text).not.toContain('{{');
    expect(text).not.toContain('Dear');

    const conversations = await api<{ items: { number: number; dueAt: string | null; customer: { displayName: string } }[] }>(
      'GET',
      '/conversations?view=all&status=active',
    );
    const conversation = conversations.items.find((item) => item.number === 1)!;
    expect(text).toContain(`Kedves ${conversation.customer.displayName}!`);
    // The first response is due 4 h 30 min of business time later, told in Hungarian and Budapest time.
    expect(conversation.dueAt).not.toBeNull();
    const expectedBy = new Intl.DateTimeFormat('hu', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Budapest',
      timeZoneName: 'short',
    }).format(new Date(conversation.dueAt!));
    expect(text).toContain(`ekkorra számíthat: ${expectedBy}.`);
  });

  it('8. inserts the saved reply from the picker by keyboard, with the customer’s name and the empty placeholder named', async () => {
    await page.goto(`${server.url}/conversations`);
    await main()
      .getByRole('link', { name: /Hibás számla/ })
      .click();
    await expect.poll(heading).toBe('Hibás számla');
    const conversations = await api<{ items: { customer: { displayName: string } }[] }>('GET', '/conversations?view=all');
    const customerName = conversations.items[0]!.customer.displayName;
    const reply = main().getByLabel(fill(en.conversations.composer.replyLabel, { name: customerName }));
    await reply.fill('Jó napot!\n');

    const opener = main().getByRole('button', { name: en.conversations.savedReplies.open });
    await opener.click();
    const search = main().getByRole('combobox', { name: en.conversations.savedReplies.search });
    await expect.poll(() => search.evaluate((element) => element === document.activeElement)).toBe(true);
    const options = main().getByRole('listbox', { name: en.conversations.savedReplies.list }).getByRole('option');
    await expect.poll(() => options.count()).toBe(2);
    await page.keyboard.type('inv');
    await expect.poll(() => options.allTextContents()).toEqual(['Invoice corrected']);
    await page.keyboard.type('zz');
    await expect.poll(() => main().getByText(en.conversations.savedReplies.noMatch).count()).toBe(1);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect.poll(() => options.count()).toBe(1);
    await expectNoSeriousA11yViolations();
    await page.keyboard.press('Enter');

    const expected = `Jó napot!\nKedves ${customerName}! A számlát kijavítottuk.`;
    await expect.poll(() => reply.inputValue()).toBe(expected);
    expect(customerName).toMatch(/Ádám/);
    await expect.poll(() => reply.evaluate((element) => element === document.activeElement)).toBe(true);
    const caret = await reply.evaluate((element) => (element as HTMLTextAreaElement).selectionStart);
    expect(caret).toBe(expected.length);
    const warning = main().locator('.composer__missing');
    expect(await warning.textContent()).toBe(
      fill(en.conversations.savedReplies.missing, { placeholders: '{{customer.company}}' }),
    );
    expect(await options.count()).toBe(0);
    await screenshot(page, 'helpdesk-03-saved-reply');

    // Escape closes the picker and returns to its button.
    await opener.click();
    await expect.poll(() => search.count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => search.count()).toBe(0);
    expect(await opener.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await reply.inputValue()).toBe(expected);
  });
});
