/**
 * Accessibility of every panel of the built task pane, in headless Chromium with the fake Excel
 * host: axe-core (its source injected into the page) run over the whole document in each state,
 * at the pane's 320 px and at 500 px. Serious and critical violations fail; moderate and minor
 * ones are printed so they can be judged, with what axe could not decide (serious ones fail
 * too; undecided contrast is measured here). Keyboard: every tab and action is reached by Tab
 * (the tab list by the arrow keys), with a visible focus; the focus comes back to an action's
 * button when it ends; notices are announced. Screenshots: tests/artifacts/screenshots/a11y-*.png.
 */
import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { loadSeedProgramme } from '../../seeds';
import { seedProgramme } from '../../backend/services/seed';
import { Store } from '../../backend/store/store';
import {
  TestServer,
  launchChromium,
  openPane,
  screenshot,
  sheet,
  syncAndWait,
} from '../helpers/browser';
import { newStore } from '../helpers/server';
import { seedLayout } from '../helpers/workbooks';

jest.setTimeout(120_000);

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_VERSION = (
  JSON.parse(readFileSync(require.resolve('axe-core/package.json'), 'utf8')) as { version: string }
).version;
const SHEET = 'Cronograma 2021';
const WIDTHS = [320, 500] as const;
const FAILING = new Set(['serious', 'critical']);

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
  const excuses = [...excused].map(([what, n]) => `- ${what}: ${n} nodes`);
  console.log(
    [
      `axe-core ${AXE_VERSION}: findings below serious, to judge (${judged.length}):`,
      ...judged,
      `Undecided by axe, below serious (${toReview.length}):`,
      ...toReview,
      `Contrast axe could not decide, measured by the test (${measured.length}):`,
      ...measured,
      'Known false positives left out:',
      ...excuses,
    ].join('\n'),
  );
});

/**
 * Findings axe-core reports that are not faults of the pane, each matched narrowly. Fluent UI's
 * focus manager (tabster) puts an aria-hidden `<i tabindex="0" data-tabster-dummy>` either side
 * of the tab list, so that Tab leaves the arrow-key group: it hands the focus on the moment it
 * gets it (the keyboard test checks that Tab never rests on one), and is hidden so screen
 * readers do not announce it. Tabster's maintainers call the aria-hidden-focus finding intended
 * (microsoft/tabster#288, microsoft/fluentui#25133); Accessibility Insights suppresses it.
 */
const FALSE_POSITIVES: { rule: string; node: RegExp; why: string }[] = [
  { rule: 'aria-hidden-focus', node: /^<i [^>]*data-tabster-dummy/, why: 'tabster focus redirect' },
];

/** How many nodes each false positive matched, for the summary. */
const excused = new Map<string, number>();

/** The findings less the nodes FALSE_POSITIVES names (a finding left with no node goes). */
function withoutFalsePositives(findings: Finding[]): Finding[] {
  return findings.flatMap((f) => {
    const nodes = f.nodes.filter((n) => {
      const fp = FALSE_POSITIVES.find((x) => x.rule === f.id && x.node.test(n.html));
      if (fp)
        excused.set(`${fp.rule} (${fp.why})`, (excused.get(`${fp.rule} (${fp.why})`) ?? 0) + 1);
      return !fp;
    });
    return nodes.length ? [{ ...f, nodes }] : [];
  });
}

/** Moderate and minor findings of every state, printed once at the end. */
const judged: string[] = [];
/** What axe could not decide by itself, below serious, printed once at the end. */
const toReview: string[] = [];
/** Contrast axe could not decide and the test measured (see measureContrast). */
const measured: string[] = [];

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

type AxeResult = { violations: Finding[]; incomplete: Finding[]; passed: number };

/**
 * Runs axe-core (every rule it runs by default: WCAG 2.x A/AA and best practices) over the whole
 * document as it stands: its violations, what it could not decide (to review), how many rules passed.
 */
