/**
 * A programme's members (people and Entra groups, as editors or viewers), and what access needs
 * to know of them: who is listed over a programme, which programmes list someone.
 */
import { MemberKind } from '../store/member-store';
import { ProgramSummary } from '../store/records';
import { Store } from '../store/store';

export async function listMembers(store: Store, programId: string) {
  await store.programmes.require(programId);
  return store.members.list(programId);
}

export async function putMember(
  store: Store,
  programId: string,
  member: { kind: MemberKind; id: string; role: 'editor' | 'viewer'; name: string },
  by: string,
) {
  await store.programmes.require(programId);
  return store.members.put(programId, member, by);
}

export async function removeMember(
  store: Store,
  programId: string,
  kind: MemberKind,
  id: string,
): Promise<void> {
  await store.programmes.require(programId);
  await store.members.remove(programId, kind, id);
}

/** The members of a programme, for deciding who may do what (no check that it exists). */
export const membersOf = (store: Store, programId: string) => store.members.list(programId);

/** Whether the programme exists (writing one that does not creates it: only admins may). */
export const programmeExists = async (store: Store, programId: string) =>
  (await store.programmes.get(programId)) !== undefined;

/** The programmes whose membership lists this person or one of their groups. */
export async function programmesListing(
  store: Store,
  userId: string,
  groupIds: readonly string[],
  everything: boolean,
): Promise<ProgramSummary[]> {
  if (everything) return store.programmes.list();
  const [programs, listed] = await Promise.all([
    store.programmes.list(),
    store.members.programsOf(userId, groupIds),
  ]);
  return programs.filter((p) => listed.has(p.id));
}
