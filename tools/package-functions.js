// `npm run package`: the Functions app as Azure runs it, from what `npm run build` made.
//   dist/functions-app/       host.json (extension bundle), package.json (main: the bundle),
//                             dist/index.js (the trigger table and @azure/functions) and the
//                             chunks beside it (the backend, loaded with the first invocation):
//                             ES modules bundled by esbuild,
//                             www/addin/ and www/dashboard/ (the pages the app serves itself)
//   dist/functions-app.zip    the same, for zip deploy (`az functionapp deployment source config-zip`)
// No node_modules: everything the app runs is in the bundle, except @azure/functions-core, which
// the Functions host provides. azd deploys the folder (azure.yaml's `project`).
const fs = require('node:fs');
const path = require('node:path');
const JSZip = require('jszip');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'functions-app');
const ZIP = path.join(ROOT, 'dist', 'functions-app.zip');

const inputs = {
  bundle: path.join(ROOT, 'functions', 'dist', 'index.js'),
  host: path.join(ROOT, 'functions', 'host.json'),
  manifest: path.join(ROOT, 'functions', 'package.json'),
  pane: path.join(ROOT, 'dist', 'addin', 'taskpane.html'),
  dashboard: path.join(ROOT, 'dist', 'dashboard', 'index.html'),
};
for (const [what, file] of Object.entries(inputs))
  if (!fs.existsSync(file)) {
    process.stderr.write(
      `package: falta ${path.relative(ROOT, file)} (${what}); ejecute antes «npm run build».\n`,
    );
    process.exit(2);
  }

fs.rmSync(OUT, { recursive: true, force: true });
fs.rmSync(ZIP, { force: true });
fs.mkdirSync(path.join(OUT, 'dist'), { recursive: true });
fs.copyFileSync(inputs.host, path.join(OUT, 'host.json'));
// The bundle: index.js, the chunks it loads when needed (beside it), their maps.
for (const name of fs.readdirSync(path.dirname(inputs.bundle)))
  if (/\.js(\.map)?$/.test(name))
    fs.copyFileSync(path.join(path.dirname(inputs.bundle), name), path.join(OUT, 'dist', name));
// The render pool's worker thread (workbooks are written off the request thread).
fs.cpSync(path.join(path.dirname(inputs.bundle), 'workers'), path.join(OUT, 'dist', 'workers'), {
  recursive: true,
});
fs.cpSync(path.join(ROOT, 'dist', 'addin'), path.join(OUT, 'www', 'addin'), { recursive: true });
fs.cpSync(path.join(ROOT, 'dist', 'dashboard'), path.join(OUT, 'www', 'dashboard'), {
  recursive: true,
});

// The deployed package.json: what the host reads (main) and nothing azd could build or install.
const source = JSON.parse(fs.readFileSync(inputs.manifest, 'utf8'));
const deployed = {
  name: source.name,
  version: JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
  private: true,
  description: source.description,
  type: 'module', // the bundle is ES modules (chunks loaded when first needed)
  main: 'dist/index.js',
  engines: { node: '>=22' },
  dependencies: {},
};
fs.writeFileSync(path.join(OUT, 'package.json'), `${JSON.stringify(deployed, null, 2)}\n`);

function filesUnder(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    );
}

async function main() {
  const zip = new JSZip();
  const files = filesUnder(OUT).sort();
  for (const file of files)
    zip.file(path.relative(OUT, file).split(path.sep).join('/'), fs.readFileSync(file));
  const bytes = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  });
  fs.writeFileSync(ZIP, bytes);
  const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const unpacked = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  process.stdout.write(
    `Paquete de Functions: ${path.relative(ROOT, OUT)}/ (${files.length} archivos, ${mb(unpacked)}) y ${path.relative(ROOT, ZIP)} (${mb(bytes.length)}).\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`package: ${error.message}\n`);
  process.exit(1);
});
