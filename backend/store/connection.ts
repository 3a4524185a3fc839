/**
 * How the store reaches storage, decided in this one place. A connection string (Azurite, local
 * work, an account key where an institution insists) is used as given. Without one, an account
 * name or the table and blob endpoint URLs mean a managed identity: `DefaultAzureCredential`,
 * which in Azure takes the user-assigned identity named by `AZURE_CLIENT_ID`, and on an
 * administrator's machine their `az login` — no key anywhere, as Azure's guidance asks.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';

export type StorageConnection =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'identity'; tableUrl: string; blobUrl: string; credential: TokenCredential };

export interface StorageTarget {
  connectionString?: string;
  /** The storage account's name: its endpoints are Azure's public ones. */
  accountName?: string;
  /** Endpoint URLs, for other clouds or private endpoints (they win over the account name). */
  tableEndpoint?: string;
  blobEndpoint?: string;
  /** The credential for identity access; `DefaultAzureCredential` when none is given. */
  credential?: TokenCredential;
}

export class StorageTargetError extends Error {}

/** Azurite's ports on this machine (127.0.0.1). */
export interface AzuritePorts {
  blobPort: number;
  queuePort: number;
  tablePort: number;
}

export const AZURITE_ACCOUNT = 'devstoreaccount1';
// Azurite's published development key: not a secret.
export const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** The connection string of this machine's Azurite on the given ports. */
export function azuriteConnectionString(ports: AzuritePorts): string {
  const base = 'http://127.0.0.1';
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${AZURITE_ACCOUNT}`,
    `AccountKey=${AZURITE_KEY}`,
    `BlobEndpoint=${base}:${ports.blobPort}/${AZURITE_ACCOUNT}`,
    `QueueEndpoint=${base}:${ports.queuePort}/${AZURITE_ACCOUNT}`,
    `TableEndpoint=${base}:${ports.tablePort}/${AZURITE_ACCOUNT}`,
  ].join(';');
}

/**
 * Where storage is, for people: its table endpoint, never a key. `pat` and `npm start` say it
 * before they work and when they cannot connect.
 */
export function describeStorage(target: StorageTarget): string {
  if (!target.connectionString) {
    const url =
      target.tableEndpoint ??
      (target.accountName ? `https://${target.accountName}.table.core.windows.net` : '¿?');
    return `${url} (identidad administrada)`;
  }
  const fields = new Map<string, string>();
  for (const part of target.connectionString.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const endpoint = fields.get('tableendpoint');
  if (endpoint) return endpoint;
  const account = fields.get('accountname') ?? '¿?';
  return `https://${account}.table.${fields.get('endpointsuffix') ?? 'core.windows.net'}`;
}

export function storageConnection(target: StorageTarget): StorageConnection {
  if (target.connectionString)
    return { kind: 'connection-string', connectionString: target.connectionString };
  const account = target.accountName;
  const tableUrl = target.tableEndpoint ?? (account && `https://${account}.table.core.windows.net`);
  const blobUrl = target.blobEndpoint ?? (account && `https://${account}.blob.core.windows.net`);
  if (!tableUrl || !blobUrl)
    throw new StorageTargetError(
      'Falta el almacenamiento: PAT_STORAGE_CONNECTION_STRING, o PAT_STORAGE_ACCOUNT_NAME (o PAT_STORAGE_TABLE_ENDPOINT y PAT_STORAGE_BLOB_ENDPOINT) para usar una identidad administrada.',
    );
  return {
    kind: 'identity',
    tableUrl,
    blobUrl,
    credential: target.credential ?? new DefaultCredential(),
  };
}

/**
 * `DefaultAzureCredential`, made on the first token asked for: @azure/identity (with MSAL, about
 * 700 KB) is loaded then, not when the app starts — every cold start of the Functions app would
 * pay for it before its first request.
 */
export class DefaultCredential implements TokenCredential {
  private credential?: Promise<TokenCredential>;

  /** The credential itself (loading @azure/identity the first time). */
  resolve(): Promise<TokenCredential> {
    return (this.credential ??= import('@azure/identity').then(
      ({ DefaultAzureCredential }) => new DefaultAzureCredential(),
    ));
  }

  async getToken(
    scopes: string | string[],
    options?: GetTokenOptions,
  ): Promise<AccessToken | null> {
    return (await this.resolve()).getToken(scopes, options);
  }
}

/** Plain HTTP only towards Azurite on this machine (the SDKs refuse it otherwise). */
export function allowsInsecure(connection: StorageConnection): boolean {
  return connection.kind === 'connection-string'
    ? /UseDevelopmentStorage=true|http:\/\//i.test(connection.connectionString)
    : connection.tableUrl.startsWith('http://');
}
