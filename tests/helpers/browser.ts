import { readFileSync, mkdirSync } from 'node:fs';
import { Server } from 'node:http';
import path from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import { rangeAddress } from '../../shared/address';
import { CronogramaLayout } from '../../shared/cronograma/layout';
import { createDevServer, listen } from '../../tools/dev/dev-server';
import { triggers } from '../../backend/triggers';
import { Store } from '../../backend/store/store';
import { PrincipalClaims } from '../../backend/http/principal';
import { Deps } from '../../backend/http/deps';
import { ROOT } from './cli';
import { depsFor } from './server';

export const SCREENSHOTS = path.join(ROOT, 'tests', 'artifacts', 'screenshots');
const AXE = readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * Every axe-core violation of the page as it stands: id, impact, help and the first nodes (their
 * selectors, and their HTML's start, to tell a known false positive; see accessibility.test.ts).
 */
export async function axeViolations(page: Page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (context: Document) => Promise<{
            violations: {
              id: string;
              impact: string;
              help: string;
              nodes: { target: string[]; html: string }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      html: v.nodes.map((n) => n.html.slice(0, 80)),
    }));
  });
}
const FAKE_OFFICE = readFileSync(path.join(ROOT, 'tests', 'browser', 'fake-office.js'), 'utf8');

/** Debian's Chromium, headless, with no network beyond this machine (flags as in the machine notes). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The functions' routes and the built pane on 127.0.0.1, with a dev principal standing in for sign-in. */
export class TestServer {
  server?: Server;
  port = 0;
  constructor(
    private readonly store: Store,
    private readonly options: {
      /** Who a request without its own principal header is (default: an editor and admin); null: nobody. */
      principal?: PrincipalClaims | null;
      /** In place of the dev host's: e.g. access that verifies bearer tokens, sign-in settings. */
      deps?: Partial<Deps>;
    } = {},
  ) {}

  async start(port = 0): Promise<string> {
    this.server = createDevServer({
      routes: triggers({
        ...depsFor(this.store, () => new Date()),
        webRoot: path.join(ROOT, 'dist'),
        ...this.options.deps,
      }).http,
      // An admin by default: the pane's first sync of a new programme creates it.
      devPrincipal:
        this.options.principal === null
          ? undefined
          : (this.options.principal ?? { name: 'ana.lopez@iecm.mx', roles: ['editor', 'admin'] }),
      log: () => undefined,
    });
    this.port = await listen(this.server, port);
    return this.origin;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((r) => this.server!.close(r));
    this.server = undefined;
  }
}

export interface FakeSheet {
  name: string;
  values: unknown[][];
  merges?: string[];
  styles?: unknown[][];
  formulas?: unknown[][];
}

interface FakeSheetState {
  values: unknown[][];
  styles: unknown[][];
  formulas: unknown[][];
  merges: string[];
}

export interface PaneOptions {
  layout: CronogramaLayout;
  /** More to the active sheet than the layout: extra columns' formulas, fills. */
  sheet?: Partial<FakeSheet>;
  settings?: Record<string, unknown>;
  query?: string;
  /** Requirement sets the fake Excel lacks, e.g. 'ExcelApi 1.9'. */
  unsupported?: string[];
  /**
   * The person Office is signed in as, and how the identity provider answers the pane's token
   * requests (NAA or the sign-in dialog): tokens, or a refusal whose message is NAA's status.
   */
  identity?: {
    username: string;
    tid: string;
    issue: (how: { interactive: boolean }) => Promise<IssuedTokens>;
  };
  /** Runs on the new page before it loads: listeners that must see the pane's first requests. */
  beforeLoad?: (page: Page) => void | Promise<void>;
}

/** What the identity provider hands over for one token request. */
export interface IssuedTokens {
  accessToken: string;
  idToken: string;
  expiresIn: number;
  oid: string;
  tid: string;
  username: string;
  name: string;
}

/** Opens the built task pane at 320 px wide, with the fake Office host holding the given sheet. */
export async function openPane(
  browser: Browser,
  origin: string,
  options: PaneOptions,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
  // Office.js from Microsoft's CDN is replaced by the fake host; nothing else leaves this machine.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
    route.request().url().includes('appsforoffice.microsoft.com')
      ? route.fulfill({ body: FAKE_OFFICE, contentType: 'text/javascript' })
      : route.abort(),
  );
  const init = {
    sheets: [
      {
        name: options.layout.name,
        values: options.layout.values,
        merges: options.layout.merges.map(rangeAddress),
        ...options.sheet,
      },
    ],
    settings: options.settings ?? {},
    unsupported: options.unsupported ?? [],
    ...(options.identity
      ? { identity: { username: options.identity.username, tid: options.identity.tid } }
      : {}),
  };
  if (options.identity) await page.exposeFunction('__patIssueTokens', options.identity.issue);
  await page.addInitScript((value) => Object.assign(window, { __FAKE_INIT: value }), init);
  await options.beforeLoad?.(page);
  await page.goto(`${origin}/taskpane.html${options.query ?? ''}`);
  await page.getByText('Cronograma PAT', { exact: true }).waitFor();
  return page;
}

