import { SignInRequiredError } from '../../addin/src/api-client';
import { Authenticator, Grant, RENEW_BEFORE_MS, createSession } from '../../addin/src/auth/session';

const ENTRA = {
  mode: 'entra' as const,
  clientId: 'c',
  tenantId: 't',
  authority: 'https://login.microsoftonline.com/t',
  scope: 'api://c/access_as_user',
};
const account = { name: 'Ana López', username: 'ana.lopez@iecm.mx' };

function fakeAuthenticator(grants: (Grant | undefined)[]) {
  const calls: string[] = [];
  const auth: Authenticator = {
    silent: async ({ renew }) => {
      calls.push(renew ? 'silent-renew' : 'silent');
      return grants.shift();
    },
    interactive: async () => {
      calls.push('interactive');
      return { accessToken: 'interactivo', expiresOn: Date.now() + 3_600_000, account };
    },
    signOut: async () => {
      calls.push('sign-out');
    },
  };
  return { auth, calls };
}

describe('the pane’s sign-in session', () => {
  it('asks for no token and never builds an authenticator where the host signs people in', async () => {
    const authenticator = jest.fn();
    const session = createSession({ loadConfig: async () => ({ mode: 'none' }), authenticator });
    expect(await session.token()).toBeUndefined();
    expect(session.state()).toEqual({ kind: 'host' });
    expect(authenticator).not.toHaveBeenCalled();
  });

  it('passes on «modo local»: the identity the local dev host signs every request in as', async () => {
    const localIdentity = { name: 'dev@localhost', roles: ['editor', 'viewer', 'admin'] };
    const authenticator = jest.fn();
    const session = createSession({
      loadConfig: async () => ({ mode: 'none', localIdentity }),
      authenticator,
    });
    expect(await session.token()).toBeUndefined();
    expect(session.state()).toEqual({ kind: 'host', localIdentity });
    expect(authenticator).not.toHaveBeenCalled();
  });

  it('keeps a token until five minutes before it expires, then renews it silently', async () => {
    let now = 1_000_000;
    const { auth, calls } = fakeAuthenticator([
      { accessToken: 'uno', expiresOn: now + 60 * 60_000, account },
      { accessToken: 'dos', expiresOn: now + 2 * 60 * 60_000, account },
    ]);
    const session = createSession({
      loadConfig: async () => ENTRA,
      authenticator: async () => auth,
      now: () => now,
    });
    expect(await session.token()).toBe('uno');
    now += 60 * 60_000 - RENEW_BEFORE_MS - 1;
    expect(await session.token()).toBe('uno');
    now += 2;
    expect(await session.token()).toBe('dos');
    expect(calls).toEqual(['silent', 'silent']);
    expect(session.state()).toEqual({ kind: 'signed-in', account });
  });

  it('asks for the person only when silence cannot help, and not again after «Cerrar sesión»', async () => {
    const { auth, calls } = fakeAuthenticator([undefined]);
    const session = createSession({
      loadConfig: async () => ENTRA,
      authenticator: async () => auth,
    });
    await expect(session.token()).rejects.toBeInstanceOf(SignInRequiredError);
    expect(session.state().kind).toBe('signed-out');
    await session.signIn();
    expect(await session.token()).toBe('interactivo');
    await session.signOut();
    await expect(session.token()).rejects.toThrow('Inicie sesión para continuar.');
    expect(calls).toEqual(['silent', 'interactive', 'sign-out']);
  });

  it('renews on demand (after a 401) past the token it holds', async () => {
    const { auth, calls } = fakeAuthenticator([
      { accessToken: 'uno', expiresOn: Date.now() + 3_600_000, account },
      { accessToken: 'dos', expiresOn: Date.now() + 3_600_000, account },
    ]);
    const session = createSession({
      loadConfig: async () => ENTRA,
      authenticator: async () => auth,
    });
    expect(await session.token()).toBe('uno');
    expect(await session.token({ renew: true })).toBe('dos');
    expect(calls).toEqual(['silent', 'silent-renew']);
  });
});
