// `npm run sideload`: opens Excel desktop with the add-in, through office-addin-debugging.
// It is an optional dependency (it compiles keytar, which needs Debian's libsecret-1-dev), so say so when absent.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

let cli;
try {
  cli = require.resolve('office-addin-debugging/cli.js');
} catch {
  process.stderr.write(
    'office-addin-debugging no está instalado (es opcional: compila keytar, que necesita libsecret).\n' +
      'En Debian/Ubuntu: sudo apt-get install libsecret-1-dev && npm install office-addin-debugging\n' +
      'Sin él, cargue el complemento a mano: vea «Build, serve, sideload» en el README.\n',
  );
  process.exit(1);
}
const run = spawnSync(
  process.execPath,
  [
    cli,
    'start',
    path.join(__dirname, '..', 'manifest.xml'),
    'desktop',
    '--app',
    'excel',
    '--no-debug',
  ],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);
