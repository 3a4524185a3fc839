/**
 * What each button of the task pane does, as plain functions over the gateway (Excel) and the
 * API (functions). Both are injected: the browser tests give a fake Excel, the unit tests fakes of both.
 */
import { parseCellAddress } from '../../shared/address';
import { layoutCalendarSheet } from '../../shared/calendar/sheet';
import { CronogramaRead, SheetActivity, readCronograma } from '../../shared/cronograma/reader';
import { hasErrors, validateCronograma } from '../../shared/cronograma/validate';
import { layoutCronograma } from '../../shared/cronograma/layout';
import { planFromSheet } from '../../shared/cronograma/plan-from-sheet';
import { ValidationIssue } from '../../shared/schemas';
import { Status, STATUS_LABELS } from '../../shared/status';
import { count } from '../../shared/text';
import {
  BaseEntry,
  Conflict,
  MonthKey,
  TheirsEntry,
  monthKey,
  parseMonthKey,
  planMerge,
  resolveConflict,
} from '../../shared/sync/three-way';
import { Api, OfflineError, SignInRequiredError } from './api-client';
import { Me, ProgramView } from '../../shared/api';
import {
  PlanDecision,
  PlanSignature,
  decidePlan,
  planSignature,
} from '../../shared/sync/plan-merge';
import type { ApplyOps, CellWrite, ReadOptions, SheetRead, SheetWrite } from './excel-gateway';
import { SheetEdit, planCatchUp } from '../../shared/cronograma/catch-up';

export interface Gateway {
  readActiveSheet(options?: ReadOptions): Promise<SheetRead>;
  applyToSheet(ops: ApplyOps): Promise<void>;
  editSheet(sheet: string, edit: SheetEdit): Promise<void>;
  watchChanges(onChange: () => void): Promise<(() => Promise<void>) | undefined>;
  selectCell(sheet: string, address: string): Promise<void>;
  writeSheet(write: SheetWrite): Promise<void>;
  insertColumn(
    sheet: string,
    column: number,
    cells: { row: number; value: string }[],
  ): Promise<void>;
  settings: {
    get<T>(key: string): T | undefined;
    set(values: Record<string, unknown>): Promise<void>;
  };
}

export interface Connection {
  baseUrl: string;
  programId: string;
}

interface StoredBase {
  programId: string;
  entries: Record<MonthKey, [Status, string]>;
}

const KEYS = {
  basePlan: 'pat.basePlan',
  connection: 'pat.connection',
  base: 'pat.base',
  syncKey: 'pat.pendingSyncKey',
  formatted: 'pat.formattedSheets',
  lastSync: 'pat.lastSync',
};

export type ValidateResult =
  { ok: true; issues: ValidationIssue[]; read: CronogramaRead } | { ok: false; message: string };

export type ReadOutcome =
  { ok: true; read: CronogramaRead; sheet: SheetRead } | { ok: false; message: string };

export interface SyncOutcome {
  offline: boolean;
  /** Set when the sheet's plan was not sent: it differs from a plan that changed on the server too. */
  plan?: PlanDecision;
  sent: number;
  received: number;
  conflicts: Conflict[];
  pending: number;
  message: string;
}

const cellLabel = (status: Status) => (status === 'pendiente' ? '✓' : STATUS_LABELS[status]);

export class PaneController {
  constructor(
    private readonly gateway: Gateway,
    private readonly apiFor: (baseUrl: string) => Api,
    private readonly newKey: () => string = () => crypto.randomUUID(),
  ) {}

  connection(): Connection | undefined {
    return this.gateway.settings.get<Connection>(KEYS.connection);
  }

  async saveConnection(connection: Connection): Promise<void> {
    await this.gateway.settings.set({ [KEYS.connection]: connection });
  }

  /** Who the server says is using the pane, and their roles over the connected programme. */
  async whoAmI(): Promise<Me | undefined> {
    const connection = this.connection();
    if (!connection) return undefined;
    return this.apiFor(connection.baseUrl).me(connection.programId);
  }

  private base(programId: string): Map<MonthKey, BaseEntry> {
    const stored = this.gateway.settings.get<StoredBase>(KEYS.base);
    if (!stored || stored.programId !== programId) return new Map();
    return new Map(
      Object.entries(stored.entries).map(([k, [status, etag]]) => [k, { status, etag }]),
    );
  }

