/**
 * A first contact with the task pane, in headless Chromium against the built page on the dev
 * server: opened in a browser instead of Excel — office.js unreachable, or loaded with no Office
 * host — it says how to open it from Excel instead of staying blank; and in «modo local» (the dev
 * host signs every request in by itself) its session line says so. Screenshots:
 * tests/artifacts/screenshots/fuera-de-excel-*.png, panel-modo-local.png.
 */
import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { seedProgramme } from '../../backend/services/seed';
import { Store } from '../../backend/store/store';
import { loadSeedProgramme } from '../../seeds';
import { TestServer, launchChromium, openPane, screenshot } from '../helpers/browser';
import { newStore } from '../helpers/server';
import { seedLayout } from '../helpers/workbooks';

jest.setTimeout(90_000);

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const OFFICE_JS = /^https:\/\/appsforoffice\.microsoft\.com\//;
/** What office.js does in a browser tab: it loads, and Office.onReady says there is no host. */
const NO_HOST_OFFICE = `window.Office = {
  onReady: (callback) =>
    Promise.resolve({ host: null, platform: null }).then((info) => {
      if (callback) callback(info);
      return info;
    }),
};`;

let browser: Browser;
let store: Store;
let server: TestServer;

beforeAll(async () => {
  browser = await launchChromium();
  store = await newStore();
  await seedProgramme(store, loadSeedProgramme());
  server = new TestServer(store);
  await server.start();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The built pane opened as a browser tab at 320 px; office.js is answered by `office`. */
async function openInBrowser(office: 'unreachable' | 'no-host'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 320, height: 700 } });
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
    office === 'no-host' && OFFICE_JS.test(route.request().url())
      ? route.fulfill({ body: NO_HOST_OFFICE, contentType: 'text/javascript' })
      : route.abort(),
  );
  await page.goto(`${server.origin}/taskpane.html`);
  return page;
}

/**
 * axe-core's serious and critical findings, less the one known false positive that
 * accessibility.test.ts explains: Fluent's focus manager's aria-hidden `<i data-tabster-dummy>`.
 */
async function axeSerious(page: Page) {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (context: Document) => Promise<{
            violations: {
              id: string;
              impact: string;
              nodes: { target: string[]; html: string }[];
            }[];
          }>;
        };
      }
    ).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes
        .filter(
          (n) => !(v.id === 'aria-hidden-focus' && /^<i [^>]*data-tabster-dummy/.test(n.html)),
        )
        .map((n) => n.target.join(' ')),
    }))
    .filter((v) => v.nodes.length > 0);
}

/** Visible elements that reach past the pane's right edge. */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getClientRects().length > 0)
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}#${e.id}`),
  );

describe('the task pane outside Excel', () => {
  for (const [office, title] of [
    ['unreachable', 'office.js cannot be loaded (Microsoft’s CDN unreachable)'],
    ['no-host', 'office.js loads but Office.onReady says there is no host'],
  ] as const)
    it(`says how to open it from Excel when ${title}`, async () => {
      const page = await openInBrowser(office);
      const message = page.getByTestId('outside-excel');
      await message.waitFor();
      expect(
        await page.getByRole('heading', { level: 1, name: 'Abra este panel desde Excel' }).count(),
      ).toBe(1);
      const text = (await message.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain('solo funciona dentro de Excel');
      expect(text).toContain('Inicio › Cronograma PAT');
      expect(text).toContain('la sección «Build, serve, sideload» del README');
      // Office.js missing: the page also says that this may be the cause inside Excel.
      expect(await page.getByText('no se pudo cargar Office.js').isVisible()).toBe(
        office === 'unreachable',
      );
      // Nothing else: no app half there.
      expect(await page.getByRole('tab').count()).toBe(0);
      // Readable at 320 px: nothing wider than the pane, no scrolling sideways.
      expect(await overflowing(page)).toEqual([]);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBe(320);
      expect(await axeSerious(page)).toEqual([]);
      await screenshot(page, `fuera-de-excel-${office}`);
      await page.close();
    });

  it('shows no such message inside Excel', async () => {
    const page = await openPane(browser, server.origin, { layout: seedLayout() });
    expect(await page.getByTestId('outside-excel').isVisible()).toBe(false);
    expect(await page.getByText('Abra este panel desde Excel').isVisible()).toBe(false);
    await page.close();
  });
});

describe('the task pane in «modo local»', () => {
  it('says so where it says who is signed in, and offers no sign-in', async () => {
    const identity = { name: 'dev@localhost', roles: ['editor', 'viewer', 'admin'] };
    const local = new TestServer(store, { principal: identity, deps: { localIdentity: identity } });
    await local.start();
    try {
      const page = await openPane(browser, local.origin, {
        layout: seedLayout(),
        settings: { 'pat.connection': { baseUrl: local.origin, programId: 'cvoe-2021' } },
      });
      const line = page.getByTestId('session').getByTestId('local-mode');
      await line.waitFor();
      expect(await line.textContent()).toBe(
        'Modo local: sin inicio de sesión; usted entra como dev@localhost (editor, viewer, admin).',
      );
      expect(await page.getByRole('button', { name: 'Iniciar sesión' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Cerrar sesión' }).count()).toBe(0);
      // The whole line is readable at 320 px: it wraps, nothing is cut off or wider than the pane.
      expect(
        await line.evaluate((e) => ({
          cut: e.scrollWidth > e.clientWidth,
          right: e.getBoundingClientRect().right <= window.innerWidth,
        })),
      ).toEqual({ cut: false, right: true });
      expect(await overflowing(page)).toEqual([]);
      expect(await axeSerious(page)).toEqual([]);
      await screenshot(page, 'panel-modo-local');
      await page.close();
    } finally {
      await local.stop();
    }

    // The usual test server names no local identity: who and the role, no «Modo local».
    const page = await openPane(browser, server.origin, {
      layout: seedLayout(),
      settings: { 'pat.connection': { baseUrl: server.origin, programId: 'cvoe-2021' } },
    });
    const who = page.getByTestId('session').getByText('ana.lopez@iecm.mx · administración');
    await who.waitFor();
    expect(await who.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    expect(await page.getByTestId('local-mode').count()).toBe(0);
    await page.close();
  });
});
