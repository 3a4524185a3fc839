/** What can go wrong with storage, in terms the HTTP layer and the CLI can answer with. */
export class StorageUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('El almacenamiento no responde.', { cause });
  }
}

export class NotFoundError extends Error {}

/** The entity changed since the ETag the caller had (HTTP 412). */
export class EtagMismatchError extends Error {}

/** An insert found the entity already there (HTTP 409). */
export class AlreadyExistsError extends Error {}

interface RestLike {
  statusCode?: number;
  code?: string;
  name?: string;
}

/**
 * Translates a data-tables error. A 412 carries `statusCode` 412 and an undefined `code` outside
 * transactions ("UpdateConditionNotSatisfied" inside), so the status code is what we test.
 * No status code at all means the request never got an answer: storage is unreachable.
 */
export function translateStorageError(error: unknown): Error {
  const e = (error ?? {}) as RestLike;
  if (e.name === 'AbortError' || e.name === 'TimeoutError')
    return new StorageUnavailableError(error);
  if (e.statusCode === 412) return new EtagMismatchError('ETag desactualizado.', { cause: error });
  if (e.statusCode === 409) return new AlreadyExistsError('Ya existe.', { cause: error });
  if (e.statusCode === 404) return new NotFoundError('No existe.', { cause: error });
  if (e.statusCode === undefined || e.statusCode >= 500) return new StorageUnavailableError(error);
  return error instanceof Error ? error : new Error(String(error));
}
