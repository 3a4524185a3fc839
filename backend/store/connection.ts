/**
 * How the store reaches storage, decided in this one place. A connection string (Azurite, local
 * work, an account key where an institution insists) is used as given. Without one, an account
 * name or the table and blob endpoint URLs mean a managed identity: `DefaultAzureCredential`,
 * which in Azure takes the user-assigned identity named by `AZURE_CLIENT_ID`, and on an
 * administrator's machine their `az login` — no key anywhere, as Azure's guidance asks.
 */
import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';

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
    credential: target.credential ?? new DefaultAzureCredential(),
  };
}

/** Plain HTTP only towards Azurite on this machine (the SDKs refuse it otherwise). */
export function allowsInsecure(connection: StorageConnection): boolean {
  return connection.kind === 'connection-string'
    ? /UseDevelopmentStorage=true|http:\/\//i.test(connection.connectionString)
    : connection.tableUrl.startsWith('http://');
}
