import { API, memberBody, memberParams, programParams } from '../../../shared/api';
import { Deps } from '../../deps';
import { body, params } from '../parse';
import { answer, noContent } from '../responses';
import { RouteHandler } from '../route';

/** A programme's members (admins only): once it has any, only its editors write it. */
export const listMembers =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    await store.requireProgram(programId);
    return answer(API.listMembers, await store.members.list(programId));
  };

export const putMember =
  ({ store }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId, kind, memberId } = params(request, memberParams);
    const { role, name } = await body(request, memberBody);
    await store.requireProgram(programId);
    return answer(
      API.putMember,
      await store.members.put(programId, { kind, id: memberId, role, name }, principal.name),
    );
  };

export const removeMember =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId, kind, memberId } = params(request, memberParams);
    await store.requireProgram(programId);
    await store.members.remove(programId, kind, memberId);
    return noContent();
  };
