/**
 * The pane's sync over a fake workbook and the real route table (functions on Azurite), with a
 * network that can fail before or after the server answers.
 */
import { loadSeedProgramme } from '../../seeds';
import { Api, OfflineError, httpApi } from '../../addin/src/api-client';
import { Gateway, PaneController } from '../../addin/src/pane-controller';
import { SheetRead } from '../../addin/src/excel-gateway';
import { seedProgramme } from '../../backend/services/seed';
import { CellValue } from '../../shared/cronograma/grid';
import { cellAddress, parseCellAddress } from '../../shared/address';
import { TestServer } from '../helpers/browser';
import { newStore } from '../helpers/server';
import { seedLayout } from '../helpers/workbooks';
import { applySheetEdit } from '../helpers/sheet-edit';
import { readCronograma } from '../../shared/cronograma/reader';
import { planSignature } from '../../shared/sync/plan-merge';
import { Store } from '../../backend/store/store';

/** A workbook in memory: the active sheet's values and merges, and its settings. */
function fakeWorkbook() {
  const layout = seedLayout();
  const values: CellValue[][] = layout.values.map((r) => [...r]);
  const settings: Record<string, unknown> = {};
  const listeners: (() => void)[] = [];
  const grid = () => ({
    name: layout.name,
    values: values.map((r) => [...r]),
    merges: layout.merges.map((m) => ({ ...m })),
  });
  const gateway: Gateway = {
    readActiveSheet: async (): Promise<SheetRead> => ({ grid: grid(), hasInvalidName: false }),
    applyToSheet: async (ops) => {
      for (const w of ops.writes ?? []) values[w.row]![w.col] = w.value;
    },
    editSheet: async (_sheet, edit) => {
      const edited = applySheetEdit(grid(), edit);
      values.splice(0, values.length, ...edited.grid.values);
      layout.merges.splice(0, layout.merges.length, ...edited.grid.merges!);
    },
    watchChanges: async (onChange) => {
      listeners.push(onChange);
      return async () => void listeners.splice(listeners.indexOf(onChange), 1);
    },
    selectCell: async () => undefined,
    writeSheet: async () => undefined,
    insertColumn: async (_sheet, column, cells) => {
      for (const row of values) row.splice(column, 0, null);
      layout.merges.forEach((m) => {
        if (m.left >= column) m.left++;
        if (m.right >= column) m.right++;
      });
      for (const c of cells) values[c.row]![column] = c.value;
    },
    settings: {
      get: <T>(key: string) => settings[key] as T | undefined,
      set: async (v) => void Object.assign(settings, v),
    },
  };
  const set = (address: string, value: string) => {
    const p = parseCellAddress(address)!;
    values[p.row]![p.col] = value;
    for (const l of listeners) l();
  };
  return { gateway, settings, set, listeners };
}

let store: Store;
let server: TestServer;
beforeAll(async () => {
  store = await newStore();
  await seedProgramme(store, loadSeedProgramme());
  server = new TestServer(store);
  await server.start();
});
afterAll(() => server.stop());

const status = async (activityId: string, month: number) =>
  (await store.statuses.getMany('cvoe-2021', [{ activityId, month }]))[0]?.status;

describe('formatting a sheet', () => {
  it('is remembered only once the write that formats it has gone through', async () => {
    const wb = fakeWorkbook();
    const formatted: (string | undefined)[] = [];
    let fail = true;
    const apply = wb.gateway.applyToSheet;
    wb.gateway.applyToSheet = async (ops) => {
      formatted.push(ops.formatRange);
      if (fail) {
        fail = false;
        throw new Error('Excel no respondió');
      }
      return apply(ops);
    };
    const controller = new PaneController(wb.gateway, httpApi);
    await expect(controller.prepareStatuses()).rejects.toThrow('Excel no respondió');
    expect(wb.settings['pat.formattedSheets']).toBeUndefined();
    await controller.prepareStatuses();
    await controller.prepareStatuses();
    expect(formatted).toEqual(['E6:P43', 'E6:P43', undefined]);
    expect(wb.settings['pat.formattedSheets']).toEqual(['Cronograma 2021']);
  });
});

