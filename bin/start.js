#!/usr/bin/env node
// `npm start`: for now, validates the 2021 seed workbook with the real CLI.
// (The server issue turns this into the whole local stack.)
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const workbook = path.join(root, 'seeds', 'cvoe-2021.xlsx');
const run = spawnSync(process.execPath, [path.join(__dirname, 'pat.js'), 'validate', workbook], {
  stdio: 'inherit',
});
process.exitCode = run.status ?? 2;
