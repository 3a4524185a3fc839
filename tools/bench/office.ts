/**
 * The task pane's three buttons — «Validar», «Sincronizar» and «Calendario» — on cronogramas of
 * 26, 1,000 and 5,000 activities, run by the pane's own controller and Excel gateway over
 * office-addin-mock: context.sync() calls per operation (each one a round trip to Excel, the cost
 * that matters in Excel on the web) and milliseconds (node and the mock only, no Excel latency).
 * The figure is the count: a fixed number of syncs per operation, whatever the rows.
 *
 * The add-in's code is imported for its types only (the architecture rules let this file, and
 * nothing else outside addin/, import addin/, and only so: tsc's dist/addin is vite's output
 * folder, so no compiled pane code is there to run). To run it, esbuild bundles the controller and
 * the gateway from the same sources, wired as addin/src/index.tsx wires them, and the bundle is
 * evaluated with the mock as its `Excel` and `Office`.
 */
import { buildSync } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { OfficeMockObject } from 'office-addin-mock';
import type { Api } from '../../addin/src/api-client';
import type { excelGateway } from '../../addin/src/excel-gateway';
import type { PaneController, SynchronizeOutcome } from '../../addin/src/pane-controller';
import { CellRange, parseCellAddress, parseRange, rangeAddress } from '../../shared/address';
import { CalendarView, Me, PlanBody, ProgramView, SyncAnswer, SyncBody } from '../../shared/api';
import {
  generateCalendar,
  legalCheckpoints,
  validateCalendar,
} from '../../shared/calendar/calendar';
import { SheetGrid } from '../../shared/cronograma/grid';
import { readCronograma } from '../../shared/cronograma/reader';
import { ProgrammeDetails } from '../../shared/schemas';
import { STATUS_LABELS, Status } from '../../shared/status';
import { MonthKey, monthKey } from '../../shared/sync/three-way';
import { loadSeedProgramme } from '../../seeds';
import { generatedLayout } from './cronograma';

/** The sizes measured: the 2021 programme's 26 activities, then two large sheets. */
export const OFFICE_BENCH_SIZES = [26, 1_000, 5_000] as const;
const TODAY = '2021-07-15';
const PROGRAM_ID = 'bench-2021';

// ---------------------------------------------------------------------------------------------
// The sheet.

// ---------------------------------------------------------------------------------------------
// The workbook: sheets in memory behind office-addin-mock.

type Cell = string | number | boolean;

interface SheetModel {
  name: string;
  /** Row-major from A1; '' is an empty cell, as Excel gives it. */
  cells: Cell[][];
  merges: CellRange[];
}

/** Excel's serial number of a date (days since 1899-12-30). */
const serialOf = (d: Date) => (d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;

class Workbook {
  readonly sheets = new Map<string, SheetModel>();
  readonly names = new Set<string>();
  readonly settings = new Map<string, unknown>();
  active: string;
  syncs = 0;
  /** Commands queued since the last sync: Excel runs them when the batch is sent. */
  readonly queue: (() => void)[] = [];

  constructor(grid: SheetGrid) {
    const cells = grid.values.map((row) =>
      row.map((v): Cell =>
        v === null || v === undefined ? '' : v instanceof Date ? serialOf(v) : v,
      ),
    );
    this.sheets.set(grid.name, {
      name: grid.name,
      cells,
      merges: (grid.merges ?? []).map((m) => ({ ...m })),
    });
    this.active = grid.name;
  }

  sheet(name: string): SheetModel {
    const found = this.sheets.get(name);
    if (!found)
      throw Object.assign(new Error(`La hoja «${name}» no existe.`), { code: 'ItemNotFound' });
    return found;
  }

  /** The sheet as the reader sees it, for the bench's own checks (not through Excel). */
  grid(name: string): SheetGrid {
    const s = this.sheet(name);
    return {
      name,
      values: s.cells.map((r) => r.map((v) => (v === '' ? null : v))),
      merges: s.merges.map((m) => ({ ...m })),
    };
  }

  /** A cell typed by a person. */
  type(sheet: string, address: string, value: string): void {
    const at = parseCellAddress(address)!;
    const cells = this.sheet(sheet).cells;
    while (cells.length <= at.row) cells.push([]);
    const row = cells[at.row]!;
    while (row.length <= at.col) row.push('');
    row[at.col] = value;
  }
}

/** The used range (values only) of a sheet: the smallest block holding every non-empty cell. */
function usedRange(s: SheetModel): { top: number; left: number; values: Cell[][] } | undefined {
  let top = Infinity;
  let bottom = -1;
  let left = Infinity;
  let right = -1;
  s.cells.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === '') return;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    }),
  );
  if (bottom < 0) return undefined;
  const values = s.cells
    .slice(top, bottom + 1)
    .map((row) => Array.from({ length: right - left + 1 }, (_, c) => row[left + c] ?? ''));
  return { top, left, values };
}

