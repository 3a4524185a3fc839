/**
 * The update page the reminders link to (dist/dashboard/actualizar/, reached from the e-mails'
 * short `/actualizar/?programa=…`), in headless Chromium against the real route table and Azurite:
 * the 2021 programme with axis 4 moved to another area (DEOE), Ana López listed for UTVOE, the
 * server's clock on 15 June 2021. She sees exactly her area's due and overdue months (worked out
 * here from the programme's view), saves one (a wrong link first: its message by the field), the
 * dashboard shows it with her name in the history; a change by someone else meanwhile (412) shows
 * what the server has and is saved over; another area's month is refused (403) and never listed;
 * a person no area lists is told so; 360 px and axe-core. Screenshots: update-page*.png.
 */
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { z } from 'zod';
import { seedProgramme } from '../../backend/services/seed';
import { Store } from '../../backend/store/store';
import { PrincipalClaims, encodePrincipal } from '../../backend/http/principal';
import { getWebPage, webFile } from '../../backend/http/handlers/web';
import { loadSeedProgramme } from '../../seeds';
import { API, ApiRoute, apiPath } from '../../shared/api';
import { MONTH_NAMES } from '../../shared/months';
import {
  SCREENSHOTS,
  TestServer,
  axeViolations,
  launchChromium,
  screenshot,
} from '../helpers/browser';
import { ROOT } from '../helpers/cli';
import { ADMIN, VIEWER, call, depsFor, newStore } from '../helpers/server';
import { HttpRequest, InvocationContext } from '@azure/functions';

jest.setTimeout(180_000);

const PROGRAM = 'cvoe-2021';
/** 12:00 in Mexico City (CDT, UTC−5) on Tuesday 15 June 2021: June is due, January to May overdue. */
const NOW = new Date('2021-06-15T17:00:00Z');
const THIS_MONTH = 6;

/** Listed for UTVOE (every activity but axis 4's); no roles: she reads only her own months. */
const ANA: PrincipalClaims = { name: 'ana.lopez@iecm.mx', roles: [] };
/** Listed for DEOE (axis 4). */
const PEDRO: PrincipalClaims = { name: 'pedro.diaz@iecm.mx', roles: [] };
/** Listed nowhere. */
const LUIS: PrincipalClaims = { name: 'luis.mora@iecm.mx', roles: [] };
const OTHER_EDITOR: PrincipalClaims = { name: 'carlos.ruiz@iecm.mx', roles: ['editor'] };

let browser: Browser;
let store: Store;
let ana: TestServer;
let viewer: TestServer;
let nobody: TestServer;

type ProgramView = z.output<typeof API.getProgram.response>;

