/**
 * The programme's year on the dashboard, in headless Chromium against the real route table and
 * Azurite: an admin approves the 2021 draft (CVOE/040/20) and ratifies it (CVOE/003/21) from the
 * page; a reprogramación made through the API shows as the activity's variance and in the list of
 * reprogramaciones; the second quarter's report is a preview until an editor freezes it; the 2022
 * draft is made from the page, with what to review, and opens as a draft. A viewer sees the
 * status and the variance but no form. Screenshot: tests/artifacts/screenshots/dashboard-year.png.
 */
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { seedProgramme } from '../../backend/services/seed';
import { Store } from '../../backend/store/store';
import { encodePrincipal } from '../../backend/http/principal';
import { loadSeedProgramme } from '../../seeds';
import {
  SCREENSHOTS,
  TestServer,
  axeViolations,
  launchChromium,
  screenshot,
} from '../helpers/browser';
import { EDITOR, VIEWER, newStore } from '../helpers/server';

jest.setTimeout(120_000);

const NOW = new Date('2021-05-10T16:00:00Z');
const seed = loadSeedProgramme();

let browser: Browser;
let store: Store;
let admin: TestServer;
let viewer: TestServer;

beforeAll(async () => {
  browser = await launchChromium();
  store = await newStore();
  await seedProgramme(store, seed);
  admin = new TestServer(store);
  await admin.start();
  viewer = new TestServer(store, { principal: VIEWER });
  await viewer.start();
});
afterAll(async () => {
  await browser?.close();
  await admin?.stop();
  await viewer?.stop();
});

async function open(origin: string, query = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await page.clock.install({ time: NOW });
  await page.goto(`${origin}/dashboard/${query}`);
  await page.getByTestId('progress-overall').waitFor();
  return page;
}

const status = (page: Page) => page.locator('header').getByTestId('programme-status');

/** The year's step from the page's form. */
async function step(page: Page, agreement: string, date: string, verb: 'Aprobar' | 'Ratificar') {
  await page.getByLabel('Acuerdo').fill(agreement);
  await page.getByLabel('Fecha', { exact: true }).fill(date);
  await page.getByRole('button', { name: verb, exact: true }).click();
}

it('an admin approves and ratifies the 2021 programme from the page; the header shows the status and agreements', async () => {
  const page = await open(admin.origin);
  await status(page).getByText('Borrador').waitFor();
  await step(page, 'CVOE/040/20', '2020-09-28', 'Aprobar');
  await status(page).getByText('aprobado por el acuerdo CVOE/040/20').waitFor();
  await status(page).getByText('Aprobado', { exact: true }).waitFor();
  await step(page, 'CVOE/003/21', '2021-01-21', 'Ratificar');
  await status(page).getByText('ratificado por el acuerdo CVOE/003/21').waitFor();
  await page.getByText('Línea base: el plan ratificado el').waitFor();
  await page.getByTestId('variance-none').waitFor();
  // Ratified: no more steps to take.
  expect(await page.getByRole('button', { name: 'Ratificar', exact: true }).count()).toBe(0);
  await page.close();
});

it('shows a reprogramación as the activity variance and in the list, with its agreement', async () => {
  const activities = seed.activities.map((a) =>
    a.id === '4.4' ? { ...a, months: [9, 11, 12] } : a,
  );
  const res = await fetch(`${admin.origin}/api/programs/${seed.id}/plan`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      'x-ms-client-principal': encodePrincipal(EDITOR),
    },
    body: JSON.stringify({
      year: seed.year,
      axes: seed.axes,
      activities,
      reprogramming: { reason: 'El foro se adelanta', agreement: 'CVOE/030/21' },
    }),
  });
  expect(res.status).toBe(200);
  const page = await open(viewer.origin);
  const row = page.getByTestId('variance').getByRole('row', { name: /4\.4/ });
  await row.getByText('Movida de octubre a septiembre.').waitFor();
  await page
    .getByTestId('variance-totals')
    .getByText(/^1 mes movido, 0 agregados, 0 quitados; 0 actividades agregadas, 0 retiradas\.$/)
    .waitFor();
  await page
    .getByTestId('reprogrammings')
    .getByText(/acuerdo CVOE\/030\/21\. El foro se adelanta/)
    .waitFor();
  // A viewer: the status and the variance, no forms.
  for (const name of [/^Aprobar$/, /^Ratificar$/, /Crear el borrador/, /Congelar el informe/])
    expect(await page.getByRole('button', { name }).count()).toBe(0);
  await page.close();
});

