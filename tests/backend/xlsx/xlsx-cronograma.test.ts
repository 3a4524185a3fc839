import { readWorkbookFile, WorkbookError } from '../../../backend/xlsx/workbook';
import { cellAddress } from '../../../shared/address';
import { findCronograma } from '../../../shared/cronograma/find-sheet';
import { CronogramaRead } from '../../../shared/cronograma/reader';
import { validateCronograma } from '../../../shared/cronograma/validate';
import { CellValue, SheetGrid } from '../../../shared/cronograma/grid';
import { tempDir } from '../../helpers/files';
import { seedLayout, seedProgramme, writeGrids, writeSeedWorkbook } from '../../helpers/workbooks';
import { writeFileSync } from 'node:fs';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function readFile(file: string, sheet?: string): Promise<CronogramaRead> {
  const found = findCronograma(await readWorkbookFile(file), sheet);
  if (!found.ok) throw new Error(found.message);
  return found.cronograma;
}

const plan = (r: CronogramaRead) =>
  r.activities.map((a) => `${a.id}|${a.description}|${a.months.join(',')}`);
const expectedPlan = seedProgramme.activities.map(
  (a) => `${a.id}|${a.description}|${a.months.join(',')}`,
);
const codes = (issues: { code: string; cell: string }[]) =>
  issues.map((i) => `${i.code}@${i.cell}`);

/** The seed layout, changed by `edit`, written to a real file and read back. */
async function variant(
  name: string,
  edit: (g: SheetGrid & { merges: NonNullable<SheetGrid['merges']> }) => SheetGrid,
): Promise<CronogramaRead> {
  const layout = seedLayout();
  const g = edit({
    name: layout.name,
    values: layout.values.map((r) => [...r]),
    merges: [...layout.merges],
  });
  const file = tmp.path(`${name}.xlsx`);
  await writeGrids(file, g);
  return readFile(file);
}

describe('the seed workbook', () => {
  it('reads as 26 activities in 6 axes with no error and the one period disagreement of the source', async () => {
    const file = tmp.path('seed.xlsx');
    await writeSeedWorkbook(file);
    const read = await readFile(file);
    expect(read.sheet).toBe('Cronograma 2021');
    expect(read.year).toBe(2021);
    expect(plan(read)).toEqual(expectedPlan);
    expect(new Set(read.activities.map((a) => a.axis)).size).toBe(6);
    const issues = validateCronograma(read, { today: '2021-01-01' });
    const row61 = read.activities.find((a) => a.id === '6.1')!;
    expect(codes(issues)).toEqual([`period.mismatch@${row61.cells.period}`]);
  });
});