  private basePlan(programId: string): PlanSignature | undefined {
    const stored = this.gateway.settings.get<{ programId: string; activities: PlanSignature }>(
      KEYS.basePlan,
    );
    return stored?.programId === programId ? stored.activities : undefined;
  }

  private baseSettings(programId: string, base: Map<MonthKey, BaseEntry>): Record<string, unknown> {
    return {
      [KEYS.base]: {
        programId,
        entries: Object.fromEntries([...base].map(([k, b]) => [k, [b.status, b.etag]])),
      } satisfies StoredBase,
    };
  }

  async readSheet(options?: ReadOptions): Promise<ReadOutcome> {
    const sheet = await this.gateway.readActiveSheet(options);
    const result = readCronograma(sheet.grid);
    if (!result.ok)
      return {
        ok: false,
        message: `${result.message} Abra la hoja del cronograma y vuelva a intentar.`,
      };
    return { ok: true, read: result.cronograma, sheet };
  }

  /** Validar: the issues, and the invalid cells highlighted (previous highlights cleared). Two syncs. */
  async validate(today: string): Promise<ValidateResult> {
    const outcome = await this.readSheet();
    if (!outcome.ok) return outcome;
    const issues = validateCronograma(outcome.read, { today });
    const invalidCells = [
      ...new Set(issues.filter((i) => i.severity === 'error').map((i) => i.cell)),
    ];
    await this.applyFormatted(outcome.read, {
      invalidCells,
      hasInvalidName: outcome.sheet.hasInvalidName,
    });
    return { ok: true, issues, read: outcome.read };
  }