interface Mocked {
  excel: unknown;
  office: unknown;
}

/** `Excel` and `Office` over the workbook: reads answer after a sync, writes land at the sync. */
function mockHost(wb: Workbook): Mocked {
  const queue = (op: () => void) => wb.queue.push(op);
  const range = (sheetName: string, area?: CellRange) => ({
    set values(values: (Cell | null)[][]) {
      const h = area ? area.bottom - area.top + 1 : 0;
      const w = area ? area.right - area.left + 1 : 0;
      if (!area || values.length !== h || values.some((r) => r.length !== w))
        throw Object.assign(
          new Error('Las dimensiones de los valores no coinciden con el rango.'),
          {
            code: 'InvalidArgument',
          },
        );
      queue(() => {
        const s = wb.sheet(sheetName);
        values.forEach((line, r) => {
          const row = (s.cells[area.top + r] ??= []);
          line.forEach((v, c) => {
            if (v === null) return; // Office.js: null leaves the cell as it is.
            while (row.length < area.left + c) row.push('');
            row[area.left + c] = v;
          });
        });
        for (let r = 0; r < s.cells.length; r++) s.cells[r] ??= [];
      });
    },
    clear() {
      queue(() => {
        const s = wb.sheet(sheetName);
        if (!area) {
          s.cells = [];
          s.merges = [];
        } else
          for (let r = area.top; r <= area.bottom; r++)
            for (let c = area.left; c <= area.right; c++)
              if (s.cells[r]?.[c] !== undefined) s.cells[r]![c] = '';
      });
    },
    merge() {
      queue(() => wb.sheet(sheetName).merges.push({ ...area! }));
    },
    select() {},
    getEntireColumn: () => ({
      insert() {
        const column = area!.left;
        queue(() => {
          const s = wb.sheet(sheetName);
          for (const row of s.cells) if (row.length > column) row.splice(column, 0, '');
          for (const m of s.merges) {
            if (m.left >= column) m.left++;
            if (m.right >= column) m.right++;
          }
        });
      },
    }),
    conditionalFormats: {
      add: () => ({
        custom: { rule: {}, format: { fill: {} } },
        textComparison: { format: { fill: {} }, rule: {} },
      }),
    },
    dataValidation: { clear() {} },
    format: { font: {}, fill: { clear() {} } },
  });
  const sheetApi = (name: () => string) => ({
    getRange(address?: string) {
      const area = address === undefined ? undefined : parseRange(address);
      if (address !== undefined && !area) throw new Error(`«${address}» no es un rango.`);
      return range(name(), area);
    },
    getRangeByIndexes: (row: number, col: number, rows: number, cols: number) =>
      range(name(), { top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 }),
    activate() {
      const sheet = name();
      queue(() => {
        wb.sheet(sheet);
        wb.active = sheet;
      });
    },
  });

  let lookedUp = '';
  /** The used range's values as of the last getUsedRangeOrNullObject(). */
  let usedValues: Cell[][] = [];
  const data = {
    context: {
      workbook: {
        worksheets: {
          active: {
            name: '',
            used: {
              isNullObject: true,
              values: [] as Cell[][],
              numberFormat: [] as string[][],
              formulasR1C1: [] as Cell[][],
              rowIndex: 0,
              columnIndex: 0,
              rowCount: 0,
              columnCount: 0,
              merged: { address: '', isNullObject: true },
              getMergedAreasOrNullObject: () => m().context.workbook.worksheets.active.used.merged,
              getCellProperties() {
                // A ClientResult: its value exists once the request has gone through a sync.
                const requestedAt = wb.syncs;
                const values = usedValues;
                const value = values.map((row) =>
                  row.map(() => ({
                    format: {
                      fill: { color: '#FFFFFF', pattern: 'None' },
                      font: { strikethrough: false },
                    },
                  })),
                );
                return {
                  get value() {
                    if (wb.syncs <= requestedAt)
                      throw new Error('getCellProperties().value leído antes de context.sync()');
                    return value;
                  },
                };
              },
            },
            getUsedRangeOrNullObject() {
              const used = m().context.workbook.worksheets.active.used;
              const s = wb.sheet(wb.active);
              const found = usedRange(s);
              const values = found?.values ?? [];
              usedValues = values;
              used.setValue('isNullObject', !found);
              used.setValue('values', values);
              used.setValue(
                'numberFormat',
                values.map((r) => r.map(() => 'General')),
              );
              used.setValue('formulasR1C1', values);
              used.setValue('rowIndex', found?.top ?? 0);
              used.setValue('columnIndex', found?.left ?? 0);
              used.setValue('rowCount', values.length);
              used.setValue('columnCount', values[0]?.length ?? 0);
              used.merged.setValue(
                'address',
                s.merges.map((a) => `'${s.name}'!${rangeAddress(a)}`).join(', '),
              );
              used.merged.setValue('isNullObject', !found || s.merges.length === 0);
              // Excel answers isNullObject after any sync; the mock, after a load.
              used.load('isNullObject');
              used.merged.load('isNullObject');
              return used;
            },
            ...sheetApi(() => wb.active),
          },
          lookup: { name: '', isNullObject: true, ...sheetApi(() => lookedUp) },
          getActiveWorksheet() {
            const active = m().context.workbook.worksheets.active;
            active.setValue('name', wb.active);
            return active;
          },
          getItem: (name: string) => sheetApi(() => name),
          getItemOrNullObject(name: string) {
            lookedUp = name;
            const lookup = m().context.workbook.worksheets.lookup;
            lookup.setValue('name', name);
            lookup.setValue('isNullObject', !wb.sheets.has(name));
            lookup.load('isNullObject');
            return lookup;
          },
          add(name: string) {
            queue(() => {
              if (wb.sheets.has(name)) throw new Error(`La hoja «${name}» ya existe.`);
              wb.sheets.set(name, { name, cells: [], merges: [] });
            });
            return sheetApi(() => name);
          },
        },
        names: {
          lookup: { name: '', isNullObject: true },
          getItemOrNullObject(name: string) {
            const lookup = m().context.workbook.names.lookup;
            lookup.setValue('name', name);
            lookup.setValue('isNullObject', !wb.names.has(name));
            lookup.load('isNullObject');
            return lookup;
          },
          add(name: string) {
            queue(() => {
              if (wb.names.has(name)) throw new Error(`El nombre «${name}» ya existe.`);
              wb.names.add(name);
            });
          },
          getItem: (name: string) => ({ delete: () => queue(() => wb.names.delete(name)) }),
        },
      },
    },
    run: async function (callback: (context: unknown) => Promise<unknown>) {
      return callback(m().context);
    },
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const excel = new OfficeMockObject(data) as any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const m = (): any => excel;
  const mockSync = excel.context.sync.bind(excel.context) as () => Promise<void>;
  excel.context.sync = async () => {
    wb.syncs++;
    for (const op of wb.queue.splice(0)) op();
    await mockSync();
    // The mock hands loaded values to their parents a few microtasks later.
    await new Promise((resolve) => setImmediate(resolve));
  };
  Object.assign(excel, {
    ConditionalFormatType: { custom: 'Custom', containsText: 'ContainsText' },
    ConditionalTextOperator: { contains: 'Contains' },
    DataValidationAlertStyle: { information: 'Information' },
    InsertShiftDirection: { down: 'Down', right: 'Right' },
  });
  const office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    context: {
      requirements: { isSetSupported: () => true },
      document: {
        settings: {
          get: (key: string) => (wb.settings.has(key) ? wb.settings.get(key) : null),
          set: (key: string, value: unknown) => void wb.settings.set(key, value),
          saveAsync: (done: (result: { status: string }) => void) =>
            setImmediate(() => done({ status: 'succeeded' })),
        },
      },
    },
  };
  return { excel, office };
}