describe('the pane’s sync', () => {
  it('recovers when an answer is lost after the server applied it, even if the user edited more meanwhile', async () => {
    const wb = fakeWorkbook();
    let loseNextAnswer = false;
    const api = (url: string): Api => {
      const real = httpApi(url);
      return {
        ...real,
        sync: async (programId, body) => {
          const answer = await real.sync(programId, body);
          if (loseNextAnswer) {
            loseNextAnswer = false;
            throw new OfflineError('se perdió la respuesta');
          }
          return answer;
        },
      };
    };
    const controller = new PaneController(wb.gateway, api);
    await controller.saveConnection({ baseUrl: server.origin, programId: 'cvoe-2021' });
    expect(await controller.synchronize()).toMatchObject({ offline: false }); // adds the ID column

    wb.set('F9', 'Realizada'); // 2.1, enero
    loseNextAnswer = true;
    expect(await controller.synchronize()).toMatchObject({ offline: true });
    expect(await status('2.1', 1)).toBe('realizada'); // it did land

    wb.set('G9', 'En proceso'); // 2.1, febrero: a different change set now
    const outcome = await controller.synchronize();
    expect(outcome).toMatchObject({ offline: false, sent: 1, conflicts: [] });
    expect(await status('2.1', 2)).toBe('en_proceso');
    expect(await controller.synchronize()).toMatchObject({ sent: 0, received: 0, conflicts: [] });
  });

  it('replays the same key for the same changes after a failure before the answer', async () => {
    const wb = fakeWorkbook();
    const keys: string[] = [];
    let failNext = false;
    const api = (url: string): Api => {
      const real = httpApi(url);
      return {
        ...real,
        sync: async (programId, body) => {
          keys.push(body.idempotencyKey);
          if (failNext) {
            failNext = false;
            throw new OfflineError('sin red');
          }
          return real.sync(programId, body);
        },
      };
    };
    const controller = new PaneController(wb.gateway, api);
    await controller.saveConnection({ baseUrl: server.origin, programId: 'cvoe-2021' });
    await controller.synchronize();
    wb.set('F10', 'Cancelada'); // 2.2, enero
    failNext = true;
    expect(await controller.synchronize()).toMatchObject({ offline: true, pending: 1 });
    expect(await controller.synchronize()).toMatchObject({ offline: false, sent: 1 });
    expect(keys.slice(-2)[0]).toBe(keys.slice(-2)[1]);
    expect(await status('2.2', 1)).toBe('cancelada');
  });
});

describe('bringing the server’s plan into a workbook', () => {
  it('writes what another workbook added and marks what it retired, then syncs with nothing held', async () => {
    const programId = 'plan-traido-2021';
    const first = fakeWorkbook();
    const a = new PaneController(first.gateway, httpApi);
    await a.saveConnection({ baseUrl: server.origin, programId });
    expect(await a.synchronize()).toMatchObject({ offline: false }); // creates the programme from the sheet

    // Another editor's plan: one activity added to axis 1, activity 2.2 retired.
    const api = httpApi(server.origin);
    const program = (await api.getProgram(programId))!;
    const plan = {
      year: program.year,
      axes: program.axes,
      activities: [
        ...program.activities.filter((x) => x.id !== '2.2'),
        { id: '1.4', axis: 1, description: 'Nueva actividad de enlace', months: [10, 11] },
      ],
    };
    await api.putPlan(programId, plan);

    const second = fakeWorkbook();
    const b = new PaneController(second.gateway, httpApi);
    await b.saveConnection({ baseUrl: server.origin, programId });
    const held = await b.synchronize();
    expect(held).toMatchObject({ plan: { onlyThere: ['1.4'], onlyHere: ['2.2'] } });
    const brought = await b.bringServerPlan();
    expect(brought.message).toBe(
      'Plan del servidor traído a la hoja: 1 actividad nueva escrita (1.4); 1 marcada como retirada (2.2). Nada de lo escrito en la hoja se borró.',
    );
    const sheet = await second.gateway.readActiveSheet();
    const read = readCronograma(sheet.grid);
    if (!read.ok) throw new Error(read.message);
    const server2 = (await api.getProgram(programId))!;
    expect(planSignature(read.cronograma.activities)).toEqual(planSignature(server2.activities));
    expect(read.cronograma.retired.map((x) => x.id)).toEqual(['2.2']);
    expect(await b.synchronize()).toMatchObject({ offline: false, plan: undefined, conflicts: [] });

    // The first workbook agreed on the older plan: the server's changed, so it is offered the same.
    expect(await a.synchronize()).toMatchObject({ plan: { action: 'theirs-changed' } });
    await a.bringServerPlan();
    expect(await a.synchronize()).toMatchObject({ plan: undefined });
  });
});

