/**
 * The azd template (azure.yaml, infra/) against the code: every setting the code reads is either
 * set by the template or named as local-only, the template sets nothing the code does not read,
 * and the files azd and Bicep follow exist. Bicep cannot be compiled here, so the files are read
 * as text, by the conventions infra/main.bicep keeps (one `NAME: value` per line in one object).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SETTING_NAMES } from '../../backend/settings';
import { backupsContainer } from '../../backend/store/backup-store';
import { exportsContainer } from '../../backend/store/export-store';

const ROOT = path.resolve(__dirname, '..', '..');
const INFRA = path.join(ROOT, 'infra');
const MAIN = path.join(INFRA, 'main.bicep');
const read = (file: string) => readFileSync(file, 'utf8');
const main = read(MAIN);

/** Set in Azure although backend/settings.ts does not read them: the Azure SDK does. */
const READ_BY_LIBRARIES = ['AZURE_CLIENT_ID'];

/** The keys of `var patAppSettings = { … }`, one `NAME: value // what` per line. */
function appSettings(): string[] {
  const block = /^var patAppSettings = \{\n([\s\S]*?)\n\}$/m.exec(main);
  if (!block) throw new Error('infra/main.bicep has no `var patAppSettings = {` … `}` block');
  return block[1]!
    .split('\n')
    .filter((line) => line.trim() && !line.trim().startsWith('//'))
    .map((line) => {
      const entry = /^ {2}([A-Za-z_][A-Za-z0-9_]*): \S.*\/\/ \S/.exec(line);
      if (!entry) throw new Error(`not one \`NAME: value // what\` per line: «${line}»`);
      return entry[1]!;
    });
}

/** The names of the `// Not set in Azure (local only): A, B, …` line. */
function localOnly(): string[] {
  const line = /^\/\/ Not set in Azure \(local only\): (.+)$/m.exec(main);
  if (!line) throw new Error('infra/main.bicep has no `// Not set in Azure (local only): …` line');
  return line[1]!.split(',').map((name) => name.trim());
}

/** Every Bicep file main.bicep reaches through local modules, and the registry modules named. */
function bicepFiles(): { local: string[]; registry: string[]; missing: string[] } {
  const local: string[] = [];
  const registry: string[] = [];
  const missing: string[] = [];
  const visit = (file: string) => {
    if (local.includes(file)) return;
    local.push(file);
    const text = read(file);
    for (const [, ref] of text.matchAll(/^module \w+ '([^']+)'/gm)) {
      if (/^(br|ts)[:/]/.test(ref!)) registry.push(ref!);
      else {
        const target = path.resolve(path.dirname(file), ref!);
        if (existsSync(target)) visit(target);
        else missing.push(path.relative(ROOT, target));
      }
    }
    for (const [, ref] of text.matchAll(/load(?:Json|Text|Yaml)Content\('([^']+)'/g)) {
      const target = path.resolve(path.dirname(file), ref!);
      if (!existsSync(target)) missing.push(path.relative(ROOT, target));
    }
  };
  visit(MAIN);
  return { local, registry, missing };
}

