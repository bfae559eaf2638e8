import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../../../test/harness.js';
import { createWorkspace } from '../../../../../test/factories.js';
import { mailTestApp } from '../../../../../test/mail-test-app.js';
import { until } from '../../../../../test/wait.js';
import { formatExpectedBy } from '../../../conversations/acknowledge-conversation.js';

const mail = mailTestApp({ maxMessageBytes: 256 * 1024 });

let channelCount = 0;
async function emailChannel(t: TestApp, owner: Client, settings: Record<string, unknown> = {}) {
  const address = `inbound-${++channelCount}-${Date.now()}@acme.test`;
  const created = await t.request('POST', '/api/v1/channels', {
    as: owner,
    body: { kind: 'email', name: 'Acme', address, settings },
  });
  expect(created.statusCode).toBe(201);
  return address;
}

interface ListedConversation {
  id: string;
  number: number;
  subject: string;
  dueAt: string | null;
  customer: { id: string; displayName: string };
}

async function conversations(t: TestApp, as: Client): Promise<ListedConversation[]> {
  const response = await t.request('GET', '/api/v1/conversations?status=active', { as });
  expect(response.statusCode).toBe(200);
  return (response.json().items as ListedConversation[]).sort((a, b) => a.number - b.number);
}

interface ListedMessage {
  direction: string;
  bodyText: string;
  replyText: string;
  quotedText: string | null;
  hasQuotedHistory: boolean;
}

async function messages(t: TestApp, as: Client, conversationId: string): Promise<ListedMessage[]> {
  const response = await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { as });
  expect(response.statusCode).toBe(200);
  return response.json().items as ListedMessage[];
}

async function customerByEmail(t: TestApp, as: Client, address: string) {
  const response = await t.request('GET', `/api/v1/customers/lookup?kind=email&value=${encodeURIComponent(address)}`, { as });
  expect(response.statusCode).toBe(200);
  return response.json<{ id: string; timeZone: string | null; timeZoneSource: string | null }>();
}

