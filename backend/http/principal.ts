/**
 * Who is asking. A principal comes from a verified Entra access token (tokens.ts), or from App
 * Service authentication's `x-ms-client-principal` header (base64 of
 * `{"auth_typ","claims":[{"typ","val"}],"name_typ","role_typ"}`: the roles are the claims whose
 * `typ` is `role_typ`, the name the one whose `typ` is `name_typ`, the object id and groups their
 * standard claim types), which only the dev host and an app behind App Service authentication
 * accept. A name is shown to people (history, the dashboard): it is cleaned and bounded here.
 */
import { z } from 'zod';

export const PRINCIPAL_HEADER = 'x-ms-client-principal';

export interface Principal {
  /** Stable identity: the user's object id when known (tokens), else the name. */
  id: string;
  name: string;
  /** App roles: `viewer`, `editor`, `admin`. */
  roles: string[];
  /** Entra group ids, for programme memberships granted to a group. */
  groups: string[];
}

const OID_CLAIM = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
const GROUP_CLAIM = 'groups';
const MAX_NAME = 120;

/**
 * A name fit to show and store: no control or formatting characters (NUL, bidi overrides such
 * as U+202E), no markup brackets, white space collapsed, at most 120 characters.
 */
export function cleanName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}<>]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return [...cleaned].slice(0, MAX_NAME).join('') || 'sin nombre';
}

const principalSchema = z.object({
  auth_typ: z.string().optional(),
  name_typ: z.string().optional(),
  role_typ: z.string().optional(),
  claims: z.array(z.object({ typ: z.string(), val: z.string() })).max(500),
});

export type PrincipalResult =
  { kind: 'missing' } | { kind: 'malformed' } | { kind: 'ok'; principal: Principal };

export function parsePrincipal(header: string | null | undefined): PrincipalResult {
  if (!header) return { kind: 'missing' };
  if (header.length > 64_000) return { kind: 'malformed' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
  } catch {
    return { kind: 'malformed' };
  }
  const parsed = principalSchema.safeParse(decoded);
  if (!parsed.success) return { kind: 'malformed' };
  const { claims, name_typ: nameTyp, role_typ: roleTyp } = parsed.data;
  const name = claims.find((c) => c.typ === nameTyp)?.val;
  if (!name?.trim()) return { kind: 'malformed' };
  const oid = claims.find((c) => c.typ === OID_CLAIM || c.typ === 'oid')?.val;
  return {
    kind: 'ok',
    principal: {
      id: oid ?? cleanName(name),
      name: cleanName(name),
      roles: claims.filter((c) => c.typ === roleTyp).map((c) => c.val),
      groups: claims.filter((c) => c.typ === GROUP_CLAIM).map((c) => c.val),
    },
  };
}

/** What a `x-ms-client-principal` says: the dev host's principal and the tests' are written so. */
export interface PrincipalClaims {
  name: string;
  roles: string[];
  id?: string;
  groups?: string[];
}

/** The header App Service would send for this principal (the dev host and tests build it). */
export function encodePrincipal(principal: PrincipalClaims): string {
  const nameTyp = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
  const roleTyp = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';
  return Buffer.from(
    JSON.stringify({
      auth_typ: 'aad',
      name_typ: nameTyp,
      role_typ: roleTyp,
      claims: [
        { typ: nameTyp, val: principal.name },
        ...(principal.id ? [{ typ: OID_CLAIM, val: principal.id }] : []),
        ...principal.roles.map((r) => ({ typ: roleTyp, val: r })),
        ...(principal.groups ?? []).map((g) => ({ typ: GROUP_CLAIM, val: g })),
      ],
    }),
  ).toString('base64');
}
