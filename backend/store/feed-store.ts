/**
 * Calendar feeds: a subscribable .ics URL per programme carries a random token, the only
 * credential calendar apps can send. Only a hash of the token is kept, as the row key: the table
 * alone never yields a working URL, and looking a token up is one point read.
 */
import { createHash, randomBytes } from 'node:crypto';
import { odata } from '@azure/data-tables';
import { NotFoundError } from '../errors';
import { checkKey } from './keys';
import { Tables } from './tables';

const PARTITION = 'feed';

interface FeedEntity {
  partitionKey: string;
  rowKey: string;
  programId: string;
  createdBy: string;
  createdAt: string;
}

export interface Feed {
  /** The token's hash, first 32 hex digits: what lists show and what revoking may name. */
  id: string;
  programId: string;
  createdBy: string;
  createdAt: string;
}

/** The id a token is kept under. */
export function feedId(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 32);
}

export class FeedStore {
  constructor(
    private readonly tables: Tables,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** A new feed for a programme: 32 random bytes, base64url (43 characters). */
  async create(programId: string, createdBy: string): Promise<{ token: string; feed: Feed }> {
    const token = randomBytes(32).toString('base64url');
    const feed = {
      id: feedId(token),
      programId,
      createdBy,
      createdAt: this.clock().toISOString(),
    };
    const entity: FeedEntity = {
      partitionKey: PARTITION,
      rowKey: checkKey('RowKey', feed.id),
      programId,
      createdBy,
      createdAt: feed.createdAt,
    };
    await this.tables.run(() =>
      this.tables.clients.feeds.createEntity(entity, this.tables.signal()),
    );
    return { token, feed };
  }

  /** The feed a token opens, or undefined (unknown or revoked). */
  async find(token: string): Promise<Feed | undefined> {
    try {
      const e = await this.tables.run(() =>
        this.tables.clients.feeds.getEntity<FeedEntity>(
          PARTITION,
          feedId(token),
          this.tables.signal(),
        ),
      );
      return {
        id: e.rowKey,
        programId: e.programId,
        createdBy: e.createdBy,
        createdAt: e.createdAt,
      };
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  async list(programId: string): Promise<Feed[]> {
    const rows = await this.tables.list<FeedEntity>(
      'feeds',
      odata`PartitionKey eq ${PARTITION} and programId eq ${programId}`,
    );
    return rows
      .map((e) => ({
        id: e.rowKey,
        programId: e.programId,
        createdBy: e.createdBy,
        createdAt: e.createdAt,
      }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Revokes a programme's feed by its id; false when the programme has no such feed. */
  async revoke(programId: string, id: string): Promise<boolean> {
    const feeds = await this.list(programId);
    if (!feeds.some((f) => f.id === id)) return false;
    try {
      await this.tables.run(() =>
        this.tables.clients.feeds.deleteEntity(PARTITION, id, this.tables.signal()),
      );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    return true;
  }
}
