#!/usr/bin/env node
// `npm start`: the whole local stack (Azurite, the functions' routes, the 2021 programme).
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'dist', 'tools', 'dev', 'start.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('Falta la compilación. Ejecute «npm run build» (npm ci la hace).\n');
  process.exit(1);
}
require(entry);