async function axe(page: Page): Promise<AxeResult> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    type Raw = {
      id: string;
      impact?: string | null;
      help: string;
      nodes: { target: unknown[]; html: string; failureSummary?: string }[];
    };
    const { axe } = window as unknown as {
      axe: {
        run: (
          context: Document,
          options: object,
        ) => Promise<{ violations: Raw[]; incomplete: Raw[]; passes: Raw[] }>;
      };
    };
    const result = await axe.run(document, { resultTypes: ['violations', 'incomplete'] });
    const findings = (list: Raw[]) =>
      list.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.map((n) => ({
          target: n.target.join(' '),
          html: n.html.slice(0, 160),
          summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240),
        })),
      }));
    return {
      violations: findings(result.violations),
      incomplete: findings(result.incomplete),
      passed: result.passes.length,
    };
  });
}

const describeFinding = (state: string, f: Finding) =>
  [
    `- [${f.impact}] ${f.id} (${state}): ${f.help}`,
    ...f.nodes.map((n) => `    ${n.target}  ${n.html}\n      ${n.summary}`),
  ].join('\n');

let programmes = 0;
/**
 * A programme of its own on the server (the 2021 one under another id), so states built twice
 * (axe, then keyboard) start afresh. Seeded, as staff find it: an editor may sync to it, while
 * creating one is for administrators.
 */
async function freshProgramme(name: string): Promise<string> {
  const id = `a11y-${name}-${++programmes}`;
  await seedProgramme(store, { ...loadSeedProgramme(), id });
  return id;
}

/** A pane connected to `programId` on the test server. */
function connectedPane(programId = 'cvoe-2021', query = ''): Promise<Page> {
  return openPane(browser, server.origin, {
    layout: seedLayout(),
    settings: { 'pat.connection': { baseUrl: server.origin, programId } },
    query,
  });
}

/** The sheet validated with one error (G7), and its warning groups collapsed or all expanded. */
async function validated(expand: boolean): Promise<Page> {
  const page = await connectedPane();
  await sheet.set(page, SHEET, 'G7', 'ver oficio');
  await page.getByRole('tab', { name: 'Validar' }).click();
  await page.getByTestId('validate').click();
  await page.getByTestId('errors').getByText('«ver oficio»', { exact: false }).waitFor();
  if (expand) {
    const headers = page.getByTestId('warnings').locator('button[aria-expanded="false"]');
    while ((await headers.count()) > 0) await headers.first().click();
    await page.getByText('Qué hacer:', { exact: false }).first().waitFor();
  }
  return page;
}

