/**
 * Signing in from the task pane, in headless Chromium, against the real dev server and Azurite
 * with bearer tokens required (no dev principal, App Service's header not believed) and verified
 * against a local issuer on loopback. The fake Office host is signed in as a person: MSAL's real
 * Nested App Authentication code talks to its `nestedAppAuthBridge`, and where NAA is unsupported
 * its `displayDialogAsync` answers as the sign-in dialog does. Tokens come from the local issuer.
 */
import { Browser, Page, Request } from 'playwright-core';
import { seedProgramme } from '../../backend/services/seed';
import { Store } from '../../backend/store/store';
import { loadSeedProgramme } from '../../seeds';
import {
  IssuedTokens,
  TestServer,
  launchChromium,
  openPane,
  screenshot,
  sheet,
  syncAndWait,
} from '../helpers/browser';
import { CLIENT, LocalIssuer, TENANT, bearerAccess, startLocalIssuer } from '../helpers/issuer';
import { newStore } from '../helpers/server';
import { seedLayout } from '../helpers/workbooks';

jest.setTimeout(90_000);

const SHEET = 'Cronograma 2021';
const OID = '0f000000-0000-4000-8000-000000000001';
const PERSON = { username: 'ana.lopez@iecm.mx', name: 'Ana López' };

let browser: Browser;
let store: Store;
let issuer: LocalIssuer;
let server: TestServer;

beforeAll(async () => {
  browser = await launchChromium();
  issuer = await startLocalIssuer();
  store = await newStore();
  await seedProgramme(store, loadSeedProgramme());
  server = new TestServer(store, {
    principal: null,
    deps: {
      access: bearerAccess(store, issuer),
      signIn: {
        tenantId: TENANT,
        clientId: CLIENT,
        authority: `https://login.microsoftonline.com/${TENANT}`,
      },
    },
  });
  await server.start();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await issuer?.stop();
});

/** Tokens as Entra issues them for the person: an access token for our API and an ID token. */
async function tokens(options: { expiresIn?: number; kid?: string } = {}): Promise<IssuedTokens> {
  const expiresIn = options.expiresIn ?? 3600;
  const exp = Math.floor(Date.now() / 1000) + expiresIn;
  return {
    accessToken: await issuer.token({ exp, name: PERSON.name }, { kid: options.kid }),
    idToken: await issuer.token({ exp, scp: undefined, roles: undefined, name: PERSON.name }),
    expiresIn,
    oid: OID,
    tid: TENANT,
    ...PERSON,
  };
}

type Call = { path: string; authorization?: string; status?: number };

/**
 * A pane connected to cvoe-2021, Office signed in as the person; `issue` answers its token
 * requests. `calls`: every API request from the page's first on (listeners attached before it
 * loads); `answered(path, n)`: the statuses of the first n answers to a path, once they arrived.
 */
async function signedInPane(
  issue: (how: { interactive: boolean }) => Promise<IssuedTokens>,
  options: { unsupported?: string[]; query?: string } = {},
): Promise<{
  page: Page;
  calls: Call[];
  answered: (path: string, n: number) => Promise<number[]>;
}> {
  const calls: Call[] = [];
  const byRequest = new Map<Request, Call>();
  const statuses = (path: string) =>
    calls.filter((c) => c.path === path && c.status !== undefined).map((c) => c.status!);
  /** Waiting for answers: each says whether it is satisfied now. */
  const waiting = new Set<() => boolean>();
  const page = await openPane(browser, server.origin, {
    layout: seedLayout(),
    settings: { 'pat.connection': { baseUrl: server.origin, programId: 'cvoe-2021' } },
    identity: { username: PERSON.username, tid: TENANT, issue },
    ...options,
    beforeLoad(p) {
      p.on('request', (request) => {
        const url = new URL(request.url());
        if (!url.pathname.startsWith('/api/')) return;
        const call = { path: url.pathname, authorization: request.headers().authorization };
        calls.push(call);
        byRequest.set(request, call);
      });
      p.on('response', (response) => {
        const call = byRequest.get(response.request());
        if (!call) return;
        call.status = response.status();
        for (const done of waiting) if (done()) waiting.delete(done);
      });
    },
  });
  const answered = (path: string, n: number) =>
    new Promise<number[]>((resolve) => {
      const done = () => {
        const seen = statuses(path);
        if (seen.length < n) return false;
        resolve(seen.slice(0, n));
        return true;
      };
      if (!done()) waiting.add(done);
    });
  return { page, calls, answered };
}

const bridge = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as {
          __fake: { bridgeRequests: { method: string }[] };
        }
      ).__fake.bridgeRequests,
  );

