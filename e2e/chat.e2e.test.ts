/**
 * Live chat as a new user tries it: the snippet from the channel settings is
 * pasted into a plain page of another site (served on localhost); a visitor
 * whose browser speaks Turkish chats through the widget; an agent answers
 * from the console in another browser context; the visitor's network goes
 * (a TCP proxy drops every connection) while both sides write; when it comes
 * back, every message is there exactly once and in order, on both sides; the
 * owner changes the channel's greeting, colour and side while the widget is
 * open, and it shows them without a reload; the visitor comes back later and
 * finds the history. The steps build on each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import widgetTr from '../apps/widget/app/locales/tr.json';
import en from '../apps/console/src/locales/en.json';
import {
  apiAs,
  launchBrowser,
  removeDataDir,
  serveHtmlPage,
  signInAsNewOwner,
  startRapport,
  startTcpProxy,
  testOwner,
  type RapportServer,
  type TcpProxy,
} from './harness';

let server: RapportServer;
let proxy: TcpProxy;
let site: { url: string; close(): Promise<void> };
let browser: Browser;
let agentContext: BrowserContext;
let visitorContext: BrowserContext;
let agent: Page;
let visitor: Page;
let snippet = '';
let channelId = '';
let conversationPath = '';

interface ApiConversation {
  id: string;
  channel: { kind: string };
}
interface ApiMessage {
  direction: string;
  bodyText: string;
}

beforeAll(async () => {
  server = await startRapport();
  proxy = await startTcpProxy(server.port);
  // The customer's site: a plain page with the snippet, which reaches Rapport through the proxy.
  site = await serveHtmlPage(
    () =>
      `<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>Dükkan</title>
       <style>iframe { width: 100% !important; border: 5px solid red }</style></head>
       <body><h1>Dükkan</h1><p>Her şey yolunda.</p>${snippet.replace(server.url, proxy.url)}</body></html>`,
  );
  browser = await launchBrowser();
  agentContext = await browser.newContext({
    locale: 'en-US',
    timezoneId: 'Europe/Budapest',
    viewport: { width: 1280, height: 860 },
  });
  visitorContext = await browser.newContext({
    locale: 'tr-TR',
    timezoneId: 'Europe/Istanbul',
    viewport: { width: 1200, height: 800 },
  });
  agent = await agentContext.newPage();
  visitor = await visitorContext.newPage();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await proxy?.close();
  await server?.stop();
  if (server && !process.env.E2E_KEEP_DATA) await removeDataDir(server.dataDir);
});

function widget(page: Page = visitor): FrameLocator {
  return page.frameLocator('iframe');
}

/** The texts of the widget's messages, in the order shown. */
function widgetTexts(page: Page = visitor): Promise<string[]> {
  return widget(page).locator('ol.messages > li .text').allTextContents();
}

async function sendFromWidget(text: string): Promise<void> {
  const box = widget().getByLabel(widgetTr.composer.label);
  await box.fill(text);
  await widget().getByRole('button', { name: widgetTr.composer.send, exact: true }).click();
}