// ---------------------------------------------------------------------------------------------
// The server: a stand-in for the pane's API client that answers from memory.

type StatusView = ProgramView['activities'][number]['statuses'][string];

/** What crosses the network is JSON: the pane never shares objects with the server. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

class InMemoryServer implements Api {
  private plan: PlanBody | undefined;
  private readonly statuses = new Map<MonthKey, StatusView>();
  private version = 0;
  private readonly details: ProgrammeDetails;
  private readonly seed = loadSeedProgramme();

  constructor() {
    const { activities: _a, sessions: _s, ...details } = this.seed;
    this.details = details;
  }

  private put(key: MonthKey, status: Status, by: string): void {
    this.statuses.set(key, {
      status,
      updatedBy: by,
      updatedAt: new Date().toISOString(),
      etag: `W/"${++this.version}"`,
    });
  }

  /** Every planned month of the plan, in order. */
  keys(): MonthKey[] {
    return (this.plan?.activities ?? []).flatMap((a) => a.months.map((m) => monthKey(a.id, m)));
  }

  status(key: MonthKey): Status | undefined {
    return this.statuses.get(key)?.status;
  }

  /** Another editor (the dashboard, another workbook) changes a month. */
  editByOther(key: MonthKey, status: Status): void {
    this.put(key, status, 'otra.persona@iecm.mx');
  }

  async getProgram(programId: string): Promise<ProgramView | undefined> {
    const plan = this.plan;
    if (!plan) return undefined;
    const axisName = new Map(plan.axes.map((a) => [a.number, a.name]));
    return wire({
      id: programId,
      year: plan.year,
      title: plan.title ?? `Programa ${plan.year}`,
      status: 'borrador',
      details: { ...this.details, id: programId, year: plan.year, axes: plan.axes },
      variance: [],
      varianceTotals: {
        activitiesAdded: 0,
        activitiesDropped: 0,
        monthsMoved: 0,
        monthsAdded: 0,
        monthsDropped: 0,
      },
      axes: plan.axes,
      activities: plan.activities.map((a) => ({
        id: a.id,
        axis: a.axis,
        axisName: axisName.get(a.axis) ?? '',
        description: a.description,
        ...(a.period ? { period: a.period } : {}),
        months: a.months,
        responsibleArea: a.responsibleArea ?? this.details.executingArea.acronym,
        statuses: Object.fromEntries(
          a.months.map((m) => [String(m), this.statuses.get(monthKey(a.id, m))!]),
        ),
      })),
    });
  }

  async putPlan(_programId: string, plan: PlanBody): Promise<void> {
    this.plan = wire(plan);
    for (const key of this.keys()) if (!this.statuses.has(key)) this.put(key, 'pendiente', 'plan');
  }

  async sync(_programId: string, body: SyncBody): Promise<SyncAnswer> {
    const answer: SyncAnswer = { applied: [], conflicts: [] };
    for (const c of wire(body).changes) {
      const key = monthKey(c.activityId, c.month);
      const current = this.statuses.get(key);
      if (!current) continue;
      if (current.etag !== c.baseEtag) {
        answer.conflicts.push({ activityId: c.activityId, month: c.month, current });
        continue;
      }
      this.put(key, c.status, 'personal@iecm.mx');
      answer.applied.push({
        activityId: c.activityId,
        month: c.month,
        etag: this.statuses.get(key)!.etag,
      });
    }
    return wire(answer);
  }

  async getSessions(): Promise<CalendarView | undefined> {
    if (!this.plan) return undefined;
    const calendar = generateCalendar({ ...this.seed.calendarRule, year: this.plan.year });
    const { ratification, approval } = legalCheckpoints(calendar);
    return wire({
      year: calendar.year,
      rule: calendar.rule,
      sessions: calendar.sessions,
      changes: calendar.changes,
      checkpoints: {
        ratification: ratification?.label ?? null,
        approval: approval?.label ?? null,
      },
      issues: validateCalendar(calendar),
      etag: '"1"',
    });
  }

  async me(): Promise<Me> {
    return { name: 'Personal de la UTVOE', roles: ['editor'] };
  }
}

