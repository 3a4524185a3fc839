/**
 * The one place that maps identities to what they may do. Who: a verified bearer token, else App
 * Service authentication's header where the host trusts it (the dev host; an app behind App
 * Service authentication). What: app roles from Entra (`viewer` reads every programme, `editor`
 * implies `viewer`, `admin` creates programmes and manages memberships), narrowed per programme by
 * its membership: once a programme lists members, only its editors write it (its viewers read it
 * without the app-wide role). A programme with no members yet is open to every app editor.
 * Which programmes someone sees in the list follows the same rule: every one with an app role,
 * else those whose membership lists them (or one of their groups).
 */
import { HttpRequest } from '@azure/functions';
import type { Role } from '../../shared/api';
import type { Store } from '../store/store';
import type { ProgramSummary } from '../store/records';
import { membersOf, programmeExists, programmesListing } from '../services/members';
import { PRINCIPAL_HEADER, Principal, cleanName, parsePrincipal } from './principal';
import { TokenVerifier } from './tokens';

export type Identified =
  | { kind: 'ok'; principal: Principal }
  | { kind: 'missing' }
  | { kind: 'invalid'; expired?: boolean }
  | { kind: 'unavailable' };

export interface Access {
  identify(request: HttpRequest): Promise<Identified>;
  /** Whether `principal` may act with `needed` on a programme (or app-wide, without one). */
  can(principal: Principal, needed: Role, programId?: string): Promise<boolean>;
  /** Every role `principal` has over a programme (or app-wide), as the dashboard shows them. */
  rolesOver(principal: Principal, programId?: string): Promise<Role[]>;
  /** The programmes `principal` may read (`viewer` over each), possibly none: what `GET /api/programs` lists. */
  visiblePrograms(principal: Principal): Promise<ProgramSummary[]>;
}

export interface AccessOptions {
  store: Store;
  /** Verifies bearer tokens; none: bearer tokens are refused (no PAT_AUTH_* settings). */
  verifier?: TokenVerifier;
  /** Accept `x-ms-client-principal`: the dev host always, the Functions app only behind App Service authentication. */
  trustClientPrincipal: boolean;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

export function createAccess({ store, verifier, trustClientPrincipal }: AccessOptions): Access {
  async function identify(request: HttpRequest): Promise<Identified> {
    const authorization = request.headers.get('authorization');
    if (authorization) {
      const token = BEARER.exec(authorization.trim())?.[1];
      if (!token || !verifier || token.length > 16_000) return { kind: 'invalid' };
      const verified = await verifier(token);
      if (!verified.ok)
        return verified.reason === 'unavailable'
          ? { kind: 'unavailable' }
          : { kind: 'invalid', expired: verified.reason === 'expired' };
      const { oid, name, roles, groups } = verified.user;
      return { kind: 'ok', principal: { id: oid, name: cleanName(name), roles, groups } };
    }
    if (!trustClientPrincipal) return { kind: 'missing' };
    const header = parsePrincipal(request.headers.get(PRINCIPAL_HEADER));
    if (header.kind === 'missing') return { kind: 'missing' };
    if (header.kind === 'malformed') return { kind: 'invalid' };
    return header;
  }

  async function memberRole(principal: Principal, programId: string) {
    const members = await membersOf(store, programId);
    const mine = members.filter(
      (m) =>
        (m.kind === 'user' && m.id === principal.id.toLowerCase()) ||
        (m.kind === 'group' && principal.groups.some((g) => g.toLowerCase() === m.id)),
    );
    return {
      listed: members.length > 0,
      editor: mine.some((m) => m.role === 'editor'),
      viewer: mine.length > 0,
    };
  }

  async function can(principal: Principal, needed: Role, programId?: string): Promise<boolean> {
    const app = new Set(principal.roles);
    if (app.has('admin')) return true;
    if (needed === 'admin') return false;
    if (needed === 'viewer' && (app.has('viewer') || app.has('editor'))) return true;
    if (!programId) return needed === 'editor' && app.has('editor');
    // Writing to a programme that does not exist creates it: only an admin does that.
    if (needed === 'editor' && !(await programmeExists(store, programId))) return false;
    const member = await memberRole(principal, programId);
    if (needed === 'viewer') return member.viewer;
    return member.listed ? member.editor : app.has('editor');
  }

  return {
    identify,
    can,
    async rolesOver(principal, programId) {
      const roles: Role[] = [];
      for (const role of ['viewer', 'editor', 'admin'] as const)
        if (await can(principal, role, programId)) roles.push(role);
      return roles;
    },
    visiblePrograms: (principal) =>
      programmesListing(
        store,
        principal.id,
        principal.groups,
        // Whoever reads every programme (see `can`) skips the membership query.
        ['viewer', 'editor', 'admin'].some((r) => principal.roles.includes(r)),
      ),
  };
}
