// Builds the managers' dashboard into dist/dashboard (served by the functions app at /dashboard/),
// and beside it the update page the reminders link to (dist/dashboard/actualizar/index.html, at
// /dashboard/actualizar/): two HTML inputs, one set of assets (what both use is built once).
import { defineConfig } from 'vite';
import path from 'node:path';

/**
 * The dashboard's views (React) are a chunk of their own, imported once the first API requests
 * have left; modulepreload links let the browser fetch and compile it meanwhile, with the chunks
 * it imports (React, shared with the update page, is one of them). The dashboard's page only:
 * the update page loads its views with its script.
 */
const preloadViews = {
  name: 'preload-views',
  transformIndexHtml: {
    order: 'post',
    handler(html, ctx) {
      if (ctx.path !== '/index.html') return [];
      const views = Object.values(ctx.bundle ?? {}).find(
        (c) => c.type === 'chunk' && c.name === 'mount',
      );
      if (!views) return [];
      return [views.fileName, ...views.imports]
        .filter((file) => !html.includes(`./${file}`))
        .map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head',
        }));
    },
  },
};

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  publicDir: false,
  plugins: [preloadViews],
  build: {
    outDir: path.join(import.meta.dirname, '..', 'dist', 'dashboard'),
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        index: path.join(import.meta.dirname, 'index.html'),
        actualizar: path.join(import.meta.dirname, 'actualizar', 'index.html'),
      },
    },
  },
});
