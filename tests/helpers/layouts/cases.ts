/**
 * One sheet per habit, alone (the 2021 layout with that one thing changed), and a few that
 * combine many, each named after what a user sees in it. Used by the .xlsx tests and the
 * Excel (office-addin-mock) tests alike.
 */
import { Habits, PLAIN_HABITS, Programme, SAMPLE_PROGRAMME, buildWorkbookSpec } from './habits';
import { SheetSpec, WorkbookSpec } from './sheet-spec';

export interface LayoutCase {
  name: string;
  habits: Partial<Habits>;
  programme?: Programme;
  seed?: number;
  /** What must be visible in the sheet for the case to show its habit (guards the generator). */
  shows?: (sheet: SheetSpec, spec: WorkbookSpec) => boolean;
}

const values = (sheet: SheetSpec) => [...sheet.cells.values()].map((c) => c.value);
const texts = (sheet: SheetSpec) => values(sheet).filter((v): v is string => typeof v === 'string');
const count = (sheet: SheetSpec, text: string) => texts(sheet).filter((t) => t === text).length;

export const HABIT_CASES: LayoutCase[] = [
  {
    name: 'reads the 2021 layout: title, «No. | Ejes de acción | Actividades | Ene…Dic», axis cells merged, ✓ marks',
    habits: {},
  },
  // 1. Titles, banners and repeated headers.
  {
    name: 'skips the title merged over the whole sheet when it is repeated where a printed page begins',
    habits: {
      pageBreaks: [
        { at: 2, kind: 'title' },
        { at: 6, kind: 'title' },
      ],
    },
    shows: (s) => count(s, 'PROGRAMA ANUAL DE TRABAJO 2021') === 3,
  },
  {
    name: 'skips section banners («ACTIVIDADES SUSTANTIVAS», «PRIMER SEMESTRE») merged over the whole width',
    habits: { sections: true },
    seed: 4,
    shows: (s) => texts(s).filter((t) => /SEMESTRE|ACTIVIDADES |PROYECTOS/.test(t)).length >= 2,
  },
  {
    name: 'skips the header row repeated where a printed page begins, in the middle of an axis',
    habits: {
      pageBreaks: [
        { at: 1, kind: 'header' },
        { at: 7, kind: 'both' },
      ],
    },
    shows: (s) => count(s, 'Actividades') === 3,
  },
  {
    name: 'reads a two-row header: «No. | Ejes de acción | Actividades | MESES» over the month row',
    habits: { header: { rows: 2, band: 'meses', labels: 'top', fill: 'FFD9D2E9' } },
  },
  {
    name: 'reads a two-row header whose labels are merged down both rows, repeated on every page',
    habits: {
      header: { rows: 2, band: 'meses', labels: 'merged', fill: null },
      pageBreaks: [
        { at: 3, kind: 'both' },
        { at: 5, kind: 'header' },
      ],
    },
  },
  {
    name: 'reads a header with quarter bands («PRIMER TRIMESTRE» …) over the months',
    habits: { header: { rows: 2, band: 'trimestres', labels: 'bottom', fill: 'FFBDD7EE' } },
  },
  // 2. Axes.
  {
    name: 'reads the axis number and name written only on the first row of each group, blank below',
    habits: {
      axis: { kind: 'columns', fill: 'first', numberLabel: 'No.', nameLabel: 'Ejes de acción' },
    },
  },
  {
    name: 'reads the axis number and name repeated on every row',
    habits: {
      axis: { kind: 'columns', fill: 'every', numberLabel: 'Núm.', nameLabel: 'Eje de acción' },
    },
  },
  {
    name: 'reads axes written as «EJE 2. Educación cívica» banners merged across the sheet',
    habits: { axis: { kind: 'banner', style: 'EJE n.', upper: true, merged: true, at: 'first' } },
    shows: (s) => texts(s).includes('EJE 2. Vinculación institucional'),
  },
  {
    name: 'reads axes written as «Eje 2: Educación cívica» in one cell of the first column',
    habits: { axis: { kind: 'banner', style: 'Eje n:', upper: false, merged: false, at: 'first' } },
    shows: (s) => texts(s).includes('Eje 2: Vinculación institucional'),
  },
  {
    name: 'reads axes written as «2. Educación cívica» in the activity column',
    habits: { axis: { kind: 'banner', style: 'n.', upper: false, merged: false, at: 'activity' } },
    shows: (s) => texts(s).includes('2. Vinculación institucional'),
  },
  {
    name: 'reads axes written as «II. Educación cívica» with roman numerals',
    habits: { axis: { kind: 'banner', style: 'roman', upper: false, merged: true, at: 'first' } },
    shows: (s) => texts(s).includes('III. Transparencia y rendición de cuentas'),
  },
  {
    name: 'reads the axis from the activity number («2.3») when the sheet names no axes',
    habits: { axis: { kind: 'prefix' }, activityId: { label: 'No.', sequential: true } },
    shows: (s) => texts(s).includes('2.2') && !texts(s).includes('Educación cívica'),
  },
  // 3. Activity numbers.
  ...(['No.', 'Núm.', 'ID', 'Clave'] as const).map((label): LayoutCase => ({
    name:
      label === 'No.' || label === 'Núm.'
        ? `uses the «${label}» column's «2.3» numbers as the ids, under «EJE 1.» banners`
        : `uses the «${label}» column's «2.3» numbers as the ids, beside the axis columns`,
    habits: {
      axis:
        label === 'No.' || label === 'Núm.'
          ? { kind: 'banner', style: 'EJE n.', upper: true, merged: true, at: 'first' }
          : PLAIN_HABITS.axis,
      activityId: { label, sequential: true },
    },
  })),
  {
    name: 'reads an axis-number column labelled «Eje» beside a «No.» column of activity numbers',
    habits: {
      axis: { kind: 'columns', fill: 'merged', numberLabel: 'Eje', nameLabel: 'Ejes de acción' },
      activityId: { label: 'No.', sequential: true },
    },
  },
  {
    name: 'keeps ids numbered with gaps (1.2, 1.5, 1.6) as written',
    habits: { activityId: { label: 'ID', sequential: false } },
    shows: (_s, spec) => {
      const position = new Map<number, number>();
      return spec.expected.activities.some((a) => {
        const n = (position.get(a.axis) ?? 0) + 1;
        position.set(a.axis, n);
        return a.id !== `${a.axis}.${n}`;
      });
    },
  },
  // 4. Month headers.
  ...(
    [
      ['«Ene Feb … Dic»', { kind: 'abbr', case: 'title', dot: false }],
      ['«ENE. FEB. … DIC.»', { kind: 'abbr', case: 'upper', dot: true }],
      ['«ene feb … dic» with «sept»', { kind: 'abbr', case: 'lower', dot: false, september: 1 }],
      ['«Set.» for September', { kind: 'abbr', case: 'title', dot: true, september: 2 }],
      ['«Enero … Diciembre»', { kind: 'full', case: 'title' }],
      ['«ENERO … SETIEMBRE … DICIEMBRE»', { kind: 'full', case: 'upper', september: 1 }],
      ['numbers 1–12 under a merged «Meses» band', { kind: 'number' }],
    ] as const
  ).map(([what, months]): LayoutCase => ({
    name: `reads month headers written as ${what}`,
    habits: { months: { ...PLAIN_HABITS.months, ...months } },
  })),
  ...(
    [
      ['dates formatted «mmm»', 'date', 'mmm'],
      ['dates formatted «mmm-yy»', 'date', 'mmm-yy'],
      ['serial numbers formatted «mmm»', 'serial', 'mmm'],
      ['serial numbers formatted «mmm-yy»', 'serial', 'mmm-yy'],
    ] as const
  ).map(([what, kind, format]): LayoutCase => ({
    name: `reads month headers written as ${what}, and takes the year (2019) from them`,
    habits: {
      title: 'none',
      months: { kind, case: 'title', dot: false, september: 0, format },
    },
    programme: { ...SAMPLE_PROGRAMME, year: 2019 },
    shows: (s) => !texts(s).some((t) => t.includes('2019')),
  })),
  {
    name: 'takes the year from a title written «AÑO 2023»',
    habits: { titleText: 'AÑO {Y}', title: 'cell' },
    programme: { ...SAMPLE_PROGRAMME, year: 2023 },
  },
  // 5. Marks.
  ...['✔', '•', 'x', 'X', '>', '*', 'V', '●', '☑'].map((glyph): LayoutCase => ({
    name: `reads «${glyph}» as a mark`,
    habits: { marks: { kind: 'glyph', glyph } },
  })),
  {
    name: 'reads any single letter («P») as a mark',
    habits: { marks: { kind: 'letter', letter: 'P' } },
  },
  {
    name: 'reads a mix of glyphs in one sheet',
    habits: { marks: { kind: 'mixed' } },
  },
  {
    name: 'reads the number 1 as a mark (staff sum them in a Total column)',
    habits: {
      marks: { kind: 'one' },
      extras: [{ kind: 'total', label: 'Total', where: 'after', at: 0 }],
    },
  },
  {
    name: 'reads TRUE as a mark, and FALSE in the other months as none',
    habits: { marks: { kind: 'true', falseInEmpty: true } },
  },
  {
    name: 'reads a green fill with no value as a mark',
    habits: { marks: { kind: 'fill', colour: 'FF92D050' } },
  },
  {
    name: 'does not take a zebra-striped row background for marks',
    habits: { zebra: 'FFD9D9D9' },
    shows: (s) => [...s.cells.values()].some((c) => c.fill === 'FFD9D9D9'),
  },
  {
    name: 'reads fill marks on a zebra-striped sheet, the stripes not being marks',
    habits: { zebra: 'FFF2F2F2', marks: { kind: 'fill', colour: 'FFFFC000' } },
  },
  {
    name: 'reads status words in month cells (Realizada, En proceso …; Pendiente is a bare mark)',
    habits: { statusWords: true },
  },
  // 6. Extra columns, hidden cells, summaries.
  {
    name: 'ignores a Total column with SUM formulas after the months',
    habits: {
      marks: { kind: 'one' },
      extras: [{ kind: 'total', label: 'TOTAL', where: 'after', at: 0 }],
    },
  },
  {
    name: 'ignores a Total column (COUNTA) between the activity and the months',
    habits: { extras: [{ kind: 'total', label: 'Total', where: 'before', at: 3 }] },
  },
  {
    name: 'ignores Responsable, Observaciones and Periodo de ejecución columns wherever they are',
    habits: {
      extras: [
        { kind: 'responsable', label: 'Responsable', where: 'before', at: 0 },
        { kind: 'periodo', label: 'Periodo de ejecución', where: 'before', at: 3 },
        { kind: 'observaciones', label: 'Observaciones', where: 'after', at: 0 },
      ],
    },
  },
  {
    name: 'reads a «Periodo» column between the axis columns',
    habits: { extras: [{ kind: 'periodo', label: 'Periodo', where: 'before', at: 1 }] },
  },
  {
    name: 'reads hidden rows and hidden columns too',
    habits: { hiddenRows: true, hiddenCols: true },
    seed: 3,
    shows: (s) => s.hiddenRows.length > 0 && s.hiddenCols.length > 0,
  },
  {
    name: 'stops at a «Total» row summing each month below the cronograma, with a warning there',
    habits: { summary: 'total', marks: { kind: 'one' } },
  },
  {
    name: 'stops at a «Resumen por eje» table below the cronograma, with a warning there',
    habits: { summary: 'resumen' },
  },
  // Where the table is, and what is around it.
  {
    name: 'finds the header below rows of notes and a logo',
    habits: { notes: 3 },
  },
  {
    name: 'reads a table that starts in column C',
    habits: { startCol: 2 },
  },
  {
    name: 'reads blank rows between activities',
    habits: { blankRows: true },
    seed: 4,
    shows: (_s, spec) =>
      spec.expected.activities.some((a, i, all) => i > 0 && a.row > all[i - 1]!.row + 1),
  },
  {
    name: 'finds the cronograma after a cover sheet',
    habits: { cover: 'Portada', sheetName: 'Hoja1' },
  },
  {
    name: 'reads columns in another order (Actividades first, the axis name before its number)',
    habits: { order: [3, 2, 1, 0] },
  },
  {
    name: 'leaves out a struck-through (retired) activity',
    habits: { retired: true },
  },
  {
    name: 'collapses line breaks and double spaces in descriptions',
    habits: { messyText: true },
    seed: 11,
    shows: (s) => texts(s).some((t) => /\s\s|\n/.test(t)),
  },
  {
    name: 'reads axis cells coloured per axis',
    habits: { axisColours: true },
  },
];

