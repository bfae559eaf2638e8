#!/usr/bin/env node
// Chat widget benchmark:
//   1. the loader's size (apps/widget/dist/loader.js, served as /widget.js), raw and gzipped;
//   2. the iframe app's first render in Chromium: a plain local page (its own origin) holding the site snippet, from
//      the page's navigation start to the first frame in which the launcher button inside the iframe is visible;
//      every load in a fresh browser context (cold cache, no saved visitor). Median and p95, one JSON line.
//   node scripts/bench/widget.mjs [--loads 20]        (needs `npm run build`; uses /usr/bin/chromium)
import { readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { appendToBenchmarks, completeSetup, json, machineLine, root, signIn, startServer } from './lib/server.mjs';

// markLauncherVisible and the page.evaluate callbacks run in the browser:
/* global location, document, getComputedStyle, window, requestAnimationFrame */

const { values: args } = parseArgs({ options: { loads: { type: 'string', default: '20' } } });
const loads = Number(args.loads);

function loaderSize() {
  const file = join(root, 'apps/widget/dist/loader.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build:widget first`);
  const source = readFileSync(file);
  return { loaderBytes: source.length, loaderGzipBytes: gzipSync(source, { level: 9 }).length };
}

/** Setup, then a chat channel; its widget key. */
async function createChatChannel(server) {
  await completeSetup(server);
  const cookie = await signIn(server);
  const me = await json(`${server.url}/api/v1/me`, { headers: { cookie } });
  const auth = { cookie, 'x-csrf-token': me.body.csrfToken, 'content-type': 'application/json' };
  const channel = (
    await json(`${server.url}/api/v1/channels`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ kind: 'chat', name: 'Website' }),
    })
  ).body;
  return (await json(`${server.url}/api/v1/channels/${channel.id}/widget`, { headers: auth })).body.widgetKey;
}

/** A site of its own origin (another port) whose only content is the snippet. */
async function startHostPage(rapportUrl, key) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><h1>A shop</h1><p>Some content.</p>
<script src="${rapportUrl}/widget.js" data-key="${key}" async></script></body></html>`;
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

// Runs in every frame before its scripts; in the widget's frame it notes the time (epoch ms, the same clock as
// the host's performance.timeOrigin) of the first animation frame in which the launcher has a size.
function markLauncherVisible() {
  if (!location.pathname.endsWith('/widget/app/index.html')) return;
  const check = () => {
    const launcher = document.querySelector('button.launcher');
    const box = launcher?.getBoundingClientRect();
    if (box && box.width > 0 && box.height > 0 && getComputedStyle(launcher).visibility !== 'hidden') {
      window.__launcherVisibleAt = performance.timeOrigin + performance.now();
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
}

async function measureFirstRender(browser, hostUrl) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript(markLauncherVisible);
    const page = await context.newPage();
    await page.goto(hostUrl);
    await page.frameLocator('iframe').locator('button.launcher').waitFor({ state: 'visible', timeout: 15_000 });
    const frame = page.frames().find((candidate) => candidate.url().includes('/widget/app/index.html'));
    const visibleAt = await frame.waitForFunction(() => window.__launcherVisibleAt).then((handle) => handle.jsonValue());
    const navigationStart = await page.evaluate(() => performance.timeOrigin);
    return visibleAt - navigationStart;
  } finally {
    await context.close();
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const sizes = loaderSize();
const dataDir = await mkdtemp(join(tmpdir(), 'rapport-bench-widget-'));
const server = await startServer({ RAPPORT_DATA_DIR: dataDir });
let host;
let browser;
try {
  const key = await createChatChannel(server);
  host = await startHostPage(server.url, key);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  await measureFirstRender(browser, host.url); // warm-up: the server's first requests compile and cache
  const times = [];
  for (let load = 0; load < loads; load++) times.push(await measureFirstRender(browser, host.url));
  times.sort((a, b) => a - b);
  const result = {
    bench: 'widget',
    ...sizes,
    loads,
    firstRenderMs: {
      median: Math.round(percentile(times, 50)),
      p95: Math.round(percentile(times, 95)),
      min: Math.round(times[0]),
      max: Math.round(times.at(-1)),
    },
  };
  console.log(JSON.stringify(result));
  const kb = (bytes) => (bytes / 1024).toFixed(1);
  const section = `
## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — chat widget: loader size and first render

Machine: ${await machineLine()}; Chromium ${browser.version()} (Debian), headless. The loader is
\`apps/widget/dist/loader.js\` as served at \`/widget.js\`, gzipped at level 9. First render: a plain page on its own
local origin with the site snippet; from the page's navigation start to the first frame in which the launcher button
inside the iframe is visible, each load in a fresh browser context (cold cache, no visitor yet), ${loads} loads after one
warm-up, against \`rapport start\` on the embedded database.

| loader | loader gzipped | first render median / p95 (min–max) |
|---|---|---|
| ${kb(result.loaderBytes)} KB | **${kb(result.loaderGzipBytes)} KB** | ${result.firstRenderMs.median} / **${result.firstRenderMs.p95}** ms (${result.firstRenderMs.min}–${result.firstRenderMs.max}) |
`;
  console.log(`wrote ${await appendToBenchmarks(section)}`);
} finally {
  await browser?.close();
  await host?.close();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
