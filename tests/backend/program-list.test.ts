/**
 * `GET /api/programs` answers every signed-in person with the programmes they may read: all of
 * them with an app role (viewer, editor, admin), else those whose membership lists them — by
 * object id or through one of their groups — possibly none. Anonymous callers still get 401.
 */
import { Deps } from '../../backend/http/deps';
import { seedProgramme } from '../../backend/services/seed';
import { loadSeedProgramme } from '../../seeds';
import { LocalIssuer, entraAccess, startLocalIssuer } from '../helpers/issuer';
import { call, newStore } from '../helpers/server';

const ADMIN_OID = '0f000000-0000-4000-8000-0000000000ad';
const MEMBER_OID = '0f000000-0000-4000-8000-00000000000a';
const STRANGER_OID = '0f000000-0000-4000-8000-00000000000b';
const GROUP = '0e000000-0000-4000-8000-00000000000c';
let issuer: LocalIssuer;
let deps: Deps;

const plan = {
  year: 2022,
  axes: [{ number: 1, name: 'Eje' }],
  activities: [{ id: '1.1', axis: 1, description: 'Una', months: [1, 2] }],
};

beforeAll(async () => {
  issuer = await startLocalIssuer();
  const store = await newStore();
  await seedProgramme(store, loadSeedProgramme());
  deps = { store, now: () => new Date(), access: entraAccess(store, issuer) };
  const admin = await issuer.entraToken(2, { oid: ADMIN_OID, roles: ['admin'], name: 'Admin' });
  for (const programId of ['otra-2022', 'tercera-2022']) {
    const created = await call(deps, 'putPlan', {
      params: { programId },
      body: plan,
      bearer: admin,
    });
    expect(created.status).toBe(201);
  }
  const members = [
    { programId: 'otra-2022', kind: 'user', memberId: MEMBER_OID, role: 'viewer' },
    { programId: 'tercera-2022', kind: 'group', memberId: GROUP, role: 'editor' },
  ];
  for (const { role, ...params } of members) {
    const added = await call(deps, 'putMember', {
      params,
      body: { role, name: params.memberId },
      bearer: admin,
    });
    expect(added.status).toBe(200);
  }
});
afterAll(() => issuer.stop());

const ids = (r: { json: { id: string }[] }) => r.json.map((p) => p.id);
const list = async (claims: Record<string, unknown>, version: 1 | 2 = 2) =>
  call(deps, 'listPrograms', { bearer: await issuer.entraToken(version, claims) });

describe('GET /api/programs for every signed-in person', () => {
  it('lists every programme for an app viewer, editor or admin', async () => {
    for (const roles of [['viewer'], ['editor'], ['admin']]) {
      const r = await list({ oid: STRANGER_OID, roles });
      expect(r.status).toBe(200);
      expect(ids(r)).toEqual(['cvoe-2021', 'otra-2022', 'tercera-2022']);
    }
  });

  it('lists for a member without an app role exactly their programme, which they can read', async () => {
    for (const version of [1, 2] as const) {
      const r = await list({ oid: MEMBER_OID, roles: [] }, version);
      expect(r.status).toBe(200);
      expect(r.json).toEqual([{ id: 'otra-2022', year: 2022, title: expect.any(String) }]);
    }
    const bearer = await issuer.entraToken(2, { oid: MEMBER_OID, roles: [] });
    const read = await call(deps, 'getProgram', { params: { programId: 'otra-2022' }, bearer });
    expect(read.status).toBe(200);
    const other = await call(deps, 'getProgram', { params: { programId: 'tercera-2022' }, bearer });
    expect(other.status).toBe(403);
  });

  it('matches the object id whatever its case, as the membership check does', async () => {
    const r = await list({ oid: MEMBER_OID.toUpperCase(), roles: [] });
    expect(ids(r)).toEqual(['otra-2022']);
  });

  it('lists for a member of a group the group’s programme, among many groups (more than one query’s worth)', async () => {
    const others = Array.from(
      { length: 20 },
      (_, i) => `0e000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const groups = [...others, GROUP.toUpperCase()];
    const r = await list({ oid: STRANGER_OID, roles: [], groups });
    expect(r.status).toBe(200);
    expect(ids(r)).toEqual(['tercera-2022']);
    const bearer = await issuer.entraToken(1, { oid: STRANGER_OID, roles: [], groups });
    expect(
      (await call(deps, 'getProgram', { params: { programId: 'tercera-2022' }, bearer })).status,
    ).toBe(200);
  });

  it('lists both for a member in person and through a group', async () => {
    const r = await list({ oid: MEMBER_OID, roles: [], groups: [GROUP] });
    expect(ids(r)).toEqual(['otra-2022', 'tercera-2022']);
  });

  it('answers 200 with no programmes for someone with no role and no membership', async () => {
    const r = await list({
      oid: STRANGER_OID,
      roles: [],
      groups: ['0e000000-0000-4000-8000-0000000000ff'],
    });
    expect(r).toMatchObject({ status: 200, json: [] });
    expect((await list({ oid: STRANGER_OID, roles: undefined })).json).toEqual([]);
  });

  it('still answers 401 to no identity and to a bad token', async () => {
    expect((await call(deps, 'listPrograms', { as: null })).status).toBe(401);
    const expired = await issuer.entraToken(2, { exp: Math.floor(Date.now() / 1000) - 600 });
    expect((await call(deps, 'listPrograms', { bearer: expired })).status).toBe(401);
  });
});
