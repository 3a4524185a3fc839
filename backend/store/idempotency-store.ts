/**
 * Idempotency keys: a request that may be retried (a sync) claims its key atomically before its
 * work, a twin sent at the same time waits for the first one's answer and gets the same one, a
 * replay of the key gets the first answer and writes nothing, and the same key with other work is
 * refused. `run` owns the whole protocol; the answer is kept compressed in binary parts.
 */
import { odata } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import {
  AlreadyExistsError,
  IdempotencyKeyReusedError,
  NotFoundError,
  SyncInProgressError,
} from '../errors';
import { TooLargeError, fromParts, toParts } from './chunked-json';
import { ROW, partitionOf } from './keys';
import { Tables } from './tables';

type IdempotencyEntity = {
  partitionKey: string;
  rowKey: string;
  requestHash: string;
  at: string;
  /** `pending` while the first request with the key works; absent (older rows) or `done` after. */
  state?: 'pending' | 'done';
  /** Whose claim a pending row is: a random id per claiming request (see claimIdempotent). */
  claim?: string;
  /** The answer, compressed in binary parts (see chunked-json); none while pending. */
  parts?: number;
  [part: `part${number}`]: Uint8Array;
};

export type IdempotentRecord =
  | { state: 'pending'; requestHash: string; at: string; claim?: string }
  | { state: 'done'; requestHash: string; at: string; response: unknown };

/** How long a twin request waits for the first one's answer before answering «en curso». */
export const TWIN_WAIT_MS = 10_000;
/** A claim older than this belongs to a request that died: the key may be claimed again. */
export const STALE_CLAIM_MS = 60_000;
const POLL_MS = 200;

export class IdempotencyStore {
  constructor(
    private readonly tables: Tables,
    private readonly clock: () => Date,
  ) {}

  /**
   * The work's answer, once per key: the first request with the key does `work` and keeps its
   * answer; a replay gets that answer (`replayed`) without working; a twin waits for it (at most
   * TWIN_WAIT_MS, then SyncInProgressError); the same key for other work (another `requestHash`)
   * is IdempotencyKeyReusedError. Work that fails gives the key back, so the retry does the work.
   * An answer too big to keep is given back too: a retry is then redone, which the work must make
   * safe (a sync's writes carry its key).
   */
  async run<T>(
    programId: string,
    key: string,
    requestHash: string,
    work: () => Promise<T>,
    now: () => number = Date.now,
  ): Promise<{ result: T; replayed: boolean }> {
    const first = await this.replayOrClaim(programId, key, requestHash, now);
    if (first !== 'claimed') return { result: first.response as T, replayed: true };
    let result: T;
    try {
      result = await work();
    } catch (error) {
      // No answer to keep: give the key back so the retry does the work.
      await this.release(programId, key).catch(() => undefined);
      throw error;
    }
    try {
      await this.put(programId, key, requestHash, result);
    } catch (error) {
      await this.release(programId, key).catch(() => undefined);
      // Too big to keep: the answer still stands, and a retry redoes safely.
      if (!(error instanceof TooLargeError)) throw error;
    }
    return { result, replayed: false };
  }

  /** The first answer for a key, or the key claimed for this request when nobody has it. */
  private async replayOrClaim(
    programId: string,
    key: string,
    requestHash: string,
    now: () => number,
  ): Promise<{ response: unknown } | 'claimed'> {
    const deadline = now() + TWIN_WAIT_MS;
    const claim = randomUUID();
    for (;;) {
      if (await this.claim(programId, key, requestHash, claim)) return 'claimed';
      const previous = await this.get(programId, key);
      if (previous) {
        if (previous.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
        if (previous.state === 'done') return { response: previous.response };
        // Our own claim: the insert went through but its answer was lost on the way back, and the
        // storage client's retry found the row. Not a twin's — waiting for it would be waiting for
        // ourselves, then «en curso», and every retry kept out until the claim went stale.
        if (previous.claim === claim) return 'claimed';
        // A claim whose owner died mid-work: every write carries the key, so redoing it is safe.
        if (now() - Date.parse(previous.at) > STALE_CLAIM_MS) await this.release(programId, key);
      }
      // Still someone else's: wait for their answer, within bounds (a released key is claimed next).
      if (now() > deadline) throw new SyncInProgressError();
      if (previous?.state === 'pending') await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  async get(programId: string, key: string): Promise<IdempotentRecord | undefined> {
    const rows = await this.tables.list<IdempotencyEntity>(
      'idempotency',
      odata`PartitionKey eq ${partitionOf(programId)} and RowKey eq ${ROW.idempotency(key)}`,
    );
    const row = rows[0];
    if (!row) return undefined;
    const { requestHash, at } = row;
    return row.state === 'pending' || row.parts === undefined
      ? { state: 'pending', requestHash, at, ...(row.claim ? { claim: row.claim } : {}) }
      : { state: 'done', requestHash, at, response: fromParts(row) };
  }

  /**
   * Claims a key before the work it names, atomically (an insert fails when the row exists):
   * true when this request got it, false when the row was there. `claim`, a random id per
   * request, is kept in the row: false can also mean this very insert, whose answer was lost and
   * whose retry by the storage client found the row it had written (see `run`).
   */
  async claim(
    programId: string,
    key: string,
    requestHash: string,
    claim?: string,
  ): Promise<boolean> {
    const entity: IdempotencyEntity = {
      partitionKey: partitionOf(programId),
      rowKey: ROW.idempotency(key),
      requestHash,
      at: this.clock().toISOString(),
      state: 'pending',
      ...(claim ? { claim } : {}),
    };
    try {
      await this.tables.run(() =>
        this.tables.clients.idempotency.createEntity(entity, this.tables.signal()),
      );
      return true;
    } catch (error) {
      if (error instanceof AlreadyExistsError) return false;
      throw error;
    }
  }

  /** Gives a claimed key up (its work failed before an answer): a retry may claim it again. */
  async release(programId: string, key: string): Promise<void> {
    try {
      await this.tables.run(() =>
        this.tables.clients.idempotency.deleteEntity(
          partitionOf(programId),
          ROW.idempotency(key),
          this.tables.signal(),
        ),
      );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  async put(programId: string, key: string, requestHash: string, response: unknown): Promise<void> {
    const entity = {
      partitionKey: partitionOf(programId),
      rowKey: ROW.idempotency(key),
      requestHash,
      at: this.clock().toISOString(),
      state: 'done',
      ...toParts(response),
    };
    await this.tables.run(() =>
      this.tables.clients.idempotency.upsertEntity(entity, 'Replace', this.tables.signal()),
    );
  }
}
