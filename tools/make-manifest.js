// Writes a production manifest from manifest.xml: the pane and functions URLs of a deployment.
//   npm run manifest -- --pane-url https://pat.iecm.mx --functions-url https://pat-func.azurewebsites.net [--app-id GUID] [--version 1.0.1.0] [--out dist/manifest.xml]
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const { values } = parseArgs({
  options: {
    'pane-url': { type: 'string' },
    'functions-url': { type: 'string' },
    'app-id': { type: 'string' },
    version: { type: 'string' },
    out: { type: 'string', default: path.join('dist', 'manifest.xml') },
  },
});
const fail = (message) => {
  process.stderr.write(`manifest: ${message}\n`);
  process.exit(2);
};
const origin = (name) => {
  const value = values[name];
  if (!value) fail(`falta --${name} (https://…).`);
  let url;
  try {
    url = new URL(value);
  } catch {
    fail(`--${name} no es una dirección: «${value}».`);
  }
  if (url.protocol !== 'https:') fail(`--${name} debe usar https (Office lo exige).`);
  return url.origin;
};
const pane = origin('pane-url');
const functions = origin('functions-url');
if (
  values['app-id'] &&
  !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(values['app-id'])
)
  fail('--app-id debe ser un GUID.');
if (values.version && !/^\d{1,5}(\.\d{1,5}){0,3}$/.test(values.version))
  fail('--version es como 1.0.1.0.');

let xml = fs.readFileSync(path.join(__dirname, '..', 'manifest.xml'), 'utf8');
xml = xml
  .replaceAll('https://localhost:3000', pane)
  .replaceAll('https://localhost:7071', functions)
  .replaceAll('api://localhost:3000', `api://${new URL(pane).host}`);
if (values['app-id'])
  xml = xml.replaceAll('00000000-0000-0000-0000-000000000000', values['app-id']);
if (values.version)
  xml = xml.replace(/<Version>[^<]*<\/Version>/, `<Version>${values.version}</Version>`);
xml = xml.replace(/<!-- Development manifest:[\s\S]*?-->\n/, '');
fs.mkdirSync(path.dirname(values.out), { recursive: true });
fs.writeFileSync(values.out, xml);
process.stdout.write(
  `Manifiesto de producción: ${values.out} (panel ${pane}, funciones ${functions})\n`,
);
