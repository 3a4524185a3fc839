#!/usr/bin/env node
// The `pat` command: runs the compiled CLI (built by `npm ci` through the `prepare` script).
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(
    'pat: falta la compilación. Ejecute «npm run build» en la raíz del repositorio.\n',
  );
  process.exit(2);
}
require(entry)
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
