// Builds the managers' dashboard into dist/dashboard (served by the functions app at /dashboard/).
import { defineConfig } from 'vite';
import path from 'node:path';

/**
 * The views (React) are a chunk of their own, imported once the first API requests have left;
 * a modulepreload link lets the browser fetch and compile it meanwhile.
 */
const preloadViews = {
  name: 'preload-views',
  transformIndexHtml: {
    order: 'post',
    handler(_html, ctx) {
      const views = Object.values(ctx.bundle ?? {}).find(
        (c) => c.type === 'chunk' && c.name === 'mount',
      );
      return views
        ? [
            {
              tag: 'link',
              attrs: { rel: 'modulepreload', crossorigin: true, href: `./${views.fileName}` },
              injectTo: 'head',
            },
          ]
        : [];
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
      input: path.join(import.meta.dirname, 'index.html'),
    },
  },
});