/** Presses «Sincronizar» and waits for the outcome; its notice's text. */
export async function syncAndWait(page: Page): Promise<string> {
  await page.getByRole('tab', { name: 'Sincronizar' }).click();
  await page.getByTestId('sync').click();
  await page.getByTestId('notice').waitFor();
  await page.getByTestId('sync').and(page.locator(':not([disabled])')).waitFor();
  return (await page.getByTestId('notice').textContent()) ?? '';
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Reads or writes a cell of the fake workbook, as a person typing in Excel would. */
export const sheet = {
  /** Types a value into a cell, as a person would: Excel raises its change event. */
  set: (page: Page, name: string, address: string, value: string) =>
    page.evaluate(
      ([n, a, v]) =>
        (
          window as unknown as { __fake: { type: (n: string, a: string, v: string) => void } }
        ).__fake.type(n, a, v),
      [name, address, value] as const,
    ),
  get: (page: Page, name: string, address: string) =>
    page.evaluate(
      ([n, a]) => {
        const m = /^([A-Z]+)(\d+)$/.exec(a)!;
        const col = [...m[1]!].reduce((x, ch) => x * 26 + ch.charCodeAt(0) - 64, 0) - 1;
        const s = (
          window as unknown as { __fake: { sheets: Map<string, { values: unknown[][] }> } }
        ).__fake.sheets.get(n)!;
        return s.values[Number(m[2]) - 1]![col];
      },
      [name, address] as const,
    ),
  /** Inserts a row before the 0-based `row`, as Excel's «Insertar fila» does (merges across it grow). */
  insertRow: (page: Page, name: string, row: number, values: unknown[]) =>
    page.evaluate(
      ([n, r, v]) => {
        const s = (
          window as unknown as { __fake: { sheets: Map<string, FakeSheetState> } }
        ).__fake.sheets.get(n)!;
        s.values.splice(r, 0, v);
        s.styles.splice(r, 0, []);
        s.formulas.splice(r, 0, []);
        s.merges = s.merges.map((m) => {
          const [a, b = a] = m.split(':');
          const [, ca, ra] = /^([A-Z]+)(\d+)$/.exec(a!)!;
          const [, cb, rb] = /^([A-Z]+)(\d+)$/.exec(b!)!;
          const top = Number(ra) - 1;
          const bottom = Number(rb) - 1;
          const shift = (x: number) => (x >= r ? x + 1 : x);
          return `${ca}${(top >= r ? top + 1 : top) + 1}:${cb}${shift(bottom) + 1}`;
        });
      },
      [name, row, values] as const,
    ),
  /** Deletes the 0-based `row`, as Excel's «Eliminar fila» does (merges across it shrink). */
  deleteRow: (page: Page, name: string, row: number) =>
    page.evaluate(
      ([n, r]) => {
        const s = (
          window as unknown as { __fake: { sheets: Map<string, FakeSheetState> } }
        ).__fake.sheets.get(n)!;
        s.values.splice(r, 1);
        s.styles.splice(r, 1);
        s.formulas.splice(r, 1);
        s.merges = s.merges.flatMap((m) => {
          const [a, b = a] = m.split(':');
          const [, ca, ra] = /^([A-Z]+)(\d+)$/.exec(a!)!;
          const [, cb, rb] = /^([A-Z]+)(\d+)$/.exec(b!)!;
          let top = Number(ra) - 1;
          let bottom = Number(rb) - 1;
          if (top === r && bottom === r) return [];
          if (top > r) top--;
          if (bottom >= r) bottom--;
          return [`${ca}${top + 1}:${cb}${bottom + 1}`];
        });
      },
      [name, row] as const,
    ),
  /** A cell's value, formula and style, as the fake workbook holds them. */
  cell: (page: Page, name: string, address: string) =>
    page.evaluate(
      ([n, a]) => {
        const m = /^([A-Z]+)(\d+)$/.exec(a)!;
        const col = [...m[1]!].reduce((x, ch) => x * 26 + ch.charCodeAt(0) - 64, 0) - 1;
        const row = Number(m[2]) - 1;
        const s = (
          window as unknown as { __fake: { sheets: Map<string, FakeSheetState> } }
        ).__fake.sheets.get(n)!;
        return {
          value: s.values[row]?.[col],
          formula: s.formulas[row]?.[col],
          style: s.styles[row]?.[col],
        };
      },
      [name, address] as const,
    ),
  fake: (page: Page) =>
    page.evaluate(() => {
      const f = (
        window as unknown as {
          __fake: {
            syncs: number;
            selected: string | null;
            names: Record<string, string>;
            settings: Record<string, unknown>;
            active: string;
            validations: string[];
          };
        }
      ).__fake;
      return {
        syncs: f.syncs,
        selected: f.selected,
        names: f.names,
        settings: f.settings,
        active: f.active,
        validations: f.validations.length,
      };
    }),
};
