/**
 * Sign-in, as the API checks it: Entra access tokens from a local issuer on loopback (keys made
 * here, JWKS served on 127.0.0.1), every kind of bad token refused with 401 (and the
 * `WWW-Authenticate: Bearer` challenge), the key server down answered with 503 while known keys
 * keep working, and access per programme through memberships, on every route.
 */
import { HttpRequest, HttpResponse, InvocationContext } from '@azure/functions';
import { randomBytes } from 'node:crypto';
import { SignJWT, base64url } from 'jose';
import { createBackend, settingsFromEnv } from '../../backend';
import { encodePrincipal } from '../../backend/http/principal';
import { Deps } from '../../backend/http/deps';
import { seedProgramme } from '../../backend/services/seed';
import { loadSeedProgramme } from '../../seeds';
import { API } from '../../shared/api';
import {
  CLIENT,
  ENTRA_V1_ISSUER,
  ENTRA_V2_ISSUER,
  LocalIssuer,
  TENANT,
  bearerAccess,
  entraAccess,
  startLocalIssuer,
} from '../helpers/issuer';
import { EDITOR, call, newStore, testConnectionString } from '../helpers/server';

const P = { programId: 'cvoe-2021' };
const ADMIN_OID = '0f000000-0000-4000-8000-0000000000ad';
const OTHER_OID = '0f000000-0000-4000-8000-000000000002';
let issuer: LocalIssuer;
let deps: Deps;

beforeAll(async () => {
  issuer = await startLocalIssuer();
  const store = await newStore();
  await seedProgramme(store, loadSeedProgramme());
  deps = {
    store,
    now: () => new Date(),
    access: bearerAccess(store, issuer),
  };
});
afterAll(() => issuer.stop());

const patch = async (bearer: string | undefined, month = 1) => {
  const program = (
    await call(deps, 'getProgram', { params: P, bearer: await issuer.token({ roles: ['viewer'] }) })
  ).json;
  const etag = program.activities[0].statuses[String(month)].etag;
  return call(deps, 'patchMonthStatus', {
    params: { ...P, activityId: '1.1', month: String(month) },
    headers: { 'if-match': etag },
    body: { status: 'en_proceso' },
    ...(bearer ? { bearer } : { as: null }),
  });
};

describe('bearer tokens', () => {
  it('a valid editor token writes, and history records the token’s name', async () => {
    const r = await patch(await issuer.token());
    expect(r.status).toBe(200);
    expect(r.json.updatedBy).toBe('Ana López');
    const history = await call(deps, 'history', {
      params: P,
      bearer: await issuer.token({ roles: ['viewer'] }),
    });
    expect(history.json.items[0]).toMatchObject({ by: 'Ana López', to: 'en_proceso' });
  });

  it('a viewer token reads and is refused every write with 403', async () => {
    const viewer = await issuer.token({ roles: ['viewer'] });
    expect((await call(deps, 'listPrograms', { bearer: viewer })).status).toBe(200);
    const r = await patch(viewer, 2);
    expect(r).toMatchObject({ status: 403, json: { error: expect.stringContaining('«editor»') } });
  });

  const now = () => Math.floor(Date.now() / 1000);
  const bad: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    [
      'an expired one',
      () => issuer.token({ exp: now() - 600, iat: now() - 4200, nbf: now() - 4200 }),
    ],
    ['one not yet valid', () => issuer.token({ nbf: now() + 600 })],
    ['one for another audience', () => issuer.token({ aud: 'api://otra-aplicacion' })],
    [
      'one from another issuer',
      () => issuer.token({ iss: 'https://login.microsoftonline.com/otro/v2.0' }),
    ],
    [
      'one from another tenant',
      () => issuer.token({ tid: '99999999-2222-4333-8444-555555555555' }),
    ],
    [
      'one with a bad signature',
      async () => {
        const other = await issuer.addKey('clave-falsa', false);
        return issuer.token({}, { kid: 'clave-1', key: other });
      },
    ],
    [
      'one with alg none',
      async () => {
        const [, payload] = (await issuer.token()).split('.');
        return `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`;
      },
    ],
    [
      'one signed HS256 with the public key as secret',
      async () =>
        new SignJWT({
          aud: CLIENT,
          iss: issuer.issuer,
          tid: TENANT,
          oid: OTHER_OID,
          scp: 'access_as_user',
          roles: ['editor'],
        })
          .setProtectedHeader({ alg: 'HS256', kid: 'clave-1' })
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(await issuer.publicKeyPem())),
    ],
    ['one without the access_as_user scope', () => issuer.token({ scp: 'User.Read' })],
    [
      'one signed with a key the issuer does not publish',
      async () => {
        await issuer.addKey('clave-oculta', false);
        return issuer.token({}, { kid: 'clave-oculta' });
      },
    ],
    ['a garbage header', async () => 'esto-no-es-un-token'],
  ];

  it.each(bad)(
    'refuses %s with 401 and the Bearer challenge, in Spanish, saying nothing of keys',
    async (_what, make) => {
      const token = await make();
      const r = await patch(token === 'esto-no-es-un-token' ? undefined : token);
      const garbage =
        token === 'esto-no-es-un-token'
          ? await call(deps, 'listPrograms', {
              as: null,
              headers: { authorization: 'Bearer esto-no-es-un-token' },
            })
          : r;
      expect(garbage.status).toBe(401);
      expect(garbage.headers.get('www-authenticate')).toMatch(/^Bearer realm="pat-cronograma"/);
      expect(garbage.json.error).toMatch(/sesión/);
      expect(JSON.stringify(garbage.json)).not.toMatch(/kid|jwks|JWS|JWT|clave|signature|firma/i);
    },
  );

  it('keeps verifying with the keys it has when the key server is down, and answers 503 for a key it needs to fetch', async () => {
    const known = await issuer.token();
    expect((await patch(known, 3)).status).toBe(200);
    await issuer.addKey('clave-2');
    const fresh = await issuer.token({}, { kid: 'clave-2' });
    await issuer.stop();
    try {
      expect((await patch(await issuer.token(), 4)).status).toBe(200);
      const r = await call(deps, 'listPrograms', { bearer: fresh });
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('5');
    } finally {
      await issuer.start();
    }
  });

  it('does not believe App Service’s header where the app is not behind App Service authentication', async () => {
    expect((await call(deps, 'listPrograms')).status).toBe(401);
  });
});

