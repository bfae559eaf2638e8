/**
 * The inbox and a conversation against the real server, with mail coming in
 * over Rapport's own SMTP port (nodemailer as the customer's mail client) and
 * replies going out to a local SMTP sink: a new email appears in the open
 * inbox without a reload; its HTML shows in a sandboxed frame with remote
 * images held back; the agent assigns, tags, restates the problem, replies
 * (queued, then sent, threaded), writes a note with an @mention, snoozes,
 * resolves and reopens, mostly by keyboard; the customer's answer joins the
 * thread live; views, filters and "load more" narrow and page the inbox; a
 * reply with an attached file reaches the customer with it. The steps share
 * one server and build on each other, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { simpleParser } from 'mailparser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import en from '../apps/console/src/locales/en.json';
import hu from '../apps/console/src/locales/hu.json';
import {
  apiAs,
  checkA11y,
  launchBrowser,
  removeDataDir,
  screenshot,
  testOwner,
  type RapportServer,
  startRapportWithMail,
  signInAsNewOwner,
} from './harness';
import { dueCountdown, type DurationPart } from '../apps/console/src/modules/conversations/sla';

const conversationPath = /\/conversations\/[0-9a-f-]{36}$/;
const supportAddress = 'support@acme-e2e.test';
const firstMessageId = 'first-question.1@example.hu';

let server: RapportServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let closeSink: (() => Promise<void>) | undefined;
let smtpPort = 0;
let ownerId = '';
let firstPath = '';
/** Mail the sink received (Rapport's outgoing replies), raw. */
const sent: string[] = [];

interface ApiConversation {
  id: string;
  number: number;
  status: string;
  assigneeId: string | null;
  snoozedUntil: string | null;
  dueAt: string | null;
  tags: string[];
  summary: string;
  priority: string;
  teamId: string | null;
  customer: { id: string; displayName: string };
}

interface ApiMessage {
  id: string;
  direction: string;
  deliveryStatus: string;
  mentions: string[];
}

function main() {
  return page.getByRole('main');
}

function heading(): Promise<string | null> {
  return page.getByRole('heading', { level: 1 }).textContent();
}

async function expectNoSeriousA11yViolations(): Promise<void> {
  expect(await checkA11y(page)).toEqual([]);
}

/** A catalog text with its {{variables}} filled in. */
function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** A request to the API with the browser's session (cookie and CSRF token). */
function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, data?: unknown): Promise<T> {
  return apiAs<T>(page, server, method, path, data);
}

/** The SLA countdown as the inbox says it in English at a moment ("Due in 1 h 59 min"). */
function countdownText(dueAt: string, at: number): string {
  const countdown = dueCountdown(dueAt, at);
  const part = ({ unit, value }: DurationPart) =>
    fill(en.conversations.duration[`${unit}_${value === 1 ? 'one' : 'other'}` as const], { value });
  const [first, second] = countdown.parts;
  const duration = second ? fill(en.conversations.duration.pair, { first: part(first!), second: part(second) }) : part(first!);
  return fill(countdown.isOverdue ? en.conversations.sla.overdue : en.conversations.sla.dueIn, { duration });
}

/** Mail from the customer to the support address, through Rapport's SMTP port. */
async function sendMail(message: SendMailOptions): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({ from: 'Ádám Kovács <adam@example.hu>', to: supportAddress, ...message });
  } finally {
    transport.close();
  }
}

/** One header of a raw message (unfolded), or undefined. */
function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
  return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim();
}

/** A header value with its RFC 2047 encoded words (UTF-8, Q or B) decoded. */
function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
    encoding.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/** Presses a key with nothing focused (a shortcut), as someone reading the page would. */
async function pressShortcut(key: string): Promise<void> {
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await page.keyboard.press(key);
}

function dataRows() {
  return main().locator('table.inbox-table tbody tr');
}

function threadItems() {
  return main().locator('.thread__list > li');
}

