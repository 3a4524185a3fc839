/**
 * The built task pane in headless Chromium, with a fake Excel host, against the real dev server
 * (the functions' route table) and Azurite. Screenshots of each state go to tests/artifacts/screenshots.
 */
import { Browser, Page } from 'playwright-core';
import { loadSeedProgramme } from '../../seeds';
import { seedProgramme } from '../../functions/src/services/seed';
import { ProgramStore } from '../../functions/src/store/program-store';
import { TestServer, launchChromium, openPane, screenshot, sheet } from '../helpers/browser';
import { newStore } from '../helpers/server';
import { seedLayout } from '../helpers/workbooks';

jest.setTimeout(90_000);

let browser: Browser;
let store: ProgramStore;
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

async function syncAndWait(page: Page): Promise<string> {
  await page.getByRole('tab', { name: 'Sincronizar' }).click();
  await page.getByTestId('sync').click();
  await page.getByTestId('notice').waitFor();
  await page.getByTestId('sync').and(page.locator(':not([disabled])')).waitFor();
  return (await page.getByTestId('notice').textContent()) ?? '';
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

  it('validates: issues listed by severity, a click selects the cell, the highlight goes when fixed', async () => {
    const page = await connectedPane();
    await sheet.set(page, SHEET, 'G7', 'ver oficio');
    await page.getByRole('tab', { name: 'Validar' }).click();
    const before = (await sheet.fake(page)).syncs;
    await page.getByTestId('validate').click();
    await page
      .getByTestId('errors')
      .getByText('«ver oficio» no es una marca ni un estatus', { exact: false })
      .waitFor();
    await page
      .getByTestId('warnings')
      .getByText('declara el periodo «Enero-octubre»', { exact: false })
      .waitFor();
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
    await screenshot(page, '03-validar-sin-errores');
    await page.close();
  });

  it('puts the status drop-down on every planned month cell', async () => {
    const page = await connectedPane();
    await page.getByRole('tab', { name: 'Estatus' }).click();
    await page.getByTestId('prepare-statuses').click();
    await page.getByText('Listas de estatus en 251 celdas', { exact: false }).waitFor();
    expect((await sheet.fake(page)).validations).toBeGreaterThanOrEqual(26);
    await screenshot(page, '04-estatus');
    await page.close();
  });

  it('syncs a status set in one workbook into a second one', async () => {
    const first = await connectedPane();
    await sheet.set(first, SHEET, 'E6', 'Realizada'); // activity 1.1, enero
    expect(await syncAndWait(first)).toContain('1 enviados');
    await screenshot(first, '05-sincronizado');
    const server11 = (await store.listStatuses('cvoe-2021')).find(
      (s) => s.activityId === '1.1' && s.month === 1,
    );
    expect(server11).toMatchObject({ status: 'realizada', updatedBy: 'ana.lopez@iecm.mx' });

    const second = await connectedPane();
    expect(await syncAndWait(second)).toContain('1 recibidos');
    expect(await sheet.get(second, SHEET, 'E6')).toBe('Realizada');
    await first.close();
    await second.close();
  });

  it('shows both sides of a conflict and settles it as the user chooses', async () => {
    const first = await connectedPane();
    const second = await connectedPane();
    await syncAndWait(first);
    await syncAndWait(second);
    await sheet.set(first, SHEET, 'F7', 'En proceso'); // activity 1.2, febrero
    await sheet.set(second, SHEET, 'F7', 'Cancelada');
    expect(await syncAndWait(first)).toContain('1 enviados');
    expect(await syncAndWait(second)).toContain('1 conflictos por resolver');
    const card = second.getByTestId('conflict-1.2|2');
    await card.getByText('Cancelada').waitFor();
    await card.getByText('En proceso').waitFor();
    await screenshot(second, '06-conflicto');
    await second.getByTestId('keep-mine-1.2|2').click();
    await second.getByText('Se conservó su valor.').waitFor();
    expect(
      (await store.getStatuses('cvoe-2021', [{ activityId: '1.2', month: 2 }]))[0]?.status,
    ).toBe('cancelada');
    expect(await syncAndWait(first)).toContain('1 recibidos');
    expect(await sheet.get(first, SHEET, 'F7')).toBe('Cancelada');
    await first.close();
    await second.close();
  });

  it('keeps a change made while the functions are down, says it is pending, and sends it when they are back', async () => {
    const page = await connectedPane('?retryMs=500');
    await syncAndWait(page);
    await server.stop();
    await sheet.set(page, SHEET, 'G8', 'Realizada'); // activity 1.3, marzo
    expect(await syncAndWait(page)).toContain(
      'Sin conexión con el servidor: 1 cambios guardados en el libro',
    );
    await page.getByTestId('pending').getByText('1 cambios pendientes').waitFor();
    await screenshot(page, '07-sin-conexion');
    await server.start(server.port);
    await page.getByText('Sincronizado: 1 enviados', { exact: false }).waitFor({ timeout: 20_000 });
    expect(
      (await store.getStatuses('cvoe-2021', [{ activityId: '1.3', month: 3 }]))[0]?.status,
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
