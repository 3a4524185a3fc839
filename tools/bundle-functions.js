// Bundles the Functions app into functions/dist/index.js, the file the host's `main` glob finds.
// @azure/functions-core is provided by the Functions host at run time, so it stays external.
const path = require('node:path');
const esbuild = require('esbuild');

esbuild
  .build({
    entryPoints: [path.join(__dirname, '..', 'functions', 'src', 'index.ts')],
    outfile: path.join(__dirname, '..', 'functions', 'dist', 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    external: ['@azure/functions-core'],
    logLevel: 'warning',
  })
  .catch(() => process.exit(1));