// ---------------------------------------------------------------------------------------------
// The pane's code, bundled from its sources.

/** The pane's modules, bundled from the sources the type imports above name. */
interface PaneBundle {
  PaneController: typeof PaneController;
  excelGateway: typeof excelGateway;
}

const ENTRY = `
export { excelGateway } from './addin/src/excel-gateway';
export { PaneController } from './addin/src/pane-controller';
`;

function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'addin', 'src', 'pane-controller.ts'))) return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`No se encontró addin/src/pane-controller.ts por encima de ${__dirname}.`);
  }
}

let bundled: string | undefined;

/**
 * The controller over the gateway for one workbook, wired as addin/src/index.tsx wires them for
 * the pane: the bundle's free `Excel` and `Office` are the mock's.
 */
function paneFor(
  host: Mocked,
  apiFor: (baseUrl: string) => Api,
  newKey: () => string,
): PaneController {
  bundled ??= buildSync({
    stdin: {
      contents: ENTRY,
      resolveDir: repositoryRoot(),
      sourcefile: 'bench-pane.ts',
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'pane',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  }).outputFiles[0]!.text;
  const evaluate = new Function('Excel', 'Office', `${bundled}\nreturn pane;`) as (
    excel: unknown,
    office: unknown,
  ) => PaneBundle;
  const pane = evaluate(host.excel, host.office);
  return new pane.PaneController(pane.excelGateway, apiFor, newKey);
}

// ---------------------------------------------------------------------------------------------
// The measurement.

export interface OperationFigure {
  /** context.sync() calls of one run (the most of any run). */
  syncs: number;
  /** Median milliseconds of the runs. */
  ms: number;
}

export interface PaneFigures {
  activities: number;
  rows: number;
  validate: OperationFigure;
  /** The first sync: creates the programme on the server and gives the sheet its ID column. */
  firstSync: OperationFigure;
  /** A sync with changes both ways: statuses typed in the sheet, others changed on the server. */
  sync: OperationFigure & { sent: number; received: number; conflicts: number };
  calendar: OperationFigure;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measured<T>(
  wb: Workbook,
  operation: () => Promise<T>,
): Promise<{ result: T; syncs: number; ms: number }> {
  wb.syncs = 0;
  const start = performance.now();
  const result = await operation();
  const ms = performance.now() - start;
  if (wb.queue.length > 0)
    throw new Error(`Quedaron ${wb.queue.length} órdenes sin enviar a Excel (falta un sync).`);
  return { result, syncs: wb.syncs, ms };
}

function figure(runs: { syncs: number; ms: number }[]): OperationFigure {
  return {
    syncs: Math.max(...runs.map((r) => r.syncs)),
    ms: Number(median(runs.map((r) => r.ms)).toFixed(1)),
  };
}

function syncOutcome(
  outcome: SynchronizeOutcome | { ok: false; message: string },
): SynchronizeOutcome {
  if ('ok' in outcome || outcome.offline || outcome.plan !== undefined)
    throw new Error(`«Sincronizar» no sincronizó: ${outcome.message}`);
  return outcome;
}

/** A status as the sheet shows it ("✓" for a pending month). */
const cellLabel = (status: Status) => (status === 'pendiente' ? '✓' : STATUS_LABELS[status]);

/**
 * Runs «Validar», «Sincronizar» (the first, then `runs` with changes both ways) and «Calendario»
 * `runs` times each on a fresh workbook holding a cronograma of `activityCount` activities.
 */
export async function measurePane(activityCount: number, runs = 3): Promise<PaneFigures> {
  const layout = generatedLayout(activityCount);
  const wb = new Workbook(layout);
  const server = new InMemoryServer();
  let keys = 0;
  const controller = paneFor(
    mockHost(wb),
    () => server,
    () => `clave-de-sincronizacion-${++keys}`,
  );
  await controller.saveConnection({ baseUrl: 'https://pat.invalid', programId: PROGRAM_ID });
  const sheet = layout.name;
  const readSheet = () => {
    const read = readCronograma(wb.grid(sheet));
    if (!read.ok) throw new Error(read.message);
    return read.cronograma;
  };

  const validations = [];
  for (let i = 0; i < runs; i++) {
    const run = await measured(wb, () => controller.validate(TODAY));
    if (!run.result.ok) throw new Error(`«Validar» no validó: ${run.result.message}`);
    const errors = run.result.issues.filter((x) => x.severity === 'error');
    if (errors.length > 0) throw new Error(`La hoja generada tiene errores: ${errors[0]!.message}`);
    validations.push(run);
  }

  const first = await measured(wb, () => controller.synchronize());
  syncOutcome(first.result);
  if (readSheet().columns.id === undefined)
    throw new Error('La primera sincronización no escribió la columna «ID».');

  const syncs = [];
  let last: SynchronizeOutcome | undefined;
  for (let round = 0; round < runs; round++) {
    // Someone else marks every 7th planned month on the server; staff type every 11th in the sheet.
    const all = server.keys();
    all.forEach((key, i) => {
      if (i % 7 === round % 7) server.editByOther(key, round % 2 ? 'en_proceso' : 'realizada');
    });
    const cells = new Map(
      readSheet().activities.flatMap((a) =>
        a.months.map((m) => [monthKey(a.id, m), a.cells.months[m]!] as const),
      ),
    );
    all.forEach((key, i) => {
      if (i % 11 === (round + 5) % 11) wb.type(sheet, cells.get(key)!, cellLabel('realizada'));
    });
    const run = await measured(wb, () => controller.synchronize());
    last = syncOutcome(run.result);
    if (last.sent === 0 || last.received === 0)
      throw new Error(`«Sincronizar» no movió cambios: ${last.message}`);
    // Both sides agree afterwards, save the months in conflict (the user settles those).
    const held = new Set(last.conflicts.map((c) => c.key));
    const after = readSheet();
    for (const a of after.activities)
      for (const m of a.months) {
        const key = monthKey(a.id, m);
        const mine = a.statuses[m] ?? 'pendiente';
        if (!held.has(key) && mine !== server.status(key))
          throw new Error(`${key}: la hoja dice ${mine}, el servidor ${server.status(key)}.`);
      }
    syncs.push(run);
  }

  const calendars = [];
  for (let i = 0; i < runs; i++) {
    const run = await measured(wb, () => controller.writeCalendar());
    if (!run.result.ok) throw new Error(`«Calendario» no escribió la hoja: ${run.result.message}`);
    if (wb.active === sheet) throw new Error('«Calendario» no activó la hoja del calendario.');
    wb.active = sheet; // Staff go back to their cronograma.
    calendars.push(run);
  }

  return {
    activities: activityCount,
    rows: layout.values.length,
    validate: figure(validations),
    firstSync: figure([first]),
    sync: {
      ...figure(syncs),
      sent: last!.sent,
      received: last!.received,
      conflicts: last!.conflicts.length,
    },
    calendar: figure(calendars),
  };
}

const fmt = (n: number) => n.toLocaleString('es-MX');

export async function runOfficeBench(): Promise<Record<string, number>> {
  const figures: PaneFigures[] = [];
  await measurePane(OFFICE_BENCH_SIZES[0], 1); // Warm-up.
  for (const n of OFFICE_BENCH_SIZES) figures.push(await measurePane(n));
  const result: Record<string, number> = {};
  for (const f of figures) {
    const n = f.activities;
    Object.assign(result, {
      [`validate_syncs_${n}`]: f.validate.syncs,
      [`sync_syncs_${n}`]: f.sync.syncs,
      [`first_sync_syncs_${n}`]: f.firstSync.syncs,
      [`calendar_syncs_${n}`]: f.calendar.syncs,
      [`validate_ms_${n}`]: f.validate.ms,
      [`sync_ms_${n}`]: f.sync.ms,
      [`first_sync_ms_${n}`]: f.firstSync.ms,
      [`calendar_ms_${n}`]: f.calendar.ms,
    });
  }
  const operations = [
    ['Validar', (f: PaneFigures) => f.validate],
    ['Sincronizar', (f: PaneFigures) => f.sync],
    ['Sincronizar (primera vez)', (f: PaneFigures) => f.firstSync],
    ['Calendario', (f: PaneFigures) => f.calendar],
  ] as const;
  const growing = operations.filter(([, of]) => new Set(figures.map((f) => of(f).syncs)).size > 1);
  console.log(
    'Panel de tareas: llamadas a context.sync() por operación (office-addin-mock, mediana de 3)',
  );
  console.log(`  actividades:               ${figures.map((f) => fmt(f.activities)).join(' · ')}`);
  for (const [label, of] of operations)
    console.log(
      `  ${`${label}:`.padEnd(27)}${figures.map((f) => of(f).syncs).join(' · ')} syncs  ` +
        `(${figures.map((f) => `${of(f).ms} ms`).join(' · ')})`,
    );
  console.log(
    growing.length
      ? `  crecen con las filas: ${growing.map(([label]) => label).join(', ')}`
      : '  las mismas llamadas en todos los tamaños',
  );
  return result;
}