export const COMBINED_CASES: LayoutCase[] = [
  {
    name: 'a planning office: cover sheet, notes, dated 2019 months under quarter bands repeated per page, banners, zebra with fill marks, Total, summary',
    programme: { ...SAMPLE_PROGRAMME, year: 2019 },
    habits: {
      cover: 'Portada',
      notes: 2,
      title: 'none',
      header: { rows: 2, band: 'trimestres', labels: 'merged', fill: 'FF1F4E78' },
      months: { kind: 'date', case: 'title', dot: false, september: 0, format: 'mmm-yy' },
      axis: { kind: 'banner', style: 'EJE n.', upper: true, merged: true, at: 'first' },
      zebra: 'FFF2F2F2',
      marks: { kind: 'fill', colour: 'FF548235' },
      extras: [{ kind: 'total', label: 'Total', where: 'after', at: 0 }],
      pageBreaks: [{ at: 4, kind: 'header' }],
      summary: 'total',
      hiddenCols: true,
    },
  },
  {
    name: 'a records office: «Clave» numbers only, full month names, letter marks, hidden rows, a «Resumen» table',
    habits: {
      startCol: 1,
      axis: { kind: 'prefix' },
      activityId: { label: 'Clave', sequential: false },
      months: { kind: 'full', case: 'upper', dot: false, september: 1, format: 'mmm' },
      marks: { kind: 'letter', letter: 'a' },
      extras: [
        { kind: 'responsable', label: 'Área responsable', where: 'after', at: 0 },
        { kind: 'observaciones', label: 'Observaciones', where: 'after', at: 0 },
      ],
      hiddenRows: true,
      summary: 'resumen',
      statusWords: true,
    },
  },
  {
    name: 'a legal area: axis on the first row only, section banners, titles and headers repeated per page, statuses, a retired activity, messy text',
    habits: {
      axis: { kind: 'columns', fill: 'first', numberLabel: 'No.', nameLabel: 'EJES DE ACCIÓN' },
      header: { rows: 2, band: 'meses', labels: 'top', fill: null },
      sections: true,
      pageBreaks: [
        { at: 2, kind: 'both' },
        { at: 6, kind: 'title' },
      ],
      statusWords: true,
      retired: true,
      messyText: true,
      blankRows: true,
      extras: [{ kind: 'periodo', label: 'Periodo', where: 'before', at: 2 }],
    },
  },
  {
    name: 'a checkbox sheet: TRUE/FALSE marks, numbered months under «Meses», ids with gaps, columns reordered, hidden columns',
    habits: {
      marks: { kind: 'true', falseInEmpty: true },
      months: { kind: 'number', case: 'title', dot: false, september: 0, format: 'mmm' },
      activityId: { label: 'ID', sequential: false },
      order: [2, 0, 1, 3],
      hiddenCols: true,
      extras: [{ kind: 'total', label: 'Total', where: 'after', at: 0 }],
      axisColours: true,
    },
  },
];

export function caseSpec(c: LayoutCase): WorkbookSpec {
  return buildWorkbookSpec(
    c.programme ?? SAMPLE_PROGRAMME,
    { ...PLAIN_HABITS, ...c.habits },
    c.seed ?? 1,
  );
}
