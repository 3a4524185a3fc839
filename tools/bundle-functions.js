// Bundles the Functions app into functions/dist/index.js, the file the host's `main` glob finds,
// and the render pool's worker thread into functions/dist/workers/render-worker.js (a folder the
// glob `dist/*.js` does not reach: the host never loads it as a function file).
// @azure/functions-core is provided by the Functions host at run time, so it stays external.
const path = require('node:path');
const esbuild = require('esbuild');

esbuild
  .build({
    entryPoints: {
      index: path.join(__dirname, '..', 'functions', 'src', 'index.ts'),
      'workers/render-worker': path.join(
        __dirname,
        '..',
        'backend',
        'xlsx',
        'workers',
        'render-worker.ts',
      ),
    },
    outdir: path.join(__dirname, '..', 'functions', 'dist'),
    bundle: true,
    platform: 'node',
    target: 'node22', // Azure Functions runs Node 22 (and 24); Node 20 runs it too.
    format: 'cjs',
    sourcemap: true,
    external: ['@azure/functions-core'],
    // ESM code in the bundle (@azure/storage-common's CRC64) reads `import.meta.url`, which a
    // CommonJS bundle lacks: it would fail as the host loads the app. The bundle's own URL stands in.
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
  })
  .catch(() => process.exit(1));
