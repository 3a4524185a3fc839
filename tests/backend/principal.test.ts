import { cleanName, encodePrincipal, parsePrincipal } from '../../backend/http/principal';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64');

describe('App Service principal', () => {
  it('reads the roles from the claims whose typ is role_typ, and the name from name_typ', () => {
    const header = b64({
      auth_typ: 'aad',
      name_typ: 'name',
      role_typ: 'roles',
      claims: [
        { typ: 'name', val: 'ana@iecm.mx' },
        { typ: 'roles', val: 'editor' },
        { typ: 'groups', val: 'editor-falso' },
        { typ: 'roles', val: 'viewer' },
      ],
      extra: 'ignored',
    });
    expect(parsePrincipal(header)).toEqual({
      kind: 'ok',
      principal: {
        id: 'ana@iecm.mx',
        name: 'ana@iecm.mx',
        roles: ['editor', 'viewer'],
        groups: ['editor-falso'],
      },
    });
  });

  it('round-trips what the dev server and tests send', () => {
    expect(parsePrincipal(encodePrincipal({ name: 'x@y', roles: ['viewer'] }))).toEqual({
      kind: 'ok',
      principal: { id: 'x@y', name: 'x@y', roles: ['viewer'], groups: [] },
    });
    const oid = '6f1c2a3b-0000-4000-8000-000000000001';
    expect(
      parsePrincipal(encodePrincipal({ name: 'x@y', roles: [], id: oid, groups: ['g1'] })),
    ).toMatchObject({ principal: { id: oid, groups: ['g1'] } });
  });

  it.each([
    ['not base64 JSON', 'esto no es json'],
    ['claims missing', b64({ name_typ: 'n', role_typ: 'r' })],
    ['claims not an array', b64({ name_typ: 'n', role_typ: 'r', claims: {} })],
    ['no name claim', b64({ name_typ: 'n', role_typ: 'r', claims: [{ typ: 'r', val: 'editor' }] })],
    ['a claim without val', b64({ name_typ: 'n', role_typ: 'r', claims: [{ typ: 'n' }] })],
  ])('is malformed when %s', (_why, header) => {
    expect(parsePrincipal(header)).toEqual({ kind: 'malformed' });
  });

  it('is missing when there is no header', () => {
    expect(parsePrincipal(null)).toEqual({ kind: 'missing' });
    expect(parsePrincipal('')).toEqual({ kind: 'missing' });
  });

  it('keeps names people will read clean and bounded: no markup, control or bidi characters', () => {
    expect(cleanName('  Ana\u0000 <b>López</b>\u202E  ')).toBe('Ana bLópez/b');
    expect([...cleanName('x'.repeat(3000))]).toHaveLength(120);
    expect(cleanName('\u200B\u202E')).toBe('sin nombre');
  });
});
