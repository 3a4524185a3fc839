/**
 * Microsoft Entra access tokens for our API, verified with `jose`: signature against the tenant's
 * published keys (fetched once and cached; fetched again only for a key id it does not know),
 * issuer, audience (the API's client id or its Application ID URI), lifetime with a small clock
 * skew, the `access_as_user` scope, and the tenant. Nothing here trusts anything the token says
 * before its signature is checked.
 */
import { JWTPayload, createRemoteJWKSet, errors, jwtVerify } from 'jose';

export interface TokenSettings {
  tenantId: string;
  clientId: string;
  /** The v2 issuer; derived from the tenant unless given (tests, sovereign clouds). */
  issuer?: string;
  /** Where the signing keys are published; derived from the tenant unless given. */
  jwksUri?: string;
  /** More accepted audiences besides the client id and `api://{client-id}` (e.g. `api://host/{id}`). */
  appIdUri?: string;
  /** How soon an unknown key id may make it fetch the keys again (default 30 s; tests use 0). */
  refetchCooldownMs?: number;
}

export const API_SCOPE = 'access_as_user';
/** Seconds a token's `exp` / `nbf` may be off: clocks differ a little. */
const CLOCK_SKEW_SECONDS = 120;

export interface VerifiedUser {
  /** The user's object id in the tenant: who they are, whatever their name. */
  oid: string;
  tid: string;
  name: string;
  roles: string[];
  groups: string[];
}

export type Verification =
  | { ok: true; user: VerifiedUser }
  /** The token is not good: 401. */
  | { ok: false; reason: 'invalid' | 'expired' }
  /** The keys could not be fetched to check it: 503, try again. */
  | { ok: false; reason: 'unavailable' };

export type TokenVerifier = (token: string) => Promise<Verification>;

export const issuerFor = (tenantId: string) => `https://login.microsoftonline.com/${tenantId}/v2.0`;
export const jwksUriFor = (tenantId: string) =>
  `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export function createTokenVerifier(settings: TokenSettings): TokenVerifier {
  const issuer = settings.issuer ?? issuerFor(settings.tenantId);
  const keys = createRemoteJWKSet(new URL(settings.jwksUri ?? jwksUriFor(settings.tenantId)), {
    timeoutDuration: 5000,
    // An unknown key id makes it fetch again, at most this often (a flood of made-up ids is cheap).
    cooldownDuration: settings.refetchCooldownMs ?? 30_000,
    cacheMaxAge: 12 * 60 * 60 * 1000,
  });
  const audience = [
    settings.clientId,
    `api://${settings.clientId}`,
    ...(settings.appIdUri ? [settings.appIdUri] : []),
  ];
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer,
        audience,
        algorithms: ['RS256'],
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp', 'oid', 'tid'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)
        return { ok: false, reason: 'unavailable' };
      // Anything else jose says is about the token; anything else at all is the key server not answering.
      if (error instanceof errors.JOSEError) return { ok: false, reason: 'invalid' };
      return { ok: false, reason: 'unavailable' };
    }
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(API_SCOPE) || payload.tid !== settings.tenantId)
      return { ok: false, reason: 'invalid' };
    const name =
      (typeof payload.name === 'string' && payload.name) ||
      (typeof payload.preferred_username === 'string' && payload.preferred_username) ||
      String(payload.oid);
    return {
      ok: true,
      user: {
        oid: String(payload.oid),
        tid: String(payload.tid),
        name,
        roles: strings(payload.roles),
        groups: strings(payload.groups),
      },
    };
  };
}
