import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { HttpRequest, HttpResponse, InvocationContext } from '@azure/functions';
import { randomBytes } from 'node:crypto';
import { Deps } from '../../backend/http/deps';
import { PrincipalClaims, encodePrincipal } from '../../backend/http/principal';
import { toHttpHandler } from '../../backend/http/route';
import { createAccess } from '../../backend/http/access';
import { triggers } from '../../backend/triggers';
import { Store } from '../../backend/store/store';

export function testConnectionString(): string {
  const cs = process.env.PAT_TEST_STORAGE;
  if (!cs) throw new Error('PAT_TEST_STORAGE is not set: the jest global setup starts Azurite.');
  return cs;
}

/** A store on the run's Azurite, with tables of its own (a fresh prefix). */
export async function newStore(
  options: { clock?: () => Date; connectionString?: string; timeoutMs?: number } = {},
): Promise<Store> {
  const store = new Store(
    {
      connectionString: options.connectionString ?? testConnectionString(),
      tablePrefix: `t${randomBytes(5).toString('hex')}`,
      timeoutMs: options.timeoutMs ?? 5000,
    },
    options.clock,
  );
  await store.ensureTables();
  return store;
}

export const EDITOR: PrincipalClaims = { name: 'ana.lopez@iecm.mx', roles: ['editor'] };
export const ADMIN: PrincipalClaims = { name: 'admin@iecm.mx', roles: ['admin'] };
export const VIEWER: PrincipalClaims = { name: 'gerente@iecm.mx', roles: ['viewer'] };

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  /** null: no principal header at all. */
  as?: PrincipalClaims | null;
  /** An access token, sent as `Authorization: Bearer` (and no principal header). */
  bearer?: string;
  /** A file as the body (an upload), with its media type. */
  file?: { bytes: Buffer; type: string };
}

export interface CallResult {
  status: number;
  headers: Headers;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  bytes: Buffer;
}

/** Calls a route of the table exactly as the Functions host would: a real HttpRequest through the shared wrapper. */
export async function call(
  deps: Deps,
  name: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const route = triggers(deps).http.find((r) => r.name === name);
  if (!route) throw new Error(`no route ${name}`);
  const url = new URL(`http://127.0.0.1/${route.route}`);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  const as = options.as === undefined && !options.bearer ? EDITOR : options.as;
  if (as) headers['x-ms-client-principal'] = encodePrincipal(as);
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.file) {
    headers['content-type'] = options.file.type;
    headers['content-length'] = String(options.file.bytes.length);
  }
  const request = new HttpRequest({
    method: route.methods[0]!,
    url: url.toString(),
    params: options.params ?? {},
    headers,
    ...(options.file ? { body: { bytes: new Uint8Array(options.file.bytes) } } : {}),
    ...(options.body !== undefined
      ? {
          body: {
            string: typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
          },
        }
      : {}),
  });
  const context = new InvocationContext({ functionName: name, logHandler: () => undefined });
  const response = new HttpResponse(await toHttpHandler(route)(request, context));
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    json: type.includes('json')
      ? JSON.parse(decoded(response.headers.get('content-encoding'), bytes).toString('utf8'))
      : undefined,
  };
}

function decoded(coding: string | null, bytes: Buffer): Buffer {
  if (coding === 'gzip') return gunzipSync(bytes);
  if (coding === 'br') return brotliDecompressSync(bytes);
  return bytes;
}

/** Deps as the dev host has them: App Service's header believed (the tests' principals), no bearer tokens. */
export function depsFor(store: Store, now = () => new Date('2021-06-15T17:00:00Z')): Deps {
  return { store, now, access: createAccess({ store, trustClientPrincipal: true }) };
}
