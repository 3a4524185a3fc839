import { API, memberBody, memberParams, programParams } from '../../../shared/api';
import { Deps } from '../deps';
import {
  listMembers as list,
  putMember as put,
  removeMember as remove,
} from '../../services/members';
import { body, params } from '../parse';
import { answer, noContent } from '../responses';
import { RouteHandler } from '../route';

/** A programme's members (admins only): once it has any, only its editors write it. */
export const listMembers =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    return answer(API.listMembers, await list(store, programId));
  };

export const putMember =
  ({ store }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId, kind, memberId } = params(request, memberParams);
    const { role, name } = await body(request, memberBody);
    return answer(
      API.putMember,
      await put(store, programId, { kind, id: memberId, role, name }, principal.name),
    );
  };

export const removeMember =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId, kind, memberId } = params(request, memberParams);
    await remove(store, programId, kind, memberId);
    return noContent();
  };
