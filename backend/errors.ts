/**
 * The errors a client can see, in one place: the store and the services throw them, and
 * `backend/http/route.ts` turns each into its status code and Spanish message (the CLI into an
 * exit code). Every message is written for the person who will read it.
 */

import type { FieldError } from '../shared/api';

export type { FieldError };

/** The request is not valid: 400 listing the fields. */
export class BadRequestError extends Error {
  constructor(
    readonly errors: FieldError[],
    options?: { cause?: unknown },
  ) {
    super(
      errors.map((e) => `${e.path}: ${e.message}`).join('; ') || 'Solicitud no válida.',
      options,
    );
  }
}

/** What the request names does not exist: 404. */
export class NotFoundError extends Error {}

/** The caller may not do this to this thing (another area's month): 403. */
export class ForbiddenError extends Error {}

/** The request clashes with what is stored (a month not planned, a calendar with changes): 409. */
export class ConflictError extends Error {}

/**
 * The entity changed since the ETag the caller had: 412, with the current value or ETag when the
 * writer knows them. Without a message, the general one (two people wrote at the same moment).
 */
export class EtagMismatchError extends Error {
  readonly current?: unknown;
  readonly etag?: string;
  constructor(
    message = 'Otra persona cambió estos datos al mismo tiempo. Vuelva a cargar e intente de nuevo.',
    options: ErrorOptions & { current?: unknown; etag?: string } = {},
  ) {
    super(message, options);
    if ('current' in options) this.current = options.current;
    if (options.etag !== undefined) this.etag = options.etag;
  }
}

/** A write needs the ETag the caller saw (`If-Match`): 428. */
export class PreconditionRequiredError extends Error {}

/** An insert found the entity already there: 409. */
export class AlreadyExistsError extends Error {}

/** Storage did not answer in time, or answered that it is busy: 503 with Retry-After. */
export class StorageUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('El almacenamiento no responde.', { cause });
  }
}

/** A key Table Storage would refuse (`/ \ # ?`, control characters, over 1 KiB): 400. */
export class InvalidKeyError extends Error {}

/** An entity Table Storage would refuse: nothing of the write it belongs to was sent (413). */
export class EntityTooLargeError extends Error {
  constructor(readonly detail: string) {
    super(`Los datos no caben en el almacenamiento: ${detail}. No se guardó nada.`);
  }
}

/** Too many workbooks are being written: come back in a few seconds (503). */
export class RenderBusyError extends Error {
  constructor() {
    super(
      'El servidor está generando muchos documentos a la vez. Vuelva a intentar en unos segundos.',
    );
  }
}

/** The same idempotency key came with other changes: 422. */
export class IdempotencyKeyReusedError extends Error {}

/** The first request with this key is still at work: its answer is not known yet (409). */
export class SyncInProgressError extends Error {}

/** Changes to months the plan does not have: nothing was written (400, one error per change). */
export class MonthsNotPlannedError extends Error {
  constructor(readonly months: { index: number; activityId: string; month: number }[]) {
    super('Meses fuera del plan.');
  }
}