/** Each state of the pane: how to reach it, and the pages to close afterwards. */
const STATES: Record<string, () => Promise<Page[]>> = {
  conectar: async () => [await openPane(browser, server.origin, { layout: seedLayout() })],
  'conectar-id-no-valido': async () => {
    const page = await openPane(browser, server.origin, { layout: seedLayout() });
    await page.getByTestId('program-id').fill('CVOE 2021');
    await page.getByText('Use minúsculas, dígitos y guiones.').waitFor();
    return [page];
  },
  'conectar-conectado': async () => {
    const page = await openPane(browser, server.origin, { layout: seedLayout() });
    await page.getByTestId('program-id').fill('cvoe-2021');
    await page.getByTestId('connect').click();
    await page.getByText('Libro conectado a «cvoe-2021»', { exact: false }).waitFor();
    return [page];
  },
  validar: async () => {
    const page = await connectedPane();
    await page.getByText('La hoja se valida sola', { exact: false }).waitFor();
    return [page];
  },
  'validar-errores': async () => [await validated(false)],
  'validar-avisos-abiertos': async () => [await validated(true)],
  estatus: async () => {
    const page = await connectedPane();
    await page.getByRole('tab', { name: 'Estatus' }).click();
    await page.getByTestId('prepare-statuses').click();
    await page.getByText('Listas de estatus en 251 celdas', { exact: false }).waitFor();
    return [page];
  },
  sincronizar: async () => {
    const page = await connectedPane(await freshProgramme('idle'));
    await page.getByRole('tab', { name: 'Sincronizar' }).click();
    await page.getByTestId('sync').waitFor();
    return [page];
  },
  'sincronizar-hecho': async () => {
    const page = await connectedPane(await freshProgramme('hecho'));
    expect(await syncAndWait(page)).toContain('Sincronizado');
    return [page];
  },
  // As in task-pane.test.ts: both workbooks change the same month, the second one syncs last.
  'sincronizar-conflicto': async () => {
    const programId = await freshProgramme('conflicto');
    const first = await connectedPane(programId);
    const second = await connectedPane(programId);
    await syncAndWait(first);
    await syncAndWait(second);
    await sheet.set(first, SHEET, 'G7', 'En proceso');
    await sheet.set(second, SHEET, 'G7', 'Cancelada');
    expect(await syncAndWait(first)).toContain('1 enviado,');
    expect(await syncAndWait(second)).toContain('1 conflicto por resolver');
    await second.getByTestId('conflict-1.2|2').getByText('En proceso').waitFor();
    await first.close();
    return [second];
  },
  // As in task-pane.test.ts: a row added in one workbook; an older copy has its plan held.
  'sincronizar-plan-retenido': async () => {
    const programId = await freshProgramme('plan');
    const page = await connectedPane(programId);
    await syncAndWait(page);
    const row: unknown[] = new Array(17).fill(null);
    row[3] = 'Nueva actividad de seguimiento';
    row[7] = '✓';
    await sheet.insertRow(page, SHEET, 6, row);
    expect(await syncAndWait(page)).toContain('Sincronizado');
    await page.close();
    const older = await connectedPane(programId);
    expect(await syncAndWait(older)).toContain('No se envió el plan de la hoja');
    await older.getByTestId('bring-plan').waitFor();
    await older.getByTestId('send-plan').waitFor();
    return [older];
  },
  calendario: async () => {
    const page = await connectedPane();
    await page.getByRole('tab', { name: 'Calendario' }).click();
    await page.getByTestId('write-calendar').click();
    await page.getByText('Hoja «Calendario de sesiones» escrita', { exact: false }).waitFor();
    return [page];
  },
  plantilla: async () => {
    const page = await connectedPane();
    await page.getByRole('tab', { name: 'Plantilla' }).click();
    await page.getByTestId('template-year').fill('20');
    await page.getByText('Escriba un año, p. ej. 2027.').waitFor();
    return [page];
  },
  'plantilla-insertada': async () => {
    const page = await connectedPane();
    await page.getByRole('tab', { name: 'Plantilla' }).click();
    await page.getByTestId('template-year').fill('2027');
    await page.getByTestId('insert-template').click();
    await page.getByText('Hoja «Cronograma 2027» creada', { exact: false }).waitFor();
    return [page];
  },
};

/**
 * Contrast axe could not decide (text over a pseudo-element, say), measured here when the
 * element paints its own opaque background: WCAG's ratio of its text colour to that background,
 * against 4.5 (3 for large text).
 */
async function measureContrast(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return undefined;
    const style = getComputedStyle(el);
    const rgba = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const [fr = 0, fg = 0, fb = 0, fa = 1] = rgba(style.color);
    const [br = 0, bg = 0, bb = 0, ba = 1] = rgba(style.backgroundColor);
    if (fa < 1 || ba < 1) return undefined;
    const lum = (r: number, g: number, b: number) => {
      const lin = (v: number) =>
        v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4;
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const [hi, lo] = [lum(fr, fg, fb), lum(br, bg, bb)].sort((a, b) => b - a) as [number, number];
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    return {
      ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100,
      required: large ? 3 : 4.5,
      colours: `${style.color} on ${style.backgroundColor}`,
    };
  }, selector);
}

/**
 * What axe could not decide. Contrast it could not measure is measured here; any other serious
 * or critical finding counts as a violation (an aria-labelledby naming no element on the page is
 * «incomplete» only because the element might come later); the rest is printed to be judged.
 */
