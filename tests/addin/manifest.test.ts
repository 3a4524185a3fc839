import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/files';

const SCHEMA = path.join(
  ROOT,
  'addin',
  'schemas',
  'office-addin-manifest',
  'OfficeAppManifestV1_1.xsd',
);
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** xmllint (Debian's libxml2-utils; .ci/run installs it) against Office's manifest schemas, offline. */
function validate(file: string) {
  const run = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8' });
  if (run.error) throw new Error('xmllint is missing: apt-get install libxml2-utils');
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('manifest.xml', () => {
  it('validates against the Office add-in manifest schemas', () => {
    expect(validate(path.join(ROOT, 'manifest.xml'))).toEqual({
      code: 0,
      output: expect.stringContaining('validates'),
    });
  });

  it('is an Excel task pane with a Home-tab button, es-MX by default with an en-US override', () => {
    const xml = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
    expect(xml).toContain('xsi:type="TaskPaneApp"');
    expect(xml).toContain('<Host Name="Workbook" />');
    expect(xml).toContain('<DefaultLocale>es-MX</DefaultLocale>');
    expect(xml).toContain('<Override Locale="en-US" Value="PAT Schedule" />');
    expect(xml).toMatch(
      /<OfficeTab id="TabHome">[\s\S]*<bt:String id="Button.Label" DefaultValue="Cronograma PAT">/,
    );
    for (const size of [16, 32, 64, 80])
      expect(
        readFileSync(path.join(ROOT, 'addin', 'assets', `icon-${size}.png`))
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
  });

  it('is rejected by the schemas when broken (the check can fail)', () => {
    const broken = tmp.path('broken.xml');
    writeFileSync(
      broken,
      readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8').replace(
        '<Version>1.0.0.0</Version>',
        '<Version>uno</Version>',
      ),
    );
    expect(validate(broken).code).not.toBe(0);
  });

  it('a production build points every URL at the deployment, keeping the pane path, and validates it', () => {
    const out = tmp.path('manifest.prod.xml');
    const run = spawnSync(
      process.execPath,
      [
        'tools/make-manifest.js',
        '--pane-url',
        'https://pat.iecm.mx/panel',
        '--functions-url',
        'https://pat-func.azurewebsites.net',
        '--version',
        '1.2.0.0',
        '--out',
        out,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Validado contra el esquema');
    const xml = readFileSync(out, 'utf8');
    expect(xml).not.toContain('localhost');
    // The pane's path is kept everywhere but in the app domains, which are origins.
    expect(xml).toContain(
      '<SourceLocation DefaultValue="https://pat.iecm.mx/panel/taskpane.html" />',
    );
    expect(xml).toContain('<IconUrl DefaultValue="https://pat.iecm.mx/panel/icon-32.png" />');
    expect(xml).toContain('<AppDomain>https://pat.iecm.mx</AppDomain>');
    expect(xml).toContain('<AppDomain>https://pat-func.azurewebsites.net</AppDomain>');
    expect(xml).toContain('<Version>1.2.0.0</Version>');
    expect(validate(out).code).toBe(0);
  });

  it('fills WebApplicationInfo with the sign-in app registration from PAT_AUTH_CLIENT_ID', () => {
    const out = tmp.path('manifest.auth.xml');
    const clientId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    const args = [
      'tools/make-manifest.js',
      '--pane-url',
      'https://pat.iecm.mx',
      '--functions-url',
      'https://pat-func.azurewebsites.net',
      '--out',
      out,
    ];
    const run = spawnSync(process.execPath, args, {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PAT_AUTH_CLIENT_ID: clientId },
    });
    expect(run.status).toBe(0);
    const info = /<WebApplicationInfo>[\s\S]*<\/WebApplicationInfo>/.exec(
      readFileSync(out, 'utf8'),
    )![0];
    expect(info).toContain(`<Id>${clientId}</Id>`);
    expect(info).toContain(`<Resource>api://pat.iecm.mx/${clientId}</Resource>`);
    expect(info).toContain('<Scope>access_as_user</Scope>');
    expect(info).not.toContain('00000000-0000');
    expect(validate(out).code).toBe(0);
    const bad = spawnSync(process.execPath, [...args, '--client-id', 'no-es-guid'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--client-id');
  });

  it('refuses a production build without https URLs', () => {
    const run = spawnSync(
      process.execPath,
      [
        'tools/make-manifest.js',
        '--pane-url',
        'http://pat.iecm.mx',
        '--functions-url',
        'https://x.mx',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('debe usar https');
  });
});
