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
    },
  },
});