it("previews the quarter's report until it is frozen from the page, and offers it as .docx and .xlsx", async () => {
  const page = await open(admin.origin);
  await page.getByLabel('Periodo').selectOption('2021-T2');
  const state = page.getByTestId('period-report-state');
  await state.getByText(/^PRELIMINAR: informe del segundo trimestre de 2021/).waitFor();
  const docx = await page.getByRole('link', { name: 'Descargar .docx' }).getAttribute('href');
  expect(docx).toContain('/reports/2021-T2?format=docx');
  const download = await fetch(new URL(docx!, admin.origin));
  expect(download.status).toBe(200);
  await page.getByRole('button', { name: 'Congelar el informe' }).click();
  await state.getByText(/congelado el .* por ana\.lopez@iecm\.mx: no cambia/).waitFor();
  await page
    .getByRole('option', { name: /Segundo trimestre \(congelado\)/ })
    .waitFor({ state: 'attached' });
  await page.close();
});

it("sets an area's people from the page, one «Nombre <correo>» per line, and refuses a line written otherwise", async () => {
  const page = await open(admin.origin);
  const form = page.getByTestId('area-utvoe');
  const people = form.getByLabel('Personas (una por línea: Nombre <correo>)');
  await people.fill('Ana López <Ana.Lopez@iecm.mx>\nBeto sin correo');
  await form.getByText('Escriba cada persona como «Nombre <correo>»: Beto sin correo').waitFor();
  expect(await form.getByRole('button', { name: 'Guardar UTVOE' }).isDisabled()).toBe(true);
  await people.fill('Ana López <Ana.Lopez@iecm.mx>\nBeto Ruiz <beto.ruiz@iecm.mx>');
  await form.getByRole('button', { name: 'Guardar UTVOE' }).click();
  // The form comes back from the server's answer: the address as stored, lower-cased.
  await page.waitForFunction(() =>
    document
      .querySelector<HTMLTextAreaElement>('[data-testid="area-utvoe"] textarea')
      ?.value.includes('<ana.lopez@iecm.mx>'),
  );
  expect((await store.areas.list(seed.id))[0]).toMatchObject({
    area: 'UTVOE',
    people: [
      { name: 'Ana López', email: 'ana.lopez@iecm.mx' },
      { name: 'Beto Ruiz', email: 'beto.ruiz@iecm.mx' },
    ],
    updatedBy: 'ana.lopez@iecm.mx',
  });
  await page
    .getByTestId('area-comision')
    .getByRole('button', { name: 'Guardar la comisión' })
    .waitFor();
  await page.close();
});

it('makes the 2022 draft from the page, lists what to review, and opens it as a draft; axe finds nothing serious', async () => {
  const page = await open(admin.origin);
  await page.getByRole('button', { name: 'Crear el borrador de 2022' }).click();
  const made = page.getByTestId('draft-made');
  await made.getByText('Borrador «cvoe-2022» creado: 26 actividades, 12 sesiones.').waitFor();
  await made.getByText(/No se copiaron las fechas fijadas a mano en 2021/).waitFor();
  const violations = (await axeViolations(page)).map((v) => `${v.impact}: ${v.id}`);
  expect(violations.filter((v) => /^(serious|critical)/.test(v))).toEqual([]);
  await screenshot(page, 'dashboard-year');
  await page
    .locator('#anio')
    .screenshot({ path: path.join(SCREENSHOTS, 'dashboard-year-section.png') });
  await page
    .locator('#consejo')
    .screenshot({ path: path.join(SCREENSHOTS, 'dashboard-year-report.png') });
  await made.getByRole('button', { name: 'Abrir el borrador' }).click();
  await status(page).getByText('Borrador').waitFor();
  await page.locator('header .subtitle').getByText(/2022/).waitFor();
  await page.close();
});
