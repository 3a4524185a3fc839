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
import { Deps } from '../../backend/deps';
import { seedProgramme } from '../../backend/services/seed';
import { loadSeedProgramme } from '../../seeds';
import { API } from '../../shared/api';
import { CLIENT, LocalIssuer, TENANT, bearerAccess, startLocalIssuer } from '../helpers/issuer';
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
        await backend.store.ensureTables();
        await seedProgramme(backend.store, loadSeedProgramme());
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
