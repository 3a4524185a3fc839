/**
 * What each button of the task pane does, orchestrated over the gateway (Excel) and the API (the
 * functions), both injected: the browser tests give a fake Excel, the unit tests fakes of both.
 * The controller only sequences the work: the synchronization's decisions are pure steps
 * (`synchronize.ts`), what the workbook remembers is `workbook-settings.ts`, and what the person
 * reads is `messages.ts`.
 */
import type { Me, ProgramView } from '../../shared/api/responses';
import { parseCellAddress } from '../../shared/address';
import { layoutCalendarSheet } from '../../shared/calendar/sheet';
import { SheetEdit, planCatchUp } from '../../shared/cronograma/catch-up';
import { layoutCronograma } from '../../shared/cronograma/layout';
import { CronogramaRead, readCronograma } from '../../shared/cronograma/reader';
import { hasErrors, validateCronograma } from '../../shared/cronograma/validate';
import type { ValidationIssue } from '../../shared/schemas';
import { PlanDecision, planSignature } from '../../shared/sync/plan-merge';
import { Conflict, parseMonthKey, resolveConflict } from '../../shared/sync/three-way';
import type { Reprogramming } from '../../shared/lifecycle';
import { Api, OfflineError, SignInRequiredError } from './api-client';
import type { ApplyOps, ReadOptions, SheetRead, SheetWrite } from './excel-gateway';
import { MESSAGES, templateProgramme } from './messages';
import { monthBlock, monthRuns } from './sheet-ranges';
import { pendingChanges, planOf, planStep, statusStep, withAnswer, writesFor } from './synchronize';
import { Connection, WorkbookSettings, WorkbookState } from './workbook-settings';

export type { Connection } from './workbook-settings';

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
  settings: WorkbookSettings;
}

export type ValidateResult =
  { ok: true; issues: ValidationIssue[]; read: CronogramaRead } | { ok: false; message: string };

export type ReadOutcome =
  { ok: true; read: CronogramaRead; sheet: SheetRead } | { ok: false; message: string };

/** How a synchronization («Sincronizar») ended. */
export interface SynchronizeOutcome {
  offline: boolean;
  /** Set when the sheet's plan was not sent: it differs from a plan that changed on the server too. */
  plan?: PlanDecision;
  /** The sheet's plan was held because the programme is ratified: it goes as a reprogramación. */
  reprogramming?: boolean;
  sent: number;
  received: number;
  conflicts: Conflict[];
  pending: number;
  message: string;
}

export class PaneController {
  private readonly workbook: WorkbookState;

  constructor(
    private readonly gateway: Gateway,
    private readonly apiFor: (baseUrl: string) => Api,
    private readonly newKey: () => string = () => crypto.randomUUID(),
  ) {
    this.workbook = new WorkbookState(gateway.settings);
  }

  connection(): Connection | undefined {
    return this.workbook.connection();
  }

  async saveConnection(connection: Connection): Promise<void> {
    await this.workbook.saveConnection(connection);
  }

  /** Who the server says is using the pane, and their roles over the connected programme. */
  async whoAmI(): Promise<Me | undefined> {
    const connection = this.connection();
    if (!connection) return undefined;
    return this.apiFor(connection.baseUrl).me(connection.programId);
  }

  async readSheet(options?: ReadOptions): Promise<ReadOutcome> {
    const sheet = await this.gateway.readActiveSheet(options);
    const result = readCronograma(sheet.grid);
    if (!result.ok) return { ok: false, message: MESSAGES.notACronograma(result.message) };
    return { ok: true, read: result.cronograma, sheet };
  }

  /** Validar: the issues, and the invalid cells highlighted (previous highlights cleared). Two context syncs. */
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

  /** Estatus: every planned month cell gets the status drop-down and colours. Two context syncs. */
  async prepareStatuses(): Promise<{ ok: true; cells: number } | { ok: false; message: string }> {
    const outcome = await this.readSheet();
    if (!outcome.ok) return outcome;
    const statusRanges = outcome.read.activities.flatMap((a) => monthRuns(a));
    await this.applyFormatted(outcome.read, { statusRanges });
    return { ok: true, cells: outcome.read.activities.reduce((n, a) => n + a.months.length, 0) };
  }

