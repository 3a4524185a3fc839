import { encodePrincipal, hasRole, parsePrincipal } from '../../backend/http/principal';

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
      principal: { name: 'ana@iecm.mx', roles: ['editor', 'viewer'] },
    });
  });

  it('round-trips what the dev server and tests send', () => {
    expect(parsePrincipal(encodePrincipal({ name: 'x@y', roles: ['viewer'] }))).toEqual({
      kind: 'ok',
      principal: { name: 'x@y', roles: ['viewer'] },
    });
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

  it('lets editors read and only editors write', () => {
    expect(hasRole({ name: 'a', roles: ['editor'] }, 'viewer')).toBe(true);
    expect(hasRole({ name: 'a', roles: ['viewer'] }, 'editor')).toBe(false);
    expect(hasRole({ name: 'a', roles: [] }, 'viewer')).toBe(false);
  });
});