async function settleUndecided(page: Page, where: string, undecided: Finding[]): Promise<string[]> {
  const failing: string[] = [];
  for (const f of withoutFalsePositives(undecided)) {
    if (f.id === 'color-contrast') {
      for (const n of f.nodes) {
        const m = await measureContrast(page, n.target);
        const line = describeFinding(where, { ...f, nodes: [n] });
        if (m && m.ratio >= m.required)
          measured.push(`- ${n.target} (${where}): ${m.colours}, ${m.ratio}:1 ≥ ${m.required}:1`);
        else failing.push(`${line}\n      measured: ${JSON.stringify(m)}`);
      }
    } else if (FAILING.has(f.impact ?? '')) failing.push(describeFinding(where, f));
    else toReview.push(describeFinding(where, f));
  }
  return failing;
}

describe('accessibility of the task pane (axe-core)', () => {
  it.each(Object.keys(STATES))('%s: no serious or critical violation', async (state) => {
    const pages = await STATES[state]!();
    const page = pages[0]!;
    const failing: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      const result = await axe(page);
      expect(result.passed).toBeGreaterThan(10);
      const findings = withoutFalsePositives(result.violations);
      failing.push(...(await settleUndecided(page, `${state}, ${width} px`, result.incomplete)));
      await screenshot(page, `a11y-${state}-${width}`);
      for (const f of findings) {
        const line = describeFinding(`${state}, ${width} px`, f);
        if (FAILING.has(f.impact ?? '')) failing.push(line);
        else judged.push(line);
      }
    }
    for (const p of pages) await p.close();
    expect(failing).toEqual([]);
  });
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Stop {
  /** The element's data-testid, else its accessible text. */
  id: string;
  /** Whether the pixels around it change when focus leaves it. */
  visible?: boolean;
}

/**
 * Presses Tab from the top of the page until focus leaves the pane or comes round again, and
 * says what each stop was and whether its focus showed: the pixels around the element with the
 * focus on it, compared with the same pixels once the next Tab has moved the focus on.
 */
async function tabThrough(page: Page, limit = 60): Promise<Stop[]> {
  const stops: Stop[] = [];
  const seen = new Set<string>();
  let previous: { box: Box; shot: Buffer } | undefined;
  // Tab starts from where the pointer last was: the pane's top corner, above the title.
  await page.mouse.click(2, 2);
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    await page.waitForTimeout(250); // Fluent's focus transitions
    const info = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return undefined;
      const r = e.getBoundingClientRect();
      return {
        key: e.outerHTML,
        // Fluent's focus-redirecting elements (see FALSE_POSITIVES) must pass the focus straight on.
        id: e.hasAttribute('data-tabster-dummy')
          ? 'tabster-dummy'
          : (e.getAttribute('data-testid') ??
            (e.getAttribute('aria-label') || e.textContent || '').replace(/\s+/g, ' ').trim()),
        box: { x: r.x - 4, y: r.y - 4, width: r.width + 8, height: r.height + 8 },
      };
    });
    if (previous) {
      const after = await page.screenshot({ clip: previous.box });
      stops[stops.length - 1]!.visible = !after.equals(previous.shot);
    }
    if (!info || seen.has(info.key)) break;
    seen.add(info.key);
    stops.push({ id: info.id });
    previous = { box: info.box, shot: await page.screenshot({ clip: info.box }) };
  }
  return stops;
}