async function replyFromConsole(text: string): Promise<void> {
  await agent.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await agent.keyboard.press('r');
  await expect.poll(() => agent.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
  await agent.keyboard.type(text);
  await agent.keyboard.press('Control+Enter');
}

describe('live chat', () => {
  it('1. the owner adds a website chat and takes its snippet', async () => {
    await signInAsNewOwner(server, agent);
    await agent.waitForURL('**/inbox');
    const channel = await apiAs<{ id: string }>(agent, server, 'POST', '/channels', {
      kind: 'chat',
      name: 'Dükkan',
      settings: { greetings: { tr: 'Merhaba! Nasıl yardımcı olabiliriz?', en: 'Hi! How can we help?' } },
    });
    channelId = channel.id;
    const setup = await apiAs<{ snippet: string; widgetKey: string; identitySecret: string }>(
      agent,
      server,
      'GET',
      `/channels/${channel.id}/widget`,
    );
    expect(setup.snippet).toContain(`data-key="${setup.widgetKey}"`);
    // The owner takes it where a site owner would: the channel's settings, beside its identity secret.
    await agent.goto(`${server.url}/settings/channels`);
    await agent
      .getByRole('main')
      .getByRole('row', { name: /Dükkan/ })
      .getByRole('button')
      .click();
    const panel = agent.getByRole('region', { name: en.chat.install.title });
    await panel.waitFor();
    snippet = await panel.getByLabel(en.chat.install.snippet, { exact: true }).inputValue();
    expect(snippet).toBe(setup.snippet);
    const secret = panel.getByLabel(en.chat.install.secret, { exact: true });
    expect(await secret.inputValue()).not.toContain(setup.identitySecret);
    await panel.getByRole('button', { name: en.chat.install.showSecret }).click();
    expect(await secret.inputValue()).toBe(setup.identitySecret);
  });

  it('2. a Turkish visitor opens the widget on the site, in Turkish, untouched by the page’s CSS', async () => {
    await visitor.goto(site.url);
    const launcher = widget().getByRole('button', { name: widgetTr.launcher.open });
    await launcher.click();
    await expect.poll(() => widget().getByText('Merhaba! Nasıl yardımcı olabiliriz?').count()).toBe(1);
    expect(await widget().locator('html').getAttribute('lang')).toBe('tr');
    // The page's `iframe { width: 100% !important }` did not stretch the panel across the page.
    const box = await visitor.locator('iframe').boundingBox();
    expect(box!.width).toBeLessThan(600);
  });

  it('3. the visitor writes; the agent sees the chat in the inbox and answers; the visitor sees the answer', async () => {
    await sendFromWidget('Merhaba, siparişim nerede?');
    await expect.poll(() => widget().locator('ol.messages > li.sending').count(), { timeout: 10_000 }).toBe(0);

    await agent.goto(`${server.url}/inbox`);
    await expect
      .poll(() => agent.getByRole('main').getByText('Merhaba, siparişim nerede?').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const { items } = await apiAs<{ items: ApiConversation[] }>(agent, server, 'GET', '/conversations?status=active');
    expect(items.map((c) => c.channel.kind)).toEqual(['chat']);
    conversationPath = `/conversations/${items[0]!.id}`;
    await agent.goto(`${server.url}${conversationPath}`);
    await expect
      .poll(() => agent.getByRole('main').locator('.thread__list').getByText('Merhaba, siparişim nerede?').count())
      .toBe(1);
    await replyFromConsole('Merhaba! Siparişiniz kargoda.');
    await expect
      .poll(() => widgetTexts(), { timeout: 10_000 })
      .toEqual(['Merhaba, siparişim nerede?', 'Merhaba! Siparişiniz kargoda.']);
  });

  it('4. with the visitor’s network cut, both sides write; back online, every message arrives once, in order', async () => {
    proxy.cut();
    await expect.poll(() => widget().getByText(widgetTr.status.reconnecting).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await sendFromWidget('Kargo numarası nedir?');
    await sendFromWidget('Bir de fatura lazım.');
    await replyFromConsole('Kargo numaranız 4815162342.');
    await expect.poll(() => agent.getByRole('main').getByText('Kargo numaranız 4815162342.').count()).toBe(1);
    // Offline, the visitor's two messages wait in the widget, marked as sending.
    expect(await widget().locator('ol.messages > li.sending').count()).toBe(2);

    proxy.restore();
    const expected = [
      'Merhaba, siparişim nerede?',
      'Merhaba! Siparişiniz kargoda.',
      'Kargo numaranız 4815162342.',
      'Kargo numarası nedir?',
      'Bir de fatura lazım.',
    ];
    await expect.poll(() => widgetTexts(), { timeout: 30_000 }).toEqual(expected);
    await expect.poll(() => widget().locator('ol.messages > li.sending').count()).toBe(0);
    // The server has each once, in the same order; the console shows them live.
    const messages = await apiAs<{ items: ApiMessage[] }>(agent, server, 'GET', `${conversationPath}/messages`);
    expect(messages.items.filter((m) => m.direction !== 'note').map((m) => m.bodyText)).toEqual(expected);
    const thread = agent.getByRole('main').locator('.thread__list');
    for (const text of expected) await expect.poll(() => thread.getByText(text, { exact: true }).count()).toBe(1);
  });

  it('5. shows typing and read receipts both ways', async () => {
    // The agent is on the conversation page: the visitor's messages are read, and the widget says so.
    await expect
      .poll(() => widget().locator('ol.messages > li.mine').last().locator('.status.seen').count(), { timeout: 15_000 })
      .toBe(1);
    expect(await widget().locator('ol.messages > li.mine').last().locator('.status.seen').textContent()).toBe(
      widgetTr.messages.seen,
    );
    // The visitor has the panel open: the team's latest reply is marked seen in the console.
    const lastReply = agent.getByRole('main').locator('.thread__list > li.message--outbound').last();
    await expect.poll(() => lastReply.getByText(en.chat.conversation.seen, { exact: true }).count(), { timeout: 15_000 }).toBe(1);

    // The agent types (without sending): the visitor sees who is typing.
    await agent.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
    await agent.keyboard.press('r');
    await expect.poll(() => agent.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await agent.keyboard.type('Bir saniye, bakıyorum');
    const agentTyping = widgetTr.messages.typing.replace('{name}', testOwner.name);
    await expect.poll(() => widget().getByText(agentTyping).count(), { timeout: 10_000 }).toBe(1);
    // The visitor types: the agent sees it under the thread.
    await widget().getByLabel(widgetTr.composer.label).pressSequentially('Tamam, bekliyorum', { delay: 20 });
    await expect.poll(() => agent.locator('.typing-indicator').textContent(), { timeout: 10_000 }).toMatch(/typing/);
  });

  it('6. the owner changes the greeting, colour and side; the open widget shows them without a reload', async () => {
    const frameBox = async () => (await visitor.locator('iframe').boundingBox())!;
    expect((await frameBox()).x).toBeGreaterThan(600);
    await apiAs(agent, server, 'PATCH', `/channels/${channelId}`, {
      settings: {
        greetings: { tr: 'Yeni kampanyamıza hoş geldiniz!', en: 'Welcome to our new sale!' },
        colour: '#0a7c4a',
        position: 'left',
      },
    });
    await expect.poll(() => widget().getByText('Yeni kampanyamıza hoş geldiniz!').count(), { timeout: 10_000 }).toBe(1);
    expect(await widget().getByText('Merhaba! Nasıl yardımcı olabiliriz?').count()).toBe(0);
    const brand = () =>
      widget()
        .locator('html')
        .evaluate((html) => html.style.getPropertyValue('--brand'));
    await expect.poll(brand).toBe('#0a7c4a');
    // The loader moved the frame to the page's other side.
    await expect.poll(async () => (await frameBox()).x).toBeLessThan(100);
    // The same page all along: the conversation is still there, and the message being typed too.
    expect(await widgetTexts()).toHaveLength(5);
    expect(await widget().getByLabel(widgetTr.composer.label).inputValue()).toBe('Tamam, bekliyorum');
  });

  it('7. the visitor comes back later and sees the whole history', async () => {
    await visitor.close();
    visitor = await visitorContext.newPage();
    await visitor.goto(site.url);
    // The widget remembers it was open; if not, the visitor opens it.
    const launcher = widget().getByRole('button', { name: widgetTr.launcher.open });
    await expect.poll(() => widget().locator('#rapport-panel').count(), { timeout: 15_000 }).toBe(1);
    if (await launcher.isVisible()) await launcher.click();
    await expect
      .poll(() => widgetTexts(), { timeout: 15_000 })
      .toEqual([
        'Merhaba, siparişim nerede?',
        'Merhaba! Siparişiniz kargoda.',
        'Kargo numaranız 4815162342.',
        'Kargo numarası nedir?',
        'Bir de fatura lazım.',
      ]);
    // The agent sees the page the visitor is on, linked, in the conversation's visitor panel.
    await agent.reload();
    const page = agent.getByRole('main').getByRole('link', { name: 'Dükkan' });
    await expect.poll(() => page.getAttribute('href'), { timeout: 15_000 }).toBe(`${site.url}/`);
  });
});
