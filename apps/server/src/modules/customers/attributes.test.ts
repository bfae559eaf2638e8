import { describe, expect, it } from 'vitest';
import { sharedTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { createPerson, createWorkspace } from '../../../test/factories.js';

async function define(t: TestApp, as: Client, body: Record<string, unknown>) {
  return t.request('POST', '/api/v1/customer-attributes', { body, as });
}

async function createCustomer(t: TestApp, as: Client, body: Record<string, unknown>): Promise<{ id: string }> {
  const response = await t.request('POST', '/api/v1/customers', { body, as });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

function issues(body: { error: { details: { issues: { path: (string | number)[]; code: string }[] } } }): string[] {
  return body.error.details.issues.map((i) => `${i.path.join('.')}:${i.code}`);
}

describe('custom attribute definitions', () => {
  it('validates text and yes/no values like the other types', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    expect((await define(t, owner.client, { key: 'manager', label: 'Account manager', type: 'text' })).statusCode).toBe(201);
    expect((await define(t, owner.client, { key: 'newsletter', label: 'Newsletter', type: 'boolean' })).statusCode).toBe(201);
    const anna = await createCustomer(t, owner.client, {
      givenName: 'Anna',
      attributes: { manager: 'Kovács Péter', newsletter: false },
    });
    const bad = await t.request('PATCH', `/api/v1/customers/${anna.id}`, {
      body: { attributes: { manager: 42, newsletter: 'yes' } },
      as: owner.client,
    });
    expect(bad.statusCode).toBe(400);
    expect(issues(bad.json()).sort()).toEqual([
      'attributes.manager:invalid_attribute',
      'attributes.newsletter:invalid_attribute',
    ]);
    const alsoBad = await t.request('PATCH', `/api/v1/customers/${anna.id}`, {
      body: { attributes: { manager: true, newsletter: 1 } },
      as: owner.client,
    });
    expect(issues(alsoBad.json()).sort()).toEqual([
      'attributes.manager:invalid_attribute',
      'attributes.newsletter:invalid_attribute',
    ]);
    const good = await t.request('PATCH', `/api/v1/customers/${anna.id}`, {
      body: { attributes: { manager: '', newsletter: true } },
      as: owner.client,
    });
    expect(good.json().attributes).toEqual({ manager: '', newsletter: true });
  });

  it('changes the label and choices but never the type, and keeps choices customers have', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId } = await createWorkspace(t.db);
    const other = await createWorkspace(t.db);
    await define(t, owner.client, { key: 'plan', label: 'Plan', type: 'choice', choices: ['basic', 'pro'] });
    await define(t, owner.client, { key: 'seats', label: 'Seats', type: 'number' });
    await createCustomer(t, owner.client, { givenName: 'Anna', attributes: { plan: 'pro' } });

    const renamed = await t.request('PATCH', '/api/v1/customer-attributes/plan', {
      body: { label: 'Előfizetés', choices: ['basic', 'pro', 'enterprise'] },
      as: owner.client,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({
      key: 'plan',
      label: 'Előfizetés',
      type: 'choice',
      choices: ['basic', 'pro', 'enterprise'],
    });
    // An unused choice may go; one a customer has may not.
    const dropBasic = await t.request('PATCH', '/api/v1/customer-attributes/plan', {
      body: { choices: ['pro', 'enterprise'] },
      as: owner.client,
    });
    expect(dropBasic.json().choices).toEqual(['pro', 'enterprise']);
    const dropPro = await t.request('PATCH', '/api/v1/customer-attributes/plan', {
      body: { choices: ['enterprise'] },
      as: owner.client,
    });
    expect(dropPro.statusCode).toBe(409);
    expect(dropPro.json().error).toMatchObject({
      code: 'attribute_choice_in_use',
      details: { choices: ['pro'], customerCount: 1 },
    });

    const retype = await t.request('PATCH', '/api/v1/customer-attributes/seats', { body: { type: 'text' }, as: owner.client });
    expect(retype.statusCode).toBe(409);
    expect(retype.json().error).toMatchObject({ code: 'attribute_type_fixed', details: { type: 'number' } });
    const sameType = await t.request('PATCH', '/api/v1/customer-attributes/seats', {
      body: { type: 'number', label: 'Licences' },
      as: owner.client,
    });
    expect(sameType.json().label).toBe('Licences');
    const choicesOnNumber = await t.request('PATCH', '/api/v1/customer-attributes/seats', {
      body: { choices: ['1'] },
      as: owner.client,
    });
    expect(issues(choicesOnNumber.json())).toEqual(['choices:choices_not_allowed']);
    const twice = await t.request('PATCH', '/api/v1/customer-attributes/plan', {
      body: { choices: ['pro', 'pro'] },
      as: owner.client,
    });
    expect(issues(twice.json())).toEqual(['choices:duplicate_choice']);
    const none = await t.request('PATCH', '/api/v1/customer-attributes/plan', { body: { choices: [] }, as: owner.client });
    expect(issues(none.json())).toEqual(['choices:too_small']);
    expect(issues((await define(t, owner.client, { key: 'tier', label: 'Tier', type: 'text', choices: ['a'] })).json())).toEqual([
      'choices:choices_not_allowed',
    ]);

    // Agents read definitions but do not change them; another workspace does not see them.
    const agent = await createPerson(t.db, { workspaceId, role: 'agent' });
    const byAgent = await t.request('PATCH', '/api/v1/customer-attributes/plan', { body: { label: 'x' }, as: agent.client });
    expect(byAgent.statusCode).toBe(403);
    const byOther = await t.request('PATCH', '/api/v1/customer-attributes/plan', {
      body: { label: 'x' },
      as: other.owner.client,
    });
    expect(byOther.statusCode).toBe(404);
    const badKey = await t.request('PATCH', '/api/v1/customer-attributes/Not-A-Key', { body: { label: 'x' }, as: owner.client });
    expect(badKey.statusCode).toBe(400);

    const events = await t.db
      .selectFrom('events')
      .select(['name', 'data'])
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'customer_attribute.updated')
      .execute();
    expect(events.map((e) => e.data)).toContainEqual({ fields: ['label', 'choices'] });
  });

  it('deletes an unused attribute at once; one with values only when asked to delete the values too', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId } = await createWorkspace(t.db);
    await define(t, owner.client, { key: 'unused', label: 'Unused', type: 'text' });
    await define(t, owner.client, { key: 'vip_since', label: 'VIP since', type: 'date' });
    const anna = await createCustomer(t, owner.client, { givenName: 'Anna', attributes: { vip_since: '2025-03-01' } });
    const bela = await createCustomer(t, owner.client, { givenName: 'Béla', attributes: { vip_since: '2024-01-01' } });

    expect((await t.request('DELETE', '/api/v1/customer-attributes/unused', { as: owner.client })).statusCode).toBe(204);
    const refused = await t.request('DELETE', '/api/v1/customer-attributes/vip_since', { as: owner.client });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'attribute_in_use', details: { customerCount: 2 } });
    const keys = async () =>
      (await t.request('GET', '/api/v1/customer-attributes', { as: owner.client }))
        .json()
        .items.map((d: { key: string }) => d.key);
    expect(await keys()).toEqual(['vip_since']);

    const deleted = await t.request('DELETE', '/api/v1/customer-attributes/vip_since?deleteValues=true', { as: owner.client });
    expect(deleted.statusCode).toBe(204);
    expect(await keys()).toEqual([]);
    for (const customer of [anna, bela]) {
      const fetched = await t.request('GET', `/api/v1/customers/${customer.id}`, { as: owner.client });
      expect(fetched.json().attributes).toEqual({});
    }
    const event = await t.db
      .selectFrom('events')
      .select('data')
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'customer_attribute.deleted')
      .where('subject_id', '=', 'vip_since')
      .executeTakeFirstOrThrow();
    expect(event.data).toEqual({ deletedValues: 2 });
    // A new attribute may take the key again, with another type.
    expect((await define(t, owner.client, { key: 'vip_since', label: 'VIP since', type: 'number' })).statusCode).toBe(201);
    expect((await t.request('DELETE', '/api/v1/customer-attributes/nothing', { as: owner.client })).statusCode).toBe(404);
  });

  it('documents changing and deleting definitions, and the list’s sort and filters, in the OpenAPI document', async () => {
    const t = await sharedTestApp();
    const document = (await t.request('GET', '/api/v1/openapi.json')).json();
    const attribute = document.paths['/api/v1/customer-attributes/{key}'];
    expect(Object.keys(attribute)).toEqual(expect.arrayContaining(['patch', 'delete']));
    expect(attribute.delete.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['key', 'deleteValues']),
    );
    const list = document.paths['/api/v1/customers'].get.parameters.map((p: { name: string }) => p.name);
    expect(list).toEqual(expect.arrayContaining(['sort', 'order', 'company', 'consent', 'createdFrom', 'attribute', 'cursor']));
  });
});
