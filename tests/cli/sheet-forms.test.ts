/**
 * The programme's other sheet forms, as files nobody shaped for our reader: each written as an
 * HTML table (merged cells and all) and turned into a real .xlsx by LibreOffice Calc, then read
 * by `pat validate --json` and by the task pane's gateway (through the mock Excel), which must
 * agree. Months split into planned and executed columns («P»/«E», «Programado»/«Realizado»,
 * «Prog.»/«Ejec.»), the executed column read as done; the chapter VII tables (no month columns,
 * the months from each period); a column of marks the reader does not use, reported.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readActiveSheet } from '../../addin/src/excel-gateway';
import { readWorkbookFile } from '../../backend/workbooks';
import { readCronograma } from '../../shared/cronograma/reader';
import { validateCronograma } from '../../shared/cronograma/validate';
import { MONTH_NAMES } from '../../shared/months';
import { pat } from '../helpers/cli';
import {
  gridToSheetSpec,
  installExcelMock,
  specToExcelMock,
  uninstallExcelMock,
} from '../helpers/layouts';
import { convertWithLibreOffice } from '../helpers/pdf';

jest.setTimeout(180_000);

const TODAY = '2021-07-15';

/** One row of a form: its ID, description, then what each cell of the month block holds. */
interface FormRow {
  id: string;
  description: string;
  cells: string[];
  period?: string;
}

const td = (text: string, attrs = '') => `<td${attrs}>${text}</td>`;
const table = (rows: string[]) =>
  `<html><head><meta charset="utf-8"></head><body><table border="1">${rows
    .map((r) => `<tr>${r}</tr>`)
    .join('')}</table></body></html>`;

/** Each month split in two under its merged name, with the given labels. */
function splitForm(labels: [string, string], axisTitle: string, rows: FormRow[]): string {
  return table([
    td('<b>PROGRAMA OPERATIVO ANUAL 2021</b>', ' colspan="26"'),
    td('No.', ' rowspan="2"') +
      td('Actividad', ' rowspan="2"') +
      MONTH_NAMES.map((m) => td(m, ' colspan="2"')).join(''),
    MONTH_NAMES.map(() => td(labels[0]) + td(labels[1])).join(''),
    td(`<b>${axisTitle}</b>`, ' colspan="26"'),
    ...rows.map((r) => td(r.id) + td(r.description) + r.cells.map((c) => td(c)).join('')),
  ]);
}

/** 24 cells: planned and executed per month, from `{month: 'P' | 'PE' | 'E' | status}`. */
function pe(marks: Record<number, string>, mark = 'X'): string[] {
  return MONTH_NAMES.flatMap((_, i) => {
    const m = marks[i + 1] ?? '';
    if (m === 'P') return [mark, ''];
    if (m === 'PE') return [mark, mark];
    if (m === 'E') return ['', mark];
    if (m === '') return ['', ''];
    return [mark, m]; // a status written in the executed cell
  });
}

const FORMS: Record<string, string> = {
  'poa-pe': splitForm(['P', 'E'], 'EJE 1. Vinculación con organismos externos', [
    {
      id: '1.1',
      description: 'Dar seguimiento a los convenios',
      cells: pe({ 1: 'PE', 2: 'PE', 3: 'P', 7: 'P' }),
    },
    { id: '1.2', description: 'Informar a la comisión', cells: pe({ 3: 'PE', 9: 'P' }) },
    { id: '1.3', description: 'Asistir a las reuniones', cells: pe({ 4: 'E', 5: 'P' }) },
  ]),
  'programado-realizado': splitForm(['Programado', 'Realizado'], 'EJE 1. Vinculación', [
    {
      id: '1.1',
      description: 'Revisar los informes',
      cells: pe({ 2: 'PE', 6: 'En proceso' }, '✓'),
    },
    { id: '1.2', description: 'Presentar el programa', cells: pe({ 1: 'PE' }, '✓') },
  ]),
  'prog-ejec': splitForm(['Prog.', 'Ejec.'], 'EJE 2. Educación cívica', [
    { id: '2.1', description: 'Supervisar las actividades', cells: pe({ 5: 'PE', 6: 'P' }, '•') },
  ]),
  'capitulo-vii': table([
    td('<b>VII. FUNCIONES DE LA COMISIÓN, 2021</b>', ' colspan="3"'),
    td('No.') + td('Acciones a supervisar') + td('Periodo de Ejecución'),
    td('<b>EJE 1. Vinculación con organismos externos</b>', ' colspan="3"'),
    td('1.1') + td('Dar seguimiento a los convenios') + td('Enero-diciembre'),
    td('1.2') + td('Informar a la comisión') + td('Marzo y septiembre'),
    td('<b>EJE 2. Educación cívica</b>', ' colspan="3"'),
    td('2.1') + td('Supervisar las actividades') + td('De febrero a junio'),
  ]),
  'columna-sin-leer': table([
    td('Eje') + td('Actividad') + MONTH_NAMES.map((m) => td(m.slice(0, 3))).join('') + td(''),
    td('1') +
      td('Primera actividad') +
      MONTH_NAMES.map((_, i) => td(i < 2 ? 'x' : '')).join('') +
      td('✓'),
    td('1') +
      td('Segunda actividad') +
      MONTH_NAMES.map((_, i) => td(i === 5 ? 'x' : '')).join('') +
      td(''),
  ]),
};

