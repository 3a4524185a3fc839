/**
 * fast-check arbitraries: random programmes (1–6 axes, 1–6 activities each, random months and
 * statuses) laid out with random combinations of the habits in habits.ts.
 */
import fc from 'fast-check';
import {
  AXIS_NAMES,
  COMPLEMENTS,
  COVER_SHEETS,
  GLYPHS,
  HEADER_FILLS,
  LETTERS,
  MARK_FILLS,
  OBJECTS,
  SHEET_NAMES,
  STATUS_WORDS,
  StatusWord,
  TITLES,
  VERBS,
  ZEBRA_FILLS,
} from './vocabulary';
import {
  AxisHabit,
  ExtraColumn,
  Habits,
  MarkHabit,
  MonthHabit,
  ProgActivity,
  Programme,
  buildWorkbookSpec,
} from './habits';
import { WorkbookSpec } from './sheet-spec';

export function sentence(verb: number, object: number, complement: number): string {
  const v = VERBS[verb % VERBS.length]!;
  const o = OBJECTS[object % OBJECTS.length]!;
  const c = COMPLEMENTS[complement % COMPLEMENTS.length]!;
  const joined = `${v} ${o}`.replace(/ a el /, ' al ');
  return c ? `${joined} ${c}` : joined;
}

const description = fc
  .tuple(fc.nat(VERBS.length - 1), fc.nat(OBJECTS.length - 1), fc.nat(COMPLEMENTS.length - 1))
  .map(([v, o, c]) => sentence(v, o, c));

const statusWord = fc.constantFrom(...(Object.keys(STATUS_WORDS) as StatusWord[]));

export const activity: fc.Arbitrary<ProgActivity> = fc
  .record({
    description,
    months: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }),
    words: fc.array(fc.option(statusWord, { freq: 3 }), { minLength: 12, maxLength: 12 }),
    responsible: fc.nat(20),
    observation: fc.option(fc.nat(20), { freq: 2 }),
    idGap: fc.nat(3),
  })
  .map(({ months, words, ...rest }) => {
    const sorted = [...months].sort((a, b) => a - b);
    return {
      ...rest,
      months: sorted,
      words: Object.fromEntries(
        sorted.flatMap((m) => (words[m - 1] ? [[m, words[m - 1]!]] : [])),
      ) as ProgActivity['words'],
    };
  });

export const programme: fc.Arbitrary<Programme> = fc
  .record({
    year: fc.integer({ min: 2018, max: 2027 }),
    nameOffset: fc.nat(AXIS_NAMES.length - 1),
    axes: fc.array(fc.array(activity, { minLength: 1, maxLength: 6 }), {
      minLength: 1,
      maxLength: 6,
    }),
    retired: fc.record({ axis: fc.nat(5), activity }),
  })
  .map(({ year, nameOffset, axes, retired }) => ({
    year,
    axes: axes.map((activities, i) => ({
      name: AXIS_NAMES[(nameOffset + i) % AXIS_NAMES.length]!,
      activities,
    })),
    retired,
  }));

const monthHabit: fc.Arbitrary<MonthHabit> = fc.record({
  kind: fc.constantFrom('abbr', 'abbr', 'full', 'number', 'date', 'serial'),
  case: fc.constantFrom('title', 'upper', 'lower'),
  dot: fc.boolean(),
  september: fc.constantFrom(0, 1, 2),
  format: fc.constantFrom('mmm', 'mmm-yy', 'mmmm', '[$-es-MX]mmm-yy'),
});

/** Label pairs where the axis number and the activity id columns never share a label. */
const axisAndId = fc
  .record({
    axisKind: fc.constantFrom('columns', 'columns', 'banner', 'prefix'),
    fill: fc.constantFrom('merged', 'first', 'every'),
    numberLabel: fc.constantFrom('No.', 'Núm.', 'No. de eje', 'Eje'),
    nameLabel: fc.constantFrom(
      'Ejes de acción',
      'Eje de acción',
      'EJES DE ACCIÓN',
      'Nombre del eje',
    ),
    bannerStyle: fc.constantFrom('EJE n.', 'Eje n:', 'n.', 'roman'),
    upper: fc.boolean(),
    merged: fc.boolean(),
    at: fc.constantFrom('first', 'activity'),
    hasId: fc.boolean(),
    idLabel: fc.constantFrom('No.', 'Núm.', 'ID', 'Clave'),
    sequential: fc.boolean(),
  })
  .map((x) => {
    const axis: AxisHabit =
      x.axisKind === 'columns'
        ? { kind: 'columns', fill: x.fill, numberLabel: x.numberLabel, nameLabel: x.nameLabel }
        : x.axisKind === 'banner'
          ? { kind: 'banner', style: x.bannerStyle, upper: x.upper, merged: x.merged, at: x.at }
          : { kind: 'prefix' };
    const wantsId = x.axisKind === 'prefix' || x.hasId;
    // «No.» and «Núm.» both read "number": never on two columns of one sheet.
    const numberish = (l: string) => l === 'No.' || l === 'Núm.';
    const idLabel =
      axis.kind === 'columns' && numberish(axis.numberLabel) && numberish(x.idLabel)
        ? 'Clave'
        : x.idLabel;
    return {
      axis,
      activityId: wantsId ? { label: idLabel, sequential: x.sequential } : null,
    };
  });