describe('a ratified programme’s plan', () => {
  it('is held as a reprogramación, and goes with the reason and agreement the person gives', async () => {
    const programId = 'ratificado-2021';
    const book = fakeWorkbook();
    const pane = new PaneController(book.gateway, httpApi);
    await pane.saveConnection({ baseUrl: server.origin, programId });
    expect(await pane.synchronize()).toMatchObject({ offline: false }); // creates it from the sheet
    for (const step of [
      { step: 'aprobado', agreement: 'CVOE/040/20', date: '2020-09-28' },
      { step: 'ratificado', agreement: 'CVOE/003/21', date: '2021-01-21' },
    ]) {
      const r = await fetch(`${server.origin}/api/programs/${programId}/lifecycle`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(step),
      });
      expect(r.status).toBe(200);
    }
    // Staff plan activity 4.4 for September too, in the sheet (one column right of the seed layout:
    // the first synchronization put the ID column in A).
    const layout = seedLayout();
    const row =
      layout.activityRows[loadSeedProgramme().activities.findIndex((a) => a.id === '4.4')]!;
    book.set(cellAddress(row, layout.monthColumns.get(9)! + 1), '✓');

    const held = await pane.synchronize();
    expect(held).toMatchObject({
      offline: false,
      reprogramming: true,
      plan: { different: ['4.4'] },
    });
    if (!('offline' in held)) throw new Error('not synchronized');
    expect(held.message).toContain(
      'El programa está ratificado: el plan de esta hoja cambia 1 actividad (4.4)',
    );
    const months = async () =>
      (await store.programmes.activities(programId)).find((a) => a.id === '4.4')!.months;
    expect(await months()).toEqual([10, 11, 12]);

    const sent = await pane.synchronize(undefined, {
      sendPlan: true,
      reprogramming: { reason: 'El curso empieza en septiembre', agreement: 'CVOE/031/21' },
    });
    expect(sent).toMatchObject({ offline: false, plan: undefined });
    expect(await months()).toEqual([9, 10, 11, 12]);
    expect(await store.reprogrammings.list(programId)).toMatchObject([
      {
        reason: 'El curso empieza en septiembre',
        agreement: 'CVOE/031/21',
        changes: [{ activityId: '4.4', added: [9] }],
      },
    ]);
    // Agreed now: the next synchronization sends nothing and holds nothing.
    expect(await pane.synchronize()).toMatchObject({ plan: undefined, sent: 0 });
  });
});

describe('live validation', () => {
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('validates once per burst of edits, and flags a status typed by hand that is not in the list', async () => {
    const wb = fakeWorkbook();
    let reads = 0;
    const read = wb.gateway.readActiveSheet;
    wb.gateway.readActiveSheet = async (o) => (reads++, read(o));
    const results: { ok: boolean; errors?: string[] }[] = [];
    const controller = new PaneController(wb.gateway, httpApi);
    const stop = await controller.watch(
      () => '2021-06-30',
      (r) =>
        results.push(
          r.ok
            ? {
                ok: true,
                errors: r.issues
                  .filter((i) => i.severity === 'error')
                  .map((i) => `${i.code}@${i.cell}`),
              }
            : { ok: false },
        ),
      50,
    );
    for (let i = 0; i < 20; i++) wb.set('E6', i % 2 ? '✓' : 'Realizada');
    wb.set('F7', 'Realisada');
    await wait(200);
    expect(reads).toBe(1);
    expect(results).toEqual([{ ok: true, errors: ['month.unknown_text@F7'] }]);

    wb.set('F7', 'Realizada');
    await wait(200);
    expect(reads).toBe(2);
    expect(results[1]).toEqual({ ok: true, errors: [] });
    await stop!();
    wb.set('F7', 'x y z');
    await wait(200);
    expect(reads).toBe(2);
  });

  it('never runs two validations at once: an edit during one gets one more after it', async () => {
    const wb = fakeWorkbook();
    let running = 0;
    let most = 0;
    let reads = 0;
    const read = wb.gateway.readActiveSheet;
    wb.gateway.readActiveSheet = async (o) => {
      reads++;
      most = Math.max(most, ++running);
      await wait(100);
      running--;
      return read(o);
    };
    const controller = new PaneController(wb.gateway, httpApi);
    const stop = await controller.watch(
      () => '2021-06-30',
      () => undefined,
      10,
    );
    wb.set('E6', 'Realizada');
    await wait(40); // the first validation is reading
    wb.set('E7', 'Cancelada');
    await wait(60);
    wb.set('E8', 'En proceso');
    await wait(400);
    expect(most).toBe(1);
    expect(reads).toBe(2);
    await stop!();
  });
});