/** A call to the API, the answer parsed with the route's schema. */
async function api<R extends z.ZodType>(
  route: ApiRoute<R>,
  params: Record<string, string | number>,
  options: { as: PrincipalClaims; body?: unknown; headers?: Record<string, string> },
): Promise<{ status: number; json: unknown; data?: z.output<R> }> {
  const res = await fetch(`${ana.origin}/api/${apiPath(route, params)}`, {
    method: route.method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      'x-ms-client-principal': encodePrincipal(options.as),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const json: unknown = await res.json();
  return { status: res.status, json, ...(res.ok ? { data: route.response.parse(json) } : {}) };
}

const programView = async (): Promise<ProgramView> =>
  (await api(API.getProgram, { programId: PROGRAM }, { as: VIEWER })).data!;

/**
 * What the page must list for an area on 15 June, worked out from the programme's view: each
 * planned month of the area's activities that is June (due), or before June and still
 * «pendiente» (overdue), in activity and month order (the API's).
 */
function expectedMonths(view: ProgramView, area: string) {
  const rows: { activityId: string; month: number; kind: 'due' | 'overdue' }[] = [];
  for (const a of view.activities) {
    if (a.responsibleArea.toUpperCase() !== area) continue;
    for (const month of [...a.months].sort((x, y) => x - y)) {
      const status = a.statuses[String(month)]?.status;
      if (month === THIS_MONTH) rows.push({ activityId: a.id, month, kind: 'due' });
      else if (month < THIS_MONTH && status === 'pendiente')
        rows.push({ activityId: a.id, month, kind: 'overdue' });
    }
  }
  return rows;
}

/** As the page shows them: «Vencidos», then «Vencen este mes». */
const inPageOrder = <T extends { kind: 'due' | 'overdue' }>(rows: T[]) => [
  ...rows.filter((r) => r.kind === 'overdue'),
  ...rows.filter((r) => r.kind === 'due'),
];

/** The months the page lists, in its order. */
const listed = (page: Page) =>
  page.locator('form.month-form').evaluateAll((forms) =>
    forms.map((f) => ({
      activityId: f.getAttribute('data-activity')!,
      month: Number(f.getAttribute('data-month')),
      kind: f.getAttribute('data-kind') as 'due' | 'overdue',
    })),
  );

beforeAll(async () => {
  browser = await launchChromium();
  store = await newStore();
  const seed = loadSeedProgramme();
  await seedProgramme(store, seed);
  // Axis 4 becomes another area's: the plan sent again with its activities under DEOE.
  const moved = await call(
    depsFor(store, () => NOW),
    'putPlan',
    {
      params: { programId: PROGRAM },
      as: ADMIN,
      body: {
        year: seed.year,
        title: seed.title,
        axes: seed.axes,
        activities: seed.activities.map((a) =>
          a.axis === 4 ? { ...a, responsibleArea: 'DEOE' } : a,
        ),
      },
    },
  );
  expect(moved.status).toBe(200);
  await store.areas.put(
    PROGRAM,
    'UTVOE',
    [{ name: 'Ana López', email: 'ana.lopez@iecm.mx' }],
    'admin',
  );
  await store.areas.put(
    PROGRAM,
    'DEOE',
    [{ name: 'Pedro Díaz', email: 'pedro.diaz@iecm.mx' }],
    'admin',
  );
  const deps = { now: () => NOW };
  ana = new TestServer(store, { principal: ANA, deps });
  viewer = new TestServer(store, { principal: VIEWER, deps });
  nobody = new TestServer(store, { principal: LUIS, deps });
  await Promise.all([ana.start(), viewer.start(), nobody.start()]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([ana?.stop(), viewer?.stop(), nobody?.stop()]);
});

/** The update page as a reminder's link opens it, at NOW, loaded. */
async function open(
  origin: string,
  options: { width?: number; ready?: 'months' | 'no-area' | 'sign-in' } = {},
): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: 'es-MX',
  });
  // Nothing leaves this machine.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await page.clock.install({ time: NOW });
  await page.goto(`${origin}/actualizar/?programa=${PROGRAM}`);
  const ready = options.ready ?? 'months';
  if (ready === 'months') await page.locator('form.month-form').first().waitFor();
  else await page.getByTestId(ready).waitFor();
  return page;
}

/** A month's form on the page. */
const monthForm = (page: Page, activityId: string, month: number) =>
  page.getByTestId(`month-${activityId}-${month}`);

describe('the short link', () => {
  const get = async (url: string) =>
    getWebPage({ ...depsFor(store), webRoot: path.join(ROOT, 'dist') })(
      new HttpRequest({ method: 'GET', url: `http://127.0.0.1${url}` }),
      new InvocationContext({ functionName: 'web', logHandler: () => undefined }),
      { id: ANA.name, name: ANA.name, roles: [], groups: [] },
    );

  it('leads /actualizar and /actualizar/ to the page, the query string kept', async () => {
    for (const from of ['/actualizar', '/actualizar/', '/dashboard/actualizar'])
      for (const query of ['', `?programa=${PROGRAM}`, `?programa=${PROGRAM}&x=%C3%B1`]) {
        const res = await get(`${from}${query}`);
        expect(res.status).toBe(302);
        expect((res.headers as Record<string, string>).Location).toBe(
          `/dashboard/actualizar/${query}`,
        );
      }
    // The page's folder is its index.html; nothing outside the web root.
    expect(webFile('/www', '/dashboard/actualizar/')).toBe(
      path.resolve('/www/dashboard/actualizar/index.html'),
    );
    expect(webFile('/www', '/dashboard/')).toBe(path.resolve('/www/dashboard/index.html'));
    expect(webFile('/www', '/dashboard/../../etc/')).toBeUndefined();
    const page = await get('/dashboard/actualizar/');
    expect(page.status).toBe(200);
    expect(Buffer.from(page.body as Uint8Array).toString('utf8')).toContain(
      '<h1>Mis meses por actualizar</h1>',
    );
  });
});

