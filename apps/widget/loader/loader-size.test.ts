import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { build, type Rolldown } from 'vite';

// The loader runs on every page of the customer's site: it must stay tiny. Built here exactly as
// `npm run build` does (the widget's own Vite config, loader mode), so the guard needs no earlier build.
const widgetRoot = fileURLToPath(new URL('..', import.meta.url));
const maxGzippedBytes = 10 * 1024;

async function buildLoader(): Promise<string> {
  const result = await build({
    root: widgetRoot,
    configFile: `${widgetRoot}vite.config.ts`,
    mode: 'loader',
    logLevel: 'silent',
    build: { write: false },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((output) => output.output).find((file) => file.fileName === 'loader.js');
  if (!chunk || chunk.type !== 'chunk') throw new Error('the loader build made no loader.js');
  return chunk.code;
}

describe('the built loader (dist/loader.js, served as /widget.js)', () => {
  it('stays under 10 KB gzipped, one classic script with no imports', { timeout: 60_000 }, async () => {
    const code = await buildLoader();
    const gzipped = gzipSync(code, { level: 9 }).length;
    expect(gzipped).toBeGreaterThan(200);
    expect(gzipped).toBeLessThan(maxGzippedBytes);
    // An IIFE: a plain <script async> cannot load modules or chunks.
    expect(code).not.toMatch(/^\s*import[\s{*]/m);
    expect(code).not.toMatch(/\bimport\(/);
  });
});
