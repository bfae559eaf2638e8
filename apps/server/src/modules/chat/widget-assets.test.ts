import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedTestApp, type TestApp } from '../../../test/harness.js';
import { createWorkspace } from '../../../test/factories.js';
import { installWidgetAssets } from './widget-assets.js';

let t: TestApp;
let dir: string;
const assets = Fastify();

beforeAll(async () => {
  t = await sharedTestApp();
  dir = await mkdtemp(join(tmpdir(), 'rapport-widget-'));
  await mkdir(join(dir, 'app'));
  await writeFile(join(dir, 'loader.js'), '(function(){})();');
  await writeFile(join(dir, 'app', 'index.html'), '<!doctype html><title>Chat</title>');
  // The app's own default policy forbids framing: the widget's page must replace it on every answer.
  assets.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', "frame-ancestors 'none'");
    return payload;
  });
  await installWidgetAssets(assets, t.runtime.services, `${dir}/`);
});
afterAll(async () => {
  await assets.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the widget’s files', () => {
  it('serves the loader to any site, and the page framed only by the channel’s allowed sites, on a 304 too', async () => {
    const loader = await assets.inject({ url: '/widget.js' });
    expect(loader.statusCode).toBe(200);
    expect(loader.headers['content-type']).toMatch(/^text\/javascript/);

    const { owner } = await createWorkspace(t.db);
    const created = await t.request('POST', '/api/v1/channels', {
      as: owner.client,
      body: { kind: 'chat', name: 'Shop', settings: { allowedOrigins: ['https://shop.example.com/any/path'] } },
    });
    const { widgetKey } = (await t.request('GET', `/api/v1/channels/${created.json().id}/widget`, { as: owner.client })).json<{
      widgetKey: string;
    }>();
    const page = await assets.inject({ url: `/widget/app/index.html?key=${widgetKey}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain('frame-ancestors https://shop.example.com;');
    // A returning visitor's browser revalidates the page: the 304 carries the same policy.
    const again = await assets.inject({
      url: `/widget/app/index.html?key=${widgetKey}`,
      headers: { 'if-none-match': String(page.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.headers['content-security-policy']).toContain('frame-ancestors https://shop.example.com;');
    // Without a known key (or with no allowed sites listed), any site may frame it.
    const unknown = await assets.inject({ url: '/widget/app/index.html?key=wk_nobody' });
    expect(unknown.headers['content-security-policy']).toContain('frame-ancestors *;');
  });
});