  /**
   * Live validation: after each burst of edits (no edit for `quietMs`), the sheet is read once and
   * validated, its highlights refreshed, and `onResult` called. A burst that ends while a
   * validation runs gets one more after it, never two at once. Returns the stop, or undefined
   * where Excel sends no change events.
   */
  async watch(
    today: () => string,
    onResult: (result: ValidateResult) => void,
    quietMs = 600,
  ): Promise<(() => Promise<void>) | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    let again = false;
    const run = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        onResult(await this.validate(today()));
      } catch {
        // A failed read (the sheet closed, Excel busy) waits for the next edit.
      } finally {
        running = false;
        if (again) {
          again = false;
          schedule();
        }
      }
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), quietMs);
    };
    const unsubscribe = await this.gateway.watchChanges(schedule);
    if (!unsubscribe) return undefined;
    return async () => {
      clearTimeout(timer);
      await unsubscribe();
    };
  }

  async select(sheet: string, cell: string): Promise<void> {
    await this.gateway.selectCell(sheet, cell);
  }

  /** Estatus: every planned month cell gets the status drop-down and colours. Two syncs. */
  async prepareStatuses(): Promise<{ ok: true; cells: number } | { ok: false; message: string }> {
    const outcome = await this.readSheet();
    if (!outcome.ok) return outcome;
    const statusRanges = outcome.read.activities.flatMap((a) => monthRuns(a));
    await this.applyFormatted(outcome.read, { statusRanges });
    return { ok: true, cells: outcome.read.activities.reduce((n, a) => n + a.months.length, 0) };
  }

  /** Month statuses in the sheet that differ from the last agreed base: what a sync would send. */
  pendingIn(read: CronogramaRead, programId: string): number {
    const base = this.base(programId);
    let pending = 0;
    for (const [key, status] of mineOf(read)) {
      const b = base.get(key);
      if (b ? b.status !== status : status !== 'pendiente') pending++;
    }
    return pending;
  }

  /** Sincronizar: plan, then the three-way merge of statuses. Reading 1 sync, writing back 1. */
  async sync(
    progress: (step: string, fraction: number) => void = () => undefined,
    options: { sendPlan?: boolean } = {},
  ): Promise<SyncOutcome | { ok: false; message: string }> {
    const connection = this.connection();
    if (!connection)
      return { ok: false, message: 'Conecte el libro a un programa primero (pestaña Conectar).' };
    progress('Leyendo el cronograma…', 0.1);
    const first = await this.readSheet();
    if (!first.ok) return first;
    const outcome = await this.withIdColumn(first);
    if (!outcome.ok) return outcome;
    const { read } = outcome;
    const issues = validateCronograma(read);
    if (hasErrors(issues))
      return {
        ok: false,
        message: 'El cronograma tiene errores: use «Validar» y corríjalos antes de sincronizar.',
      };
    const api = this.apiFor(connection.baseUrl);
    const mine = mineOf(read);
    const base = this.base(connection.programId);
    try {
      progress('Consultando el servidor…', 0.25);
      let program = await api.getProgram(connection.programId);
      const minePlan = planSignature(read.activities);
      const planDecision = decidePlan(
        minePlan,
        this.basePlan(connection.programId),
        program && planSignature(program.activities),
      );
      if (planDecision.action === 'send' || (options.sendPlan && planDecision.action !== 'same')) {
        progress('Enviando el plan…', 0.4);
        await api.putPlan(connection.programId, planOf(read));
        program = await api.getProgram(connection.programId);
      }
      const planAgreed =
        planDecision.action === 'same' ||
        planDecision.action === 'send' ||
        options.sendPlan === true;
      const theirs = theirsOf(program!);
      const merge = planMerge(mine, base, theirs);
      for (const [k, b] of merge.newBase) base.set(k, b);

      progress(`Enviando ${merge.send.length} cambios…`, 0.6);
      const conflicts = [...merge.conflicts];
      let sent = 0;
      if (merge.send.length > 0) {
        const changes = merge.send.map((s) => ({
          ...parseMonthKey(s.key),
          status: s.status,
          baseEtag: s.baseEtag,
        }));
        // The key is kept until the answer arrives, for exactly these changes: a sync run again after
        // an interruption replays it; different changes (the first ones landed, or the user edited
        // more) get a key of their own, never one the server already answered for others.
        const pending = this.gateway.settings.get<{ key: string; changes: string }>(KEYS.syncKey);
        const fingerprint = JSON.stringify(changes);
        const idempotencyKey = pending?.changes === fingerprint ? pending.key : this.newKey();
        await this.gateway.settings.set({
          [KEYS.syncKey]: { key: idempotencyKey, changes: fingerprint },
        });
        const answer = await api.sync(connection.programId, {
          idempotencyKey,
          changes,
        });
        for (const a of answer.applied)
          base.set(monthKey(a.activityId, a.month), {
            status: mine.get(monthKey(a.activityId, a.month))!,
            etag: a.etag,
          });
        for (const c of answer.conflicts) {
          const key = monthKey(c.activityId, c.month);
          conflicts.push({ key, mine: mine.get(key)!, theirs: c.current, base: base.get(key) });
        }
        sent = answer.applied.length;
      }
      progress('Escribiendo en la hoja…', 0.85);
      await this.gateway.settings.set({
        ...this.baseSettings(connection.programId, base),
        ...(planAgreed
          ? { [KEYS.basePlan]: { programId: connection.programId, activities: minePlan } }
          : {}),
        [KEYS.syncKey]: null,
        [KEYS.lastSync]: new Date().toISOString(),
      });
      await this.gateway.applyToSheet({
        sheet: read.sheet,
        writes: writesFor(read, merge.toSheet),
      });
      progress('Listo', 1);
      return {
        offline: false,
        sent,
        received: merge.toSheet.length,
        conflicts,
        pending: conflicts.length,
        plan: planAgreed ? undefined : planDecision,
        message:
          `Sincronizado: ${count(sent, 'enviado', 'enviados')}, ${count(merge.toSheet.length, 'recibido', 'recibidos')}${conflicts.length ? `, ${count(conflicts.length, 'conflicto', 'conflictos')} por resolver` : ''}.` +
          (planAgreed ? '' : ` ${planNotice(planDecision)}`),
      };
    } catch (error) {
      if (!(error instanceof OfflineError)) throw error;
      const pending = this.pendingIn(read, connection.programId);
      const saved = `${count(pending, 'cambio guardado', 'cambios guardados')} en el libro; ${pending === 1 ? 'se enviará' : 'se enviarán'}`;
      return {
        offline: true,
        sent: 0,
        received: 0,
        conflicts: [],
        pending,
        message:
          error instanceof SignInRequiredError
            ? `${error.message} ${saved} al iniciar sesión.`
            : `Sin conexión con el servidor: ${saved} al reconectar.`,
      };
    }
  }

  /**
   * Stable ids: a sheet without an ID column gets one (ids as read, from axis and position) before
   * its first sync, so rows inserted later keep their activities' ids (one sync and a re-read);
   * rows added later get the next free id written into their ID cell (one sync).
   */
  private async withIdColumn(outcome: Extract<ReadOutcome, { ok: true }>): Promise<ReadOutcome> {
    const { read, sheet } = outcome;
    if (read.activities.length === 0) return outcome;
    if (read.columns.id !== undefined) {
      // New rows got the next free ids: write them in, so they stay theirs.
      const writes = read.activities
        .filter((a) => !a.idFromSheet && a.cells.id)
        .map((a) => ({ ...parseCellAddress(a.cells.id!)!, value: a.id }));
      if (writes.length > 0) await this.gateway.applyToSheet({ sheet: read.sheet, writes });
      return outcome;
    }
    const column = sheet.grid.origin?.col ?? 0;
    await this.gateway.insertColumn(read.sheet, column, [
      { row: read.headerRow - 1, value: 'ID' },
      ...read.activities.map((a) => ({ row: a.row - 1, value: a.id })),
    ]);
    return this.readSheet();
  }

  /**
   * Traer el plan del servidor: the sheet takes the server's plan without losing what staff wrote.
   * New activities become rows in their axis, retired ones are marked (never deleted), changed ones
   * updated. One sync to read, one to write, whatever the size.
   */
  async bringServerPlan(): Promise<{ ok: boolean; message: string }> {
    const connection = this.connection();
    if (!connection) return { ok: false, message: 'Conecte el libro a un programa primero.' };
    const outcome = await this.readSheet({ formulas: true });
    if (!outcome.ok) return outcome;
    const { read, sheet } = outcome;
    if (read.columns.id === undefined)
      return {
        ok: false,
        message:
          'La hoja aún no tiene la columna «ID» que identifica cada actividad: use «Sincronizar» primero y vuelva a intentar.',
      };
    let program: ProgramView | undefined;
    try {
      program = await this.apiFor(connection.baseUrl).getProgram(connection.programId);
    } catch (error) {
      if (error instanceof SignInRequiredError) return { ok: false, message: error.message };
      if (error instanceof OfflineError)
        return { ok: false, message: 'Sin conexión con el servidor: intente de nuevo más tarde.' };
      throw error;
    }
    if (!program)
      return {
        ok: false,
        message: `El programa «${connection.programId}» no existe en el servidor: use «Sincronizar» para enviarle el plan de esta hoja.`,
      };
    const edit = planCatchUp({
      read,
      grid: sheet.grid,
      formulasR1C1: sheet.formulasR1C1,
      server: program,
    });
    await this.gateway.editSheet(read.sheet, edit);
    await this.gateway.settings.set({
      [KEYS.basePlan]: {
        programId: connection.programId,
        activities: planSignature(program.activities),
      },
    });
    return { ok: true, message: catchUpMessage(edit) };
  }

  /** Settles a conflict: keep mine (sent over theirs' ETag) or take theirs (written into the sheet). */
  async resolve(
    conflict: Conflict,
    choice: 'mine' | 'theirs',
  ): Promise<{ ok: boolean; message: string; conflict?: Conflict }> {
    const connection = this.connection();
    if (!connection) return { ok: false, message: 'Conecte el libro a un programa primero.' };
    const base = this.base(connection.programId);
    const resolution = resolveConflict(conflict, choice);
    if (resolution.send) {
      const answer = await this.apiFor(connection.baseUrl).sync(connection.programId, {
        idempotencyKey: this.newKey(),
        changes: [
          {
            ...parseMonthKey(resolution.send.key),
            status: resolution.send.status,
            baseEtag: resolution.send.baseEtag,
          },
        ],
      });
      const again = answer.conflicts[0];
      if (again)
        return {
          ok: false,
          message: 'Volvió a cambiar en el servidor mientras decidía: revise de nuevo.',
          conflict: { ...conflict, theirs: again.current },
        };
      base.set(conflict.key, { status: conflict.mine, etag: answer.applied[0]!.etag });
    } else {
      const outcome = await this.readSheet();
      if (!outcome.ok) return { ok: false, message: outcome.message };
      base.set(conflict.key, resolution.base!);
      await this.gateway.applyToSheet({
        sheet: outcome.read.sheet,
        writes: writesFor(outcome.read, [resolution.toSheet!]),
      });
    }
    await this.gateway.settings.set(this.baseSettings(connection.programId, base));
    return {
      ok: true,
      message: choice === 'mine' ? 'Se conservó su valor.' : 'Se tomó el valor del servidor.',
    };
  }

  /** Calendario de sesiones: writes or refreshes the sheet in the source document's format. */
  async writeCalendar(): Promise<{ ok: boolean; message: string }> {
    const connection = this.connection();
    if (!connection) return { ok: false, message: 'Conecte el libro a un programa primero.' };
    const api = this.apiFor(connection.baseUrl);
    const [sessions, program] = await Promise.all([
      api.getSessions(connection.programId),
      api.getProgram(connection.programId),
    ]);
    if (!sessions || !program)
      return {
        ok: false,
        message:
          'El programa aún no tiene calendario de sesiones en el servidor: pida a un editor que lo genere (POST …/sessions/generate, o «pat seed» para el programa 2021) y vuelva a intentar.',
      };
    const layout = layoutCalendarSheet(sessions, {
      commission: program.details.commission.acronym,
      note: program.details.calendarNote,
    });
    await this.gateway.writeSheet({
      name: layout.name,
      values: layout.values,
      merges: layout.merges,
      boldRows: [...layout.titleRows, layout.headerRow],
      columnWidths: [90, 50, 160],
      activate: true,
    });
    return {
      ok: true,
      message: `Hoja «${layout.name}» escrita: ${sessions.sessions.length} sesiones.`,
    };
  }

  /** Insertar plantilla: a new, well-formed cronograma sheet for a year. */
  async insertTemplate(year: number): Promise<{ ok: boolean; message: string }> {
    const layout = layoutCronograma(
      {
        year,
        axes: [{ number: 1, name: 'Nombre del eje de acción' }],
        activities: [
          {
            id: '1.1',
            axis: 1,
            description: 'Describa aquí la primera actividad.',
            period: 'Enero-diciembre',
            months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
          },
          {
            id: '1.2',
            axis: 1,
            description: 'Describa aquí la segunda actividad.',
            period: 'Marzo-junio',
            months: [3, 4, 5, 6],
          },
        ],
      },
      { idColumn: true, periodColumn: true },
    );
    await this.gateway.writeSheet({
      name: layout.name,
      values: layout.values,
      merges: layout.merges,
      boldRows: [...layout.titleRows, ...layout.headerRows],
      activate: true,
    });
    return {
      ok: true,
      message: `Hoja «${layout.name}» creada: escriba los ejes y actividades y marque los meses.`,
    };
  }

  /**
   * Applies ops to the sheet, adding the status colours and highlight rule the first time; the
   * workbook remembers a sheet as formatted only once that write has gone through.
   */
  private async applyFormatted(
    read: CronogramaRead,
    ops: Omit<ApplyOps, 'sheet' | 'formatRange'>,
  ): Promise<void> {
    const done = this.gateway.settings.get<string[]>(KEYS.formatted) ?? [];
    const formatRange = done.includes(read.sheet) ? undefined : monthBlock(read);
    await this.gateway.applyToSheet({
      sheet: read.sheet,
      ...ops,
      ...(formatRange ? { formatRange } : {}),
    });
    if (formatRange) await this.gateway.settings.set({ [KEYS.formatted]: [...done, read.sheet] });
  }
}

