import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import type { Client, TestApp } from '../../../test/harness.js';
import { createPerson, createWorkspace } from '../../../test/factories.js';
import { mailTestApp } from '../../../test/mail-test-app.js';
import { until } from '../../../test/wait.js';
import { formatExpectedBy } from './acknowledge-conversation.js';
import { wakeSnoozedJob } from './wake-snoozed.js';
import { messageHtmlColumns } from './message-html.js';
import * as repo from './conversations.repo.js';
import { createLogger } from '../../platform/logger.js';
import type { Job } from '@rapport/db';

const mail = mailTestApp({ maxMessageBytes: 256 * 1024 });

/** A reply as Gmail writes it: the new text above a quote container holding the history. */
const gmailReplyHtml =
  '<div dir="ltr">Csütörtökön 10-kor jó.</div><div class="gmail_quote"><div class="gmail_attr">2026. dec. 7. ' +
  'dátummal Anna ezt írta:</div><blockquote class="gmail_quote">Mikor hívhatjuk?</blockquote></div>';

let channelCount = 0;
async function emailChannel(t: TestApp, owner: Client) {
  const address = `support-${++channelCount}-${Date.now()}@acme.test`;
  const created = await t.request('POST', '/api/v1/channels', {
    as: owner,
    body: { kind: 'email', name: 'Acme Support', address, settings: { senderName: 'Acme Ügyfélszolgálat' } },
  });
  expect(created.statusCode).toBe(201);
  return { id: created.json().id as string, address };
}

async function conversations(t: TestApp, as: Client, query = '') {
  const response = await t.request('GET', `/api/v1/conversations${query}`, { as });
  expect(response.statusCode).toBe(200);
  return response.json().items as {
    id: string;
    number: number;
    status: string;
    subject: string;
    customer: { displayName: string };
  }[];
}

async function messages(t: TestApp, as: Client, conversationId: string) {
  const response = await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { as });
  expect(response.statusCode).toBe(200);
  return response.json().items as {
    id: string;
    direction: string;
    bodyText: string;
    deliveryStatus: string;
    attachments: { fileName: string }[];
  }[];
}

