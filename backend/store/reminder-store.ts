/**
 * What the reminders keep, per programme: a record per person and occasion (`s_…`: claimed,
 * sent or failed), so a person gets one message per occasion whatever runs at once; the people
 * who opted out (`o_…`); and the programme's key for opt-out links (`k`), made once.
 *
 * A send is claimed before it is made (an atomic create): two runs, two instances or a retry at
 * the same moment find the claim and leave it. A failed send is marked so and claimed again by a
 * later run. A claim whose run died (no mark after 15 minutes) is taken over: that person may get
 * the message twice if the run died between Graph accepting it and the mark — the one window
 * left, since Graph's sendMail takes no idempotency key.
 */
import { createHash, randomBytes } from 'node:crypto';
import { odata } from '@azure/data-tables';
import { AlreadyExistsError, EtagMismatchError, NotFoundError } from '../errors';
import { checkKey, partitionOf } from './keys';
import { Tables } from './tables';

const STALE_CLAIM_MS = 15 * 60 * 1000;
/** Just past every row key of a prefix (`_` is followed by `` ` `` in code points). */
const PAST_O = 'o`';
const PAST_S = 's`';

type SendEntity = {
  partitionKey: string;
  rowKey: string;
  email: string;
  occasion: string;
  state: 'sending' | 'sent' | 'failed';
  claimedAt: string;
  attempts: number;
  sentAt?: string;
  error?: string;
};

const emailKey = (email: string) =>
  createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32);

export type Claim = { kind: 'claimed'; etag: string } | { kind: 'done' } | { kind: 'busy' };

export class ReminderStore {
  constructor(
    private readonly tables: Tables,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private get client() {
    return this.tables.clients.reminders;
  }

  /** The programme's secret for opt-out links: made on first use, the same afterwards. */
  async key(programId: string): Promise<Buffer> {
    const pk = partitionOf(programId);
    try {
      const row = await this.tables.run(() =>
        this.client.getEntity<{ key: string }>(pk, 'k', this.tables.signal()),
      );
      return Buffer.from(row.key, 'base64');
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    const key = randomBytes(32).toString('base64');
    try {
      await this.tables.run(() =>
        this.client.createEntity({ partitionKey: pk, rowKey: 'k', key }, this.tables.signal()),
      );
    } catch (error) {
      // Another run made it first: theirs is the key.
      if (!(error instanceof AlreadyExistsError)) throw error;
      return this.key(programId);
    }
    return Buffer.from(key, 'base64');
  }

  async optOut(programId: string, email: string): Promise<void> {
    await this.tables.run(() =>
      this.client.upsertEntity(
        {
          partitionKey: partitionOf(programId),
          rowKey: checkKey('RowKey', `o_${emailKey(email)}`),
          email: email.toLowerCase(),
          at: this.clock().toISOString(),
        },
        'Replace',
        this.tables.signal(),
      ),
    );
  }

  /** Who opted out, by address. */
  async optedOut(programId: string): Promise<Set<string>> {
    const rows = await this.tables.list<{ email: string }>(
      'reminders',
      odata`PartitionKey eq ${partitionOf(programId)} and RowKey ge ${'o_'} and RowKey lt ${PAST_O}`,
    );
    return new Set(rows.map((r) => r.email));
  }

  private sendRow(occasion: string, email: string) {
    return checkKey('RowKey', `s_${occasion}_${emailKey(email)}`);
  }

  /** Claims the message of `occasion` to `email`: `done` when sent before, `busy` when another run has it. */
  async claim(programId: string, occasion: string, email: string): Promise<Claim> {
    const pk = partitionOf(programId);
    const rowKey = this.sendRow(occasion, email);
    const now = this.clock();
    const claimed = { state: 'sending' as const, claimedAt: now.toISOString() };
    try {
      const created = await this.tables.run(() =>
        this.client.createEntity<SendEntity>(
          { partitionKey: pk, rowKey, email, occasion, attempts: 1, ...claimed },
          this.tables.signal(),
        ),
      );
      return { kind: 'claimed', etag: created.etag! };
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
    }
    const row = await this.tables.run(() =>
      this.client.getEntity<SendEntity>(pk, rowKey, this.tables.signal()),
    );
    if (row.state === 'sent') return { kind: 'done' };
    const stale = now.getTime() - Date.parse(row.claimedAt) > STALE_CLAIM_MS;
    if (row.state === 'sending' && !stale) return { kind: 'busy' };
    try {
      const updated = await this.tables.run(() =>
        this.client.updateEntity(
          { partitionKey: pk, rowKey, attempts: row.attempts + 1, ...claimed },
          'Merge',
          { etag: row.etag, ...this.tables.signal() },
        ),
      );
      return { kind: 'claimed', etag: updated.etag! };
    } catch (error) {
      if (error instanceof EtagMismatchError) return { kind: 'busy' };
      throw error;
    }
  }

  /** The claimed message went out (`sent`) or did not (`failed`, retried by a later run). */
  async settle(
    programId: string,
    occasion: string,
    email: string,
    outcome: { sent: true } | { sent: false; error: string },
  ): Promise<void> {
    await this.tables.run(() =>
      this.client.updateEntity(
        {
          partitionKey: partitionOf(programId),
          rowKey: this.sendRow(occasion, email),
          ...(outcome.sent
            ? { state: 'sent', sentAt: this.clock().toISOString(), error: '' }
            : { state: 'failed', error: outcome.error.slice(0, 1000) }),
        },
        'Merge',
        this.tables.signal(),
      ),
    );
  }

  /** Every record of the programme's sends (for tests and the admin's view). */
  async sends(programId: string): Promise<SendEntity[]> {
    return this.tables.list<SendEntity>(
      'reminders',
      odata`PartitionKey eq ${partitionOf(programId)} and RowKey ge ${'s_'} and RowKey lt ${PAST_S}`,
    );
  }
}