describe('the task pane by keyboard', () => {
  it('reaches every tab and every action with the keyboard, each with a visible focus', async () => {
    const page = await validated(false);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.setViewportSize({ width: 320, height: 1400 });
    // The tab list is one Tab stop; the arrow keys move along it and Enter opens a tab.
    const stops = await tabThrough(page);
    expect(stops.map((s) => s.id)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Validar/),
        'validate',
        'issue-G7',
        '1 periodo que no coincide con las marcas',
      ]),
    );
    expect(stops.filter((s) => !s.visible)).toEqual([]);
    expect(stops.map((s) => s.id)).not.toContain('tabster-dummy');

    await page.getByRole('tab', { name: /^Validar/ }).focus();
    const opened: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      const selected = page.getByRole('tab', { selected: true });
      opened.push(((await selected.textContent()) ?? '').trim());
      expect(await selected.evaluate((el) => el === document.activeElement)).toBe(true);
    }
    expect(opened).toEqual([
      'Estatus',
      'Sincronizar',
      'Calendario',
      'Plantilla',
      'Conectar',
      expect.stringMatching(/^Validar/),
    ]);

    // Each panel's actions follow the tab list in the Tab order.
    const expected: Record<string, string[]> = {
      Estatus: ['prepare-statuses'],
      Sincronizar: ['sync'],
      Calendario: ['write-calendar'],
      Plantilla: ['template-year', 'insert-template'],
      Conectar: ['base-url', 'program-id', 'connect'],
    };
    for (const [tab, actions] of Object.entries(expected)) {
      await page.getByRole('tab', { name: tab }).click();
      const reached = await tabThrough(page);
      expect(reached.map((s) => s.id)).toEqual([tab, ...actions]);
      expect(reached.filter((s) => !s.visible)).toEqual([]);
    }
    await page.close();
  });

  it("reaches a conflict's choices and the held plan's two actions with the keyboard", async () => {
    for (const state of ['sincronizar-conflicto', 'sincronizar-plan-retenido']) {
      const [page] = await STATES[state]!();
      await page!.emulateMedia({ reducedMotion: 'reduce' });
      const stops = await tabThrough(page!);
      expect(stops.filter((s) => !s.visible)).toEqual([]);
      const ids = stops.map((s) => s.id);
      expect(ids).not.toContain('tabster-dummy');
      if (state === 'sincronizar-conflicto')
        // The card is a group named by its title, so its two buttons say which month they settle.
        await page!
          .getByRole('group', { name: 'Actividad 1.2, mes 2: los dos cambiaron' })
          .getByRole('button', { name: 'Conservar el mío' })
          .waitFor();
      expect(ids).toEqual(
        expect.arrayContaining(
          state === 'sincronizar-conflicto'
            ? ['sync', 'keep-mine-1.2|2', 'keep-theirs-1.2|2']
            : ['sync', 'bring-plan', 'send-plan'],
        ),
      );
      // Focus shown as a keyboard user sees it (the last Tab left the page).
      await page!.keyboard.press('Shift+Tab');
      await screenshot(page!, `a11y-teclado-${state}`);
      await page!.close();
    }
  });

  it("gives the focus back to an action's button when the action ends, and tells screen readers the outcome", async () => {
    const page = await connectedPane(await freshProgramme('foco'));
    // Fluent's announcer speaks through document.ariaNotify where the browser has it, else an aria-live region.
    await page.evaluate(() => {
      const w = window as unknown as { __heard: string[] };
      const d = document as unknown as { ariaNotify?: (m: string, o?: object) => void };
      w.__heard = [];
      const notify = d.ariaNotify?.bind(document);
      if (notify)
        d.ariaNotify = (m, o) => {
          w.__heard.push(m);
          notify(m, o);
        };
      new MutationObserver(() =>
        document
          .querySelectorAll('[aria-live]')
          .forEach((e) => e.textContent && w.__heard.push(e.textContent)),
      ).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const heard = () => page.evaluate(() => (window as unknown as { __heard: string[] }).__heard);

    // The panel is the tab's: a tabpanel named after it.
    await page.getByRole('tabpanel', { name: 'Validar' }).getByRole('status').waitFor();
    expect(await page.getByRole('status').getAttribute('data-testid')).toBe('live-status');

    await page.getByRole('tab', { name: 'Sincronizar' }).click();
    await page.getByRole('tabpanel', { name: 'Sincronizar' }).waitFor();
    await page.getByTestId('sync').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('notice').waitFor();
    await page.getByTestId('sync').and(page.locator(':not([disabled])')).waitFor();
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'sync',
    );
    const notice = (await page.getByTestId('notice').textContent()) ?? '';
    expect(notice).toContain('Sincronizado');
    // The notice is a group named by its intent, which its icon alone shows.
    expect(await page.getByRole('group', { name: 'Hecho' }).textContent()).toBe(notice);
    await page.waitForFunction(
      (text) => (window as unknown as { __heard: string[] }).__heard.includes(text),
      notice,
    );
    expect(await heard()).toContain(notice);
    await page.close();
  });
});
