import { describe, expect, it } from 'vitest';
import { sharedTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { createPerson, createWorkspace } from '../../../test/factories.js';
import { signTelephonyBody } from '../channels/drivers/phone/webhook-signature.js';

async function phoneChannel(t: TestApp, as: Client) {
  const created = await t.request('POST', '/api/v1/channels', { as, body: { kind: 'phone', name: 'Hotline' } });
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  const webhook = await t.request('GET', `/api/v1/channels/${id}/telephony-webhook`, { as });
  expect(webhook.statusCode).toBe(200);
  return { id, ...webhook.json<{ url: string; secret: string; publicKey: string }>() };
}

function post(t: TestApp, url: string, body: unknown, signature: (raw: string) => string | undefined) {
  const raw = JSON.stringify(body);
  const sig = signature(raw);
  return t.request('POST', url, {
    payload: raw,
    headers: { 'content-type': 'application/json', ...(sig !== undefined ? { 'x-rapport-signature': sig } : {}) },
  });
}

const now = () => Math.floor(Date.now() / 1000);

describe('telephony webhook', () => {
  it('files signed call reports once per external id and refuses bad, missing and old signatures', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const channel = await phoneChannel(t, owner.client);
    expect(channel.url).toBe(`/api/v1/telephony/${channel.publicKey}/calls`);
    const report = {
      externalId: 'pbx-4711',
      direction: 'inbound',
      from: '06 20 555 1234',
      to: '+3612345678',
      startedAt: new Date().toISOString(),
      vendorField: 'ignored',
    };
    const signed = (raw: string) => signTelephonyBody(channel.secret, raw, now());

    const first = await post(t, channel.url, report, signed);
    expect(first.statusCode).toBe(201);
    const call = first.json();
    expect(call).toMatchObject({ externalId: 'pbx-4711', phoneNumber: '+36205551234', agent: null, outcome: null });
    const conversation = await t.request('GET', `/api/v1/conversations/${call.conversationId}`, { as: owner.client });
    expect(conversation.json().channel.id).toBe(channel.id);

    // Redelivered, then the end reported: the same call, updated.
    const again = await post(t, channel.url, report, signed);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(call.id);
    const endedAt = new Date(Date.now() + 61_000).toISOString();
    const ended = await post(t, channel.url, { ...report, endedAt, outcome: 'answered' }, signed);
    expect(ended.json()).toMatchObject({ id: call.id, endedAt, outcome: 'answered' });
    expect(ended.json().durationSeconds).toBeGreaterThanOrEqual(60);
    const calls = await t.db.selectFrom('calls').select('id').where('workspace_id', '=', workspaceId).execute();
    expect(calls).toHaveLength(1);

    const refused = async (signature: (raw: string) => string | undefined, reason: string) => {
      const response = await post(t, channel.url, { ...report, externalId: 'pbx-bad' }, signature);
      expect(response.statusCode).toBe(401);
      expect(response.json().error).toMatchObject({ code: 'invalid_webhook_signature', details: { reason } });
    };
    await refused(() => undefined, 'missing');
    await refused(() => 'sha256=abc', 'malformed');
    await refused((raw) => signTelephonyBody('whsec_wrong', raw, now()), 'mismatch');
    // The body changed after signing.
    await refused(() => signTelephonyBody(channel.secret, JSON.stringify(report), now()), 'mismatch');
    // A captured request replayed six minutes later.
    await refused((raw) => signTelephonyBody(channel.secret, raw, now() - 360), 'expired');
    expect(await t.db.selectFrom('calls').select('id').where('external_id', '=', 'pbx-bad').execute()).toEqual([]);

    const unknown = await post(t, '/api/v1/telephony/tel_nothing/calls', report, signed);
    expect(unknown.statusCode).toBe(404);
    // Signed but not a call report.
    const invalid = await post(t, channel.url, { externalId: 'x' }, signed);
    expect(invalid.statusCode).toBe(400);
  });

  it('rotates the secret, accepting the previous one for a while; only owners and admins see it', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const channel = await phoneChannel(t, owner.client);
    const rotated = await t.request('POST', `/api/v1/channels/${channel.id}/telephony-webhook/rotate`, { as: owner.client });
    expect(rotated.statusCode).toBe(200);
    const fresh = rotated.json();
    expect(fresh.secret).not.toBe(channel.secret);
    expect(fresh.publicKey).toBe(channel.publicKey);
    expect(fresh.previousSecretExpiresAt).not.toBeNull();
    const report = (externalId: string) => ({
      externalId,
      direction: 'outbound',
      from: '+3612345678',
      to: '+36301234567',
      startedAt: new Date().toISOString(),
    });
    const withOld = await post(t, channel.url, report('a'), (raw) => signTelephonyBody(channel.secret, raw, now()));
    expect(withOld.statusCode).toBe(201);
    const withNew = await post(t, channel.url, report('b'), (raw) => signTelephonyBody(fresh.secret as string, raw, now()));
    expect(withNew.statusCode).toBe(201);
    // The same customer (the called number) both times.
    expect(withNew.json().customer.id).toBe(withOld.json().customer.id);
    // Once the grace period is over, the old secret is refused.
    await t.db
      .updateTable('telephony_webhooks')
      .set({ previous_secret_expires_at: new Date(Date.now() - 1000) })
      .where('workspace_id', '=', workspaceId)
      .execute();
    const late = await post(t, channel.url, report('c'), (raw) => signTelephonyBody(channel.secret, raw, now()));
    expect(late.statusCode).toBe(401);

    const agent = await createPerson(t.db, { workspaceId, role: 'agent' });
    const seen = await t.request('GET', `/api/v1/channels/${channel.id}/telephony-webhook`, { as: agent.client });
    expect(seen.statusCode).toBe(403);
    const other = await createWorkspace(t.db);
    const foreign = await t.request('GET', `/api/v1/channels/${channel.id}/telephony-webhook`, { as: other.owner.client });
    expect(foreign.statusCode).toBe(404);
    const events = await t.db
      .selectFrom('events')
      .select(['name', 'data'])
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'telephony_webhook.rotated')
      .execute();
    expect(events).toEqual([{ name: 'telephony_webhook.rotated', data: {} }]);
  });
});