const EXTRA_LABELS = {
  total: ['Total', 'TOTAL'],
  responsable: ['Responsable', 'Área responsable', 'RESPONSABLE'],
  observaciones: ['Observaciones', 'OBSERVACIONES'],
  periodo: ['Periodo', 'Periodo de ejecución', 'PERIODO DE EJECUCIÓN'],
} as const;

const extra: fc.Arbitrary<ExtraColumn> = fc
  .record({
    kind: fc.constantFrom('total', 'responsable', 'observaciones', 'periodo'),
    label: fc.nat(2),
    where: fc.constantFrom('before', 'after', 'after'),
    at: fc.nat(5),
  })
  .map(({ kind, label, where, at }) => ({
    kind,
    label: EXTRA_LABELS[kind][label % EXTRA_LABELS[kind].length]!,
    where,
    at,
  }));

const marks: fc.Arbitrary<MarkHabit> = fc.oneof(
  fc.record({ kind: fc.constant('glyph' as const), glyph: fc.constantFrom(...GLYPHS) }),
  fc.record({ kind: fc.constant('letter' as const), letter: fc.constantFrom(...LETTERS) }),
  fc.constant({ kind: 'one' as const }),
  fc.record({ kind: fc.constant('true' as const), falseInEmpty: fc.boolean() }),
  fc.record({ kind: fc.constant('fill' as const), colour: fc.constantFrom(...MARK_FILLS) }),
  fc.constant({ kind: 'mixed' as const }),
);

/** Habits, each present about a third of the time, so most runs combine several. */
export const habits: fc.Arbitrary<Habits> = fc
  .record({
    sheetName: fc.constantFrom(...SHEET_NAMES),
    cover: fc.option(fc.constantFrom(...COVER_SHEETS), { freq: 4 }),
    notes: fc.constantFrom(0, 0, 1, 2, 3),
    startCol: fc.constantFrom(0, 0, 0, 1, 2),
    title: fc.constantFrom('none', 'merged', 'merged', 'cell'),
    titleText: fc.constantFrom(...TITLES),
    header: fc.record({
      rows: fc.constantFrom(1 as const, 2 as const),
      band: fc.constantFrom('meses', 'trimestres', 'semestres'),
      labels: fc.constantFrom('top', 'bottom', 'merged'),
      fill: fc.option(fc.constantFrom(...HEADER_FILLS)),
    }),
    months: monthHabit,
    axisAndId,
    activityLabel: fc.constantFrom(
      'Actividades',
      'ACTIVIDADES',
      'Actividad',
      'Descripción de la actividad',
    ),
    order: fc.oneof(
      fc.constant<number[]>([0, 1, 2, 3]),
      fc.array(fc.nat(9), { minLength: 4, maxLength: 4 }),
    ),
    extras: fc.uniqueArray(extra, { maxLength: 4, selector: (e) => e.kind }),
    marks,
    statusWords: fc.boolean(),
    zebra: fc.option(fc.constantFrom(...ZEBRA_FILLS), { freq: 2 }),
    axisColours: fc.boolean(),
    pageBreaks: fc.array(
      fc.record({ at: fc.nat(40), kind: fc.constantFrom('title', 'header', 'both') }),
      { maxLength: 2 },
    ),
    sections: fc.boolean(),
    blankRows: fc.boolean(),
    hiddenRows: fc.boolean(),
    hiddenCols: fc.boolean(),
    summary: fc.constantFrom(null, null, 'total', 'resumen'),
    retired: fc.boolean(),
    messyText: fc.boolean(),
  })
  .map(({ axisAndId: { axis, activityId }, ...rest }) => ({ ...rest, axis, activityId }));

/** A random programme laid out with random habits, and what a person reads in it. */
export const sheetSpec: fc.Arbitrary<WorkbookSpec> = fc
  .tuple(programme, habits, fc.integer({ min: 1, max: 0x7fffffff }))
  .map(([p, h, seed]) => {
    const spec = buildWorkbookSpec(p, h, seed);
    // Counterexamples print as the habits and the programme, not as thousands of cells.
    Object.defineProperty(spec, fc.toStringMethod, {
      value: () =>
        `${spec.habits.join('; ')}; layout seed ${seed}; ${p.year}, activities per axis ${p.axes.map((a) => a.activities.length).join('/')}`,
      enumerable: false,
    });
    return spec;
  });
