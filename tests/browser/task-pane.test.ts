/**
 * The built task pane in headless Chromium, with a fake Excel host, against the real dev server
 * (the functions' route table) and Azurite. Screenshots of each state go to tests/artifacts/screenshots.
 */
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

jest.setTimeout(90_000);

let browser: Browser;
let store: Store;
let server: TestServer;
const SHEET = 'Cronograma 2021';

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

/** A pane already connected to cvoe-2021 on the test server. */
async function connectedPane(query = ''): Promise<Page> {
  return openPane(browser, server.origin, {
    layout: seedLayout(),
    settings: { 'pat.connection': { baseUrl: server.origin, programId: 'cvoe-2021' } },
    query,
  });
}

describe('the task pane', () => {
  it('connects a workbook to a programme and remembers it in the workbook', async () => {
    const page = await openPane(browser, server.origin, { layout: seedLayout() });
    await screenshot(page, '01-conectar');
    await page.getByTestId('program-id').fill('cvoe-2021');
    await page.getByTestId('connect').click();
    await page.getByText('Libro conectado a «cvoe-2021»').waitFor();
    expect((await sheet.fake(page)).settings['pat.connection']).toEqual({
      baseUrl: server.origin,
      programId: 'cvoe-2021',
    });
    await page.getByTestId('connection-badge').getByText('cvoe-2021').waitFor();
    await page.close();
  });

  it('validates: errors listed first, warnings grouped by kind, a click selects the cell, the highlight goes when fixed', async () => {
    const page = await connectedPane();
    // No expand animation, so the screenshots show whole groups.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await sheet.set(page, SHEET, 'G7', 'ver oficio');
    await page.getByRole('tab', { name: 'Validar' }).click();
    const before = (await sheet.fake(page)).syncs;
    await page.getByTestId('validate').click();
    await page
      .getByTestId('errors')
      .getByText('«ver oficio» no es una marca ni un estatus', { exact: false })
      .waitFor();
    // Warnings are grouped by kind, collapsed under a title with the count: expand to see them.
    const warnings = page.getByTestId('warnings');
    const period = warnings.getByRole('button', {
      name: '1 periodo que no coincide con las marcas',
    });
    expect(await period.getAttribute('aria-expanded')).toBe('false');
    expect(await warnings.getByText('declara el periodo', { exact: false }).count()).toBe(0);
    await period.click();
    expect(await period.getAttribute('aria-expanded')).toBe('true');
    await warnings.getByText('declara el periodo «Enero-octubre»', { exact: false }).waitFor();
    // Reading the sheet is one sync, applying the highlights one more.
    expect((await sheet.fake(page)).syncs - before).toBe(2);
    expect((await sheet.fake(page)).names.PAT_celdas_invalidas).toBe('={"G7"}');
    await screenshot(page, '02-validar-errores');

    await page.getByTestId('issue-G7').click();
    await page.waitForFunction(
      () => (window as unknown as { __fake: { selected: string } }).__fake.selected === 'G7',
    );

    await sheet.set(page, SHEET, 'G7', '✓');
    await page.getByTestId('validate').click();
    await page.getByText('Sin errores en 26 actividades', { exact: false }).waitFor();
    expect((await sheet.fake(page)).names.PAT_celdas_invalidas).toBe('={"-"}');
    // The 2021 workbook judged today: its 27 warnings read as two groups with their counts.
    expect(await page.getByTestId('errors').count()).toBe(0);
    await page.getByRole('heading', { level: 2, name: 'Avisos 27' }).waitFor();
    expect(await warnings.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      '1 periodo que no coincide con las marcas',
      '26 actividades con meses vencidos sin estatus',
    ]);
    // A grouped warning is still one click from its cell.
    await warnings
      .getByRole('button', { name: '26 actividades con meses vencidos sin estatus' })
      .click();
    await warnings.getByText('Qué hacer:', { exact: false }).waitFor();
    await warnings.getByTestId('issue-E43').click();
    await page.waitForFunction(
      () => (window as unknown as { __fake: { selected: string } }).__fake.selected === 'E43',
    );
    await screenshot(page, '03-validar-sin-errores');
    await page.close();
  });

  it('puts the status drop-down on every planned month cell', async () => {
    const page = await connectedPane();
    await page.getByRole('tab', { name: 'Estatus' }).click();
    await page.getByTestId('prepare-statuses').click();
    await page.getByText('Listas de estatus en 251 celdas', { exact: false }).waitFor();
    // The seed's planned months are one run of adjacent cells per activity: one drop-down range each.
    expect((await sheet.fake(page)).validations).toBe(26);
    await screenshot(page, '04-estatus');
    await page.close();
  });

  it('syncs a status set in one workbook into a second one', async () => {
    const first = await connectedPane();
    await sheet.set(first, SHEET, 'E6', 'Realizada'); // activity 1.1, enero
    expect(await syncAndWait(first)).toContain('1 enviado,');
    // The first sync gave the sheet its ID column (A), so everything moved one column right.
    expect(await sheet.get(first, SHEET, 'A5')).toBe('ID');
    expect(await sheet.get(first, SHEET, 'A6')).toBe('1.1');
    expect(await sheet.get(first, SHEET, 'F6')).toBe('Realizada');
    await screenshot(first, '05-sincronizado');
    const server11 = (await store.statuses.list('cvoe-2021')).find(
      (s) => s.activityId === '1.1' && s.month === 1,
    );
    expect(server11).toMatchObject({ status: 'realizada', updatedBy: 'ana.lopez@iecm.mx' });

    const second = await connectedPane();
    expect(await syncAndWait(second)).toContain('1 recibido');
    expect(await sheet.get(second, SHEET, 'F6')).toBe('Realizada');
    await first.close();
    await second.close();
  });

  it('gives a row inserted mid-axis a new id in the sheet, and keeps every status with its activity', async () => {
    const page = await connectedPane();
    await syncAndWait(page); // adds the ID column
    await sheet.set(page, SHEET, 'G7', 'Realizada'); // 1.2, febrero
    expect(await syncAndWait(page)).toContain('1 enviado,');
    // A new activity between 1.1 and 1.2: no ID yet, planned in March (column H after the ID column).
    const row: unknown[] = new Array(17).fill(null);
    row[3] = 'Nueva actividad de seguimiento';
    row[7] = '✓';
    await sheet.insertRow(page, SHEET, 6, row);
    expect(await syncAndWait(page)).toContain('Sincronizado');
    expect(await sheet.get(page, SHEET, 'A7')).toBe('1.4');
    const activities = await store.programmes.activities('cvoe-2021');
    expect(activities.find((a) => a.id === '1.4')).toMatchObject({
      description: 'Nueva actividad de seguimiento',
      months: [3],
    });
    expect(activities.find((a) => a.id === '1.2')?.description).toBe(
      loadSeedProgramme().activities[1]!.description,
    );
    expect(
      (await store.statuses.getMany('cvoe-2021', [{ activityId: '1.2', month: 2 }]))[0]?.status,
    ).toBe('realizada');

    // An older copy of the workbook, without 1.4, does not retire it: the plan is held and the user told.
    const older = await connectedPane();
    const message = await syncAndWait(older);
    expect(message).toContain('1 actividad solo en el servidor (1.4)');
    expect(message).toContain('No se envió el plan de la hoja');
    await older.getByTestId('send-plan').waitFor();
    await screenshot(older, '11-plan-retenido');
    expect(
      (await store.programmes.activities('cvoe-2021')).find((a) => a.id === '1.4')?.active,
    ).toBe(true);
    // Its statuses still sync where both plans agree.
    expect(await sheet.get(older, SHEET, 'G7')).toBe('Realizada');
    await older.close();
    await page.close();
  });

  it('shows both sides of a conflict and settles it as the user chooses', async () => {
    const first = await connectedPane();
    const second = await connectedPane();
    await syncAndWait(first);
    await syncAndWait(second);
    // Both already synced, so both have the ID column: G7 is activity 1.2, febrero.
    await sheet.set(first, SHEET, 'G7', 'En proceso');
    await sheet.set(second, SHEET, 'G7', 'Cancelada');
    expect(await syncAndWait(first)).toContain('1 enviado,');
    expect(await syncAndWait(second)).toContain('1 conflicto por resolver');
    const card = second.getByTestId('conflict-1.2|2');
    await card.getByText('Cancelada').waitFor();
    await card.getByText('En proceso').waitFor();
    await screenshot(second, '06-conflicto');
    await second.getByTestId('keep-mine-1.2|2').click();
    await second.getByText('Se conservó su valor.').waitFor();
    expect(
      (await store.statuses.getMany('cvoe-2021', [{ activityId: '1.2', month: 2 }]))[0]?.status,
    ).toBe('cancelada');
    expect(await syncAndWait(first)).toContain('1 recibido');
    expect(await sheet.get(first, SHEET, 'G7')).toBe('Cancelada');
    await first.close();
    await second.close();
  });

  it('keeps a change made while the functions are down, says it is pending, and sends it when they are back', async () => {
    const page = await connectedPane('?retryMs=500');
    await syncAndWait(page);
    await server.stop();
    await sheet.set(page, SHEET, 'H8', 'Realizada'); // with the ID column: activity 1.3, marzo
    expect(await syncAndWait(page)).toContain(
      'Sin conexión con el servidor: 1 cambio guardado en el libro',
    );
    await page.getByTestId('pending').getByText('1 cambio pendiente').waitFor();
    await screenshot(page, '07-sin-conexion');
    await server.start(server.port);
    await page.getByText('Sincronizado: 1 enviado,', { exact: false }).waitFor({ timeout: 20_000 });
    expect(
      (await store.statuses.getMany('cvoe-2021', [{ activityId: '1.3', month: 3 }]))[0]?.status,
    ).toBe('realizada');
    await screenshot(page, '08-reconectado');
    await page.close();
  });

  it('writes the session calendar sheet and inserts a template', async () => {
    const page = await connectedPane();
    await page.getByRole('tab', { name: 'Calendario' }).click();
    await page.getByTestId('write-calendar').click();
    await page.getByText('Hoja «Calendario de sesiones» escrita: 12 sesiones.').waitFor();
    expect(await sheet.get(page, 'Calendario de sesiones', 'A5')).toBe('Enero');
    expect(await sheet.get(page, 'Calendario de sesiones', 'B5')).toBe(21);
    expect(await sheet.get(page, 'Calendario de sesiones', 'C16')).toBe('12ª. Ordinaria');
    await screenshot(page, '09-calendario');
    await page.getByRole('tab', { name: 'Plantilla' }).click();
    await page.getByTestId('template-year').fill('2027');
    await page.getByTestId('insert-template').click();
    await page.getByText('Hoja «Cronograma 2027» creada', { exact: false }).waitFor();
    expect((await sheet.fake(page)).active).toBe('Cronograma 2027');
    await screenshot(page, '10-plantilla');
    await page.close();
  });
});

