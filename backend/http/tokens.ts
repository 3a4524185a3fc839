/**
 * Microsoft Entra access tokens for our API, verified with `jose`: signature against the tenant's
 * published keys (fetched once and cached; fetched again only for a key id it does not know),
 * issuer, audience (the API's client id or its Application ID URI), lifetime with a small clock
 * skew, the `access_as_user` scope, and the tenant. Nothing here trusts anything the token says
 * before its signature is checked.
 *
 * Entra issues two shapes of access token for an API, and which one is the API's choice, made in
 * its app registration (`requestedAccessTokenVersion`, left null by default: v1):
 *
 * - v2: `iss` `https://login.microsoftonline.com/{tenant}/v2.0`, `ver` `2.0`, `aud` usually the
 *   client id, the person's sign-in name in `preferred_username`, the calling app in `azp`;
 * - v1: `iss` `https://sts.windows.net/{tenant}/`, `ver` `1.0`, `aud` usually the Application ID
 *   URI, the sign-in name in `upn` (or `unique_name` for guests), the calling app in `appid`.
 *
 * Both carry `oid`, `tid`, `scp`, `roles`, `groups` alike and are signed with the same tenant
 * keys, so both are accepted — but only the two issuers of the configured tenant, each with the
 * `ver` it issues (a token whose issuer and version disagree is refused), for our audiences only.
 * Either shape gives the same user.
 */
import type { JWTPayload, createRemoteJWKSet } from 'jose';

type JWKS = ReturnType<typeof createRemoteJWKSet>;

export interface TokenSettings {
  tenantId: string;
  clientId: string;
  /**
   * The v2 issuer; derived from the tenant unless given (tests, sovereign clouds). An override
   * says nothing about the v1 issuer: v1 tokens are then accepted only if `v1Issuer` is given too
   * (or if the override is the public cloud's v2 issuer of the tenant, whose v1 pair is known).
   */
  issuer?: string;
  /**
   * The v1 issuer (`https://sts.windows.net/{tenant}/` in the public cloud); derived from the
   * tenant unless `issuer` overrides the v2 one. Meant for a future `PAT_AUTH_V1_ISSUER` setting
   * (sovereign clouds: e.g. `https://sts.chinacloudapi.cn/{tenant}/`); `''` refuses v1 tokens.
   */
  v1Issuer?: string;
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
export const v1IssuerFor = (tenantId: string) => `https://sts.windows.net/${tenantId}/`;
/** The tenant's signing keys: the same keys sign its v1 and v2 tokens. */
export const jwksUriFor = (tenantId: string) =>
  `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value : undefined;

/** How people are shown: `name`, else the sign-in name of either shape, else the object id. */
const nameOf = (payload: JWTPayload): string =>
  text(payload.name) ??
  text(payload.preferred_username) ??
  text(payload.upn) ??
  text(payload.unique_name) ??
  String(payload.oid);

export function createTokenVerifier(settings: TokenSettings): TokenVerifier {
  const v2Issuer = settings.issuer ?? issuerFor(settings.tenantId);
  // An overridden v2 issuer (a test's, a sovereign cloud's) has no v1 issuer we could derive.
  const v1Issuer =
    settings.v1Issuer ??
    (v2Issuer === issuerFor(settings.tenantId) ? v1IssuerFor(settings.tenantId) : '');
  /** Each accepted issuer and the `ver` a token from it must carry. */
  const versionOf = new Map<string, string>([[v2Issuer, '2.0']]);
  if (v1Issuer && v1Issuer !== v2Issuer) versionOf.set(v1Issuer, '1.0');
  // jose is loaded with the first token to verify, not when the app starts (most cold starts of
  // the Functions app answer a timer or an anonymous page first).
  let verifying: Promise<{ jose: typeof import('jose'); keys: JWKS }> | undefined;
  const loadJose = () =>
    (verifying ??= import('jose').then((jose) => ({
      jose,
      keys: jose.createRemoteJWKSet(new URL(settings.jwksUri ?? jwksUriFor(settings.tenantId)), {
        timeoutDuration: 5000,
        // An unknown key id makes it fetch again, at most this often (a flood of made-up ids is cheap).
        cooldownDuration: settings.refetchCooldownMs ?? 30_000,
        cacheMaxAge: 12 * 60 * 60 * 1000,
      }),
    })));
  const audience = [
    settings.clientId,
    `api://${settings.clientId}`,
    ...(settings.appIdUri ? [settings.appIdUri] : []),
  ];
  return async (token) => {
    const { jose, keys } = await loadJose();
    const { errors } = jose;
    let payload: JWTPayload;
    try {
      ({ payload } = await jose.jwtVerify(token, keys, {
        issuer: [...versionOf.keys()],
        audience,
        algorithms: ['RS256'],
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp', 'oid', 'tid', 'ver'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)
        return { ok: false, reason: 'unavailable' };
      // Anything else jose says is about the token; anything else at all is the key server not answering.
      if (error instanceof errors.JOSEError) return { ok: false, reason: 'invalid' };
      return { ok: false, reason: 'unavailable' };
    }
    // jose checked `iss` is one of ours: the version must be the one that issuer issues.
    if (payload.ver !== versionOf.get(String(payload.iss))) return { ok: false, reason: 'invalid' };
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(API_SCOPE) || payload.tid !== settings.tenantId)
      return { ok: false, reason: 'invalid' };
    return {
      ok: true,
      user: {
        oid: String(payload.oid),
        tid: String(payload.tid),
        name: nameOf(payload),
        roles: strings(payload.roles),
        groups: strings(payload.groups),
      },
    };
  };
}