describe('the update page', () => {
  it('(a) shows Ana exactly her area’s overdue and due months, none of axis 4', async () => {
    const page = await open(ana.origin);
    // The e-mail's short link ended on the page, the programme kept.
    expect(page.url()).toBe(`${ana.origin}/dashboard/actualizar/?programa=${PROGRAM}`);

    const view = await programView();
    const expected = expectedMonths(view, 'UTVOE');
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.some((m) => m.kind === 'due')).toBe(true);
    expect(await listed(page)).toEqual(inPageOrder(expected));
    expect(expected.some((m) => m.activityId.startsWith('4.'))).toBe(false);
    expect(expectedMonths(view, 'DEOE').length).toBeGreaterThan(0);

    // Who, what and when; «Vencidos» before «Vencen este mes»; one h1; landmarks.
    expect(await page.locator('h1').allTextContents()).toEqual(['Mis meses por actualizar']);
    expect(await page.getByTestId('programme').textContent()).toBe(view.title);
    expect(await page.getByTestId('me').textContent()).toBe(
      'Sesión: Ana López (ana.lopez@iecm.mx)',
    );
    expect(await page.getByTestId('today').textContent()).toBe('Situación al 15 de junio de 2021');
    expect(await page.locator('h2').allTextContents()).toEqual(['Vencidos', 'Vencen este mes']);
    expect(await page.locator('html').getAttribute('lang')).toMatch(/^es\b/);
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    for (const id of ['vencidos', 'este-mes'])
      expect(
        await page
          .getByRole('region', { name: id === 'vencidos' ? 'Vencidos' : 'Vencen este mes' })
          .count(),
      ).toBe(1);

    // Each month: its activity's id and description above it, its name, the fields with labels.
    const first = inPageOrder(expected)[0]!;
    const activity = view.activities.find((a) => a.id === first.activityId)!;
    const group = page.locator(`.update-activity[data-activity="${first.activityId}"]`).first();
    expect(await group.locator('h3').textContent()).toBe(`${activity.id} ${activity.description}`);
    const form = monthForm(page, first.activityId, first.month);
    expect(await form.locator('legend').textContent()).toBe(
      `${MONTH_NAMES[first.month - 1]} de la actividad ${first.activityId}`,
    );
    expect(await form.getByLabel('Estatus').locator('option').allTextContents()).toEqual([
      'Pendiente',
      'En proceso',
      'Realizada',
      'Reprogramada',
      'No realizada',
      'Cancelada',
    ]);
    expect(await form.getByLabel('Nota').getAttribute('maxlength')).toBe('2000');
    expect(await form.getByLabel('Enlace a la evidencia').getAttribute('type')).toBe('url');
    expect(await form.getByLabel('Enlace a la evidencia').getAttribute('maxlength')).toBe('2000');
    // Every field has exactly one label.
    expect(
      await page.evaluate(
        () =>
          [...document.querySelectorAll('select, textarea, input')].filter(
            (e) => (e as HTMLInputElement).labels?.length !== 1,
          ).length,
      ),
    ).toBe(0);
    await screenshot(page, 'update-page');
    await page.close();
  });

  it('(b) saves a month: a wrong link is said by its field, then «Guardado»; the dashboard shows it with her name', async () => {
    const view = await programView();
    const target = expectedMonths(view, 'UTVOE').find((m) => m.kind === 'overdue')!;
    const { activityId, month } = target;
    const name = MONTH_NAMES[month - 1]!.toLowerCase();
    const page = await open(ana.origin);
    const form = monthForm(page, activityId, month);
    const evidence = form.getByLabel('Enlace a la evidencia');

    // Not an http(s) link: the server's message under the field, the focus on it.
    await form.getByLabel('Estatus').selectOption({ label: 'Realizada' });
    await form.getByLabel('Nota').fill('Informe entregado a la Comisión');
    await evidence.fill('ftp://intranet.iecm.mx/evidencia.pdf');
    await form.getByRole('button', { name: /^Guardar/ }).click();
    await form.getByTestId('error-evidence').waitFor();
    expect(await form.getByTestId('error-evidence').textContent()).toBe(
      'La evidencia debe ser un enlace http(s).',
    );
    expect(await evidence.getAttribute('aria-invalid')).toBe('true');
    expect(await evidence.getAttribute('aria-describedby')).toBe(
      await form.getByTestId('error-evidence').getAttribute('id'),
    );
    expect(await evidence.evaluate((e) => e === document.activeElement)).toBe(true);
    await form.screenshot({ path: path.join(SCREENSHOTS, 'update-page-error.png') });
    expect(
      (await programView()).activities.find((a) => a.id === activityId)!.statuses[String(month)]!
        .status,
    ).toBe('pendiente');

    const link = `https://intranet.iecm.mx/cvoe/evidencias/${activityId}-${name}.pdf`;
    await evidence.fill(link);
    expect(await form.getByTestId('error-evidence').count()).toBe(0);
    await form.getByRole('button', { name: /^Guardar/ }).click();
    await form.getByTestId('result').getByText('Guardado').waitFor();
    expect(await page.getByTestId('announcement').textContent()).toBe(
      `Guardado: ${activityId}, ${name}, Realizada.`,
    );
    await form.screenshot({ path: path.join(SCREENSHOTS, 'update-page-saved.png') });

    const saved = (await programView()).activities.find((a) => a.id === activityId)!.statuses[
      String(month)
    ]!;
    expect(saved).toMatchObject({
      status: 'realizada',
      note: 'Informe entregado a la Comisión',
      evidence: link,
      updatedBy: ANA.name,
    });
    // The form took the new ETag: saving again goes through.
    await form.getByLabel('Nota').fill('Informe entregado a la Comisión el 4 de febrero');
    await form.getByRole('button', { name: /^Guardar/ }).click();
    await page
      .getByTestId('announcement')
      .getByText(`Guardado: ${activityId}, ${name}, Realizada.`)
      .waitFor();
    await form.getByTestId('result').getByText('Guardado').waitFor();
    expect(
      (await programView()).activities.find((a) => a.id === activityId)!.statuses[String(month)]!
        .note,
    ).toBe('Informe entregado a la Comisión el 4 de febrero');
    await page.close();

    // The managers' dashboard, opened by a viewer: the month is «realizada», her name in the history.
    const dashboard = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await dashboard.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await dashboard.clock.install({ time: NOW });
    await dashboard.goto(`${viewer.origin}/dashboard/?programa=${PROGRAM}`);
    const cell = dashboard.locator(
      `[data-testid="grid"] tr[data-activity="${activityId}"] td[data-month="${month}"]`,
    );
    await cell.waitFor();
    expect(await cell.getAttribute('data-state')).toBe('realizada');
    const newest = dashboard.getByTestId('history').locator('li').first();
    await newest.waitFor();
    expect(await newest.getAttribute('data-activity')).toBe(activityId);
    expect(await newest.locator('.who').textContent()).toBe(ANA.name);
    expect(await newest.locator('.change').textContent()).toContain(MONTH_NAMES[month - 1]);
    await dashboard.close();
  });

  it('shows what someone else saved meanwhile (412) and saves over it', async () => {
    const view = await programView();
    // The first overdue month left (the one saved above is no longer overdue).
    const target = expectedMonths(view, 'UTVOE').find((m) => m.kind === 'overdue')!;
    const { activityId, month } = target;
    const name = MONTH_NAMES[month - 1]!.toLowerCase();
    const page = await open(ana.origin);
    // Another editor marks the month while Ana has the page open.
    const etag = view.activities.find((a) => a.id === activityId)!.statuses[String(month)]!.etag;
    const other = await api(
      API.patchMonthStatus,
      { programId: PROGRAM, activityId, month },
      {
        as: OTHER_EDITOR,
        body: { status: 'en_proceso', note: 'Se está revisando' },
        headers: { 'if-match': etag },
      },
    );
    expect(other.status).toBe(200);

    const form = monthForm(page, activityId, month);
    await form.getByLabel('Estatus').selectOption({ label: 'Realizada' });
    await form.getByLabel('Nota').fill('Concluida');
    await form.getByRole('button', { name: /^Guardar/ }).click();
    const conflict = form.getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.getByTestId('conflict-status').getAttribute('data-status')).toBe(
      'en_proceso',
    );
    expect(await conflict.getByTestId('conflict-status').textContent()).toContain('En proceso');
    expect(await conflict.getByTestId('conflict-by').textContent()).toBe(OTHER_EDITOR.name);
    expect(await conflict.textContent()).toContain('Se está revisando');
    expect(await page.getByTestId('announcement').textContent()).toBe(
      `No se guardó ${activityId}, ${name}: otra persona lo cambió a «En proceso». Revise y vuelva a guardar.`,
    );
    await form.screenshot({ path: path.join(SCREENSHOTS, 'update-page-conflict.png') });
    // What she wrote is still in the form; «Guardar» now writes over the other change.
    expect(await form.getByLabel('Nota').inputValue()).toBe('Concluida');
    await form.getByRole('button', { name: /^Guardar/ }).click();
    await form.getByTestId('result').getByText('Guardado').waitFor();
    expect(await form.getByTestId('conflict').count()).toBe(0);
    const now = (await programView()).activities.find((a) => a.id === activityId)!.statuses[
      String(month)
    ]!;
    expect(now).toMatchObject({ status: 'realizada', note: 'Concluida', updatedBy: ANA.name });
    await page.close();
  });

  it('(c) refuses Ana a month of another area (403), changing nothing; her list has none of them', async () => {
    const before = await programView();
    const axis4 = before.activities.find((a) => a.axis === 4)!;
    expect(axis4.responsibleArea).toBe('DEOE');
    const month = axis4.months[0]!;
    const status = axis4.statuses[String(month)]!;
    const refused = await api(
      API.patchMyMonth,
      { programId: PROGRAM, activityId: axis4.id, month },
      { as: ANA, body: { status: 'realizada' }, headers: { 'if-match': status.etag } },
    );
    expect(refused.status).toBe(403);
    expect((refused.json as { error: string }).error).toContain('DEOE');
    const after = await programView();
    expect(after.activities.find((a) => a.id === axis4.id)!.statuses).toEqual(axis4.statuses);
    expect(after.activities.filter((a) => a.axis === 4)).toEqual(
      before.activities.filter((a) => a.axis === 4),
    );

    const mine = await api(API.myMonths, { programId: PROGRAM }, { as: ANA });
    expect(mine.status).toBe(200);
    expect(mine.data!.areas).toEqual(['UTVOE']);
    expect(mine.data!.months.filter((m) => m.activityId.startsWith('4.'))).toEqual([]);
    expect(mine.data!.months.map((m) => `${m.activityId}/${m.month}/${m.kind}`)).toEqual(
      expectedMonths(after, 'UTVOE').map((m) => `${m.activityId}/${m.month}/${m.kind}`),
    );
    // Pedro, DEOE's, gets axis 4's months and nothing else.
    const his = await api(API.myMonths, { programId: PROGRAM }, { as: PEDRO });
    expect(his.data!.months.map((m) => `${m.activityId}/${m.month}/${m.kind}`)).toEqual(
      expectedMonths(after, 'DEOE').map((m) => `${m.activityId}/${m.month}/${m.kind}`),
    );
  });

  it('(d) fits 360 px with a visible focus and no serious or critical axe-core violation', async () => {
    const page = await open(ana.origin, { width: 360 });
    const overflow = await page.evaluate(() => {
      const width = window.innerWidth;
      const wide = [...document.querySelectorAll('body *')]
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5);
        })
        .filter((e) => !e.closest('.sr-only') && !e.classList.contains('skip'))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${e.getBoundingClientRect().width}`);
      return { scrollWidth: document.scrollingElement!.scrollWidth, wide: wide.slice(0, 10) };
    });
    expect(overflow).toEqual({ scrollWidth: 360, wide: [] });

    // The keyboard: the skip link, then the first month's status, its focus ring drawn.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Saltar al contenido',
    );
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement;
      const style = getComputedStyle(e);
      return { tag: e.tagName, outline: style.outlineStyle, width: style.outlineWidth };
    });
    expect(focused).toEqual({ tag: 'SELECT', outline: 'solid', width: '3px' });
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());

    const violations = await axeViolations(page);
    console.log(`axe 360px: ${JSON.stringify(violations)}`);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'update-page-360');
    await page.close();
  });

  it('(e) tells a person no area lists so, and whom to ask', async () => {
    const page = await open(nobody.origin, { ready: 'no-area' });
    const text = await page.getByTestId('no-area').textContent();
    expect(text).toContain('Su cuenta (luis.mora@iecm.mx) no figura entre los responsables');
    expect(text).toContain('pida a un administrador de PAT Cronograma');
    expect(text).toContain('«Áreas y responsables»');
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.getByTestId('me').textContent()).toBe('Sesión: luis.mora@iecm.mx');
    expect(await page.locator('h1').count()).toBe(1);
    const violations = await axeViolations(page);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await screenshot(page, 'update-page-sin-area');
    await page.close();
  });

  it('offers to sign in when the server asks for it (401), and comes back to the same page', async () => {
    const signedOut = new TestServer(store, { principal: null, deps: { now: () => NOW } });
    await signedOut.start();
    try {
      const page = await open(signedOut.origin, { ready: 'sign-in' });
      const href = await page.getByRole('link', { name: 'Iniciar sesión' }).getAttribute('href');
      expect(href).toBe(
        `/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(`/dashboard/actualizar/?programa=${PROGRAM}`)}`,
      );
      expect(await page.locator('.problem').count()).toBe(0);
      await page.close();
    } finally {
      await signedOut.stop();
    }
  });

  it('says «modo local» where the dev host signs people in itself', async () => {
    const local = new TestServer(store, {
      principal: ANA,
      deps: { now: () => NOW, localIdentity: { name: ANA.name, roles: [] } },
    });
    await local.start();
    try {
      const page = await open(local.origin);
      await page.getByTestId('local-mode').waitFor();
      expect(await page.getByTestId('local-mode').textContent()).toBe(
        'Modo local: sin inicio de sesión; usted entra como ana.lopez@iecm.mx.',
      );
      expect(await page.getByTestId('sign-in').count()).toBe(0);
      await page.close();
    } finally {
      await local.stop();
    }
  });
});
