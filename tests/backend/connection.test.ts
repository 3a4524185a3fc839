/**
 * How the store reaches storage: a connection string as given (Azurite here); otherwise a managed
 * identity — the store asks its credential for a storage token before any request, and sends no
 * key. Settings pick one in one place, with Spanish messages for what cannot work.
 */
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';
import {
  DefaultCredential,
  StorageTargetError,
  storageConnection,
} from '../../backend/store/connection';
import { Store } from '../../backend/store/store';
import { StorageUnavailableError } from '../../backend/errors';
import { SettingsError, settingsFromEnv } from '../../backend/settings';
import { describeStorage } from '../../backend/store/connection';
import { testConnectionString } from '../helpers/server';

/** A credential that records the scopes asked for and refuses, so no request leaves the machine. */
function recordingCredential(): TokenCredential & { scopes: string[] } {
  const scopes: string[] = [];
  return {
    scopes,
    getToken(scope: string | string[]): Promise<AccessToken | null> {
      scopes.push(...(Array.isArray(scope) ? scope : [scope]));
      return Promise.reject(new Error('sin red en las pruebas'));
    },
  };
}

describe('storageConnection', () => {
  it('uses a connection string as given', () => {
    expect(storageConnection({ connectionString: 'UseDevelopmentStorage=true' })).toEqual({
      kind: 'connection-string',
      connectionString: 'UseDevelopmentStorage=true',
    });
  });

  it("makes Azure's public endpoints from an account name, with DefaultAzureCredential", async () => {
    const connection = storageConnection({ accountName: 'patcronograma' });
    expect(connection).toMatchObject({
      kind: 'identity',
      tableUrl: 'https://patcronograma.table.core.windows.net',
      blobUrl: 'https://patcronograma.blob.core.windows.net',
    });
    // Made when the first token is asked for (@azure/identity is loaded then, not at start).
    const credential = connection.kind === 'identity' && connection.credential;
    expect(credential).toBeInstanceOf(DefaultCredential);
    expect(await (credential as DefaultCredential).resolve()).toBeInstanceOf(
      DefaultAzureCredential,
    );
  });

  it('takes given endpoints over the account name', () => {
    expect(
      storageConnection({
        accountName: 'patcronograma',
        tableEndpoint: 'https://tablas.privado.iecm.mx',
        blobEndpoint: 'https://blobs.privado.iecm.mx',
      }),
    ).toMatchObject({
      tableUrl: 'https://tablas.privado.iecm.mx',
      blobUrl: 'https://blobs.privado.iecm.mx',
    });
  });

  it('refuses nothing to go on, naming the settings', () => {
    expect(() => storageConnection({})).toThrow(StorageTargetError);
    expect(() => storageConnection({})).toThrow(/PAT_STORAGE_ACCOUNT_NAME/);
  });
});

describe('the store over a managed identity', () => {
  it('asks its credential for a storage token for tables and blobs, and sends no key', async () => {
    const credential = recordingCredential();
    const store = new Store({
      accountName: 'patcronograma',
      credential,
      timeoutMs: 2000,
    });
    await expect(store.ping()).rejects.toThrow(StorageUnavailableError);
    const afterTables = credential.scopes.length;
    expect(afterTables).toBeGreaterThanOrEqual(1);
    // Publishing an export set makes sure of its blob container first: a Blob storage call.
    await expect(
      store.exports.publish('cvoe-2021', '2021-06-18', [], { name: 'prueba' }),
    ).rejects.toThrow();
    expect(credential.scopes.length).toBeGreaterThan(afterTables);
    expect(new Set(credential.scopes)).toEqual(new Set(['https://storage.azure.com/.default']));
    expect(store.tables.connection.kind).toBe('identity');
  });

  it('works over a connection string against Azurite', async () => {
    const store = new Store({ connectionString: testConnectionString() });
    await expect(store.ping()).resolves.toBeUndefined();
  });
});