/** The block of month cells from the first activity to the last ("E6:P40"). */
function monthBlock(read: CronogramaRead): string | undefined {
  if (read.activities.length === 0 || read.columns.months.size === 0) return undefined;
  const first = read.activities[0]!.cells.months;
  const last = read.activities[read.activities.length - 1]!.cells.months;
  const months = [...read.columns.months.keys()];
  return `${first[Math.min(...months) as 1]}:${last[Math.max(...months) as 12]}`;
}

function mineOf(read: CronogramaRead): Map<MonthKey, Status> {
  const mine = new Map<MonthKey, Status>();
  for (const a of read.activities)
    for (const m of a.months) mine.set(monthKey(a.id, m), a.statuses[m] ?? 'pendiente');
  return mine;
}

function theirsOf(program: ProgramView): Map<MonthKey, TheirsEntry> {
  const theirs = new Map<MonthKey, TheirsEntry>();
  for (const a of program.activities)
    for (const [m, s] of Object.entries(a.statuses)) theirs.set(monthKey(a.id, Number(m)), s);
  return theirs;
}

function planOf(read: CronogramaRead) {
  const plan = planFromSheet(read);
  return { ...plan, year: plan.year ?? new Date().getFullYear() };
}

/** What «Traer el plan del servidor» did, in words. */
export function catchUpMessage(edit: SheetEdit): string {
  const parts = [
    edit.added.length
      ? `${count(edit.added.length, 'actividad nueva escrita', 'actividades nuevas escritas')} (${edit.added.join(', ')})`
      : '',
    edit.retired.length
      ? `${count(edit.retired.length, 'marcada como retirada', 'marcadas como retiradas')} (${edit.retired.join(', ')})`
      : '',
    edit.restored.length
      ? `${count(edit.restored.length, 'restaurada', 'restauradas')} (${edit.restored.join(', ')})`
      : '',
    edit.updated.length
      ? `${count(edit.updated.length, 'actualizada', 'actualizadas')} (${edit.updated.join(', ')})`
      : '',
  ].filter(Boolean);
  return parts.length
    ? `Plan del servidor traído a la hoja: ${parts.join('; ')}. Nada de lo escrito en la hoja se borró.`
    : 'La hoja ya tenía el plan del servidor.';
}

