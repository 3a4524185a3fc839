// Bundles the Functions app into functions/dist/: index.js, the file the host's `main` names, and
// the render pool's worker thread, workers/render-worker.js. ES modules split into chunks: the
// host loads index.js (the trigger table and @azure/functions) when the app starts, and the
// backend, the storage SDKs, the contract's schemas and sign-in only when an invocation first
// needs them (dynamic `import()`s in the sources), so a cold start does not compile 4 MB of
// JavaScript it may not run. Chunks sit beside index.js (dist/), so `__dirname` is the same in
// every one of them (the render pool finds dist/workers/ from it).
// @azure/functions-core is provided by the Functions host at run time, so it stays external.
const path = require('node:path');
const esbuild = require('esbuild');

const ROOT = path.join(__dirname, '..');

// Our bundled CommonJS packages call `require` and read `__dirname`, which ES modules lack: each
// output file gets its own, for its own location.
const COMMONJS_GLOBALS = [
  "import { createRequire as __patCreateRequire } from 'node:module';",
  "import { fileURLToPath as __patFileURLToPath } from 'node:url';",
  "import { dirname as __patDirname } from 'node:path';",
  'const require = __patCreateRequire(import.meta.url);',
  'const __filename = __patFileURLToPath(import.meta.url);',
  'const __dirname = __patDirname(__filename);',
].join(' ');

// zod re-exports all of its 40-odd locales (about 360 KB) as `locales`; the app uses English (the
// default, for messages of its own it does not give) and its own Spanish ones. Only `en` is bundled.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`)
        ? { path: 'zod-locales', namespace: 'zod-english-only' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: ROOT,
    }));
  },
};

esbuild
  .build({
    entryPoints: {
      index: path.join(ROOT, 'functions', 'src', 'index.ts'),
      'workers/render-worker': path.join(ROOT, 'backend', 'xlsx', 'workers', 'render-worker.ts'),
    },
    outdir: path.join(ROOT, 'functions', 'dist'),
    bundle: true,
    splitting: true,
    format: 'esm',
    chunkNames: 'chunk-[hash]',
    platform: 'node',
    target: 'node22', // Azure Functions runs Node 22 (and 24); Node 20 runs it too.
    sourcemap: true,
    // Whitespace only: names stay as written, for readable stack traces in the logs.
    minifyWhitespace: true,
    external: ['@azure/functions-core'],
    banner: { js: COMMONJS_GLOBALS },
    plugins: [zodEnglishOnly],
    logLevel: 'warning',
  })
  .catch(() => process.exit(1));