describe('settings: where storage is', () => {
  const base = { PAT_STORAGE_TIMEOUT_MS: '5000' };

  it('prefers the explicit connection string', () => {
    const s = settingsFromEnv({
      ...base,
      PAT_STORAGE_CONNECTION_STRING:
        'DefaultEndpointsProtocol=https;AccountName=pat;AccountKey=a2V5',
      PAT_STORAGE_ACCOUNT_NAME: 'patcronograma',
    });
    expect(s.storage.connectionString).toBe(
      'DefaultEndpointsProtocol=https;AccountName=pat;AccountKey=a2V5',
    );
    expect(s.storage.accountName).toBeUndefined();
    expect(describeStorage(s.storage)).toBe('https://pat.table.core.windows.net');
  });

  it("takes Azurite's shorthand as npm start's Azurite, on its configured ports", () => {
    const ports = {
      PAT_AZURITE_BLOB_PORT: '20000',
      PAT_AZURITE_QUEUE_PORT: '20001',
      PAT_AZURITE_TABLE_PORT: '20002',
    };
    for (const env of [
      { PAT_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' },
      { AzureWebJobsStorage: 'UseDevelopmentStorage=true' },
      {},
    ]) {
      const s = settingsFromEnv({ ...base, ...ports, ...env });
      expect(s.storage.localAzurite).toBe(true);
      expect(describeStorage(s.storage)).toBe('http://127.0.0.1:20002/devstoreaccount1');
      expect(s.storage.connectionString).toContain('BlobEndpoint=http://127.0.0.1:20000/');
    }
    // Without ports, Azurite's own defaults, as npm start uses them.
    expect(describeStorage(settingsFromEnv(base).storage)).toBe(
      'http://127.0.0.1:10002/devstoreaccount1',
    );
    expect(() => settingsFromEnv({ ...base, PAT_AZURITE_TABLE_PORT: '99999' })).toThrow(
      /PAT_AZURITE_TABLE_PORT: un puerto/,
    );
  });

  it('uses a managed identity with an account name and no connection string', () => {
    const s = settingsFromEnv({ ...base, PAT_STORAGE_ACCOUNT_NAME: 'patcronograma' });
    expect(s.storage.connectionString).toBeUndefined();
    expect(storageConnection(s.storage).kind).toBe('identity');
  });

  it("falls back to the host's storage, then to Azurite", () => {
    const host = 'DefaultEndpointsProtocol=https;AccountName=host;AccountKey=a2V5';
    expect(settingsFromEnv({ ...base, AzureWebJobsStorage: host }).storage.connectionString).toBe(
      host,
    );
    expect(settingsFromEnv(base).storage.localAzurite).toBe(true);
  });

  it('never falls back to Azurite in Azure: it names the missing setting', () => {
    expect(() => settingsFromEnv({ ...base, WEBSITE_INSTANCE_ID: 'abc123' })).toThrow(
      /falta el almacenamiento \(PAT_STORAGE_ACCOUNT_NAME/,
    );
  });

  it("never takes the host's Azurite shorthand in Azure either", () => {
    expect(() =>
      settingsFromEnv({
        ...base,
        WEBSITE_INSTANCE_ID: 'abc123',
        AzureWebJobsStorage: 'UseDevelopmentStorage=true',
      }),
    ).toThrow(/falta el almacenamiento/);
  });

  it('refuses a bad account name and half of the endpoints, in Spanish', () => {
    expect(() => settingsFromEnv({ ...base, PAT_STORAGE_ACCOUNT_NAME: 'Pat_Cuenta' })).toThrow(
      /PAT_STORAGE_ACCOUNT_NAME.*minúsculas/,
    );
    expect(() =>
      settingsFromEnv({ ...base, PAT_STORAGE_TABLE_ENDPOINT: 'https://t.example.net' }),
    ).toThrow(SettingsError);
  });
});

describe('settings: «modo local»', () => {
  const tenant = {
    PAT_AUTH_TENANT_ID: '11111111-2222-3333-4444-555555555555',
    PAT_AUTH_CLIENT_ID: '66666666-7777-8888-9999-000000000000',
  };

  it('is on by default when no sign-in is configured, off when it is, unless asked for', () => {
    expect(settingsFromEnv({}).allowDevPrincipal).toBe(true);
    expect(settingsFromEnv({ PAT_ALLOW_DEV_PRINCIPAL: 'false' }).allowDevPrincipal).toBe(false);
    expect(settingsFromEnv(tenant).allowDevPrincipal).toBe(false);
    expect(settingsFromEnv({ ...tenant, PAT_ALLOW_DEV_PRINCIPAL: 'true' }).allowDevPrincipal).toBe(
      true,
    );
    expect(settingsFromEnv({}).devPrincipal).toEqual({
      name: 'dev@localhost',
      roles: ['editor', 'viewer', 'admin'],
    });
  });

  it('is never on in Azure, and the development setting stops the app there', () => {
    const azure = { WEBSITE_INSTANCE_ID: 'abc123', PAT_STORAGE_ACCOUNT_NAME: 'patcronograma' };
    expect(settingsFromEnv(azure).allowDevPrincipal).toBe(false);
    expect(() => settingsFromEnv({ ...azure, PAT_ALLOW_DEV_PRINCIPAL: 'true' })).toThrow(
      /PAT_ALLOW_DEV_PRINCIPAL=true es solo para desarrollo local y no se permite en Azure/,
    );
  });
});
