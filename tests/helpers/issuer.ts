/**
 * A local stand-in for Microsoft Entra: RSA keys made in the test, their JWKS served on
 * 127.0.0.1, and access tokens signed like Entra's tokens for our API — v2 ones from a loopback
 * issuer (`token`), or either shape Entra issues carrying the real Entra issuer strings of the
 * test tenant (`entraToken`, checked by `entraAccess`). Nothing leaves the machine. It counts
 * key fetches and can be stopped (the key server down) and started again.
 */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { JWTPayload, KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { Access, createAccess } from '../../backend/http/access';
import { TokenSettings, createTokenVerifier } from '../../backend/http/tokens';
import { Store } from '../../backend/store/store';

export const TENANT = '11111111-2222-4333-8444-555555555555';
export const CLIENT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
/** The issuers Entra writes in the test tenant's tokens: v2 and v1. */
export const ENTRA_V2_ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
export const ENTRA_V1_ISSUER = `https://sts.windows.net/${TENANT}/`;
/** The app that asks for tokens (the pane): `azp` in v2 tokens, `appid` in v1 ones. */
export const PANE_APP = 'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff';

type SignOptions = { kid?: string; key?: KeyLike; alg?: string };

export interface LocalIssuer {
  issuer: string;
  jwksUri: string;
  keyFetches: number;
  /** A token for our API: sensible claims, overridden by `claims`; signed with key `kid`. */
  token(claims?: JWTPayload, options?: SignOptions): Promise<string>;
  /**
   * A token shaped as Entra issues it for our API, with Entra's real issuer of the test tenant:
   * v2 (`aud` the client id, `preferred_username`, `azp`) or v1 (`aud` `api://{client-id}`,
   * `upn` and `unique_name`, `appid`); overridden by `claims` (`undefined` drops a claim).
   */
  entraToken(version: 1 | 2, claims?: JWTPayload, options?: SignOptions): Promise<string>;
  /** A key that is published (or not: `publish: false`), by its id. */
  addKey(kid: string, publish?: boolean): Promise<KeyLike>;
  publicKeyPem(kid?: string): Promise<string>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startLocalIssuer(): Promise<LocalIssuer> {
  const keys = new Map<string, { privateKey: KeyLike; publicKey: KeyLike; published: boolean }>();
  let server: Server | undefined;
  let port = 0;
  const sign = (claims: JWTPayload, options: SignOptions) => {
    const kid = options.kid ?? 'clave-1';
    // A claim set to undefined is left out, as Entra leaves out what a token shape lacks.
    const present = Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined));
    return new SignJWT(present)
      .setProtectedHeader({ alg: options.alg ?? 'RS256', kid, typ: 'JWT' })
      .sign(options.key ?? keys.get(kid)!.privateKey);
  };
  const self: LocalIssuer = {
    issuer: '',
    jwksUri: '',
    keyFetches: 0,
    async addKey(kid, publish = true) {
      const pair = await generateKeyPair('RS256', { extractable: true });
      keys.set(kid, { ...pair, published: publish });
      return pair.privateKey;
    },
    async publicKeyPem(kid = 'clave-1') {
      const { exportSPKI } = await import('jose');
      return exportSPKI(keys.get(kid)!.publicKey);
    },
    async token(claims = {}, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      return sign(
        {
          aud: CLIENT,
          iss: self.issuer,
          tid: TENANT,
          oid: '0f000000-0000-4000-8000-000000000001',
          name: 'Ana López',
          preferred_username: 'ana.lopez@iecm.mx',
          scp: 'access_as_user',
          roles: ['editor'],
          iat: now,
          nbf: now - 5,
          exp: now + 3600,
          ver: '2.0',
          ...claims,
        },
        options,
      );
    },
    async entraToken(version, claims = {}, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const common = {
        tid: TENANT,
        oid: '0f000000-0000-4000-8000-000000000001',
        name: 'Ana López',
        scp: 'access_as_user',
        roles: ['editor'],
        iat: now,
        nbf: now - 5,
        exp: now + 3600,
      };
      const shaped =
        version === 2
          ? {
              ...common,
              aud: CLIENT,
              iss: ENTRA_V2_ISSUER,
              preferred_username: 'ana.lopez@iecm.mx',
              azp: PANE_APP,
              azpacr: '0',
              ver: '2.0',
            }
          : {
              ...common,
              aud: `api://${CLIENT}`,
              iss: ENTRA_V1_ISSUER,
              upn: 'ana.lopez@iecm.mx',
              unique_name: 'ana.lopez@iecm.mx',
              given_name: 'Ana',
              family_name: 'López',
              appid: PANE_APP,
              appidacr: '0',
              ver: '1.0',
            };
      return sign({ ...shaped, ...claims }, options);
    },
    async start() {
      server = createServer(async (req, res) => {
        if (req.url?.endsWith('/discovery/v2.0/keys')) {
          self.keyFetches++;
          const published = [...keys].filter(([, k]) => k.published);
          const jwks = await Promise.all(
            published.map(async ([kid, k]) => ({
              ...(await exportJWK(k.publicKey)),
              kid,
              use: 'sig',
              alg: 'RS256',
            })),
          );
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ keys: jwks }));
          return;
        }
        res.writeHead(404);
        res.end();
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
      self.issuer = `http://127.0.0.1:${port}/${TENANT}/v2.0`;
      self.jwksUri = `http://127.0.0.1:${port}/${TENANT}/discovery/v2.0/keys`;
    },
    async stop() {
      if (!server) return;
      server.closeAllConnections();
      await new Promise((r) => server!.close(r));
      server = undefined;
    },
  };
  await self.addKey('clave-1');
  await self.start();
  return self;
}

/** Access as the deployed app has it with Entra configured: bearer tokens of `issuer` only. */
export function bearerAccess(store: Store, issuer: LocalIssuer): Access {
  return createAccess({
    store,
    trustClientPrincipal: false,
    verifier: createTokenVerifier({
      tenantId: TENANT,
      clientId: CLIENT,
      issuer: issuer.issuer,
      jwksUri: issuer.jwksUri,
      refetchCooldownMs: 0,
    }),
  });
}

/**
 * Access as the deployed app has it in the public cloud: no issuer override, so the issuers
 * checked are Entra's real ones for the tenant (v2 and v1); only the keys come from the local
 * issuer's JWKS. `settings` adds or overrides verifier settings (e.g. `appIdUri`, `issuer`).
 */
export function entraAccess(
  store: Store,
  issuer: LocalIssuer,
  settings: Partial<TokenSettings> = {},
): Access {
  return createAccess({
    store,
    trustClientPrincipal: false,
    verifier: createTokenVerifier({
      tenantId: TENANT,
      clientId: CLIENT,
      jwksUri: issuer.jwksUri,
      refetchCooldownMs: 0,
      ...settings,
    }),
  });
}
