/**
 * Live chat on a phone while nobody is there: the owner's website chat allows only the shop's site, and the team's
 * business hours start later today (or tomorrow). A Turkish visitor opens the shop on a 390 × 844 touch screen: the
 * chat fills the screen, says when the team will answer in the visitor's own time, and asks for an email; the
 * visitor writes by tapping, leaves an address and goes. The agent answers from the console once the visitor is
 * gone: the answer goes out by email (to the local SMTP sink), and so does the transcript the agent sends. A page
 * of another site cannot open the chat's socket with a visitor token. The steps build on each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { simpleParser, type ParsedMail } from 'mailparser';
import widgetTr from '../apps/widget/app/locales/tr.json';
import { describeNextOnline } from '../apps/widget/app/src/availability-text';
import { createTranslator } from '../apps/widget/app/src/i18n';
import en from '../apps/console/src/locales/en.json';
import {
  apiAs,
  launchBrowser,
  removeDataDir,
  serveHtmlPage,
  signInAsNewOwner,
  startRapportWithMail,
  type RapportServer,
} from './harness';

type Site = { url: string; close(): Promise<void> };

const relayed: string[] = [];
const visitorEmail = 'zeynep@example.com.tr';
const phone = { width: 390, height: 844 };
let server: RapportServer;
let closeSink: () => Promise<void>;
let site: Site;
let foreign: Site;
let browser: Browser;
let agentContext: BrowserContext;
let visitorContext: BrowserContext;
let agent: Page;
let visitor: Page;
let snippet = '';
let widgetKey = '';
let conversationId = '';

beforeAll(async () => {
  const mail = await startRapportWithMail(relayed);
  server = mail.server;
  closeSink = mail.closeSink;
  site = await serveHtmlPage(
    () =>
      `<!doctype html><html lang="tr"><head><meta charset="utf-8">
       <meta name="viewport" content="width=device-width, initial-scale=1"><title>Dükkan</title></head>
       <body><h1>Dükkan</h1><p>Her şey yolunda.</p>${snippet}</body></html>`,
  );
  foreign = await serveHtmlPage(() => '<!doctype html><html><head><title>Another site</title></head><body></body></html>');
  browser = await launchBrowser();
  agentContext = await browser.newContext({
    locale: 'en-US',
    timezoneId: 'Europe/Budapest',
    viewport: { width: 1280, height: 860 },
  });
  visitorContext = await browser.newContext({
    locale: 'tr-TR',
    timezoneId: 'Europe/Istanbul',
    viewport: phone,
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  });
  agent = await agentContext.newPage();
  visitor = await visitorContext.newPage();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await foreign?.close();
  await server?.stop();
  await closeSink?.();
  if (server && !process.env.E2E_KEEP_DATA) await removeDataDir(server.dataDir);
});

function widget(): FrameLocator {
  return visitor.frameLocator('iframe');
}

/** The hour now on a clock in this time zone (0–23). */
function hourIn(timeZone: string, now: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now));
}

/** Every mail the relay took so far, parsed. */
async function mails(): Promise<ParsedMail[]> {
  return Promise.all(relayed.map((raw) => simpleParser(raw)));
}

async function mailTo(address: string, match: (mail: ParsedMail) => boolean): Promise<ParsedMail | undefined> {
  return (await mails()).find((mail) => JSON.stringify(mail.to).includes(address) && match(mail));
}

/** Opens the widget's socket from the page with a visitor token; resolves with the frames received and the close code. */
function socketFrom(page: Page, token: string): Promise<{ code: number; frames: { type: string; code?: string }[] }> {
  const url = `${server.url.replace('http:', 'ws:')}/api/v1/widget/socket?token=${encodeURIComponent(token)}`;
  return page.evaluate(
    (address) =>
      new Promise((resolve) => {
        const frames: { type: string; code?: string }[] = [];
        const socket = new WebSocket(address);
        socket.onmessage = (event) => {
          const frame = JSON.parse(String(event.data)) as { type: string; code?: string };
          frames.push(frame);
          if (frame.type === 'welcome') socket.close(1000);
        };
        socket.onclose = (event) => resolve({ code: event.code, frames });
      }),
    url,
  );
}