async function conversationByNumber(number: number): Promise<ApiConversation> {
  const page = await api<{ items: ApiConversation[] }>('GET', '/conversations?view=all&status=active&limit=200');
  const found = page.items.find((item) => item.number === number);
  if (!found) throw new Error(`no conversation #${number}`);
  return found;
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

describe('conversations', () => {
  it('1. signs in through the old /inbox address and shows the empty, accessible inbox', async () => {
    await signInAsNewOwner(server, page);
    // Sign-in still lands on /inbox, which now leads to the inbox's own address.
    await page.waitForURL('**/inbox');
    await page.waitForURL('**/conversations');
    await expect.poll(heading).toBe(en.inbox.title);
    await expect.poll(() => main().getByRole('heading', { name: en.inbox.emptyTitle }).count()).toBe(1);
    ownerId = (await api<{ user: { id: string } }>('GET', '/me')).user.id;
    await expectNoSeriousA11yViolations();
  });

  it('2. shows new mail to a channel in the open inbox without a reload', async () => {
    await api('POST', '/channels', { kind: 'email', name: 'Support', address: supportAddress });
    await api('POST', '/teams', { name: 'Billing', memberIds: [ownerId] });
    await api('PUT', '/sla-policies', {
      policies: [{ priority: 'normal', firstResponseMinutes: 120, nextResponseMinutes: 120, resolutionMinutes: null }],
    });
    // The reloaded page's live socket has subscribed before any mail is sent.
    const subscribed = page
      .waitForEvent('websocket')
      .then((socket) =>
        socket.waitForEvent('framereceived', { predicate: (frame) => String(frame.payload).includes('"subscribed"') }),
      );
    await page.reload();
    await subscribed;
    await expect.poll(() => main().getByRole('heading', { name: en.inbox.list.noneTitle }).count()).toBe(1);
    await expect.poll(() => main().getByLabel(en.inbox.filters.channel).locator('option').count()).toBe(2);

    await sendMail({
      subject: 'A számlám hibás',
      messageId: `<${firstMessageId}>`,
      text: 'Hello, my invoice shows the wrong amount.',
      html:
        '<p>Hello, my <b>invoice</b> shows the wrong amount.</p>' +
        '<script>parent.document.title = "pwned"</script>' +
        '<img src="https://tracker.example.com/pixel.png" alt="pixel">' +
        '<a href="javascript:alert(1)">click</a>' +
        '<div class="gmail_quote"><div class="gmail_attr">On Mon, 7 Dec 2026 at 10:12, Support ' +
        '&lt;support@example.test&gt; wrote:</div><blockquote class="gmail_quote">Your November invoice is ready.</blockquote></div>',
      attachments: [
        { filename: 'invoice-2026-11.pdf', content: Buffer.from('%PDF-1.4 not really'), contentType: 'application/pdf' },
      ],
    });
    await sendMail({ subject: 'Second question', text: 'Do you ship to Szeged?' });

    // Live: both rows arrive over the WebSocket, without a reload.
    await expect.poll(() => dataRows().count(), { timeout: 10_000 }).toBe(2);
    const first = dataRows().filter({ hasText: 'A számlám hibás' });
    expect(await first.getByRole('link').textContent()).toContain('#1');
    expect(await first.textContent()).toContain('Ádám');
    expect(await first.textContent()).toContain(en.conversations.unassigned);
    expect(await first.textContent()).toContain(en.conversations.priority.normal);
    // The countdown is the browser's, from dueAt (it ticks every 15 s: any of the last 20 s is right).
    const dueAt = (await conversationByNumber(1)).dueAt;
    expect(dueAt).not.toBeNull();
    const due = first.locator('td').last().locator('time');
    const now = Date.now();
    expect([-20, -15, -10, -5, 0, 5].map((seconds) => countdownText(dueAt!, now + seconds * 1000))).toContain(
      await due.textContent(),
    );
    expect(await due.getAttribute('datetime')).toBe(dueAt);
    expect(await main().locator('.list-summary').textContent()).toBe(fill(en.inbox.list.shown_other, { count: 2 }));
    await screenshot(page, 'conversations-01-inbox');
    await expectNoSeriousA11yViolations();
  });

  it('3. shows the email’s HTML in a sandboxed frame, remote images only on request, attachments as downloads', async () => {
    await dataRows().filter({ hasText: 'A számlám hibás' }).getByRole('link').click();
    await page.waitForURL(conversationPath);
    firstPath = new URL(page.url()).pathname;
    await expect.poll(heading).toBe('A számlám hibás');
    expect(await main().textContent()).toContain('#1 · Support');

    const frame = main().locator('iframe.message-html__frame');
    await expect.poll(() => frame.count()).toBe(1);
    await frame.scrollIntoViewIfNeeded();
    expect(await frame.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    const src = (await frame.getAttribute('src')) ?? '';
    expect(src).toMatch(/^\/api\/v1\/messages\/[0-9a-f-]{36}\/html$/);
    // The frame loaded the server's document (scripts cannot run in it, so it is read over HTTP, not evaluated).
    const framed = async () => (await (await frame.elementHandle())?.contentFrame())?.url() ?? '';
    await expect.poll(framed).toBe(`${server.url}${src}`);
    const document = await page.request.get(`${server.url}${src}`);
    expect(await document.text()).toContain('shows the wrong amount');
    expect(await document.text()).not.toMatch(/<script|javascript:/i);
    expect(document.headers()['content-security-policy']).toContain('sandbox');
    expect(await page.title()).not.toContain('pwned');

    await main().getByRole('button', { name: en.conversations.thread.showImages }).click();
    await expect.poll(() => frame.getAttribute('src')).toBe(`${src}?images=show`);
    await expect.poll(framed).toBe(`${server.url}${src}?images=show`);

    // The history the reply quotes is folded inside the frame until asked for, as for plain text.
    const quoted = async () => {
      const content = await (await frame.elementHandle())?.contentFrame();
      return content?.getByText('Your November invoice is ready.').isVisible();
    };
    expect(await quoted()).toBe(false);
    const toggle = main().getByRole('button', { name: en.conversations.thread.showQuoted });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await expect.poll(framed).toBe(`${server.url}${src}?images=show&quoted=show`);
    await expect.poll(quoted).toBe(true);
    expect(await main().getByRole('button', { name: en.conversations.thread.hideQuoted }).getAttribute('aria-expanded')).toBe(
      'true',
    );

    const attachment = main().getByRole('link', { name: 'invoice-2026-11.pdf' });
    expect(await attachment.getAttribute('href')).toMatch(/^\/api\/v1\/messages\/[0-9a-f-]{36}\/attachments\/[0-9a-f-]{36}$/);
    expect(await attachment.getAttribute('download')).toBe('invoice-2026-11.pdf');

    // The customer beside the thread: local time, profile link, the other open conversation.
    const panel = main().getByRole('region', { name: en.conversations.customer.title });
    expect(await panel.getByRole('link', { name: en.conversations.customer.profileLink }).getAttribute('href')).toMatch(
      /^\/customers\/[0-9a-f-]{36}$/,
    );
    await expect.poll(() => panel.getByRole('link', { name: '#2 Second question' }).count()).toBe(1);
    await expect.poll(() => panel.locator('.local-clock').count()).toBe(1);
    await screenshot(page, 'conversations-02-page');
    await expectNoSeriousA11yViolations();
  });

  it('4. assigns by keyboard, ignores shortcuts while typing, and keeps tags, priority, team and the problem', async () => {
    // Typing "e" in a field is text, not "resolve".
    const tagInput = main().getByLabel(en.conversations.tags.new);
    await tagInput.fill('');
    await tagInput.press('e');
    expect(await tagInput.inputValue()).toBe('e');
    await tagInput.fill('billing');
    await tagInput.press('Enter');
    await expect.poll(() => main().locator('.conversation-tags').textContent()).toContain('billing');
    expect((await conversationByNumber(1)).status).toBe('open');

    await pressShortcut('a');
    await expect.poll(() => main().getByLabel(en.conversations.header.assignee).inputValue()).toBe(ownerId);
    expect(await main().textContent()).toContain(fill(en.conversations.changed.assigned, { name: testOwner.name }));

    const priority = main().getByLabel(en.conversations.header.priority);
    await priority.selectOption('high');
    await expect.poll(() => priority.inputValue()).toBe('high');
    const teams = await api<{ items: { id: string; name: string }[] }>('GET', '/teams');
    const team = main().getByLabel(en.conversations.header.team);
    await team.selectOption(teams.items[0]!.id);
    await expect.poll(() => team.inputValue()).toBe(teams.items[0]!.id);
    await main().getByRole('button', { name: en.conversations.summary.write }).click();
    await main()
      .getByLabel(en.conversations.summary.label)
      .fill('Invoice 2026-11 shows the wrong amount; wants a corrected one.');
    await main().getByRole('button', { name: en.conversations.summary.save, exact: true }).click();
    await expect.poll(() => main().locator('.problem-summary__text').textContent()).toContain('wants a corrected one');

    const saved = await conversationByNumber(1);
    expect(saved).toMatchObject({ assigneeId: ownerId, priority: 'high', tags: ['billing'], teamId: teams.items[0]!.id });
    expect(saved.summary).toContain('wants a corrected one');
  });

  it('5. replies with r and Ctrl+Enter; the reply turns "Sent" live and is threaded for the customer’s mail client', async () => {
    await pressShortcut('r');
    const { customer } = await conversationByNumber(1);
    const reply = main().getByLabel(fill(en.conversations.composer.replyLabel, { name: customer.displayName }));
    await expect.poll(() => reply.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type('Dear Ádám, we are correcting the invoice today.');
    await page.keyboard.press('Control+Enter');

    await expect.poll(() => threadItems().count()).toBe(2);
    const outbound = threadItems().nth(1);
    expect(await outbound.getAttribute('class')).toContain('message--outbound');
    expect(await outbound.textContent()).toContain('we are correcting the invoice today');
    // The outbox sends it to the relay; the page hears message.sent and shows it without a reload.
    await expect
      .poll(() => outbound.locator('.delivery').textContent(), { timeout: 15_000 })
      .toBe(en.conversations.delivery.sent);
    await expect.poll(() => sent.length).toBe(1);
    expect(headerOf(sent[0]!, 'In-Reply-To')).toBe(`<${firstMessageId}>`);
    expect(decodeWords(headerOf(sent[0]!, 'Subject') ?? '')).toBe('Re: A számlám hibás [#1]');
    expect(await reply.inputValue()).toBe('');
  });

  it('6. writes an internal note with n, mentioning a colleague picked from the suggestions', async () => {
    await pressShortcut('n');
    await expect
      .poll(() => main().getByRole('tab', { name: en.conversations.composer.tab.note }).getAttribute('aria-selected'))
      .toBe('true');
    const note = main().getByLabel(en.conversations.composer.noteLabel);
    await expect.poll(() => note.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type('Accounting, please check. @do');
    const suggestions = main().getByRole('listbox', { name: en.conversations.composer.mentionList });
    await expect.poll(() => suggestions.getByRole('option').first().textContent()).toContain(testOwner.name);
    await page.keyboard.press('Enter');
    expect(await note.inputValue()).toBe(`Accounting, please check. @${testOwner.name} `);
    await page.keyboard.type('thanks');
    await page.keyboard.press('Control+Enter');

    await expect.poll(() => threadItems().count()).toBe(3);
    const added = threadItems().nth(2);
    expect(await added.getAttribute('class')).toContain('message--note');
    expect(await added.textContent()).toContain(en.conversations.thread.kind.note);
    const conversation = await conversationByNumber(1);
    const messages = await api<{ items: ApiMessage[] }>('GET', `/conversations/${conversation.id}/messages`);
    expect(messages.items.at(-1)).toMatchObject({ direction: 'note', deliveryStatus: 'none', mentions: [ownerId] });
    await screenshot(page, 'conversations-03-note');
    await expectNoSeriousA11yViolations();
  });

  it('7. lists the shortcuts with ?, snoozes until tomorrow nine, resolves and reopens with e', async () => {
    await pressShortcut('?');
    const dialog = page.getByRole('dialog', { name: en.conversations.shortcuts.title });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain(en.conversations.shortcuts.assignToMe);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    await main().getByRole('button', { name: en.conversations.snooze.open }).click();
    await main().getByRole('button', { name: en.conversations.snooze.submit, exact: true }).click();
    await expect.poll(() => main().locator('.conversation-header .status').textContent()).toBe(en.conversations.status.snoozed);
    const snoozed = await api<ApiConversation>('GET', firstPath);
    const budapestHour = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Budapest' });
    expect(budapestHour.format(new Date(snoozed.snoozedUntil!))).toBe('09:00');
    expect(new Date(snoozed.snoozedUntil!).getTime()).toBeGreaterThan(Date.now());

    await pressShortcut('e');
    await expect.poll(() => main().locator('.conversation-header .status').textContent()).toBe(en.conversations.status.resolved);
    await expect.poll(() => main().getByRole('button', { name: en.conversations.header.reopen }).count()).toBe(1);
    await pressShortcut('e');
    await expect.poll(() => main().locator('.conversation-header .status').textContent()).toBe(en.conversations.status.open);
    expect(await main().textContent()).toContain(en.conversations.changed.reopened);
  });

  it('8. adds the customer’s answer to the same thread, live, its quoted history folded away', async () => {
    const rapportMessageId = headerOf(sent[0]!, 'Message-ID')!;
    await sendMail({
      subject: 'Re: A számlám hibás',
      inReplyTo: rapportMessageId,
      references: [`<${firstMessageId}>`, rapportMessageId],
      text: [
        'Thank you, I am waiting for the corrected invoice.',
        '',
        `On Tue, 5 Mar 2024 at 10:12, Acme <${supportAddress}> wrote:`,
        '> We are correcting the invoice now.',
      ].join('\n'),
    });
    await expect.poll(() => threadItems().count(), { timeout: 10_000 }).toBe(4);
    const answer = threadItems().nth(3);
    expect(await answer.getAttribute('class')).toContain('message--inbound');
    expect(await answer.locator('.message__text').first().textContent()).toBe(
      'Thank you, I am waiting for the corrected invoice.',
    );
    const quoted = answer.locator('.message__quoted');
    expect(await quoted.isVisible()).toBe(false);
    const toggle = answer.getByRole('button', { name: en.conversations.thread.showQuoted });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await expect.poll(() => quoted.isVisible()).toBe(true);
    expect(await quoted.textContent()).toContain('> We are correcting the invoice now.');
    const hide = answer.getByRole('button', { name: en.conversations.thread.hideQuoted });
    expect(await hide.getAttribute('aria-expanded')).toBe('true');
    await hide.click();
    await expect.poll(() => quoted.isVisible()).toBe(false);
    expect(page.url()).toContain(firstPath);
  });

  it('9. narrows the inbox by view, team and status, back with u', async () => {
    await pressShortcut('u');
    await page.waitForURL('**/conversations');
    await expect.poll(() => dataRows().count()).toBe(2);
    const views = main().getByRole('navigation', { name: en.inbox.views.label });

    await views.getByRole('link', { name: en.inbox.views.mine, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('view') === 'mine');
    await expect.poll(() => dataRows().count()).toBe(1);
    expect(await dataRows().first().textContent()).toContain('A számlám hibás');
    expect(await views.getByRole('link', { name: en.inbox.views.mine, exact: true }).getAttribute('aria-current')).toBe('page');

    await views.getByRole('link', { name: en.inbox.views.unassigned }).click();
    await expect.poll(() => dataRows().first().textContent()).toContain('Second question');
    await expect.poll(() => dataRows().count()).toBe(1);

    await views.getByRole('link', { name: 'Billing' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('team')).not.toBeNull();
    await expect.poll(() => dataRows().first().textContent()).toContain('A számlám hibás');
    await expect.poll(() => dataRows().count()).toBe(1);

    await main().getByLabel(en.inbox.filters.status).selectOption('resolved');
    await expect.poll(() => main().getByRole('heading', { name: en.inbox.list.noneTitle }).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('status')).toBe('resolved');
    await expectNoSeriousA11yViolations();
  });

  it('10. follows a burst of mail live and pages with "Load more"', { timeout: 120_000 }, async () => {
    await page.goto(`${server.url}/conversations`);
    await expect.poll(() => dataRows().count()).toBe(2);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    try {
      for (let index = 1; index <= 50; index++)
        await transport.sendMail({
          from: `Customer ${index} <customer${index}@example.com.tr>`,
          to: supportAddress,
          subject: `Burst ${index}`,
          text: `Question number ${index}`,
        });
    } finally {
      transport.close();
    }
    // One page (50) of the 52 open conversations, without a reload; the rest behind "Load more".
    await expect.poll(() => dataRows().count(), { timeout: 20_000 }).toBe(50);
    const more = main().getByRole('button', { name: en.common.loadMore });
    await expect.poll(() => more.count(), { timeout: 10_000 }).toBe(1);
    await more.click();
    await expect.poll(() => dataRows().count()).toBe(52);
    await expect.poll(() => more.count()).toBe(0);
  });

  it('11. speaks Hungarian on the inbox and the conversation page', async () => {
    await page.getByRole('banner').getByLabel(en.language.label).selectOption('hu');
    await expect.poll(heading).toBe(hu.inbox.title);
    const views = main().getByRole('navigation', { name: hu.inbox.views.label });
    await expect.poll(() => views.getByRole('link', { name: hu.inbox.views.mine, exact: true }).count()).toBe(1);
    expect(await main().getByRole('columnheader').allTextContents()).toContain(hu.inbox.list.due);

    await page.goto(`${server.url}${firstPath}`);
    await expect.poll(() => main().getByRole('tab', { name: hu.conversations.composer.tab.note }).count()).toBe(1);
    expect(await main().textContent()).toContain(hu.conversations.summary.title);
    expect(await main().locator('.conversation-header .status').textContent()).toBe(hu.conversations.status.open);
    await screenshot(page, 'conversations-04-hu');
    await expectNoSeriousA11yViolations();
  });

  it('12. attaches a file to a reply, which reaches the customer’s mail as an attachment and shows in the thread', async () => {
    const invoice = { name: 'számla-javítás.txt', mimeType: 'text/plain', buffer: Buffer.from('Javított összeg: 12 500 Ft\n') };
    const mistake = { name: 'rossz.txt', mimeType: 'text/plain', buffer: Buffer.from('nem ez') };
    await main().getByRole('tab', { name: hu.conversations.composer.tab.reply }).click();
    const chooser = page.waitForEvent('filechooser');
    await main().getByRole('button', { name: hu.conversations.composer.attach }).click();
    await (await chooser).setFiles([invoice, mistake]);

    // Listed with their sizes while they upload; one is taken out again.
    const files = main().getByRole('list', { name: hu.conversations.composer.files });
    await expect.poll(() => files.getByRole('listitem').count()).toBe(2);
    expect(await files.getByRole('listitem').first().textContent()).toContain(invoice.name);
    expect(await files.getByRole('listitem').first().textContent()).toContain(String(invoice.buffer.length));
    await files
      .getByRole('listitem')
      .filter({ hasText: mistake.name })
      .getByRole('button', { name: hu.conversations.composer.removeFile })
      .click();
    await expect.poll(() => files.getByRole('listitem').count()).toBe(1);
    await screenshot(page, 'conversations-05-attachment');
    await expectNoSeriousA11yViolations();

    const { customer } = await conversationByNumber(1);
    await main()
      .getByLabel(fill(hu.conversations.composer.replyLabel, { name: customer.displayName }))
      .fill('Kedves Ádám, csatoltuk a javított számlát.');
    // Sending waits for the upload (the button says so meanwhile).
    const sendReply = main().getByRole('button', { name: hu.conversations.composer.sendReply });
    await expect.poll(() => sendReply.isEnabled()).toBe(true);
    await sendReply.click();

    await expect.poll(() => sent.length, { timeout: 15_000 }).toBe(2);
    const received = await simpleParser(sent[1]!);
    expect(received.text).toContain('csatoltuk a javított számlát');
    expect(received.attachments.map((a) => [a.filename, a.contentType])).toEqual([[invoice.name, 'text/plain']]);
    expect(received.attachments[0]!.content.equals(invoice.buffer)).toBe(true);

    // The reply in the thread lists its file as a download, as an email's are; the composer is empty again.
    const link = threadItems().last().getByRole('link', { name: invoice.name });
    await expect.poll(() => link.count()).toBe(1);
    expect(await link.getAttribute('href')).toMatch(/^\/api\/v1\/messages\/[0-9a-f-]{36}\/attachments\/[0-9a-f-]{36}$/);
    await expect.poll(() => files.count()).toBe(0);
  });
});
