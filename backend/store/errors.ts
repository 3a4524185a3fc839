/** Table Storage's errors in the terms of backend/errors.ts, which the HTTP layer and the CLI answer with. */
import {
  AlreadyExistsError,
  EtagMismatchError,
  NotFoundError,
  StorageUnavailableError,
} from '../errors';

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
  if (e.statusCode === 412) return new EtagMismatchError(undefined, { cause: error });
  if (e.statusCode === 409) return new AlreadyExistsError('Ya existe.', { cause: error });
  if (e.statusCode === 404) return new NotFoundError('No existe.', { cause: error });
  if (e.statusCode === undefined || e.statusCode >= 500) return new StorageUnavailableError(error);
  return error instanceof Error ? error : new Error(String(error));
}
