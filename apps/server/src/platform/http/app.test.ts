import { describe, expect, it } from 'vitest';
import { sharedTestApp } from '../../../test/harness.js';
import { createWorkspace } from '../../../test/factories.js';

describe('HTTP platform', () => {
  it('answers health and readiness checks', async () => {
    const t = await sharedTestApp();
    expect((await t.request('GET', '/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.request('GET', '/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas, and a reference page', async () => {
    const t = await sharedTestApp();
    const response = await t.request('GET', '/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/me',
        '/api/v1/sessions',
        '/api/v1/invites',
        '/api/v1/api-tokens',
        '/api/v1/members/{userId}',
        '/api/v1/events',
      ]),
    );
    const signIn = document.paths['/api/v1/sessions'].post;
    expect(signIn.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    expect(signIn.responses['401']).toBeDefined();
    const docs = await t.request('GET', '/api/v1/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('gives every bad request a stable code and a request id, and changes nothing', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const before = (await t.request('GET', '/api/v1/workspace', { as: owner.client })).json();

    const cases: [string, Awaited<ReturnType<typeof t.request>>, number][] = [
      [
        'invalid_json',
        await t.request('PATCH', '/api/v1/workspace', {
          payload: '{"name": "x"',
          headers: { 'content-type': 'application/json' },
          as: owner.client,
        }),
        400,
      ],
      ['validation_failed', await t.request('PATCH', '/api/v1/workspace', { body: { name: 42 }, as: owner.client }), 400],
      [
        'validation_failed',
        await t.request('PATCH', '/api/v1/workspace', { body: { name: 'ok', plan: 'enterprise' }, as: owner.client }),
        400,
      ],
      [
        'payload_too_large',
        await t.request('PATCH', '/api/v1/workspace', { body: { name: 'x'.repeat(2 * 1024 * 1024) }, as: owner.client }),
        413,
      ],
      [
        'unsupported_media_type',
        await t.request('PATCH', '/api/v1/workspace', {
          payload: 'name=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          as: owner.client,
        }),
        415,
      ],
      ['not_found', await t.request('GET', '/api/v1/nothing-here', { as: owner.client }), 404],
      ['validation_failed', await t.request('GET', '/api/v1/members?limit=abc', { as: owner.client }), 400],
      ['validation_failed', await t.request('GET', '/api/v1/invites?cursor=garbage', { as: owner.client }), 400],
      ['unauthenticated', await t.request('GET', '/api/v1/workspace', { headers: { authorization: 'Basic abc' } }), 401],
    ];
    for (const [code, response, status] of cases) {
      expect({ code: response.json().error?.code, status: response.statusCode }).toEqual({ code, status });
      expect(response.json().error.requestId).toBe(response.headers['x-request-id']);
    }
    const after = (await t.request('GET', '/api/v1/workspace', { as: owner.client })).json();
    expect(after).toEqual(before);
  });

  it('keeps a sane caller-given request id and replaces an unsafe one', async () => {
    const t = await sharedTestApp();
    const kept = await t.request('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await t.request('GET', '/healthz', { headers: { 'x-request-id': 'bad id with spaces <script>' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