describe('signing in from the task pane', () => {
  it('signs in silently with Office’s account (NAA), sends the token on every call, shows who and the role, and signs out', async () => {
    const { page, calls } = await signedInPane(() => tokens());
    const session = page.getByTestId('session');
    await session.getByText('Ana López · edición').waitFor();
    // Silent: MSAL asked the Office host for a token, never for a popup.
    expect((await bridge(page)).map((r) => r.method)).toEqual(['GetInitContext', 'GetToken']);

    await sheet.set(page, SHEET, 'E6', 'Realizada'); // 1.1, enero
    expect(await syncAndWait(page)).toContain('1 enviado,');
    const api = calls.filter((c) => !c.path.endsWith('/auth-config'));
    // Who-am-I first, then the sync's own calls.
    expect(api.map((c) => c.path)).toEqual(
      expect.arrayContaining([
        '/api/me',
        '/api/programs/cvoe-2021',
        '/api/programs/cvoe-2021/sync',
      ]),
    );
    for (const call of api) expect(call.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const status = (
      await store.statuses.getMany('cvoe-2021', [{ activityId: '1.1', month: 1 }])
    )[0];
    expect(status).toMatchObject({ status: 'realizada', updatedBy: 'Ana López' });
    await screenshot(page, 'sesion-naa');

    await session.getByRole('button', { name: 'Cerrar sesión' }).click();
    await session.getByRole('button', { name: 'Iniciar sesión' }).waitFor();
    const before = calls.length;
    await sheet.set(page, SHEET, 'F7', 'Realizada'); // with the ID column: 1.2, enero
    expect(await syncAndWait(page)).toContain('Inicie sesión para continuar.');
    // Signed out: nothing went to the API with a token, and MSAL was not asked for one.
    expect(calls.slice(before).filter((c) => c.authorization)).toEqual([]);
    expect((await bridge(page)).filter((r) => r.method === 'GetToken')).toHaveLength(1);
    await page.close();
  });

  it('renews a refused token once on a 401 and carries on', async () => {
    let issued = 0;
    // The first token is signed with a key the issuer does not publish: the API refuses it.
    await issuer.addKey('clave-revocada', false);
    const { page, answered } = await signedInPane(async () =>
      ++issued === 1 ? tokens({ kid: 'clave-revocada' }) : tokens(),
    );
    await page.getByTestId('session').getByText('Ana López · edición').waitFor();
    // Who-am-I is the pane's first call: refused with the first token, repeated with a new one.
    // Watched from before the page loads, and waited for, so a slow machine sees both answers.
    expect(await answered('/api/me', 2)).toEqual([401, 200]);
    // The renewal went past MSAL's cache to the Office host, once.
    expect((await bridge(page)).filter((r) => r.method === 'GetToken')).toHaveLength(2);
    expect(await syncAndWait(page)).toContain('Sincronizado');
    await page.close();
  });

  it('renews a token before it expires', async () => {
    let issued = 0;
    // Four minutes left: inside the five minutes before expiry when a token is renewed.
    const { page, calls } = await signedInPane(async () => {
      issued++;
      return tokens({ expiresIn: 240 });
    });
    await page.getByTestId('session').getByText('Ana López · edición').waitFor();
    const first = issued;
    expect(await syncAndWait(page)).toContain('Sincronizado');
    expect(issued).toBeGreaterThan(first);
    expect(calls.every((c) => c.status !== 401)).toBe(true);
    await page.close();
  });

  it('keeps the changes made while the session is over, and sends them once the person signs in', async () => {
    // Office has no session to give silently: only signing in (a popup) gets a token.
    const { page } = await signedInPane(
      async ({ interactive }) => {
        if (!interactive) throw new Error('USER_INTERACTION_REQUIRED');
        return tokens();
      },
      { query: '?retryMs=500' },
    );
    const session = page.getByTestId('session');
    await session.getByRole('button', { name: 'Iniciar sesión' }).waitFor();
    await sheet.set(page, SHEET, 'E8', 'En proceso'); // 1.3, enero
    expect(await syncAndWait(page)).toContain(
      'Inicie sesión para continuar. 1 cambio guardado en el libro; se enviará al iniciar sesión.',
    );
    await page.getByTestId('pending').getByText('1 cambio pendiente').waitFor();
    await screenshot(page, 'sesion-vencida');
    await session.getByRole('button', { name: 'Iniciar sesión' }).click();
    await session.getByText('Ana López · edición').waitFor();
    expect((await bridge(page)).map((r) => r.method)).toContain('GetTokenPopup');
    await page.getByText('Sincronizado: 1 enviado,', { exact: false }).waitFor({ timeout: 20_000 });
    const status = (
      await store.statuses.getMany('cvoe-2021', [{ activityId: '1.3', month: 1 }])
    )[0];
    expect(status).toMatchObject({ status: 'en_proceso', updatedBy: 'Ana López' });
    await page.close();
  });

  it('signs in through Office’s dialog where Nested App Authentication is not supported', async () => {
    const { page, calls } = await signedInPane(() => tokens(), {
      unsupported: ['NestedAppAuth 1.1'],
    });
    const session = page.getByTestId('session');
    // No dialog opens unasked.
    await session.getByRole('button', { name: 'Iniciar sesión' }).waitFor();
    const dialogs = () =>
      page.evaluate(() => (window as unknown as { __fake: { dialogs: string[] } }).__fake.dialogs);
    expect(await dialogs()).toEqual([]);
    await session.getByRole('button', { name: 'Iniciar sesión' }).click();
    await session.getByText('Ana López · edición').waitFor();
    const [opened] = await dialogs();
    const url = new URL(opened!);
    expect(url.origin + url.pathname).toBe(`${server.origin}/auth-dialog.html`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      action: 'sign-in',
      clientId: CLIENT,
      authority: `https://login.microsoftonline.com/${TENANT}`,
      scope: `api://${CLIENT}/access_as_user`,
    });
    // The built dialog page is served beside the pane.
    expect((await fetch(`${server.origin}/auth-dialog.html`)).status).toBe(200);
    expect(await syncAndWait(page)).toContain('Sincronizado');
    expect(calls.filter((c) => c.path.includes('/sync')).every((c) => c.authorization)).toBe(true);
    await screenshot(page, 'sesion-dialogo');

    await session.getByRole('button', { name: 'Cerrar sesión' }).click();
    await session.getByRole('button', { name: 'Iniciar sesión' }).waitFor();
    expect(new URL((await dialogs())[1]!).searchParams.get('action')).toBe('sign-out');
    await page.close();
  });
});
