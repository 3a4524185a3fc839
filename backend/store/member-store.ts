/**
 * Who may write (or read) a programme: people by their Entra object id, or Entra groups by id,
 * as its editors or viewers. A programme with no members is open to every app editor.
 */
import { odata } from '@azure/data-tables';
import { checkKey, partitionOf } from './keys';
import { Tables } from './tables';

export type MemberKind = 'user' | 'group';
export type MemberRole = 'editor' | 'viewer';

export interface Member {
  kind: MemberKind;
  /** The object id of the person or group. */
  id: string;
  role: MemberRole;
  /** How people know them (shown in lists; not used to decide anything). */
  name: string;
  addedBy: string;
  addedAt: string;
}

interface MemberEntity extends Omit<Member, 'id'> {
  partitionKey: string;
  rowKey: string;
}

/** Azure Tables takes at most 15 comparisons in one filter. */
const MAX_COMPARISONS = 15;

const rowOf = (kind: MemberKind, id: string) => checkKey('RowKey', `${kind}_${id.toLowerCase()}`);

export class MemberStore {
  constructor(
    private readonly tables: Tables,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * The programmes whose membership lists this person or one of their groups: one query across
   * the table (one per 15 ids: Azure's limit of comparisons in a filter), not one per programme.
   */
  async programsOf(userId: string, groupIds: readonly string[]): Promise<Set<string>> {
    const rows = [...new Set([rowOf('user', userId), ...groupIds.map((g) => rowOf('group', g))])];
    const chunks: string[][] = [];
    for (let i = 0; i < rows.length; i += MAX_COMPARISONS)
      chunks.push(rows.slice(i, i + MAX_COMPARISONS));
    const found = await Promise.all(
      chunks.map((chunk) =>
        this.tables.list<{ partitionKey: string }>(
          'members',
          chunk.map((row) => odata`RowKey eq ${row}`).join(' or '),
        ),
      ),
    );
    return new Set(found.flat().map((m) => m.partitionKey));
  }

  async list(programId: string): Promise<Member[]> {
    const rows = await this.tables.list<MemberEntity>(
      'members',
      odata`PartitionKey eq ${partitionOf(programId)}`,
    );
    return rows.map(({ kind, role, name, addedBy, addedAt, rowKey }) => ({
      kind,
      id: rowKey.slice(kind.length + 1),
      role,
      name,
      addedBy,
      addedAt,
    }));
  }

  /** Adds a member, or changes its role. */
  async put(
    programId: string,
    member: Omit<Member, 'addedAt' | 'addedBy'>,
    by: string,
  ): Promise<Member> {
    const stored: Member = {
      ...member,
      id: member.id.toLowerCase(),
      addedBy: by,
      addedAt: this.clock().toISOString(),
    };
    const entity: MemberEntity = {
      partitionKey: partitionOf(programId),
      rowKey: rowOf(member.kind, member.id),
      kind: stored.kind,
      role: stored.role,
      name: stored.name,
      addedBy: stored.addedBy,
      addedAt: stored.addedAt,
    };
    await this.tables.run(() =>
      this.tables.clients.members.upsertEntity(entity, 'Replace', this.tables.signal()),
    );
    return stored;
  }

  /** Removes a member; NotFoundError when there is no such member. */
  async remove(programId: string, kind: MemberKind, id: string): Promise<void> {
    await this.tables.run(() =>
      this.tables.clients.members.deleteEntity(
        partitionOf(programId),
        rowOf(kind, id),
        this.tables.signal(),
      ),
    );
  }
}
