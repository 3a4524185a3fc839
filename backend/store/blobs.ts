/**
 * Blob storage (export files, backups), reached as the tables are (see connection.ts), and loaded
 * only when first used: most requests never touch a blob, and the SDK is a large part of the app's
 * start-up on every cold start.
 */
import type { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import { NotFoundError, StorageUnavailableError } from '../errors';
import { StorageConnection } from './connection';

let sdk: Promise<typeof import('@azure/storage-blob')> | undefined;
const blobSdk = () => (sdk ??= import('@azure/storage-blob'));

/** The Blob service of the store's account, with the given retries. */
export async function blobService(
  connection: StorageConnection,
  retry: { maxTries: number; retryDelayInMs: number; maxRetryDelayInMs: number },
): Promise<BlobServiceClient> {
  const { BlobServiceClient } = await blobSdk();
  const options = { retryOptions: retry };
  return connection.kind === 'connection-string'
    ? BlobServiceClient.fromConnectionString(connection.connectionString, options)
    : new BlobServiceClient(connection.blobUrl, connection.credential, options);
}

/** A container of the store's account, its client made once and shared. */
export function lazyContainer(
  connection: StorageConnection,
  name: string,
  retry = { maxTries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 500 },
): () => Promise<ContainerClient> {
  let client: Promise<ContainerClient> | undefined;
  return () =>
    (client ??= blobService(connection, retry).then((service) => service.getContainerClient(name)));
}

/** An error the Blob service answered with (not one on the way): its status code. */
function answeredStatus(error: unknown): number | undefined {
  const e = error as { name?: string; statusCode?: unknown };
  return e?.name === 'RestError' && typeof e.statusCode === 'number' ? e.statusCode : undefined;
}

/** Blob storage's errors in the store's terms (404 → NotFoundError, no answer or 5xx → unavailable). */
export async function blobCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const status = answeredStatus(error);
    if (status === 404) throw new NotFoundError('No existe.', { cause: error });
    if (status !== undefined && status < 500) throw error;
    throw new StorageUnavailableError(error);
  }
}
