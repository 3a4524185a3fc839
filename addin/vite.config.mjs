// Builds the task pane into dist/addin (served by `npm start`, sideloaded through manifest.xml).
import { defineConfig } from 'vite';
import path from 'node:path';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  publicDir: path.join(import.meta.dirname, 'assets'),
  build: {
    outDir: path.join(import.meta.dirname, '..', 'dist', 'addin'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: [
        path.join(import.meta.dirname, 'taskpane.html'),
        // The sign-in dialog, where Office has no Nested App Authentication.
        path.join(import.meta.dirname, 'auth-dialog.html'),
      ],
      // Fluent UI marks its modules 'use client' (for React Server Components); irrelevant in a task pane.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
      output: {
        // Chunks named for what they hold. `msal`: MSAL, and what of ours only uses it; the pane
        // loads it on demand, only for Entra sign-in (src/index.tsx imports
        // src/auth/office-sign-in.ts dynamically), the dialog at once. A group takes its modules'
        // imports along, so nothing in it may import zod, which the pane needs at start.
        // `common`: what the pane and the dialog both load at start (zod, the messages).
        codeSplitting: {
          groups: [
            { name: 'msal', test: /node_modules[\\/]@azure[\\/]msal-|src[\\/]auth[\\/]grant\.ts$/ },
            {
              name: 'common',
              test: /modulepreload-polyfill|node_modules[\\/]zod[\\/]|src[\\/](messages|auth[\\/]dialog-protocol)\.ts$/,
            },
          ],
        },
      },
    },
  },
});
