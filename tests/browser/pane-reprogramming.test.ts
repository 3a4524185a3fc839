/**
 * The task pane on a ratified programme, in headless Chromium with the fake Excel host, against
 * the real dev server and Azurite: a month planned in the sheet is not sent as it is — the pane
 * says the change is a reprogramación and asks for its reason and agreement — and goes, recorded,
 * once they are given. Screenshot: tests/artifacts/screenshots/12-reprogramacion.png.
 */
import { Browser } from 'playwright-core';
import { loadSeedProgramme } from '../../seeds';
import { seedProgramme } from '../../backend/services/seed';
import { Store } from '../../backend/store/store';
import { cellAddress } from '../../shared/address';
import {
  TestServer,
  axeViolations,
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
const seed = loadSeedProgramme();

beforeAll(async () => {
  browser = await launchChromium();
  store = await newStore();
  // As `npm start` loads it: ratified by CVOE/003/21, its plan the baseline.
  await seedProgramme(store, seed, 'prueba', 'ratified');
  server = new TestServer(store);
  await server.start();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('holds a ratified plan changed in the sheet, asks for the reason and agreement, and sends it as a reprogramación', async () => {
  const layout = seedLayout();
  const page = await openPane(browser, server.origin, {
    layout,
    settings: { 'pat.connection': { baseUrl: server.origin, programId: seed.id } },
  });
  expect(await syncAndWait(page)).toContain('Sincronizado');
  // Activity 4.4 planned for September too (one column right: the first sync put the ID column in A).
  const row = layout.activityRows[seed.activities.findIndex((a) => a.id === '4.4')]!;
  await sheet.set(page, layout.name, cellAddress(row, layout.monthColumns.get(9)! + 1), '✓');

  const held = await syncAndWait(page);
  expect(held).toContain(
    'El programa está ratificado: el plan de esta hoja cambia 1 actividad (4.4), y ese cambio es una reprogramación.',
  );
  const months = async () =>
    (await store.programmes.activities(seed.id)).find((a) => a.id === '4.4')!.months;
  expect(await months()).toEqual([10, 11, 12]);
  const card = page.getByTestId('reprogramming');
  await card.waitFor();
  expect(await page.getByTestId('send-plan').count()).toBe(0);
  const send = page.getByRole('button', { name: 'Enviar como reprogramación' });
  expect(await send.isDisabled()).toBe(true);
  await page.getByLabel('Motivo').fill('El curso empieza en septiembre');
  await page.getByLabel('Acuerdo que la aprueba').fill('CVOE/031/21');
  await send.and(page.locator(':enabled')).waitFor();
  await screenshot(page, '12-reprogramacion');
  // Serious or critical findings, less Fluent UI's focus guards (the accessibility test says why).
  const tabsterGuard = /^<i [^>]*data-tabster-dummy/;
  expect(
    (await axeViolations(page)).filter(
      (v) =>
        (v.impact === 'serious' || v.impact === 'critical') &&
        !(v.id === 'aria-hidden-focus' && v.html.every((h) => tabsterGuard.test(h))),
    ),
  ).toEqual([]);
  await send.click();
  await card.waitFor({ state: 'detached' });
  expect(await page.getByTestId('notice').textContent()).toMatch(/^Sincronizado/);
  expect(await months()).toEqual([9, 10, 11, 12]);
  expect(await store.reprogrammings.list(seed.id)).toMatchObject([
    {
      reason: 'El curso empieza en septiembre',
      agreement: 'CVOE/031/21',
      changes: [{ activityId: '4.4', kind: 'changed', added: [9] }],
    },
  ]);
  await page.close();
});