describe('the token shapes Entra issues: v1 and v2, with Entra’s real issuers', () => {
  const OTHER_TENANT = '99999999-2222-4333-8444-555555555555';
  /** As deployed in the public cloud: the issuers checked are Entra’s own for the tenant. */
  const entra = (): Deps => ({ ...deps, access: entraAccess(deps.store, issuer) });
  const v1 = (claims = {}) => issuer.entraToken(1, claims);
  const v2 = (claims = {}) => issuer.entraToken(2, claims);
  const me = async (d: Deps, bearer: string, programId?: string) =>
    call(d, 'me', { bearer, ...(programId ? { query: { programId } } : {}) });

  it('takes a v1 token (sts.windows.net, api:// audience, upn, appid): it writes as an editor and history records the name', async () => {
    const d = entra();
    const program = (await call(d, 'getProgram', { params: P, bearer: await v1() })).json;
    const r = await call(d, 'patchMonthStatus', {
      params: { ...P, activityId: '1.1', month: '6' },
      headers: { 'if-match': program.activities[0].statuses['6'].etag },
      body: { status: 'en_proceso' },
      bearer: await v1({ name: 'Beatriz Ruiz' }),
    });
    expect(r.status).toBe(200);
    expect(r.json.updatedBy).toBe('Beatriz Ruiz');
    const history = await call(d, 'history', {
      params: P,
      bearer: await v1({ roles: ['viewer'] }),
    });
    expect(history.status).toBe(200);
    expect(history.json.items[0]).toMatchObject({ by: 'Beatriz Ruiz', to: 'en_proceso' });
  });

  it('takes a v2 token with Entra’s v2 issuer as before', async () => {
    const d = entra();
    expect(await me(d, await v2())).toMatchObject({
      status: 200,
      json: { name: 'Ana López', roles: ['viewer', 'editor'] },
    });
    expect(
      (await call(d, 'listPrograms', { bearer: await v2({ roles: ['viewer'] }) })).status,
    ).toBe(200);
  });

  it('makes the same person of either shape: object id, name, roles, groups', async () => {
    const d = entra();
    const oid = '0f000000-0000-4000-8000-0000000000b1';
    const group = '0e000000-0000-4000-8000-0000000000b2';
    await call(d, 'putMember', {
      params: { programId: 'cvoe-2021', kind: 'group', memberId: group },
      body: { role: 'viewer', name: 'Grupo B' },
      bearer: await v2({ oid: '0f000000-0000-4000-8000-0000000000ad', roles: ['admin'] }),
    });
    const claims = { oid, roles: [], groups: [group], name: 'Carla Gómez' };
    const [one, two] = [
      await me(d, await v1(claims), P.programId),
      await me(d, await v2(claims), P.programId),
    ];
    expect(one).toMatchObject({ status: 200, json: { name: 'Carla Gómez', roles: ['viewer'] } });
    expect(two.json).toEqual(one.json);
    await call(d, 'removeMember', {
      params: { programId: 'cvoe-2021', kind: 'group', memberId: group },
      bearer: await v2({ oid: '0f000000-0000-4000-8000-0000000000ad', roles: ['admin'] }),
    });
  });

  it('names a person without `name` by their sign-in name: preferred_username (v2), upn or unique_name (v1)', async () => {
    const d = entra();
    expect((await me(d, await v2({ name: undefined }))).json.name).toBe('ana.lopez@iecm.mx');
    expect((await me(d, await v1({ name: undefined, upn: 'ana@iecm.mx' }))).json.name).toBe(
      'ana@iecm.mx',
    );
    expect(
      (await me(d, await v1({ name: undefined, upn: undefined, unique_name: 'invitada@otra.mx' })))
        .json.name,
    ).toBe('invitada@otra.mx');
  });

  it('takes a v1 token whose audience is the client id, or the configured Application ID URI', async () => {
    expect((await me(entra(), await v1({ aud: CLIENT }))).status).toBe(200);
    const hostForm = `api://pat-func.azurewebsites.net/${CLIENT}`;
    expect((await me(entra(), await v1({ aud: hostForm }))).status).toBe(401);
    const configured = { ...deps, access: entraAccess(deps.store, issuer, { appIdUri: hostForm }) };
    expect((await me(configured, await v1({ aud: hostForm }))).status).toBe(200);
    expect((await me(configured, await v2({ aud: hostForm }))).status).toBe(200);
  });

  const refused: [string, () => Promise<string>][] = [
    [
      'a v1 token of another tenant’s issuer',
      () => v1({ iss: `https://sts.windows.net/${OTHER_TENANT}/` }),
    ],
    [
      'a v1 token of another tenant',
      () => v1({ iss: `https://sts.windows.net/${OTHER_TENANT}/`, tid: OTHER_TENANT }),
    ],
    ['a v1 token with another tenant’s id', () => v1({ tid: OTHER_TENANT })],
    [
      'a v2 token of another tenant’s issuer',
      () => v2({ iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }),
    ],
    [
      'a v1 token of another cloud’s issuer',
      () => v1({ iss: `https://sts.chinacloudapi.cn/${TENANT}/` }),
    ],
    ['a v1 token for another audience', () => v1({ aud: 'api://otra-aplicacion' })],
    ['a v1 token for Microsoft Graph', () => v1({ aud: 'https://graph.microsoft.com' })],
    ['a v1 token without the access_as_user scope', () => v1({ scp: 'User.Read' })],
    ['a v1 issuer with ver 2.0', () => v1({ ver: '2.0' })],
    ['a v2 issuer with ver 1.0', () => v2({ ver: '1.0' })],
    ['a v1 token without ver', () => v1({ ver: undefined })],
    ['a v2 token without ver', () => v2({ ver: undefined })],
    ['a token of the loopback issuer, which is not the tenant’s', () => issuer.token()],
    [
      'a v1 token with the v2 issuer’s path on sts.windows.net',
      () => v1({ iss: `https://sts.windows.net/${TENANT}/v2.0` }),
    ],
  ];
  it.each(refused)('refuses %s with 401', async (_what, make) => {
    const r = await call(entra(), 'listPrograms', { bearer: await make() });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('with the issuer overridden (tests, sovereign clouds), takes v1 tokens only from a v1 issuer given too', async () => {
    const overridden = (settings: Parameters<typeof entraAccess>[2]): Deps => ({
      ...deps,
      access: entraAccess(deps.store, issuer, settings),
    });
    // The loopback v2 issuer, as bearerAccess has it: nothing is derived for v1.
    const loopback = overridden({ issuer: issuer.issuer });
    expect((await me(loopback, await issuer.token())).status).toBe(200);
    expect((await me(loopback, await v1())).status).toBe(401);
    expect((await me(loopback, await v2())).status).toBe(401);
    // A v1 issuer given beside it is taken, with ver 1.0 only.
    const both = overridden({ issuer: issuer.issuer, v1Issuer: ENTRA_V1_ISSUER });
    expect((await me(both, await v1())).status).toBe(200);
    expect((await me(both, await v1({ ver: '2.0' }))).status).toBe(401);
    expect((await me(both, await issuer.token({ ver: '1.0' }))).status).toBe(401);
    // An override that is the public cloud's own v2 issuer keeps its v1 pair.
    const same = overridden({ issuer: ENTRA_V2_ISSUER });
    expect((await me(same, await v1())).status).toBe(200);
    // An empty v1 issuer turns v1 tokens off.
    const v2Only = overridden({ v1Issuer: '' });
    expect((await me(v2Only, await v1())).status).toBe(401);
    expect((await me(v2Only, await v2())).status).toBe(200);
  });
});

describe('access per programme', () => {
  const admin = () => issuer.token({ oid: ADMIN_OID, roles: ['admin'], name: 'Admin' });
  const editorA = () => issuer.token({ oid: OTHER_OID, roles: ['editor'], name: 'Editora A' });

  it('lets only an admin create a programme and manage its members; once it has members, only its editors write it', async () => {
    const plan = {
      year: 2022,
      axes: [{ number: 1, name: 'Eje' }],
      activities: [{ id: '1.1', axis: 1, description: 'Una', months: [1, 2] }],
    };
    expect(
      (
        await call(deps, 'putPlan', {
          params: { programId: 'otra-2022' },
          body: plan,
          bearer: await editorA(),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(deps, 'putPlan', {
          params: { programId: 'otra-2022' },
          body: plan,
          bearer: await admin(),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(deps, 'putPlan', {
          params: { programId: 'tercera-2022' },
          body: plan,
          bearer: await admin(),
        })
      ).status,
    ).toBe(201);
    // No members yet: open to every app editor, as before.
    expect(
      (
        await call(deps, 'putPlan', {
          params: { programId: 'otra-2022' },
          body: plan,
          bearer: await editorA(),
        })
      ).status,
    ).toBe(200);

    // Editora A becomes the editor of otra-2022; a group edits tercera-2022.
    const member = await call(deps, 'putMember', {
      params: { programId: 'otra-2022', kind: 'user', memberId: OTHER_OID },
      body: { role: 'editor', name: 'Editora A' },
      bearer: await admin(),
    });
    expect(member.status).toBe(200);
    expect(API.putMember.response.parse(member.json)).toMatchObject({
      id: OTHER_OID,
      role: 'editor',
      addedBy: 'Admin',
    });
    const group = '0e000000-0000-4000-8000-00000000000c';
    await call(deps, 'putMember', {
      params: { programId: 'tercera-2022', kind: 'group', memberId: group },
      body: { role: 'editor', name: 'Comisión C' },
      bearer: await admin(),
    });
    expect(
      (
        await call(deps, 'putMember', {
          params: { programId: 'tercera-2022', kind: 'group', memberId: group },
          body: { role: 'viewer', name: 'x' },
          bearer: await editorA(),
        })
      ).status,
    ).toBe(403);

    expect(
      (
        await call(deps, 'putPlan', {
          params: { programId: 'otra-2022' },
          body: plan,
          bearer: await editorA(),
        })
      ).status,
    ).toBe(200);
    // An editor of one programme gets 403 on another's writes.
    expect(
      (
        await call(deps, 'putPlan', {
          params: { programId: 'tercera-2022' },
          body: plan,
          bearer: await editorA(),
        })
      ).status,
    ).toBe(403);
    const inGroup = await issuer.token({
      oid: '0f000000-0000-4000-8000-000000000003',
      roles: [],
      groups: [group],
    });
    expect(
      (
        await call(deps, 'putPlan', {
          params: { programId: 'tercera-2022' },
          body: plan,
          bearer: inGroup,
        })
      ).status,
    ).toBe(200);
    // Members read their programme without the app-wide viewer role, and only theirs.
    expect(
      (await call(deps, 'getProgram', { params: { programId: 'tercera-2022' }, bearer: inGroup }))
        .status,
    ).toBe(200);
    expect(
      (await call(deps, 'getProgram', { params: { programId: 'otra-2022' }, bearer: inGroup }))
        .status,
    ).toBe(403);
    const me = await call(deps, 'me', { query: { programId: 'tercera-2022' }, bearer: inGroup });
    expect(me.json).toEqual({ name: 'Ana López', roles: ['viewer', 'editor'] });

    const listed = await call(deps, 'listMembers', {
      params: { programId: 'otra-2022' },
      bearer: await admin(),
    });
    expect(listed.json.map((m: { id: string }) => m.id)).toEqual([OTHER_OID]);
    expect(
      (
        await call(deps, 'removeMember', {
          params: { programId: 'otra-2022', kind: 'user', memberId: OTHER_OID },
          bearer: await admin(),
        })
      ).status,
    ).toBe(204);
  });

  it('checks the role over the path’s programme on every route: a member of one programme is refused another’s on each', async () => {
    const member = await issuer.token({ oid: '0f000000-0000-4000-8000-000000000004', roles: [] });
    await call(deps, 'putMember', {
      params: {
        programId: 'tercera-2022',
        kind: 'user',
        memberId: '0f000000-0000-4000-8000-000000000004',
      },
      body: { role: 'editor', name: 'Solo tercera' },
      bearer: await admin(),
    });
    const refused: string[] = [];
    for (const route of Object.values(API)) {
      if (!route.role || route.role === 'signed-in' || !route.path.includes('{programId}'))
        continue;
      const params: Record<string, string> = {
        programId: 'cvoe-2021',
        activityId: '1.1',
        month: '1',
        number: '1',
        feed: 'a'.repeat(32),
        date: '2021-06-18',
        name: 'x.csv',
        kind: 'user',
        memberId: OTHER_OID,
      };
      const r = await call(deps, route.name, { params, bearer: member, body: {} });
      if (r.status === 403) refused.push(route.name);
    }
    const scoped = Object.values(API)
      .filter((r) => r.role && r.role !== 'signed-in' && r.path.includes('{programId}'))
      .map((r) => r.name);
    expect(refused).toEqual(scoped);
  });

  it('tells clients how to sign in: Entra’s details where configured, nothing locally', async () => {
    const local = await call(deps, 'authConfig', { as: null });
    expect(local.json).toEqual({ mode: 'none' });
    const configured = await call(
      {
        ...deps,
        signIn: {
          tenantId: TENANT,
          clientId: CLIENT,
          authority: `https://login.microsoftonline.com/${TENANT}`,
        },
      },
      'authConfig',
      { as: null },
    );
    expect(configured.json).toEqual({
      mode: 'entra',
      clientId: CLIENT,
      tenantId: TENANT,
      authority: `https://login.microsoftonline.com/${TENANT}`,
      scope: `api://${CLIENT}/access_as_user`,
    });
    const behindAppService = await call({ ...deps, appServiceAuth: true }, 'authConfig', {
      as: null,
    });
    expect(behindAppService.json).toEqual({ mode: 'none', appService: true });
  });
});

describe('the whole backend, built from its settings', () => {
  it('with PAT_AUTH_* set to the issuer, takes its tokens on the Functions host and the dev host; App Service’s header only on the dev host', async () => {
    const env = {
      PAT_STORAGE_CONNECTION_STRING: testConnectionString(),
      PAT_TABLE_PREFIX: `a${randomBytes(5).toString('hex')}`,
      PAT_AUTH_TENANT_ID: TENANT,
      PAT_AUTH_CLIENT_ID: CLIENT,
      PAT_AUTH_ISSUER: issuer.issuer,
      PAT_AUTH_JWKS_URI: issuer.jwksUri,
    };
    const token = await issuer.token({ roles: ['viewer'] });
    for (const host of ['functions', 'dev'] as const) {
      const backend = createBackend(settingsFromEnv(env), { host });
      if (host === 'functions') {
        await backend.services.prepareStorage();
        await backend.services.seedProgramme(loadSeedProgramme());
      }
      const get = async (name: string, headers: Record<string, string> = {}) => {
        const route = backend.triggers.http.find((r) => r.name === name)!;
        const request = new HttpRequest({
          method: 'GET',
          url: `http://127.0.0.1/${route.route}`,
          headers,
        });
        const context = new InvocationContext({ functionName: name, logHandler: () => undefined });
        const response = new HttpResponse(await backend.httpHandler(route)(request, context));
        return {
          status: response.status,
          json: (await response.json().catch(() => undefined)) as unknown,
        };
      };
      expect((await get('listPrograms', { authorization: `Bearer ${token}` })).status).toBe(200);
      expect((await get('listPrograms')).status).toBe(401);
      const header = { 'x-ms-client-principal': encodePrincipal(EDITOR) };
      expect((await get('listPrograms', header)).status).toBe(host === 'dev' ? 200 : 401);
      expect((await get('authConfig')).json).toMatchObject({ mode: 'entra', clientId: CLIENT });
    }
  });
});