  /**
   * Sincronizar: the plan, then the three-way merge of statuses through the API's sync route.
   * Reading the sheet 1 context sync, writing back 1.
   */
  async synchronize(
    progress: (step: string, fraction: number) => void = () => undefined,
    options: { sendPlan?: boolean; reprogramming?: Reprogramming } = {},
  ): Promise<SynchronizeOutcome | { ok: false; message: string }> {
    const connection = this.connection();
    if (!connection) return { ok: false, message: MESSAGES.connectFirstToSynchronize };
    const { programId } = connection;
    progress(MESSAGES.steps.reading, 0.1);
    const first = await this.readSheet();
    if (!first.ok) return first;
    const outcome = await this.withIdColumn(first);
    if (!outcome.ok) return outcome;
    const { read } = outcome;
    if (hasErrors(validateCronograma(read))) return { ok: false, message: MESSAGES.fixErrorsFirst };
    const api = this.apiFor(connection.baseUrl);
    try {
      progress(MESSAGES.steps.asking, 0.25);
      let program = await api.getProgram(programId);
      const plan = planStep(read, this.workbook.basePlan(programId), program, options);
      if (plan.send) {
        progress(MESSAGES.steps.sendingPlan, 0.4);
        await api.putPlan(programId, {
          ...planOf(read, new Date().getFullYear()),
          ...(plan.reprogramming && options.reprogramming
            ? { reprogramming: options.reprogramming }
            : {}),
        });
        program = await api.getProgram(programId);
      }
      const step = statusStep(read, this.workbook.base(programId), program!);

      progress(MESSAGES.steps.sending(step.changes.length), 0.6);
      let settled = { base: step.base, conflicts: step.conflicts, sent: 0 };
      if (step.changes.length > 0) {
        const idempotencyKey = await this.workbook.idempotencyKeyFor(step.changes, this.newKey);
        const answer = await api.sync(programId, { idempotencyKey, changes: step.changes });
        settled = withAnswer(step, answer);
      }
      progress(MESSAGES.steps.writing, 0.85);
      await this.workbook.settle({
        programId,
        base: settled.base,
        ...(plan.agreed ? { agreedPlan: plan.mine } : {}),
        at: new Date(),
      });
      await this.gateway.applyToSheet({ sheet: read.sheet, writes: step.writes });
      progress(MESSAGES.steps.done, 1);
      const held = plan.agreed ? undefined : plan.decision;
      const reprogramming = held !== undefined && plan.reprogramming;
      return {
        offline: false,
        sent: settled.sent,
        received: step.toSheet.length,
        conflicts: settled.conflicts,
        pending: settled.conflicts.length,
        plan: held,
        ...(reprogramming ? { reprogramming } : {}),
        message: MESSAGES.synchronized(
          settled.sent,
          step.toSheet.length,
          settled.conflicts.length,
          held,
          reprogramming,
        ),
      };
    } catch (error) {
      if (!(error instanceof OfflineError)) throw error;
      const pending = pendingChanges(read, this.workbook.base(programId));
      return {
        offline: true,
        sent: 0,
        received: 0,
        conflicts: [],
        pending,
        message: MESSAGES.offline(
          pending,
          error instanceof SignInRequiredError ? error.message : undefined,
        ),
      };
    }
  }

  /**
   * Stable ids: a sheet without an ID column gets one (ids as read, from axis and position) before
   * its first synchronization, so rows inserted later keep their activities' ids (one context sync
   * and a re-read); rows added later get the next free id written into their ID cell (one).
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
   * updated. One context sync to read, one to write, whatever the size.
   */
  async bringServerPlan(): Promise<{ ok: boolean; message: string }> {
    const connection = this.connection();
    if (!connection) return { ok: false, message: MESSAGES.connectFirst };
    const outcome = await this.readSheet({ formulas: true });
    if (!outcome.ok) return outcome;
    const { read, sheet } = outcome;
    if (read.columns.id === undefined) return { ok: false, message: MESSAGES.noIdColumn };
    let program: ProgramView | undefined;
    try {
      program = await this.apiFor(connection.baseUrl).getProgram(connection.programId);
    } catch (error) {
      if (error instanceof SignInRequiredError) return { ok: false, message: error.message };
      if (error instanceof OfflineError) return { ok: false, message: MESSAGES.offlineTryLater };
      throw error;
    }
    if (!program) return { ok: false, message: MESSAGES.noProgramme(connection.programId) };
    const edit = planCatchUp({
      read,
      grid: sheet.grid,
      formulasR1C1: sheet.formulasR1C1,
      server: program,
    });
    await this.gateway.editSheet(read.sheet, edit);
    await this.workbook.saveBasePlan(connection.programId, planSignature(program.activities));
    return { ok: true, message: MESSAGES.catchUpMessage(edit) };
  }

  /** Settles a conflict: keep mine (sent over theirs' ETag) or take theirs (written into the sheet). */
  async resolve(
    conflict: Conflict,
    choice: 'mine' | 'theirs',
  ): Promise<{ ok: boolean; message: string; conflict?: Conflict }> {
    const connection = this.connection();
    if (!connection) return { ok: false, message: MESSAGES.connectFirst };
    const base = this.workbook.base(connection.programId);
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
          message: MESSAGES.changedAgain,
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
    await this.workbook.saveBase(connection.programId, base);
    return { ok: true, message: choice === 'mine' ? MESSAGES.keptMine : MESSAGES.tookTheirs };
  }

  /** Calendario de sesiones: writes or refreshes the sheet in the source document's format. */
  async writeCalendar(): Promise<{ ok: boolean; message: string }> {
    const connection = this.connection();
    if (!connection) return { ok: false, message: MESSAGES.connectFirst };
    const api = this.apiFor(connection.baseUrl);
    const [sessions, program] = await Promise.all([
      api.getSessions(connection.programId),
      api.getProgram(connection.programId),
    ]);
    if (!sessions || !program) return { ok: false, message: MESSAGES.noCalendar };
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
    return { ok: true, message: MESSAGES.calendarWritten(layout.name, sessions.sessions.length) };
  }

  /** Insertar plantilla: a new, well-formed cronograma sheet for a year. */
  async insertTemplate(year: number): Promise<{ ok: boolean; message: string }> {
    const layout = layoutCronograma(templateProgramme(year), {
      idColumn: true,
      periodColumn: true,
    });
    await this.gateway.writeSheet({
      name: layout.name,
      values: layout.values,
      merges: layout.merges,
      boldRows: [...layout.titleRows, ...layout.headerRows],
      activate: true,
    });
    return { ok: true, message: MESSAGES.templateWritten(layout.name) };
  }

  /**
   * Applies ops to the sheet, adding the status colours and highlight rule the first time; the
   * workbook remembers a sheet as formatted only once that write has gone through.
   */
  private async applyFormatted(
    read: CronogramaRead,
    ops: Omit<ApplyOps, 'sheet' | 'formatRange'>,
  ): Promise<void> {
    const done = this.workbook.formattedSheets();
    const formatRange = done.includes(read.sheet) ? undefined : monthBlock(read);
    await this.gateway.applyToSheet({
      sheet: read.sheet,
      ...ops,
      ...(formatRange ? { formatRange } : {}),
    });
    if (formatRange) await this.workbook.markFormatted(read.sheet);
  }
}