describe('filing inbound email', () => {
  it('threads a mail by the "[#N]" of its subject into the sender’s own conversation, never into another’s', async () => {
    const t = mail.app;
    const { owner } = await createWorkspace(t.db);
    const address = await emailChannel(t, owner.client);
    await mail.send({ from: 'ayse@example.com.tr', to: address, subject: 'Sipariş gecikti', text: 'Siparişim nerede?' });
    const [first] = await conversations(t, owner.client);

    // No In-Reply-To, no References, no reply token: only the number in the subject says where it belongs.
    const again = await mail.send({
      from: 'Ayse@Example.com.tr',
      to: address,
      subject: `Re: Sipariş gecikti [#${first!.number}]`,
      text: 'Hâlâ bekliyorum.',
    });
    expect(again.response).toMatch(new RegExp(`^250 .*Accepted #${first!.number}$`));
    // Someone else typing the same number starts a conversation of their own.
    const stranger = await mail.send({
      from: 'mallory@example.net',
      to: address,
      subject: `Re: Sipariş gecikti [#${first!.number}]`,
      text: 'Bana da söyleyin.',
    });
    expect(stranger.response).toMatch(/^250 .*Accepted #2$/);

    const list = await conversations(t, owner.client);
    expect(list.map((c) => c.number)).toEqual([first!.number, 2]);
    expect((await messages(t, owner.client, first!.id)).map((m) => m.bodyText)).toEqual([
      'Siparişim nerede?',
      'Hâlâ bekliyorum.',
    ]);
    expect((await messages(t, owner.client, list[1]!.id)).map((m) => m.bodyText)).toEqual(['Bana da söyleyin.']);

    // Another workspace's #1 is not this sender's either, though the number is the same.
    const other = await createWorkspace(t.db);
    const otherAddress = await emailChannel(t, other.owner.client);
    await mail.send({ from: 'someone@example.de', to: otherAddress, subject: 'Hallo', text: 'Erste.' });
    const crossing = await mail.send({ from: 'ayse@example.com.tr', to: otherAddress, subject: 'Re: x [#1]', text: 'Yanlış.' });
    expect(crossing.response).toMatch(/^250 .*Accepted #2$/);
  });

  it('stores a reply to an erased customer’s conversation safely as a new conversation of a new customer', async () => {
    const t = mail.app;
    const { owner, workspaceId } = await createWorkspace(t.db);
    const address = await emailChannel(t, owner.client);
    await mail.send({ from: 'forget-me@example.hu', to: address, subject: 'Adataim', text: 'Kérem, töröljék az adataimat.' });
    const [erased] = await conversations(t, owner.client);
    await t.request('POST', `/api/v1/conversations/${erased!.id}/messages`, {
      as: owner.client,
      body: { kind: 'reply', body: 'Rendben, töröljük.' },
    });
    await until(() => mail.relayed.some((m) => m.to.includes('forget-me@example.hu')));
    const ours = await simpleParser(mail.relayed.find((m) => m.to.includes('forget-me@example.hu'))!.raw);
    const customer = await customerByEmail(t, owner.client, 'forget-me@example.hu');
    expect((await t.request('DELETE', `/api/v1/customers/${customer.id}`, { as: owner.client })).statusCode).toBe(204);

    // Every way back to the conversation at once: In-Reply-To, the reply address's token and the subject's number.
    const late = await mail.send({
      from: 'forget-me@example.hu',
      to: ours.replyTo!.value[0]!.address!,
      subject: ours.subject!,
      text: 'Még egy kérdés.',
      inReplyTo: ours.messageId!,
      references: [ours.messageId!],
    });
    expect(late.response).toMatch(new RegExp(`^250 .*Accepted #${erased!.number + 1}$`));
    expect((await t.request('GET', `/api/v1/conversations/${erased!.id}`, { as: owner.client })).statusCode).toBe(404);
    const [fresh] = await conversations(t, owner.client);
    expect(fresh!.customer.id).not.toBe(customer.id);
    expect((await messages(t, owner.client, fresh!.id)).map((m) => m.bodyText)).toEqual(['Még egy kérdés.']);
    // Nothing of the erased conversation came back with it.
    const bodies = await t.db.selectFrom('messages').select('body_text').where('workspace_id', '=', workspaceId).execute();
    expect(bodies.map((m) => m.body_text)).toEqual(['Még egy kérdés.']);
  });

  it('keeps the whole text and gives the new text and the quoted history apart', async () => {
    const t = mail.app;
    const { owner } = await createWorkspace(t.db);
    const address = await emailChannel(t, owner.client);
    const text = [
      'Köszönöm, most már működik.',
      '',
      'Anna',
      '',
      '2024. márc. 5., K, 10:12 dátummal Acme <support@acme.test> ezt írta:',
      '> Kérjük, indítsa újra a routert.',
      '>',
      '> Acme',
      '',
    ].join('\n');
    await mail.send({ from: 'anna@example.hu', to: address, subject: 'Re: Router', text });
    await mail.send({ from: 'bela@example.hu', to: address, subject: 'Új kérdés', text: 'Nincs benne idézet.\n\nÜdv, Béla' });
    const [quoting, plain] = await conversations(t, owner.client);

    const [reply] = await messages(t, owner.client, quoting!.id);
    expect(reply!.bodyText).toBe(text.trimEnd());
    expect(reply!.replyText).toBe('Köszönöm, most már működik.\n\nAnna');
    expect(reply!.quotedText).toBe(
      '2024. márc. 5., K, 10:12 dátummal Acme <support@acme.test> ezt írta:\n> Kérjük, indítsa újra a routert.\n>\n> Acme',
    );
    // Nothing is hidden by guesswork: a message with no history found is all reply.
    const [own] = await messages(t, owner.client, plain!.id);
    expect(own).toMatchObject({ replyText: own!.bodyText, quotedText: null });
  });

  it('folds the quoted history of a classic Outlook reply, which has no container', async () => {
    const t = mail.app;
    const { owner } = await createWorkspace(t.db);
    const address = await emailChannel(t, owner.client);
    const word = (body: string) =>
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv=Content-Type content="text/html; ' +
      `charset=utf-8"></head><body lang=HU><div class=WordSection1>${body}<div style='border:none;border-top:solid ` +
      "#E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p class=MsoNormal><b>Feladó:</b> Acme<br><b>Elküldve:</b> 2026. " +
      'december 7.<br><b>Tárgy:</b> Rendelés</p></div><p class=MsoNormal>Elküldtük.<o:p></o:p></p></div></body></html>';
    await mail.send({
      from: 'adam@example.hu',
      to: address,
      subject: 'RE: Rendelés',
      html: word('<p class=MsoNormal>Köszönöm!</p>'),
    });
    await mail.send({ from: 'bea@example.hu', to: address, subject: 'TOV: Rendelés', html: word('') });
    const [reply, forward] = await conversations(t, owner.client);

    expect((await messages(t, owner.client, reply!.id))[0]).toMatchObject({ hasQuotedHistory: true });
    // A forward is all history: shown whole.
    expect((await messages(t, owner.client, forward!.id))[0]).toMatchObject({ hasQuotedHistory: false });
  });

  it('promises the acknowledgement’s answer time in the customer’s time zone, inferring it from a country domain only', async () => {
    const t = mail.app;
    const { owner } = await createWorkspace(t.db); // Europe/Budapest
    await t.request('PUT', '/api/v1/sla-policies', {
      as: owner.client,
      body: { policies: [{ priority: 'normal', firstResponseMinutes: 120, nextResponseMinutes: null, resolutionMinutes: null }] },
    });
    const address = await emailChannel(t, owner.client, {
      autoAcknowledgement: { enabled: true, variants: { en: 'We will answer by {{answer.expectedBy}}.' } },
    });
    const known = await t.request('POST', '/api/v1/customers', {
      as: owner.client,
      body: { givenName: 'Aziz', identities: [{ kind: 'email', value: 'aziz@example.com' }], timeZone: 'Asia/Tashkent' },
    });
    expect(known.statusCode).toBe(201);

    const acknowledgement = async (sender: string) => {
      await mail.send({ from: sender, to: address, subject: `Savol ${sender}`, text: 'Salom!' });
      await until(() => mail.relayed.some((m) => m.to.includes(sender)));
      const conversation = (await conversations(t, owner.client)).find((c) => c.subject === `Savol ${sender}`)!;
      const ack = await simpleParser(mail.relayed.find((m) => m.to.includes(sender))!.raw);
      return { text: ack.text!.trim(), dueAt: new Date(conversation.dueAt!) };
    };
    const expected = (dueAt: Date, zone: string) => `We will answer by ${formatExpectedBy(dueAt, 'en', zone)}.`;

    // A customer whose zone is set: their own (GMT+5), not the workspace's.
    const aziz = await acknowledgement('aziz@example.com');
    expect(aziz.text).toBe(expected(aziz.dueAt, 'Asia/Tashkent'));
    expect(aziz.text).not.toBe(expected(aziz.dueAt, 'Europe/Budapest'));

    // A new sender from a .uz address: Uzbekistan has one time zone, so that is theirs.
    const dilnoza = await acknowledgement('dilnoza@example.uz');
    expect(dilnoza.text).toBe(expected(dilnoza.dueAt, 'Asia/Tashkent'));
    expect(await customerByEmail(t, owner.client, 'dilnoza@example.uz')).toMatchObject({
      timeZone: 'Asia/Tashkent',
      timeZoneSource: 'email',
    });

    // .com says nothing about where someone is, and the US spans several zones: the workspace's zone, nothing stored.
    for (const sender of ['john@example.com', 'mary@example.us']) {
      const unknown = await acknowledgement(sender);
      expect(unknown.text).toBe(expected(unknown.dueAt, 'Europe/Budapest'));
      expect(await customerByEmail(t, owner.client, sender)).toMatchObject({ timeZone: null, timeZoneSource: null });
    }
  });
});
