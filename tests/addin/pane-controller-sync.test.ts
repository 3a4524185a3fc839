/**
 * The pane's sync over a fake workbook and the real route table (functions on Azurite), with a
 * network that can fail before or after the server answers.
 */
import { loadSeedProgramme } from '../../seeds';
import { Api, OfflineError, httpApi } from '../../addin/src/api-client';
import { Gateway, PaneController } from '../../addin/src/pane-controller';
import { SheetRead } from '../../addin/src/excel-gateway';
import { seedProgramme } from '../../functions/src/services/seed';
import { CellValue } from '../../shared/cronograma/grid';
import { parseCellAddress } from '../../shared/address';
import { TestServer } from '../helpers/browser';
import { newStore } from '../helpers/server';
import { seedLayout } from '../helpers/workbooks';
import { ProgramStore } from '../../functions/src/store/program-store';

/** A workbook in memory: the active sheet's values and merges, and its settings. */
function fakeWorkbook() {
  const layout = seedLayout();
  const values: CellValue[][] = layout.values.map((r) => [...r]);
  const settings: Record<string, unknown> = {};
  const gateway: Gateway = {
    readActiveSheet: async (): Promise<SheetRead> => ({
      grid: { name: layout.name, values: values.map((r) => [...r]), merges: [...layout.merges] },
      hasInvalidName: false,
    }),
    applyToSheet: async (ops) => {
      for (const w of ops.writes ?? []) values[w.row]![w.col] = w.value;
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
  };
  return { gateway, settings, set };
}

let store: ProgramStore;
let server: TestServer;
beforeAll(async () => {
  store = await newStore();
  await seedProgramme(store, loadSeedProgramme());
  server = new TestServer(store);
  await server.start();
});
afterAll(() => server.stop());

const status = async (activityId: string, month: number) =>
  (await store.getStatuses('cvoe-2021', [{ activityId, month }]))[0]?.status;

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
    expect(await controller.sync()).toMatchObject({ offline: false }); // adds the ID column

    wb.set('F9', 'Realizada'); // 2.1, enero
    loseNextAnswer = true;
    expect(await controller.sync()).toMatchObject({ offline: true });
    expect(await status('2.1', 1)).toBe('realizada'); // it did land

    wb.set('G9', 'En proceso'); // 2.1, febrero: a different change set now
    const outcome = await controller.sync();
    expect(outcome).toMatchObject({ offline: false, sent: 1, conflicts: [] });
    expect(await status('2.1', 2)).toBe('en_proceso');
    expect(await controller.sync()).toMatchObject({ sent: 0, received: 0, conflicts: [] });
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
    await controller.sync();
    wb.set('F10', 'Cancelada'); // 2.2, enero
    failNext = true;
    expect(await controller.sync()).toMatchObject({ offline: true, pending: 1 });
    expect(await controller.sync()).toMatchObject({ offline: false, sent: 1 });
    expect(keys.slice(-2)[0]).toBe(keys.slice(-2)[1]);
    expect(await status('2.2', 1)).toBe('cancelada');
  });
});