describe('the Azure template (infra/main.bicep) and the settings the code reads', () => {
  const set = appSettings();
  const unset = localOnly();

  it('sets every setting of backend/settings.ts or lists it as local only', () => {
    expect(SETTING_NAMES.filter((name) => !set.includes(name) && !unset.includes(name))).toEqual(
      [],
    );
  });

  it('sets nothing the code does not read', () => {
    // PAT_STORAGE_ACCOUNT_NAME fails here until backend/settings.ts reads it (managed identity).
    const known = [...SETTING_NAMES, ...READ_BY_LIBRARIES];
    expect(set.filter((name) => !known.includes(name))).toEqual([]);
  });

  it('lists as local only real settings, none of which it sets', () => {
    expect(unset.filter((name) => !SETTING_NAMES.includes(name))).toEqual([]);
    expect(unset.filter((name) => set.includes(name))).toEqual([]);
    expect(unset).toEqual(
      expect.arrayContaining(['PAT_ALLOW_DEV_PRINCIPAL', 'PAT_DEV_PRINCIPAL', 'PAT_TABLE_PREFIX']),
    );
  });

  it('gives the settings to the function app, and sets no setting of ours anywhere else', () => {
    expect(main).toMatch(/^ {4}appSettings: patAppSettings$/m);
    const { local } = bicepFiles();
    const elsewhere = local.flatMap((file) =>
      read(file)
        .replace(/^var patAppSettings = \{\n[\s\S]*?\n\}$/m, '')
        .split('\n')
        .filter((line) => /^\s*'?(PAT_\w+|AZURE_CLIENT_ID)'?\s*:/.test(line))
        .map((line) => `${path.relative(ROOT, file)}: ${line.trim()}`),
    );
    expect(elsewhere).toEqual([]);
  });

  it('maps its PAT_* parameters to azd environment values named as the settings', () => {
    const parameters = JSON.parse(read(path.join(INFRA, 'main.parameters.json'))) as {
      parameters: Record<string, { value: unknown }>;
    };
    const declared = [...main.matchAll(/^param (\w+) /gm)].map((m) => m[1]!);
    const required = [...main.matchAll(/^param (\w+) [\w[\]]+$/gm)].map((m) => m[1]!);
    expect(Object.keys(parameters.parameters).filter((p) => !declared.includes(p))).toEqual([]);
    expect(required.filter((p) => !(p in parameters.parameters))).toEqual([]);
    const envNames = Object.values(parameters.parameters).flatMap((p) =>
      [...JSON.stringify(p.value).matchAll(/\$\{(\w+)/g)].map((m) => m[1]!),
    );
    expect(envNames.filter((n) => n.startsWith('PAT_') && !SETTING_NAMES.includes(n))).toEqual([]);
    expect(envNames).toEqual(
      expect.arrayContaining([
        'AZURE_ENV_NAME',
        'AZURE_LOCATION',
        'PAT_EXPORT_SCHEDULE',
        'PAT_BACKUP_SCHEDULE',
        'PAT_BACKUP_RETENTION_DAYS',
        'PAT_AUTH_TENANT_ID',
        'PAT_AUTH_CLIENT_ID',
        'PAT_AUTH_APP_SERVICE',
      ]),
    );
  });

  it('makes the containers the code writes, and protects their blobs (versions, soft delete)', () => {
    const containers = /containers: \[(.*)\]/.exec(main)?.[1] ?? '';
    for (const name of [exportsContainer(), backupsContainer()])
      expect(containers).toContain(`{name: '${name}'}`);
    expect(main).toMatch(/^ {6}isVersioningEnabled: true$/m);
    expect(main).toMatch(/^ {6}deleteRetentionPolicyEnabled: true$/m);
    expect(main).toMatch(/^ {6}containerDeleteRetentionPolicyEnabled: true$/m);
    // Previous versions do not pile up forever: a lifecycle rule deletes them.
    expect(main).toMatch(
      /version: \{\n\s+delete: \{\n\s+daysAfterCreationGreaterThan: blobVersionDays\n/,
    );
  });

  it('references only files that exist, and registry modules by pinned version', () => {
    const { local, registry, missing } = bicepFiles();
    expect(missing).toEqual([]);
    expect(local.map((f) => path.relative(ROOT, f)).sort()).toEqual([
      'infra/app/api.bicep',
      'infra/app/rbac.bicep',
      'infra/main.bicep',
    ]);
    expect(registry.length).toBeGreaterThan(0);
    expect(
      registry.filter((ref) => !/^br\/public:avm\/res\/[\w/-]+:\d+\.\d+\.\d+$/.test(ref)),
    ).toEqual([]);
  });

  it('makes a Flex Consumption app on Node 22, tagged for azd, with the outputs azd and we use', () => {
    expect(main).toMatch(/name: 'FC1'\n\s+tier: 'FlexConsumption'/);
    expect(main).toMatch(/runtimeName: 'node'\n\s+runtimeVersion: '22'/);
    expect(main).toMatch(/'azd-env-name': environmentName/);
    expect(read(path.join(INFRA, 'app', 'api.bicep'))).toMatch(
      /param serviceName string = 'api'[\s\S]*'azd-service-name': serviceName/,
    );
    const outputs = [...main.matchAll(/^output (\w+) /gm)].map((m) => m[1]);
    expect(outputs).toEqual(
      expect.arrayContaining([
        'AZURE_LOCATION',
        'AZURE_TENANT_ID',
        'SERVICE_API_NAME',
        'AZURE_FUNCTION_APP_NAME',
        'PAT_PUBLIC_URL',
        'PAT_STORAGE_ACCOUNT_NAME',
      ]),
    );
  });
});

describe('azure.yaml', () => {
  const text = read(path.join(ROOT, 'azure.yaml'));

  interface Hook {
    shell?: string;
    run?: string;
  }
  interface AzureYaml {
    name?: string;
    services?: Record<
      string,
      { project?: string; language?: string; host?: string; remoteBuild?: boolean }
    >;
    hooks?: Record<string, { posix?: Hook; windows?: Hook }>;
  }

  /** js-yaml comes with jest (istanbul); without it, a reading of the few keys by pattern. */
  function parse(): AzureYaml {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const yaml = require('js-yaml') as { load(source: string): unknown };
      return yaml.load(text) as AzureYaml;
    } catch (error) {
      if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
      const value = (key: string) => new RegExp(`^ {4}${key}: (.+)$`, 'm').exec(text)?.[1];
      const hook = (name: string): { posix: Hook; windows: Hook } => {
        const block = new RegExp(`^ {2}${name}:\\n((?: {4,}.*\\n?)+)`, 'm').exec(text)?.[1] ?? '';
        const part = (os: string) => ({
          shell: new RegExp(`${os}:\\n\\s+shell: (\\S+)`).exec(block)?.[1],
          run: new RegExp(`${os}:\\n\\s+shell: \\S+\\n\\s+run: (.+)`).exec(block)?.[1],
        });
        return { posix: part('posix'), windows: part('windows') };
      };
      return {
        services: /^ {2}api:$/m.test(text)
          ? {
              api: {
                project: value('project'),
                language: value('language'),
                host: value('host'),
                remoteBuild: value('remoteBuild') === 'true',
              },
            }
          : {},
        hooks: {
          prepackage: hook('prepackage'),
          predeploy: hook('predeploy'),
          postprovision: hook('postprovision'),
        },
      };
    }
  }

  it('deploys the packaged Functions app as the service `api`', () => {
    const api = parse().services?.api;
    expect(api).toMatchObject({ language: 'js', host: 'function' });
    expect(path.posix.normalize(api?.project ?? '')).toBe('dist/functions-app');
  });

  it('builds the package first, on Linux, macOS and Windows', () => {
    const { hooks } = parse();
    for (const name of ['prepackage', 'predeploy'])
      expect(hooks?.[name]).toEqual({
        posix: { shell: 'sh', run: 'npm run package' },
        windows: { shell: 'pwsh', run: 'npm run package' },
      });
    // The script the hooks run (added with the package build).
    const { scripts } = JSON.parse(read(path.join(ROOT, 'package.json'))) as {
      scripts: Record<string, string>;
    };
    expect(scripts).toHaveProperty('package');
  });

  it('waits after provisioning for the data roles to reach storage, with a script that exists', () => {
    const { hooks } = parse();
    expect(hooks?.postprovision).toEqual({
      posix: { shell: 'sh', run: './infra/scripts/wait-for-data-roles.sh' },
      windows: { shell: 'pwsh', run: './infra/scripts/wait-for-data-roles.ps1' },
    });
    for (const script of ['wait-for-data-roles.sh', 'wait-for-data-roles.ps1']) {
      const body = read(path.join(INFRA, 'scripts', script));
      // It reads the account from the template's own output, and retries with a bound.
      expect(body).toContain('AZURE_STORAGE_ACCOUNT_NAME');
      expect(body).toContain('--auth-mode login');
      expect(main).toMatch(/^output AZURE_STORAGE_ACCOUNT_NAME string/m);
    }
    expect(statSync(path.join(INFRA, 'scripts', 'wait-for-data-roles.sh')).mode & 0o111).not.toBe(
      0,
    );
  });
});
