/**
 * Roles from App Service authentication's `x-ms-client-principal` header: base64 of
 * `{"auth_typ","claims":[{"typ","val"}],"name_typ","role_typ"}`. The roles are the claims whose
 * `typ` equals `role_typ`; the name, the claim whose `typ` equals `name_typ`. Unknown fields are ignored.
 */
import { z } from 'zod';

export const PRINCIPAL_HEADER = 'x-ms-client-principal';
export type Role = 'viewer' | 'editor';

export interface Principal {
  name: string;
  roles: string[];
}

const principalSchema = z.object({
  auth_typ: z.string().optional(),
  name_typ: z.string().optional(),
  role_typ: z.string().optional(),
  claims: z.array(z.object({ typ: z.string(), val: z.string() })),
});

export type PrincipalResult =
  { kind: 'missing' } | { kind: 'malformed' } | { kind: 'ok'; principal: Principal };

export function parsePrincipal(header: string | null | undefined): PrincipalResult {
  if (!header) return { kind: 'missing' };
  let decoded: unknown;
  try {
    const text = Buffer.from(header, 'base64').toString('utf8');
    decoded = JSON.parse(text);
  } catch {
    return { kind: 'malformed' };
  }
  const parsed = principalSchema.safeParse(decoded);
  if (!parsed.success) return { kind: 'malformed' };
  const { claims, name_typ: nameTyp, role_typ: roleTyp } = parsed.data;
  const name = claims.find((c) => c.typ === nameTyp)?.val;
  if (!name) return { kind: 'malformed' };
  return {
    kind: 'ok',
    principal: { name, roles: claims.filter((c) => c.typ === roleTyp).map((c) => c.val) },
  };
}

/** `editor` may also read. */
export function hasRole(principal: Principal, needed: Role): boolean {
  return (
    principal.roles.includes(needed) || (needed === 'viewer' && principal.roles.includes('editor'))
  );
}

/** The header App Service would send for this principal (the dev server and tests build it). */
export function encodePrincipal(principal: Principal): string {
  const nameTyp = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
  const roleTyp = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';
  return Buffer.from(
    JSON.stringify({
      auth_typ: 'aad',
      name_typ: nameTyp,
      role_typ: roleTyp,
      claims: [
        { typ: nameTyp, val: principal.name },
        ...principal.roles.map((r) => ({ typ: roleTyp, val: r })),
      ],
    }),
  ).toString('base64');
}
