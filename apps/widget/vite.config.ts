import { defineConfig } from 'vite';

// Two builds, kept apart so the host page's CSS and scripts cannot reach the chat:
//  - `vite build`: the iframe app, app/index.html -> dist/app/ with relative asset URLs (`base: './'`), because
//    Rapport serves dist/ at /widget/ (and may itself live under a sub-path);
//  - `vite build --mode loader`: loader/index.ts -> dist/loader.js, one self-contained classic script (IIFE, no
//    imports, no shared chunks), since the site owner includes it with a plain `<script async>`.
export default defineConfig(({ mode }) =>
  mode === 'loader'
    ? {
        build: {
          outDir: 'dist',
          emptyOutDir: false,
          // Host pages run every kind of browser; the loader is tiny, so an older target (object spread, no newer syntax) costs little.
          target: 'es2018',
          lib: { entry: 'loader/index.ts', formats: ['iife'], name: 'RapportLoader', fileName: () => 'loader.js' },
        },
      }
    : {
        root: 'app',
        base: './',
        // No modulepreload polyfill: the app is one chunk, and every browser with modules runs it.
        build: { outDir: '../dist/app', emptyOutDir: true, target: 'es2020', modulePreload: { polyfill: false } },
      },
);