describe('email conversations', () => {
  it('files mail to a channel address as a conversation of a new customer, answered 250 once stored', async () => {
    const t = mail.app;
    const { owner } = await createWorkspace(t.db);
    const channel = await emailChannel(t, owner.client);
    const sent = await mail.send({
      from: { name: 'Kovács Ádám', address: 'Adam.Kovacs@Example.hu' },
      to: channel.address,
      subject: 'Számla kérdés — Árvíztűrő tükörfúrógép',
      text: 'Jó napot! A múlt havi számlámmal kapcsolatban írok.',
      attachments: [{ filename: 'számla.pdf', content: Buffer.from('%PDF-1.4 test') }],
    });
    expect(sent.response).toMatch(/^250 .*Accepted #1/);

    const [conversation] = await conversations(t, owner.client);
    expect(conversation).toMatchObject({ number: 1, status: 'open', subject: 'Számla kérdés — Árvíztűrő tükörfúrógép' });
    expect(conversation!.customer.displayName).toBe('Kovács Ádám');
    const [received] = await messages(t, owner.client, conversation!.id);
    expect(received).toMatchObject({ direction: 'inbound', deliveryStatus: 'received', hasHtml: false, hasQuotedHistory: false });
    expect(received!.bodyText).toContain('A múlt havi számlámmal');
    expect(received!.attachments.map((a) => a.fileName)).toEqual(['számla.pdf']);

    // The customer is found by the address, whatever its case, and the message is on their timeline.
    const customer = await t.request('GET', '/api/v1/customers/lookup?kind=email&value=adam.kovacs@example.hu', {
      as: owner.client,
    });
    expect(customer.statusCode).toBe(200);
    const timeline = await t.request('GET', `/api/v1/customers/${customer.json().id}/timeline`, { as: owner.client });
    expect(timeline.json().items[0]).toMatchObject({
      kind: 'message',
      type: 'message.inbound',
      data: { conversationNumber: 1, subject: 'Számla kérdés — Árvíztűrő tükörfúrógép' },
    });
  });

  it('replies through the relay with headers mail clients thread by, and the answer joins the same conversation', async () => {
    const t = mail.app;
    const { owner } = await createWorkspace(t.db);
    const channel = await emailChannel(t, owner.client);
    const first = await mail.send({
      from: { name: 'Ayşe Yılmaz', address: 'ayse@example.com.tr' },
      to: channel.address,
      subject: 'Sipariş gecikti',
      text: 'Merhaba, siparişim nerede?',
    });
    const [conversation] = await conversations(t, owner.client);
    const reply = await t.request('POST', `/api/v1/conversations/${conversation!.id}/messages`, {
      as: owner.client,
      body: { kind: 'reply', body: 'Merhaba Ayşe Hanım,\n\nsiparişiniz yarın teslim edilecek.' },
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({ direction: 'outbound', deliveryStatus: 'queued' });

    await until(async () => (await messages(t, owner.client, conversation!.id)).some((m) => m.deliveryStatus === 'sent'));
    const relayed = mail.relayed.find((m) => m.to.includes('ayse@example.com.tr'))!;
    expect(relayed.from).toBe(channel.address);
    const out = await simpleParser(relayed.raw);
    expect(out.subject).toBe(`Re: Sipariş gecikti [#${conversation!.number}]`);
    expect(out.inReplyTo).toBe(`<${first.messageId}>`);
    expect(out.references).toEqual(`<${first.messageId}>`);
    expect(out.from?.value[0]).toMatchObject({ name: 'Acme Ügyfélszolgálat', address: channel.address });
    const replyTo = out.replyTo!.value[0]!.address!;
    expect(replyTo).toMatch(/^support-\d+-\d+\+[a-z0-9]+@acme\.test$/);
    expect(out.text).toContain('siparişiniz yarın teslim edilecek');
    expect(out.html).toContain('<p>Merhaba Ayşe Hanım,</p>');
    expect(out.messageId).toMatch(/@rapport\.test>$/);
    // Waiting on the customer now.
    expect((await conversations(t, owner.client, '?status=pending')).map((c) => c.id)).toEqual([conversation!.id]);

    // The customer's client answers with In-Reply-To: the same conversation, open again.
    await mail.send({
      from: 'ayse@example.com.tr',
      to: channel.address,
      subject: `Re: Sipariş gecikti [#${conversation!.number}]`,
      text: 'Teşekkürler!',
      inReplyTo: out.messageId!,
      references: [`<${first.messageId}>`, out.messageId!],
    });
    // A reply whose headers were lost still finds it through the reply address.
    await mail.send({ from: 'ayse@example.com.tr', to: replyTo, subject: 'bir şey daha', text: 'Bir sorum daha var.' });
    const open = await conversations(t, owner.client);
    expect(open.map((c) => c.id)).toEqual([conversation!.id]);
    expect((await messages(t, owner.client, conversation!.id)).map((m) => m.direction)).toEqual([
      'inbound',
      'outbound',
      'inbound',
      'inbound',
    ]);
  });

  it('refuses unknown recipients and oversize mail, and files a message delivered twice once', async () => {
    const t = mail.app;
    const { owner } = await createWorkspace(t.db);
    const channel = await emailChannel(t, owner.client);
    await expect(mail.send({ from: 'x@example.de', to: 'nobody@acme.test', subject: 'Hallo', text: 'Hallo' })).rejects.toThrow(
      /550 5\.1\.1 No such mailbox/,
    );
    await expect(
      mail.send({ from: 'x@example.de', to: channel.address, subject: 'Groß', text: 'x'.repeat(300 * 1024) }),
    ).rejects.toThrow(/552/);
    const twice = {
      from: 'x@example.de',
      to: channel.address,
      subject: 'Zweimal',
      text: 'Hallo',
      messageId: `<twice-${Date.now()}@example.de>`,
    };
    await mail.send(twice);
    await mail.send(twice);
    const [conversation] = await conversations(t, owner.client);
    expect(await messages(t, owner.client, conversation!.id)).toHaveLength(1);
  });

  it('assigns, snoozes and resolves, lists by view, and keeps other workspaces out', async () => {
    const t = mail.app;
    const { owner, workspaceId } = await createWorkspace(t.db);
    const agent = await createPerson(t.db, { workspaceId, role: 'agent' });
    const channel = await emailChannel(t, owner.client);
    await mail.send({ from: 'dilnoza@example.uz', to: channel.address, subject: 'Buyurtma', text: 'Salom!' });
    const [conversation] = await conversations(t, owner.client);
    const id = conversation!.id;
    expect((await conversations(t, agent.client, '?view=unassigned')).map((c) => c.id)).toEqual([id]);

    const assigned = await t.request('PATCH', `/api/v1/conversations/${id}`, {
      as: owner.client,
      body: { assigneeId: agent.userId, priority: 'high', summary: 'Buyurtma kechikmoqda', tags: ['buyurtma'] },
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ assigneeId: agent.userId, priority: 'high', summary: 'Buyurtma kechikmoqda' });
    expect((await conversations(t, agent.client, '?view=mine')).map((c) => c.id)).toEqual([id]);
    expect(await conversations(t, owner.client, '?view=mine')).toEqual([]);

    const note = await t.request('POST', `/api/v1/conversations/${id}/messages`, {
      as: agent.client,
      body: { kind: 'note', body: 'Omborga qo‘ng‘iroq qildim.', mentions: [owner.userId] },
    });
    expect(note.json()).toMatchObject({ direction: 'note', deliveryStatus: 'none', mentions: [owner.userId] });

    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const snoozed = await t.request('PATCH', `/api/v1/conversations/${id}`, {
      as: agent.client,
      body: { status: 'snoozed', snoozedUntil: soon },
    });
    expect(snoozed.json()).toMatchObject({ status: 'snoozed', snoozedUntil: soon });
    const past = await t.request('PATCH', `/api/v1/conversations/${id}`, {
      as: agent.client,
      body: { status: 'snoozed', snoozedUntil: new Date(Date.now() - 1000).toISOString() },
    });
    expect(past.json().error.code).toBe('validation_failed');
    // The snooze ends: the wake-up job opens it again, and says why.
    await t.db
      .updateTable('conversations')
      .set({ snoozed_until: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    await wakeSnoozedJob.handle(
      {},
      {
        db: t.db,
        job: { attempts: 1, max_attempts: 10 } as Job,
        logger: createLogger({ log: { level: 'silent', format: 'json' } }),
        signal: new AbortController().signal,
        complete: (work) => t.db.transaction().execute(work),
      },
    );
    const woken = await t.request('GET', `/api/v1/conversations/${id}`, { as: agent.client });
    expect(woken.json()).toMatchObject({ status: 'open', snoozedUntil: null });
    const resolved = await t.request('PATCH', `/api/v1/conversations/${id}`, { as: agent.client, body: { status: 'resolved' } });
    expect(resolved.json()).toMatchObject({ status: 'resolved', snoozedUntil: null });
    expect(resolved.json().resolvedAt).not.toBeNull();

    const events = await t.db
      .selectFrom('events')
      .select('name')
      .where('workspace_id', '=', workspaceId)
      .where('subject_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.name)).toEqual([
      'conversation.created',
      'message.received',
      'conversation.assigned',
      'conversation.priority_changed',
      'conversation.updated',
      'note.created',
      'conversation.snoozed',
      'conversation.reopened',
      'conversation.resolved',
    ]);

    const other = await createWorkspace(t.db);
    expect((await t.request('GET', `/api/v1/conversations/${id}`, { as: other.owner.client })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/conversations/${id}/messages`, { as: other.owner.client })).statusCode).toBe(404);
    const stranger = await t.request('PATCH', `/api/v1/conversations/${id}`, {
      as: owner.client,
      body: { assigneeId: other.owner.userId },
    });
    expect(stranger.json().error.code).toBe('not_a_member');
    expect(await conversations(t, other.owner.client, '?status=resolved')).toEqual([]);
  });

  it('serves an HTML email inert: sanitized, sandboxed, remote images off until asked, inline images embedded', async () => {
    const t = mail.app;
    const { owner } = await createWorkspace(t.db);
    const channel = await emailChannel(t, owner.client);
    const pixel = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    await mail.send({
      from: 'mallory@example.net',
      to: channel.address,
      subject: 'Fatura',
      html:
        '<p onclick="steal()">Merhaba <b>dünya</b></p><script>alert(1)</script>' +
        '<a href="javascript:alert(2)">tıkla</a><img src="https://tracker.example/p.gif">' +
        '<img src="cid:logo@example.net"><svg onload="alert(3)"></svg>',
      attachments: [{ filename: 'logo.png', content: pixel, cid: 'logo@example.net', contentType: 'image/png' }],
    });
    const [conversation] = await conversations(t, owner.client);
    const [message] = await messages(t, owner.client, conversation!.id);
    expect(message).toMatchObject({ hasHtml: true, hasRemoteImages: true, hasQuotedHistory: false });

    const document = await t.request('GET', `/api/v1/messages/${message!.id}/html`, { as: owner.client });
    expect(document.statusCode).toBe(200);
    expect(document.headers['content-security-policy']).toMatch(
      /^sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src data:;/,
    );
    const html = document.body;
    expect(html).toContain('<b>dünya</b>');
    expect(html).not.toMatch(/<script|onclick|onload|javascript:|<svg/i);
    expect(html).not.toMatch(/\ssrc="https:\/\/tracker\.example/);
    expect(html).toContain('src="data:image/png;base64,');
    const shown = await t.request('GET', `/api/v1/messages/${message!.id}/html?images=show`, { as: owner.client });
    expect(shown.body).toContain('src="https://tracker.example/p.gif"');
    expect(shown.headers['content-security-policy']).toContain('img-src data: https: http:');

    const attachment = (message as unknown as { attachments: { id: string }[] }).attachments[0]!;
    const download = await t.request('GET', `/api/v1/messages/${message!.id}/attachments/${attachment.id}`, { as: owner.client });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toBe("attachment; filename*=UTF-8''logo.png");
    expect(download.rawPayload.equals(pixel)).toBe(true);
    const other = await createWorkspace(t.db);
    expect((await t.request('GET', `/api/v1/messages/${message!.id}/html`, { as: other.owner.client })).statusCode).toBe(404);
  });

  /** A Gmail reply received over SMTP in a new workspace, as the API lists it. */
  async function receiveGmailReply(t: TestApp) {
    const { workspaceId, owner } = await createWorkspace(t.db);
    const channel = await emailChannel(t, owner.client);
    await mail.send({ from: 'adam@example.hu', to: channel.address, subject: 'Re: Hívás', html: gmailReplyHtml });
    const [conversation] = await conversations(t, owner.client);
    const [message] = await messages(t, owner.client, conversation!.id);
    return { workspaceId, owner, conversation: conversation!, message: message! };
  }

  it('folds the quoted history under an HTML reply in its document until it is asked for', async () => {
    const t = mail.app;
    const { owner, message } = await receiveGmailReply(t);
    expect(message).toMatchObject({ hasHtml: true, hasQuotedHistory: true });
    const folded = (await t.request('GET', `/api/v1/messages/${message.id}/html`, { as: owner.client })).body;
    expect(folded).toContain('<style>[data-quoted-history]{display:none}</style>');
    expect(folded).toContain('<div data-quoted-history="1">');
    const shown = (await t.request('GET', `/api/v1/messages/${message.id}/html?quoted=show`, { as: owner.client })).body;
    expect(shown).not.toContain('<style>');
    expect(shown).toContain('Mikor hívhatjuk?');
  });

  it('lists messages from the HTML flags stored with them, without reading the HTML', async () => {
    const t = mail.app;
    const { workspaceId, owner, conversation, message } = await receiveGmailReply(t);
    const [row] = await repo.listMessageRows(t.db, workspaceId, conversation.id, 10);
    expect(row).toMatchObject({ id: message.id, has_html: true, has_quoted_history: true });
    expect(row).not.toHaveProperty('body_html');

    // The database refuses HTML cleared without its flags; cleared with them, the list says so.
    const clear = (values: { body_html: string | null; has_html?: boolean; has_quoted_history?: boolean }) =>
      t.db.updateTable('messages').set(values).where('workspace_id', '=', workspaceId).where('id', '=', message.id).execute();
    await expect(clear({ body_html: null })).rejects.toThrow(/messages_html_flags_check/);
    await clear(messageHtmlColumns(null));
    const [cleared] = await messages(t, owner.client, conversation.id);
    expect(cleared).toMatchObject({ hasHtml: false, hasQuotedHistory: false });
    expect((await t.request('GET', `/api/v1/messages/${message.id}/html`, { as: owner.client })).statusCode).toBe(404);
  });

  it('sets SLA due times from the priority’s targets in business hours, and lists the soonest due first', async () => {
    const t = mail.app;
    const { owner } = await createWorkspace(t.db);
    const channel = await emailChannel(t, owner.client);
    const policies = await t.request('PUT', '/api/v1/sla-policies', {
      as: owner.client,
      body: {
        policies: [
          { priority: 'normal', firstResponseMinutes: 240, nextResponseMinutes: 480, resolutionMinutes: 2400 },
          { priority: 'urgent', firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 240 },
        ],
      },
    });
    expect(policies.statusCode).toBe(200);
    const always = await t.request('POST', '/api/v1/business-calendars', {
      as: owner.client,
      body: {
        name: 'Around the clock',
        isDefault: true,
        calendar: {
          timeZone: 'Europe/Budapest',
          weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' })),
          holidayCountry: null,
          holidayRegion: null,
          overrides: [],
        },
      },
    });
    expect(always.statusCode).toBe(201);
    const badRegion = await t.request('POST', '/api/v1/business-calendars', {
      as: owner.client,
      body: { name: 'Nowhere', calendar: { ...always.json().calendar, holidayCountry: 'DE', holidayRegion: 'XX' } },
    });
    expect(badRegion.json().error.code).toBe('unknown_holiday_region');

    const before = Date.now();
    await mail.send({ from: 'first@example.de', to: channel.address, subject: 'Eins', text: 'Hallo' });
    await mail.send({ from: 'second@example.de', to: channel.address, subject: 'Zwei', text: 'Hallo' });
    let list = await conversations(t, owner.client);
    expect(list.map((c) => c.subject)).toEqual(['Eins', 'Zwei']);
    const second = list[1]! as unknown as { id: string; dueAt: string };
    const due = new Date((list[0] as unknown as { dueAt: string }).dueAt).getTime();
    expect(due - before).toBeGreaterThanOrEqual(240 * 60_000 - 1000);
    expect(due - before).toBeLessThan(240 * 60_000 + 60_000);

    // Urgent now: due in 30 minutes from its start, so it comes first.
    const urgent = await t.request('PATCH', `/api/v1/conversations/${second.id}`, {
      as: owner.client,
      body: { priority: 'urgent' },
    });
    expect(new Date(urgent.json().dueAt).getTime() - new Date(urgent.json().createdAt).getTime()).toBe(30 * 60_000);
    list = await conversations(t, owner.client);
    expect(list.map((c) => c.subject)).toEqual(['Zwei', 'Eins']);

    // A team working only on 4 January 2027 (Budapest): the first conversation moves to it, its clock with it.
    const january = await t.request('POST', '/api/v1/business-calendars', {
      as: owner.client,
      body: {
        name: 'Only 4 January',
        calendar: {
          timeZone: 'Europe/Budapest',
          weeklyHours: [],
          holidayCountry: 'HU',
          holidayRegion: null,
          overrides: [{ date: '2027-01-04', hours: [{ start: '09:00', end: '17:00' }] }],
        },
      },
    });
    const team = await t.request('POST', '/api/v1/teams', {
      as: owner.client,
      body: { name: 'Januar', calendarId: january.json().id },
    });
    expect(team.json()).toMatchObject({ calendarId: january.json().id });
    const first = list.find((c) => c.subject === 'Eins')!;
    const moved = await t.request('PATCH', `/api/v1/conversations/${first.id}`, {
      as: owner.client,
      body: { teamId: team.json().id },
    });
    // 240 open minutes from 09:00 local (UTC+1) on that day; the 40-hour resolution target never fits: not due.
    expect(moved.json().dueAt).toBe('2027-01-04T12:00:00.000Z');

    // Answered: nothing due until the customer writes again.
    await t.request('POST', `/api/v1/conversations/${second.id}/messages`, {
      as: owner.client,
      body: { kind: 'reply', body: 'Danke!' },
    });
    const answered = await t.request('GET', `/api/v1/conversations/${second.id}`, { as: owner.client });
    expect(answered.json()).toMatchObject({ status: 'pending', dueAt: null });
    expect(answered.json().firstResponseAt).not.toBeNull();

    // The customer writes again: open, and the next response is due within the urgent target (60 minutes).
    await until(() => mail.relayed.some((m) => m.to.includes('second@example.de')));
    const sent = mail.relayed.find((m) => m.to.includes('second@example.de'));
    const ours = (await simpleParser(sent!.raw)).messageId!;
    const wroteAt = Date.now();
    await mail.send({
      from: 'second@example.de',
      to: channel.address,
      subject: 'Re: Zwei',
      text: 'Noch eine Frage',
      inReplyTo: ours,
    });
    const again = await t.request('GET', `/api/v1/conversations/${second.id}`, { as: owner.client });
    expect(again.json().status).toBe('open');
    const nextDue = new Date(again.json().dueAt).getTime() - wroteAt;
    expect(nextDue).toBeGreaterThan(59 * 60_000);
    expect(nextDue).toBeLessThan(61 * 60_000);
  });

  it('keeps saved replies per language and fills them for a conversation in its customer’s language', async () => {
    const t = mail.app;
    const { owner } = await createWorkspace(t.db);
    const channel = await emailChannel(t, owner.client);
    const saved = await t.request('POST', '/api/v1/saved-replies', {
      as: owner.client,
      body: {
        name: 'Késés',
        variants: {
          hu: 'Kedves {{customer.name}}! A #{{conversation.number}} ügyében hamarosan jelentkezünk. {{agent.name}}',
          tr: 'Merhaba {{customer.givenName}} {{customer.company}}, #{{conversation.number}} için dönüş yapacağız.',
        },
      },
    });
    expect(saved.statusCode).toBe(201);
    const again = await t.request('POST', '/api/v1/saved-replies', {
      as: owner.client,
      body: { name: 'KÉSÉS', variants: { en: 'x' } },
    });
    expect(again.json().error.code).toBe('validation_failed');

    await mail.send({
      from: { name: 'Kovács Ádám', address: 'adam@example.hu' },
      to: channel.address,
      subject: 'Késés',
      text: 'Hol a csomagom?',
    });
    const [conversation] = await conversations(t, owner.client);
    await t.request('PATCH', `/api/v1/conversations/${conversation!.id}`, { as: owner.client, body: { language: 'tr-TR' } });
    const turkish = await t.request('POST', `/api/v1/conversations/${conversation!.id}/saved-replies/${saved.json().id}/render`, {
      as: owner.client,
    });
    expect(turkish.json()).toEqual({
      language: 'tr',
      body: `Merhaba Kovács Ádám, #${conversation!.number} için dönüş yapacağız.`,
      missing: ['customer.company'],
    });
    await t.request('PATCH', `/api/v1/conversations/${conversation!.id}`, { as: owner.client, body: { language: 'uz' } });
    const fallback = await t.request(
      'POST',
      `/api/v1/conversations/${conversation!.id}/saved-replies/${saved.json().id}/render`,
      { as: owner.client },
    );
    // No Uzbek variant, the customer's language unknown: the workspace's (English) has none either, so the first one.
    expect(fallback.json().language).toBe('hu');

    const other = await createWorkspace(t.db);
    expect((await t.request('GET', '/api/v1/saved-replies', { as: other.owner.client })).json().items).toEqual([]);
    const stranger = await t.request(
      'POST',
      `/api/v1/conversations/${conversation!.id}/saved-replies/${saved.json().id}/render`,
      {
        as: other.owner.client,
      },
    );
    expect(stranger.statusCode).toBe(404);
  });

  it('acknowledges a new conversation in the customer’s language with the expected answer time in their time zone, never a robot', async () => {
    const t = mail.app;
    const { owner } = await createWorkspace(t.db);
    await t.request('PUT', '/api/v1/sla-policies', {
      as: owner.client,
      body: { policies: [{ priority: 'normal', firstResponseMinutes: 120, nextResponseMinutes: null, resolutionMinutes: null }] },
    });
    const address = `ack-${Date.now()}@acme.test`;
    const created = await t.request('POST', '/api/v1/channels', {
      as: owner.client,
      body: {
        kind: 'email',
        name: 'Acme',
        address,
        settings: {
          autoAcknowledgement: {
            enabled: true,
            variants: {
              en: 'Thank you, {{customer.name}}. We will answer by {{answer.expectedBy}}.',
              hu: 'Köszönjük, {{customer.name}}! Legkésőbb {{answer.expectedBy}} válaszolunk. (#{{conversation.number}})',
            },
          },
        },
      },
    });
    expect(created.statusCode).toBe(201);
    const renamed = await t.request('PATCH', `/api/v1/channels/${created.json().id}`, {
      as: owner.client,
      body: { name: 'Acme Ügyfélszolgálat' },
    });
    expect(renamed.json()).toMatchObject({ name: 'Acme Ügyfélszolgálat', address });
    expect(renamed.json().settings.autoAcknowledgement.enabled).toBe(true);
    await mail.send({
      from: { name: 'Szabó Éva', address: 'eva@example.hu' },
      to: address,
      subject: 'Kérdés',
      text: 'Jó napot!',
      headers: { 'Content-Language': 'hu' },
    });
    const [conversation] = await conversations(t, owner.client);
    await until(() => mail.relayed.some((m) => m.to.includes('eva@example.hu')));
    const ack = await simpleParser(mail.relayed.find((m) => m.to.includes('eva@example.hu'))!.raw);
    const dueAt = new Date((conversation as unknown as { dueAt: string }).dueAt);
    expect(ack.text?.trim()).toBe(
      `Köszönjük, Szabó Éva! Legkésőbb ${formatExpectedBy(dueAt, 'hu', 'Europe/Budapest')} válaszolunk. (#${conversation!.number})`,
    );
    expect(ack.headers.get('auto-submitted')).toBe('auto-replied');
    // Still unanswered by a person: open, the first response still due.
    const after = await t.request('GET', `/api/v1/conversations/${conversation!.id}`, { as: owner.client });
    expect(after.json()).toMatchObject({ status: 'open', firstResponseAt: null, dueAt: dueAt.toISOString() });

    // An out-of-office reply starts a conversation (nothing is lost) but gets no acknowledgement.
    await mail.send({
      from: 'robot@example.de',
      to: address,
      subject: 'Abwesenheitsnotiz',
      text: 'Ich bin nicht im Büro.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect((await conversations(t, owner.client)).map((c) => c.subject).sort()).toEqual(['Abwesenheitsnotiz', 'Kérdés']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mail.relayed.some((m) => m.to.includes('robot@example.de'))).toBe(false);
  });

  it('exports a customer’s conversations in full, and erases them, their attachments and events with the customer', async () => {
    const t = mail.app;
    const { owner, workspaceId } = await createWorkspace(t.db);
    const channel = await emailChannel(t, owner.client);
    await mail.send({
      from: 'private@example.hu',
      to: channel.address,
      subject: 'Személyes',
      text: 'Titok',
      attachments: [{ filename: 'igazolvány.txt', content: 'személyi' }],
    });
    const [conversation] = await conversations(t, owner.client);
    const customer = await t.request('GET', '/api/v1/customers/lookup?kind=email&value=private@example.hu', { as: owner.client });
    const exported = await t.request('GET', `/api/v1/customers/${customer.json().id}/export`, { as: owner.client });
    expect(exported.json().conversations).toEqual([
      expect.objectContaining({
        subject: 'Személyes',
        messages: [
          expect.objectContaining({
            direction: 'inbound',
            text: 'Titok',
            attachments: [{ fileName: 'igazolvány.txt', contentType: 'text/plain', size: 9 }],
          }),
        ],
      }),
    ]);
    const erased = await t.request('DELETE', `/api/v1/customers/${customer.json().id}`, { as: owner.client });
    expect(erased.statusCode).toBe(204);
    expect((await t.request('GET', `/api/v1/conversations/${conversation!.id}`, { as: owner.client })).statusCode).toBe(404);
    const left = await t.db.selectFrom('messages').select('id').where('workspace_id', '=', workspaceId).execute();
    expect(left).toEqual([]);
    const events = await t.db
      .selectFrom('events')
      .select('name')
      .where('workspace_id', '=', workspaceId)
      .where('subject_type', '=', 'conversation')
      .execute();
    expect(events).toEqual([]);
    const removal = await t.db
      .selectFrom('jobs')
      .select('payload')
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'files.remove')
      .execute();
    expect(removal).toHaveLength(1);
  });

  it('marks a reply failed when its delivery report comes back, instead of filing the report as a new customer', async () => {
    const t = mail.app;
    const { owner } = await createWorkspace(t.db);
    const channel = await emailChannel(t, owner.client);
    await mail.send({ from: 'gone@example.de', to: channel.address, subject: 'Frage', text: 'Hallo' });
    const [conversation] = await conversations(t, owner.client);
    await t.request('POST', `/api/v1/conversations/${conversation!.id}/messages`, {
      as: owner.client,
      body: { kind: 'reply', body: 'Antwort' },
    });
    await until(() => mail.relayed.some((m) => m.to.includes('gone@example.de')));
    const ours = (await simpleParser(mail.relayed.find((m) => m.to.includes('gone@example.de'))!.raw)).messageId!;
    const report = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.de>',
      `To: ${channel.address}`,
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: <dsn-${Date.now()}@mx.example.de>`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.de',
      '',
      'Final-Recipient: rfc822; gone@example.de',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
      '--b',
      'Content-Type: text/rfc822-headers',
      '',
      `From: ${channel.address}`,
      'To: gone@example.de',
      `Message-ID: ${ours}`,
      '--b--',
      '',
    ].join('\r\n');
    await mail.send({ envelope: { from: '', to: [channel.address] }, raw: report });
    const all = await conversations(t, owner.client, '?status=active');
    expect(all.map((c) => c.id)).toEqual([conversation!.id]);
    const thread = await messages(t, owner.client, conversation!.id);
    expect(thread.map((m) => [m.direction, m.deliveryStatus])).toEqual([
      ['inbound', 'received'],
      ['outbound', 'failed'],
    ]);
    expect((thread[1] as unknown as { deliveryError: string }).deliveryError).toBe(
      'bounced: 5.1.1 gone@example.de smtp; 550 5.1.1 User unknown',
    );
  });
});