let files: Record<string, string>;
beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pat-forms-'));
  const html = Object.entries(FORMS).map(([name, text]) => {
    const file = path.join(dir, `${name}.html`);
    writeFileSync(file, text);
    return file;
  });
  const xlsx = await convertWithLibreOffice(html, 'xlsx', dir, { infilter: 'HTML (StarCalc)' });
  files = Object.fromEntries(Object.keys(FORMS).map((name, i) => [name, xlsx[i]!]));
});
afterEach(() => uninstallExcelMock());

interface JsonActivity {
  id: string;
  months: number[];
  statuses: Record<string, string>;
}

/** `pat validate --json` of a form, and the same file through the pane's gateway. */
async function bothPaths(name: string) {
  const run = pat(['validate', files[name]!, '--json', '--today', TODAY]);
  const json = JSON.parse(run.stdout) as {
    activities: JsonActivity[];
    issues: { code: string; cell: string; severity: string }[];
  };
  // LibreOffice's HTML import makes one sheet: the pane opens the workbook on it.
  const [sheet] = await readWorkbookFile(files[name]!);
  installExcelMock(specToExcelMock(gridToSheetSpec(sheet!)));
  const { grid } = await readActiveSheet();
  const pane = readCronograma(grid);
  if (!pane.ok) throw new Error(pane.message);
  const paneIssues = validateCronograma(pane.cronograma, { today: TODAY });
  const view = (a: { id: string; months: number[]; statuses: object }) => ({
    id: a.id,
    months: a.months,
    statuses: a.statuses,
  });
  expect(pane.cronograma.activities.map(view)).toEqual(json.activities.map(view));
  expect(paneIssues.map((i) => [i.code, i.cell])).toEqual(json.issues.map((i) => [i.code, i.cell]));
  return { code: run.code, ...json };
}

const byId = (activities: JsonActivity[]) => Object.fromEntries(activities.map((a) => [a.id, a]));

describe('months split into planned and executed columns', () => {
  it('«P | E» under merged month names: planned marks are the plan, executed marks are done', async () => {
    const read = await bothPaths('poa-pe');
    expect(read.code).toBe(0);
    const a = byId(read.activities);
    expect(a['1.1']).toMatchObject({
      months: [1, 2, 3, 7],
      statuses: { 1: 'realizada', 2: 'realizada' },
    });
    expect(a['1.2']).toMatchObject({ months: [3, 9], statuses: { 3: 'realizada' } });
    // Executed in April without being planned: taken as planned and done, and said at E's cell.
    expect(a['1.3']).toMatchObject({ months: [4, 5], statuses: { 4: 'realizada' } });
    const unplanned = read.issues.filter((i) => i.code === 'month.executed_unplanned');
    expect(unplanned.map((i) => i.cell)).toEqual(['J7']);
    // March of 1.1 was planned and not executed: overdue, not done. January of 1.1 is not overdue.
    const overdue = read.issues.filter((i) => i.code === 'month.overdue').map((i) => i.cell);
    expect(overdue).toEqual(expect.arrayContaining(['G5']));
    expect(overdue).not.toContain('C5');
  });

  it('«Programado | Realizado» with a status written in the executed cell', async () => {
    const read = await bothPaths('programado-realizado');
    const a = byId(read.activities);
    expect(a['1.1']).toMatchObject({
      months: [2, 6],
      statuses: { 2: 'realizada', 6: 'en_proceso' },
    });
    expect(a['1.2']).toMatchObject({ months: [1], statuses: { 1: 'realizada' } });
  });

  it('«Prog. | Ejec.» with bullets', async () => {
    const read = await bothPaths('prog-ejec');
    expect(read.activities).toEqual([
      expect.objectContaining({ id: '2.1', months: [5, 6], statuses: { 5: 'realizada' } }),
    ]);
  });
});

describe('the programme kept as its chapter VII tables', () => {
  it('reads the months from each period, and says so once', async () => {
    const read = await bothPaths('capitulo-vii');
    expect(read.code).toBe(0);
    expect(read.activities.map((a) => [a.id, a.months])).toEqual([
      ['1.1', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
      ['1.2', [3, 9]],
      ['2.1', [2, 3, 4, 5, 6]],
    ]);
    expect(read.issues.map((i) => i.code)).toEqual(['sheet.months_from_periods']);
  });

  it('a period that names no months is an error at its cell, and nothing is guessed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pat-forms-'));
    const file = path.join(dir, 'vii-malo.html');
    writeFileSync(
      file,
      table([
        td('No.') + td('Acciones a supervisar') + td('Periodo de Ejecución'),
        td('<b>EJE 1. Vinculación</b>', ' colspan="3"'),
        td('1.1') + td('Dar seguimiento') + td('Cuando se pueda'),
      ]),
    );
    const [xlsx] = await convertWithLibreOffice([file], 'xlsx', dir, {
      infilter: 'HTML (StarCalc)',
    });
    const run = pat(['validate', xlsx!, '--json', '--today', TODAY]);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { issues: { code: string; cell: string }[] };
    expect(json.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'period.no_months', cell: 'C3' })]),
    );
  });
});

describe('a column of marks the reader does not use', () => {
  it('is reported at its first mark, never dropped silently', async () => {
    const read = await bothPaths('columna-sin-leer');
    expect(read.issues.filter((i) => i.code === 'column.unread_marks').map((i) => i.cell)).toEqual([
      'O2',
    ]);
    expect(read.activities.map((a) => a.months)).toEqual([[1, 2], [6]]);
  });
});