describe('damaged and unusual workbooks', () => {
  const axisCols = [0, 1];

  it('axis cells not merged, written only on the first row of each axis', async () => {
    const read = await variant('unmerged', (g) => ({
      ...g,
      merges: g.merges.filter((m) => !(axisCols.includes(m.left) && m.bottom > m.top && m.top > 4)),
    }));
    expect(plan(read)).toEqual(expectedPlan);
  });

  it('blank rows between activities', async () => {
    const read = await variant('blank-rows', (g) => {
      const values: CellValue[][] = [];
      g.values.forEach((row, i) =>
        i > 6 && i % 3 === 0 ? values.push([], row) : values.push(row),
      );
      // Merged axis areas would now cover the wrong rows: keep the axes only on their first row.
      return { ...g, values, merges: [] };
    });
    expect(plan(read)).toEqual(expectedPlan);
    expect(
      validateCronograma(read, { today: '2021-01-01' }).filter((i) => i.severity === 'error'),
    ).toEqual([]);
  });

  it('any glyph as the planned mark', async () => {
    const glyphs = ['🗸', 'Sí', 'X', '1', '■', '◆'];
    let k = 0;
    const read = await variant('glyphs', (g) => ({
      ...g,
      values: g.values.map((row, r) =>
        r > 4
          ? row.map((v, c) =>
              c >= 4 && v !== null && typeof v === 'string' && v.length <= 2
                ? glyphs[k++ % glyphs.length]!
                : v,
            )
          : row,
      ),
    }));
    expect(plan(read)).toEqual(expectedPlan);
  });

  it('columns in another order: months first, then activities, then the axis', async () => {
    const order = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 2, 3, 1, 0];
    const read = await variant('reordered', (g) => ({
      ...g,
      values: g.values.map((row) => order.map((c) => row[c] ?? null)),
      merges: [],
    }));
    expect(plan(read)).toEqual(expectedPlan);
    expect(read.activities[0]?.cells.description).toBe(cellAddress(5, 12));
  });

  it('without the period column (the plain section VIII layout)', async () => {
    const read = await variant('no-period', (g) => ({
      ...g,
      values: g.values.map((row) => row.filter((_, c) => c !== 3)),
      merges: [],
    }));
    expect(plan(read)).toEqual(expectedPlan);
    expect(read.activities.every((a) => a.period === undefined)).toBe(true);
  });

  it('other sheets first: the cronograma is found by its content, or by the sheet named', async () => {
    const file = tmp.path('extra-sheets.xlsx');
    const layout = seedLayout();
    await writeGrids(
      file,
      { name: 'Notas', values: [['Pendientes de la semana'], ['Ene', 'Feb']] },
      {
        name: 'Resumen',
        values: [
          ['Eje', 'Avance'],
          [1, 0.5],
        ],
      },
      layout,
    );
    expect(plan(await readFile(file))).toEqual(expectedPlan);
    expect(plan(await readFile(file, 'Cronograma 2021'))).toEqual(expectedPlan);
    const wrong = findCronograma(await readWorkbookFile(file), 'Notas');
    expect(wrong).toMatchObject({
      ok: false,
      message: expect.stringContaining('«Notas» no parece un cronograma'),
    });
    const missing = findCronograma(await readWorkbookFile(file), 'Otra');
    expect(missing).toMatchObject({
      ok: false,
      message: expect.stringContaining('«Notas», «Resumen», «Cronograma 2021»'),
    });
  });

  it('reports every problem of a damaged sheet with its cell', async () => {
    const layout = seedLayout();
    const rowOf = (id: string) =>
      layout.activityRows[seedProgramme.activities.findIndex((a) => a.id === id)]!;
    const jan = layout.monthColumns.get(1)!;
    const read = await variant('damaged', (g) => {
      const v = g.values;
      v[rowOf('1.2')]![jan + 2] = 'ver oficio'; // text that is no mark nor status
      v[rowOf('2.2')]![2] = null; // description erased
      for (let c = jan; c < jan + 12; c++) v[rowOf('2.3')]![c] = null; // no month left
      v[rowOf('3.1')]![0] = 4; // axis 3 renumbered 4: a gap
      v[rowOf('3.1')]![2] =
        'La difusión de materiales relevantes en temas de democracia, derechos político-electorales, educación cívica y construcción de ciudadanía, tales como infografías, programas, convocatorias, contenidos, entre otros.'; // same as 3.2
      v[rowOf('4.2')]![jan + 5] = 'Realizada'; // a status outside the plan is fine in the sheet alone
      return g;
    });
    const issues = validateCronograma(read, { today: '2021-01-01' });
    const at = (id: string, col: number) => cellAddress(rowOf(id), col);
    expect(codes(issues.filter((i) => i.severity === 'error'))).toEqual([
      `month.unknown_text@${at('1.2', jan + 2)}`,
      `activity.missing_description@${at('2.2', 2)}`,
      `activity.no_months@${at('2.3', 2)}`,
      `axis.gap@${at('3.1', 0)}`,
      `activity.duplicate_description@${at('3.2', 2)}`,
      // the real axis 4 now shares its number with the renumbered axis 3
      `axis.duplicate_number@${at('4.1', 0)}`,
    ]);
    expect(issues.filter((i) => i.severity === 'error').every((i) => i.message.length > 30)).toBe(
      true,
    );
  });

  it('takes a hyperlink in a month cell as the evidence', async () => {
    const layout = seedLayout();
    const r = layout.activityRows[0]!;
    const c = layout.monthColumns.get(1)!;
    layout.values[r]![c] = 'Realizada';
    const file = tmp.path('evidence.xlsx');
    await writeGrids(file, {
      ...layout,
      hyperlinks: { [cellAddress(r, c)]: 'https://www.iecm.mx/evidencia.pdf' },
    });
    const read = await readFile(file);
    expect(read.activities[0]).toMatchObject({
      statuses: { 1: 'realizada' },
      evidence: { 1: 'https://www.iecm.mx/evidencia.pdf' },
    });
    expect(
      codes(validateCronograma(read, { today: '2021-02-01' })).filter((c) =>
        c.startsWith('status.'),
      ),
    ).toEqual([]);
  });

  it('refuses a file that is not a workbook with a clear message', async () => {
    const file = tmp.path('not-a-workbook.xlsx');
    writeFileSync(file, 'No., Actividades\n1, algo\n');
    await expect(readWorkbookFile(file)).rejects.toThrow(WorkbookError);
    await expect(readWorkbookFile(file)).rejects.toThrow(/no es un libro de Excel/);
    await expect(readWorkbookFile(tmp.path('missing.xlsx'))).rejects.toThrow(
      /No existe el archivo/,
    );
  });
});