describe('live chat on a phone, outside business hours', () => {
  it('1. the owner adds an email channel, business hours that start later, and a chat for the shop’s site only', async () => {
    await signInAsNewOwner(server, agent);
    await agent.waitForURL('**/inbox');
    await apiAs(agent, server, 'POST', '/channels', { kind: 'email', name: 'Dükkan Destek', address: 'destek@dukkan.test' });
    // One hour a day, starting two hours from now (or at 01:00 tomorrow late in the evening): closed now.
    const hour = hourIn('Europe/Budapest', new Date());
    const [start, end] = hour <= 20 ? [hour + 2, hour + 3] : [1, 2];
    const at = (h: number) => `${String(h).padStart(2, '0')}:00`;
    await apiAs(agent, server, 'POST', '/business-calendars', {
      name: 'Budapest',
      isDefault: true,
      calendar: {
        timeZone: 'Europe/Budapest',
        weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: at(start), end: at(end) })),
        holidayCountry: null,
        holidayRegion: null,
        overrides: [],
      },
    });
    const channel = await apiAs<{ id: string }>(agent, server, 'POST', '/channels', {
      kind: 'chat',
      name: 'Dükkan',
      settings: { greetings: { tr: 'Merhaba! Nasıl yardımcı olabiliriz?' }, allowedOrigins: [site.url] },
    });
    const setup = await apiAs<{ snippet: string; widgetKey: string }>(agent, server, 'GET', `/channels/${channel.id}/widget`);
    snippet = setup.snippet;
    widgetKey = setup.widgetKey;
  });

  it('2. on a phone, the open chat fills the screen and says when the team answers, in the visitor’s time', async () => {
    await visitor.goto(site.url);
    await widget().getByRole('button', { name: widgetTr.launcher.open }).tap();
    const panel = widget().locator('#rapport-panel');
    await expect.poll(() => panel.isVisible(), { timeout: 15_000 }).toBe(true);
    const frame = (await visitor.locator('iframe').boundingBox())!;
    expect(frame).toEqual({ x: 0, y: 0, ...phone });
    const box = (await panel.boundingBox())!;
    expect(box.x).toBe(0);
    expect(box.y).toBe(0);
    expect(Math.abs(box.width - phone.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(box.height - phone.height)).toBeLessThanOrEqual(1);

    // "We'll answer today/tomorrow at HH:MM your time", from the server's next opening, on Istanbul's clock.
    const config = (await (await fetch(`${server.url}/api/v1/widget/config?key=${widgetKey}&lang=tr`)).json()) as {
      availability: { online: boolean; nextOnlineAt: string };
    };
    expect(config.availability.online).toBe(false);
    const expected = describeNextOnline(
      new Date(config.availability.nextOnlineAt),
      new Date(),
      'tr',
      'Europe/Istanbul',
      createTranslator('tr'),
    );
    const istanbul = new Intl.DateTimeFormat('tr', { timeZone: 'Europe/Istanbul', timeStyle: 'short' }).format(
      new Date(config.availability.nextOnlineAt),
    );
    expect(expected).toContain(istanbul);
    await expect.poll(() => widget().locator('.availability-detail').textContent(), { timeout: 10_000 }).toBe(expected);
    expect(await widget().locator('.availability').textContent()).toBe(widgetTr.status.offline);
    // The offline form asks for an email.
    await expect.poll(() => widget().getByText(widgetTr.contact.offlineIntro).count()).toBe(1);
  });

  it('3. the visitor writes by tapping, and leaves an email address in the offline form', async () => {
    const composer = widget().locator('form.composer');
    const area = (await composer.boundingBox())!;
    expect(area.y).toBeGreaterThanOrEqual(0);
    expect(area.y + area.height).toBeLessThanOrEqual(phone.height);
    await widget().getByLabel(widgetTr.composer.label).tap();
    await visitor.keyboard.type('Siparişim ne zaman gelir?');
    await widget().getByRole('button', { name: widgetTr.composer.send, exact: true }).tap();
    await expect
      .poll(() => widget().locator('ol.messages > li .text').allTextContents(), { timeout: 10_000 })
      .toEqual(['Siparişim ne zaman gelir?']);
    await expect.poll(() => widget().locator('ol.messages > li.sending').count(), { timeout: 10_000 }).toBe(0);

    await widget()
      .getByLabel(new RegExp(`^${widgetTr.contact.name}`))
      .fill('Zeynep');
    await widget().getByLabel(widgetTr.contact.email, { exact: true }).fill(visitorEmail);
    await widget().getByRole('button', { name: widgetTr.contact.submit }).tap();
    const saved = widgetTr.contact.saved.replace('{email}', visitorEmail);
    await expect.poll(() => widget().getByText(saved).count(), { timeout: 10_000 }).toBe(1);
  });

  it('4. a page of another site cannot open the chat’s socket; the shop’s page can', async () => {
    // A token made by a server (no Origin): what another site could get and hand to its pages.
    const session = (await (
      await fetch(`${server.url}/api/v1/widget/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key: widgetKey }),
      })
    ).json()) as { visitorToken: string };
    const other = await agentContext.newPage();
    await other.goto(foreign.url);
    const refused = await socketFrom(other, session.visitorToken);
    expect(refused.code).toBe(4401);
    expect(refused.frames).toEqual([expect.objectContaining({ type: 'error', code: 'unknown_widget' })]);
    await other.goto(site.url);
    const allowed = await socketFrom(other, session.visitorToken);
    expect(allowed.frames[0]?.type).toBe('welcome');
    await other.close();
  });

  it('5. once the visitor has gone, the agent’s answer from the console goes out by email', { timeout: 180_000 }, async () => {
    const { items } = await apiAs<{ items: { id: string; channel: { kind: string } }[] }>(agent, server, 'GET', '/conversations');
    conversationId = items.find((item) => item.channel.kind === 'chat')!.id;
    await visitor.close();
    // The visitor counts as there until their socket has been silent for 75 s.
    await expect
      .poll(
        async () => (await apiAs<{ online: boolean }>(agent, server, 'GET', `/conversations/${conversationId}/visitor`)).online,
        {
          timeout: 150_000,
          interval: 5_000,
        },
      )
      .toBe(false);
    await agent.goto(`${server.url}/conversations/${conversationId}`);
    await agent.getByRole('main').locator('.thread__list').getByText('Siparişim ne zaman gelir?').waitFor();
    await agent.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
    await agent.keyboard.press('r');
    await expect.poll(() => agent.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await agent.keyboard.type('Yarın öğleden önce elinizde olacak.');
    await agent.keyboard.press('Control+Enter');
    await expect
      .poll(
        async () =>
          (await mailTo(visitorEmail, (m) => (m.text ?? '').includes('Yarın öğleden önce elinizde olacak.'))) !== undefined,
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    const answer = (await mailTo(visitorEmail, (m) => (m.text ?? '').includes('Yarın öğleden önce elinizde olacak.')))!;
    expect(answer.from?.value[0]?.address).toBe('destek@dukkan.test');
  });

  it('6. the agent emails the transcript to the customer from the conversation', async () => {
    const panel = agent.getByRole('region', { name: en.chat.visitor.title });
    await panel.getByRole('button', { name: en.chat.transcript.button }).click();
    await panel.getByRole('button', { name: en.chat.transcript.send }).click();
    await panel
      .getByRole('status')
      .filter({ hasText: en.chat.transcript.queued.replace('{{email}}', visitorEmail) })
      .waitFor();
    await expect
      .poll(async () => (await mailTo(visitorEmail, (m) => m.subject === 'Dükkan ile yazışmanız')) !== undefined, {
        timeout: 30_000,
      })
      .toBe(true);
    const transcript = (await mailTo(visitorEmail, (m) => m.subject === 'Dükkan ile yazışmanız'))!;
    expect(transcript.text).toContain('Siz (');
    expect(transcript.text).toContain('Siparişim ne zaman gelir?');
    expect(transcript.text).toContain('Yarın öğleden önce elinizde olacak.');
  });
});