describe('the task pane, as the sheet changes', () => {
  it('validates as the sheet is edited: a status typed by hand that is not in the list is flagged at once', async () => {
    const page = await connectedPane('?liveMs=150');
    await page.getByRole('tab', { name: 'Validar' }).click();
    await page.getByText('La hoja se valida sola', { exact: false }).waitFor();
    const before = (await sheet.fake(page)).syncs;
    // A burst of edits is read once: one sync to read, one to refresh the highlights.
    for (const value of ['En proceso', '✓', 'Realizada', 'Realisada'])
      await sheet.set(page, SHEET, 'G7', value);
    await page
      .getByTestId('errors')
      .getByText('«Realisada» no es una marca ni un estatus', { exact: false })
      .waitFor();
    await page
      .getByTestId('live-status')
      .getByText('Validada al editar', { exact: false })
      .waitFor();
    await page.waitForTimeout(400);
    expect((await sheet.fake(page)).syncs - before).toBe(2);
    expect((await sheet.fake(page)).names.PAT_celdas_invalidas).toBe('={"G7"}');
    await screenshot(page, '12-validacion-al-editar');

    // On another tab the Validar tab still shows the count; fixing the cell clears it.
    await page.getByRole('tab', { name: 'Estatus' }).click();
    await page.getByRole('tab', { name: 'Validar 1 error', exact: true }).waitFor();
    await sheet.set(page, SHEET, 'G7', 'Realizada');
    await page.waitForFunction(
      () =>
        (window as unknown as { __fake: { names: Record<string, string> } }).__fake.names
          .PAT_celdas_invalidas === '={"-"}',
    );
    await page.getByRole('tab', { name: 'Validar', exact: true }).waitFor();
    await page.close();
  });

  it('says so where Excel sends no change events, and validates with the button', async () => {
    const page = await openPane(browser, server.origin, {
      layout: seedLayout(),
      settings: { 'pat.connection': { baseUrl: server.origin, programId: 'cvoe-2021' } },
      unsupported: ['ExcelApi 1.9'],
    });
    await page.getByRole('tab', { name: 'Validar' }).click();
    await page
      .getByText('Esta versión de Excel no avisa de los cambios', { exact: false })
      .waitFor();
    await page.getByTestId('validate').click();
    await page.getByText('Sin errores en 26 actividades', { exact: false }).waitFor();
    await page.close();
  });

  it('brings into one workbook the plan another changed: new rows in their axis, retired ones marked, formulas and notes kept', async () => {
    const programId = 'cvoe-2021-traer';
    const settings = { 'pat.connection': { baseUrl: server.origin, programId } };
    const layout = seedLayout();
    const monthRow = layout.headerRows[3]!;
    // Workbook B keeps a Total column (a SUM on every activity row) and a note beside 1.1.
    const values = layout.values.map((r) => [...r]);
    const formulas: unknown[][] = values.map(() => []);
    values[monthRow]![16] = 'Total';
    values[monthRow]![17] = 'Observaciones';
    for (const r of layout.activityRows) {
      formulas[r]![16] = '=SUM(RC[-12]:RC[-1])';
      values[r]![16] = 0;
    }
    values[layout.activityRows[0]!]![17] = 'ver oficio IECM/123';

    const a = await openPane(browser, server.origin, { layout, settings });
    expect(await syncAndWait(a)).toContain('Sincronizado'); // creates the programme; ID column added
    const b = await openPane(browser, server.origin, {
      layout,
      sheet: { values, formulas },
      settings,
    });
    expect(await syncAndWait(b)).toContain('Sincronizado');

    // In A: a new activity between 2.1 and 2.2, and activity 1.3 deleted.
    const row: unknown[] = new Array(17).fill(null);
    row[3] = 'Reunión con el comité de enlace';
    row[11] = '✓'; // julio, with the ID column in A
    await sheet.insertRow(a, SHEET, 9, row);
    await sheet.deleteRow(a, SHEET, 7);
    expect(await syncAndWait(a)).toContain('Sincronizado');
    const added = (await store.programmes.activities(programId)).find(
      (x) => x.description === 'Reunión con el comité de enlace',
    )!;
    expect(added).toMatchObject({ axis: 2, months: [7], active: true });
    const activeOnServer = (await store.programmes.activities(programId)).filter(
      (x) => x.active,
    ).length;

    // B is told its plan is older, and brings the server's in.
    expect(await syncAndWait(b)).toContain('Traer el plan del servidor');
    await screenshot(b, '13-plan-del-servidor-ofrecido');
    await b.getByTestId('bring-plan').click();
    await b.getByText('Plan del servidor traído a la hoja', { exact: false }).waitFor();
    const notice = (await b.getByTestId('notice').textContent()) ?? '';
    expect(notice).toContain(`1 actividad nueva escrita (${added.id})`);
    expect(notice).toContain('1 marcada como retirada (1.3)');
    await screenshot(b, '14-plan-del-servidor-traido');

    const bSheet = await b.evaluate(
      (n) =>
        (
          window as unknown as { __fake: { sheets: Map<string, { values: unknown[][] }> } }
        ).__fake.sheets.get(n)!.values,
      SHEET,
    );
    const newRow = bSheet.findIndex((r) => r[0] === added.id);
    expect(bSheet[newRow]![3]).toBe('Reunión con el comité de enlace');
    expect(bSheet[newRow]![11]).not.toBeNull();
    // It sits in axis 2: after 2.x rows, before axis 3.
    expect(bSheet[newRow - 1]![0]).toMatch(/^2\./);
    expect((await sheet.cell(b, SHEET, `R${newRow + 1}`)).formula).toBe('=SUM(RC[-12]:RC[-1])');
    const retired = bSheet.findIndex((r) => r[0] === '1.3 (retirada)');
    expect(retired).toBeGreaterThan(0);
    expect((await sheet.cell(b, SHEET, `D${retired + 1}`)).style).toMatchObject({ strike: true });
    expect(await sheet.get(b, SHEET, 'S6')).toBe('ver oficio IECM/123');
    // Bringing the plan wrote nothing to the server.
    expect((await store.programmes.activities(programId)).filter((x) => x.active)).toHaveLength(
      activeOnServer,
    );
    // And the next sync finds the plans agreed.
    expect(await syncAndWait(b)).not.toContain('No se envió el plan');
    await a.close();
    await b.close();
  });
});
