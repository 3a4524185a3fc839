// Writes a production manifest from manifest.xml: the pane and functions URLs of a deployment, and
// the sign-in app registration (WebApplicationInfo) from --client-id or PAT_AUTH_CLIENT_ID.
//   npm run manifest -- --pane-url https://pat.iecm.mx --functions-url https://pat-func.azurewebsites.net [--client-id GUID] [--version 1.0.1.0] [--out dist/manifest.xml]
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { spawnSync } = require('node:child_process');

const { values } = parseArgs({
  options: {
    'pane-url': { type: 'string' },
    'functions-url': { type: 'string' },
    'app-id': { type: 'string' },
    'client-id': { type: 'string', default: process.env.PAT_AUTH_CLIENT_ID },
    version: { type: 'string' },
    out: { type: 'string', default: path.join('dist', 'manifest.xml') },
  },
});
const fail = (message) => {
  process.stderr.write(`manifest: ${message}\n`);
  process.exit(2);
};
/** The URL as given, without a trailing slash: its path is kept (the pane may live under /panel). */
const base = (name) => {
  const value = values[name];
  if (!value) fail(`falta --${name} (https://…).`);
  let url;
  try {
    url = new URL(value);
  } catch {
    fail(`--${name} no es una dirección: «${value}».`);
  }
  if (url.protocol !== 'https:') fail(`--${name} debe usar https (Office lo exige).`);
  if (url.search || url.hash) fail(`--${name} no lleva «?» ni «#»: «${value}».`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
};
const pane = base('pane-url');
const functions = base('functions-url');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// --app-id: the earlier name of --client-id.
const clientId = values['client-id'] || values['app-id'] || undefined;
if (clientId && !GUID.test(clientId))
  fail('--client-id (o PAT_AUTH_CLIENT_ID) debe ser el GUID del registro de la aplicación.');
if (values.version && !/^\d{1,5}(\.\d{1,5}){0,3}$/.test(values.version))
  fail('--version es como 1.0.1.0.');

let xml = fs.readFileSync(path.join(__dirname, '..', 'manifest.xml'), 'utf8');
// The sign-in app registration: its client id, the resource api://{pane host}/{client id} and
// the API's scope, the ids the pane asks Entra for (the zero GUID is the development placeholder).
if (clientId)
  xml = xml.replace(/<WebApplicationInfo>[\s\S]*?<\/WebApplicationInfo>/, (info) =>
    info
      .replaceAll('00000000-0000-0000-0000-000000000000', clientId)
      .replace(
        '<Scope>profile</Scope>',
        '<Scope>profile</Scope>\n        <Scope>access_as_user</Scope>',
      ),
  );
// App domains are origins; every other URL keeps the given path.
xml = xml
  .replaceAll(
    '<AppDomain>https://localhost:3000</AppDomain>',
    `<AppDomain>${new URL(pane).origin}</AppDomain>`,
  )
  .replaceAll(
    '<AppDomain>https://localhost:7071</AppDomain>',
    `<AppDomain>${new URL(functions).origin}</AppDomain>`,
  )
  .replaceAll('https://localhost:3000', pane)
  .replaceAll('https://localhost:7071', functions)
  .replaceAll('api://localhost:3000', `api://${new URL(pane).host}`);
if (values.version)
  xml = xml.replace(/<Version>[^<]*<\/Version>/, `<Version>${values.version}</Version>`);
xml = xml.replace(/<!-- Development manifest:[\s\S]*?-->\n/, '');
fs.mkdirSync(path.dirname(values.out), { recursive: true });
fs.writeFileSync(values.out, xml);
process.stdout.write(
  `Manifiesto de producción: ${values.out} (panel ${pane}, funciones ${functions})\n`,
);

// Validated against Office's schema (the XSDs in addin/schemas/), offline, with xmllint.
const schema = path.join(
  __dirname,
  '..',
  'addin',
  'schemas',
  'office-addin-manifest',
  'OfficeAppManifestV1_1.xsd',
);
const check = spawnSync('xmllint', ['--noout', '--schema', schema, values.out], {
  encoding: 'utf8',
});
if (check.error) {
  process.stdout.write(
    'No se validó: falta xmllint (paquete libxml2-utils). Valídelo con «npm run validate:offline».\n',
  );
} else if (check.status !== 0) {
  process.stderr.write(`manifest: el manifiesto no cumple el esquema de Office:\n${check.stderr}`);
  process.exit(1);
} else {
  process.stdout.write('Validado contra el esquema de manifiestos de Office (xmllint).\n');
}
