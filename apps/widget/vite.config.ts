import { defineConfig } from 'vite';

// Two outputs, kept apart so the host page's CSS and scripts cannot reach the chat:
//  - loader/: a framework-free script (target: under 10 KB gzipped) that adds the iframe;
//  - app/: the iframe's own page, served by Rapport under /widget/.
// The sources arrive with the live-chat issue; `vite build` here needs them.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: { loader: 'loader/index.ts', app: 'app/index.html' },
      output: { entryFileNames: '[name].js' },
    },
  },
});