/** What the user is told when the sheet's plan was not sent. */
export function planNotice(d: PlanDecision): string {
  const parts = [
    d.onlyThere.length
      ? `${count(d.onlyThere.length, 'actividad', 'actividades')} solo en el servidor (${d.onlyThere.join(', ')})`
      : '',
    d.onlyHere.length ? `${d.onlyHere.length} solo en esta hoja (${d.onlyHere.join(', ')})` : '',
    d.different.length
      ? `${count(d.different.length, 'distinta', 'distintas')} (${d.different.join(', ')})`
      : '',
  ].filter(Boolean);
  const why =
    d.action === 'theirs-changed'
      ? 'El plan cambió en el servidor desde su última sincronización'
      : 'El plan de esta hoja y el del servidor difieren';
  return `${why}: ${parts.join('; ')}. No se envió el plan de la hoja: use «Traer el plan del servidor» para actualizarla, o «Enviar el plan de esta hoja» si la hoja es la correcta.`;
}

function writesFor(
  read: CronogramaRead,
  toSheet: { key: MonthKey; status: Status }[],
): CellWrite[] {
  const byId = new Map(read.activities.map((a) => [a.id, a]));
  return toSheet.flatMap(({ key, status }) => {
    const { activityId, month } = parseMonthKey(key);
    const address = byId.get(activityId)?.cells.months[month as 1];
    const position = address ? parseCellAddress(address) : undefined;
    return position ? [{ row: position.row, col: position.col, value: cellLabel(status) }] : [];
  });
}

/** Planned month cells of one activity row, as runs of adjacent columns ("F6:O6"), whatever the column order. */
export function monthRuns(activity: SheetActivity): string[] {
  const cells = activity.months
    .map((m) => activity.cells.months[m])
    .map((address) => ({ address, col: parseCellAddress(address)!.col }))
    .sort((a, b) => a.col - b.col);
  const runs: { from: string; to: string; col: number }[] = [];
  for (const cell of cells) {
    const last = runs[runs.length - 1];
    if (last && cell.col === last.col + 1) Object.assign(last, { to: cell.address, col: cell.col });
    else runs.push({ from: cell.address, to: cell.address, col: cell.col });
  }
  return runs.map((r) => (r.from === r.to ? r.from : `${r.from}:${r.to}`));
}
