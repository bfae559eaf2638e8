import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { createWorkspace } from '../../../test/factories.js';
import { FileStore } from '../../platform/file-store.js';
import { getChannelRow } from '../channels/channels.js';
import { receiveMessage } from './receive-message.js';

let count = 0;
// The messages here carry no attachments: nothing is ever written to it.
const files = new FileStore(join(tmpdir(), 'rapport-inbox-filters'));

async function emailChannel(t: TestApp, owner: Client, workspaceId: string, name: string) {
  const created = await t.request('POST', '/api/v1/channels', {
    as: owner,
    body: { kind: 'email', name, address: `inbox-${++count}-${Date.now()}@acme.test` },
  });
  expect(created.statusCode).toBe(201);
  return getChannelRow(t.db, workspaceId, created.json().id as string);
}

/** A customer's mail as the email driver hands it over, in a language (Content-Language) or none. */
async function receive(t: TestApp, channel: Awaited<ReturnType<typeof emailChannel>>, subject: string, language: string | null) {
  await receiveMessage(t.db, files, {
    channel,
    from: { value: `${subject.toLowerCase().replace(/\W+/g, '-')}@example.test`, name: null },
    externalId: `${subject}-${++count}@example.test`,
    inReplyTo: [],
    replyToken: null,
    subject,
    text: 'Hello',
    html: null,
    hasRemoteImages: false,
    language,
    envelope: {},
    automated: false,
    attachments: [],
  });
}

async function subjects(t: TestApp, as: Client, query: string) {
  const response = await t.request('GET', `/api/v1/conversations?status=active${query}`, { as });
  expect(response.statusCode).toBe(200);
  return (response.json().items as { subject: string }[]).map((c) => c.subject).sort();
}

describe('the inbox filters', () => {
  it('lists the conversations of one channel, of one language (its regional variants too), or both', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId } = await createWorkspace(t.db);
    const sales = await emailChannel(t, owner.client, workspaceId, 'Sales');
    const support = await emailChannel(t, owner.client, workspaceId, 'Support');
    await receive(t, sales, 'Sales HU', 'hu');
    await receive(t, sales, 'Sales TR', 'tr-TR');
    await receive(t, support, 'Support HU-HU', 'hu-HU');
    await receive(t, support, 'Support none', null);
    // Free text in Content-Language is no language tag: kept as none.
    await receive(t, support, 'Support English', 'English');

    expect(await subjects(t, owner.client, `&channelId=${sales.id}`)).toEqual(['Sales HU', 'Sales TR']);
    expect(await subjects(t, owner.client, `&channelId=${support.id}`)).toEqual([
      'Support English',
      'Support HU-HU',
      'Support none',
    ]);
    expect(await subjects(t, owner.client, '&language=hu')).toEqual(['Sales HU', 'Support HU-HU']);
    expect(await subjects(t, owner.client, '&language=hu-HU')).toEqual(['Support HU-HU']);
    expect(await subjects(t, owner.client, '&language=tr')).toEqual(['Sales TR']);
    expect(await subjects(t, owner.client, `&channelId=${support.id}&language=hu`)).toEqual(['Support HU-HU']);
    expect(await subjects(t, owner.client, '&language=uz')).toEqual([]);

    // Bad filters are refused with a clear code; another workspace's channel shows nothing of this one.
    const badLanguage = await t.request('GET', '/api/v1/conversations?language=not%20a%20tag', { as: owner.client });
    expect(badLanguage.statusCode).toBe(400);
    expect(badLanguage.json().error.code).toBe('validation_failed');
    const badChannel = await t.request('GET', '/api/v1/conversations?channelId=sales', { as: owner.client });
    expect(badChannel.json().error.code).toBe('validation_failed');
    const other = await createWorkspace(t.db);
    expect(await subjects(t, other.owner.client, `&channelId=${sales.id}`)).toEqual([]);
    expect(await subjects(t, other.owner.client, '&language=hu')).toEqual([]);
  });

  it('lists the conversations of a customer merged away under the kept customer', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId } = await createWorkspace(t.db);
    const sales = await emailChannel(t, owner.client, workspaceId, 'Sales');
    await receive(t, sales, 'Kept order', 'hu');
    await receive(t, sales, 'Old order', 'hu');
    const listed = await t.request('GET', '/api/v1/conversations?status=active', { as: owner.client });
    const customerOf = (subject: string) =>
      (listed.json().items as { subject: string; customer: { id: string } }[]).find((c) => c.subject === subject)!.customer.id;
    const keptId = customerOf('Kept order');
    const oldId = customerOf('Old order');
    expect(keptId).not.toBe(oldId);

    const merged = await t.request('POST', `/api/v1/customers/${keptId}/merge`, { body: { sourceId: oldId }, as: owner.client });
    expect(merged.statusCode).toBe(200);
    expect(await subjects(t, owner.client, `&customerId=${oldId}`)).toEqual(['Kept order', 'Old order']);
    expect(await subjects(t, owner.client, `&customerId=${keptId}`)).toEqual(['Kept order', 'Old order']);
  });
});
