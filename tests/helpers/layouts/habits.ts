/**
 * How offices lay out their cronograma (the habits), and `buildWorkbookSpec`, which writes a
 * programme into a sheet with a given set of habits and says what a person reads in it.
 */
import {
  AXIS_FILLS,
  GLYPHS,
  MONTH_ABBR,
  MONTH_FULL,
  NOTES,
  OBSERVATIONS,
  RESPONSIBLES,
  SECTION_BANNERS,
  STATUS_WORDS,
  StatusWord,
  roman,
} from './vocabulary';
import {
  Expected,
  ExpectedActivity,
  RawValue,
  SheetBuilder,
  WorkbookSpec,
  a1,
  letters,
} from './sheet-spec';

export interface ProgActivity {
  description: string;
  /** Sorted, unique, 1–12, at least one. */
  months: number[];
  /** Status words written in some planned months (the others hold a bare mark). */
  words: Partial<Record<number, StatusWord>>;
  responsible: number;
  observation: number | null;
  /** Used when ids are not sequential: how many numbers are skipped before this one. */
  idGap: number;
}

export interface ProgAxis {
  name: string;
  activities: ProgActivity[];
}

export interface Programme {
  year: number;
  axes: ProgAxis[];
  /** An activity struck through (retired), written last in axis `axis % axes`. */
  retired: { axis: number; activity: ProgActivity };
}

export type AxisHabit =
  | {
      kind: 'columns';
      /** Axis number and name cells: merged down the axis, only on its first row, or on every row. */
      fill: 'merged' | 'first' | 'every';
      numberLabel: string;
      nameLabel: string;
    }
  | {
      kind: 'banner';
      style: 'EJE n.' | 'Eje n:' | 'n.' | 'roman';
      /** The «EJE» word in capitals. */
      upper: boolean;
      merged: boolean;
      /** Where a one-cell banner sits: the sheet's first column or the activity column. */
      at: 'first' | 'activity';
    }
  | { kind: 'prefix' };

export interface MonthHabit {
  kind: 'abbr' | 'full' | 'number' | 'date' | 'serial';
  case: 'title' | 'upper' | 'lower';
  dot: boolean;
  /** 0: Sep / Septiembre, 1: Sept / Setiembre, 2: Set / Setiembre. */
  september: 0 | 1 | 2;
  /** Number format of date headers. */
  format: string;
}

export type MarkHabit =
  | { kind: 'glyph'; glyph: string }
  | { kind: 'letter'; letter: string }
  | { kind: 'one' }
  | { kind: 'true'; falseInEmpty: boolean }
  | { kind: 'fill'; colour: string }
  | { kind: 'mixed' };

export type ExtraKind = 'total' | 'responsable' | 'observaciones' | 'periodo';

export interface ExtraColumn {
  kind: ExtraKind;
  label: string;
  /** Before the months (at a position among the fixed columns) or after them. */
  where: 'before' | 'after';
  at: number;
}

export interface PageBreak {
  /** Before which activity (taken modulo the activities after the first). */
  at: number;
  kind: 'title' | 'header' | 'both';
}

export interface Habits {
  sheetName: string;
  cover: string | null;
  /** Rows of notes (institution, commission…) above everything. */
  notes: number;
  /** Blank columns left of the table. */
  startCol: number;
  title: 'none' | 'merged' | 'cell';
  titleText: string;
  header: {
    rows: 1 | 2;
    /** The band over the months in a two-row header. */
    band: 'meses' | 'trimestres' | 'semestres';
    /** Where the column labels go in a two-row header. */
    labels: 'top' | 'bottom' | 'merged';
    fill: string | null;
  };
  months: MonthHabit;
  axis: AxisHabit;
  activityId: { label: string; sequential: boolean } | null;
  activityLabel: string;
  /** Sort keys for the fixed columns (axis number, axis name, activity id, activity). */
  order: number[];
  extras: ExtraColumn[];
  marks: MarkHabit;
  statusWords: boolean;
  zebra: string | null;
  axisColours: boolean;
  pageBreaks: PageBreak[];
  sections: boolean;
  blankRows: boolean;
  hiddenRows: boolean;
  hiddenCols: boolean;
  summary: null | 'total' | 'resumen';
  retired: boolean;
  messyText: boolean;
}

type ColKind = 'axisNumber' | 'axisName' | 'activityId' | 'activity' | ExtraKind | number;

/** A small deterministic generator for the placement choices a habit leaves open. */
export function rng(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

export function excelSerial(year: number, month: number): number {
  return (Date.UTC(year, month - 1, 1) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

function monthHeader(h: MonthHabit, year: number, m: number): { value: RawValue; numFmt?: string } {
  const cased = (text: string) =>
    h.case === 'upper' ? text.toUpperCase() : h.case === 'lower' ? text.toLowerCase() : text;
  switch (h.kind) {
    case 'abbr': {
      const base = m === 9 ? (['Sep', 'Sept', 'Set'] as const)[h.september] : MONTH_ABBR[m - 1]!;
      return { value: cased(base) + (h.dot ? '.' : '') };
    }
    case 'full':
      return { value: cased(m === 9 && h.september > 0 ? 'Setiembre' : MONTH_FULL[m - 1]!) };
    case 'number':
      return { value: m };
    case 'date':
      return { value: new Date(Date.UTC(year, m - 1, 1)), numFmt: h.format };
    case 'serial':
      return { value: excelSerial(year, m), numFmt: h.format };
  }
}

function periodText(months: number[]): string {
  if (months.length === 12) return 'Permanente';
  const first = months[0]!;
  const last = months[months.length - 1]!;
  if (months.length === 1) return MONTH_FULL[first - 1]!;
  if (last - first + 1 === months.length)
    return `${MONTH_FULL[first - 1]} a ${MONTH_FULL[last - 1]!.toLowerCase()}`;
  return 'Conforme al calendario';
}

function bannerText(axis: Extract<AxisHabit, { kind: 'banner' }>, n: number, name: string) {
  const eje = axis.upper ? 'EJE' : 'Eje';
  switch (axis.style) {
    case 'EJE n.':
      return `${eje} ${n}. ${name}`;
    case 'Eje n:':
      return `${eje} ${n}: ${name}`;
    case 'n.':
      return `${n}. ${name}`;
    case 'roman':
      return `${roman(n)}. ${name}`;
  }
}

const BANDS = {
  meses: [['MESES', 12]],
  trimestres: [
    ['PRIMER TRIMESTRE', 3],
    ['SEGUNDO TRIMESTRE', 3],
    ['TERCER TRIMESTRE', 3],
    ['CUARTO TRIMESTRE', 3],
  ],
  semestres: [
    ['PRIMER SEMESTRE', 6],
    ['SEGUNDO SEMESTRE', 6],
  ],
} as const;

/** What a person writes and reads for one programme laid out with the given habits. */
export function buildWorkbookSpec(p: Programme, h: Habits, seed = 1): WorkbookSpec {
  const rnd = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const year = p.year;
  const dated = h.months.kind === 'date' || h.months.kind === 'serial';
  // Without dates in the header the title is where the year is.
  const title = h.title === 'none' && !dated ? 'cell' : h.title;
  const header =
    h.months.kind === 'number'
      ? { ...h.header, rows: 2 as const, band: 'meses' as const }
      : h.header;
  const activityId =
    h.axis.kind === 'prefix' && !h.activityId ? { label: 'ID', sequential: true } : h.activityId;
  const titleText = h.titleText.replace('{Y}', String(year));
  const b = new SheetBuilder(h.sheetName.replace('{Y}', String(year)));

  // Columns: the fixed ones in the sheet's order, extras among them or after the months.
  const fixed: ColKind[] = [
    ...(h.axis.kind === 'columns' ? (['axisNumber', 'axisName'] as const) : []),
    ...(activityId ? (['activityId'] as const) : []),
    'activity',
  ];
  const pre = fixed
    .map((k, i) => [h.order[i] ?? i, i, k] as const)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1])
    .map(([, , k]) => k as ColKind);
  const post: ColKind[] = [];
  const labels = new Map<ColKind, string>();
  for (const extra of h.extras) {
    if (labels.has(extra.kind)) continue;
    labels.set(extra.kind, extra.label);
    if (extra.where === 'before') pre.splice(extra.at % (pre.length + 1), 0, extra.kind);
    else post.push(extra.kind);
  }
  const cols: ColKind[] = [...pre, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, ...post];
  const W = cols.length;
  const c0 = h.startCol;
  const colOf = (k: ColKind) => {
    const i = cols.indexOf(k);
    return i < 0 ? undefined : c0 + i;
  };
  const activityCol = colOf('activity')!;
  const firstMonthCol = colOf(1)!;
  const lastMonthCol = colOf(12)!;
  if (h.axis.kind === 'columns') {
    labels.set('axisNumber', h.axis.numberLabel);
    labels.set('axisName', h.axis.nameLabel);
  }
  if (activityId) labels.set('activityId', activityId.label);
  labels.set('activity', h.activityLabel);

  const widths: Record<number, number> = {};
  cols.forEach((k, i) => {
    widths[c0 + i + 1] = k === 'activity' ? 48 : typeof k === 'number' ? 6 : 16;
  });

  let r = 0;
  for (let i = 0; i < h.notes; i++) {
    if (i === 1 && h.notes === 3) {
      r++; // the space a logo takes
      continue;
    }
    b.set(r++, c0, NOTES[i % NOTES.length]);
  }

  const writeTitle = () => {
    b.set(r, c0, titleText, { bold: true });
    if (title === 'merged') b.merge(r, c0, r, c0 + W - 1);
    r++;
  };

  const writeHeader = () => {
    const top = r;
    const monthRow = header.rows === 2 ? r + 1 : r;
    cols.forEach((kind, i) => {
      const c = c0 + i;
      if (typeof kind === 'number') {
        const { value, numFmt } = monthHeader(h.months, year, kind);
        b.set(monthRow, c, value, { bold: true, ...(numFmt ? { numFmt } : {}) });
        return;
      }
      const labelRow = header.rows === 2 && header.labels === 'bottom' ? top + 1 : top;
      b.set(labelRow, c, labels.get(kind), { bold: true });
      if (header.rows === 2 && header.labels === 'merged') b.merge(top, c, top + 1, c);
    });
    if (header.rows === 2) {
      let c = firstMonthCol;
      for (const [text, span] of BANDS[header.band]) {
        b.set(top, c, header.band === 'meses' && h.months.case === 'title' ? 'Meses' : text, {
          bold: true,
        });
        b.merge(top, c, top, c + span - 1);
        c += span;
      }
    }
    if (header.fill)
      for (let rr = top; rr <= monthRow; rr++)
        for (let c = c0; c < c0 + W; c++) b.style(rr, c, { fill: header.fill });
    r = monthRow + 1;
  };

  if (title !== 'none') writeTitle();
  if (title !== 'none' && rnd() < 0.3) r++;
  writeHeader();

  // The activities, in sheet order, the retired one last in its axis.
  type Item = { axis: number; act: ProgActivity; retired: boolean; id: string };
  const items: Item[][] = p.axes.map((axis, ai) => {
    const list = axis.activities.map((act) => ({ act, retired: false }));
    if (h.retired && p.retired.axis % p.axes.length === ai)
      list.push({ act: p.retired.activity, retired: true });
    let n = 0;
    let live = 0;
    return list.map(({ act, retired }) => {
      n += 1 + (activityId && !activityId.sequential ? act.idGap : 0);
      if (!retired) live++;
      return {
        axis: ai + 1,
        act,
        retired,
        id: activityId ? `${ai + 1}.${n}` : `${ai + 1}.${live}`,
      };
    });
  });
  const total = items.reduce((s, xs) => s + xs.length, 0);
  const breaks = new Map<number, PageBreak['kind']>();
  if (total > 1)
    for (const pb of h.pageBreaks)
      // A repeated title is the merged one (staff copy the title rows); a one-cell title stays on top.
      breaks.set(1 + (pb.at % (total - 1)), title !== 'merged' ? 'header' : pb.kind);

  const writeBreak = (kind: PageBreak['kind']) => {
    if (rnd() < 0.3) r++;
    if (kind !== 'header') writeTitle();
    if (kind !== 'title') writeHeader();
  };

  const activities: ExpectedActivity[] = [];
  const retired: Expected['retired'] = [];
  const activityRows: number[] = [];
  const hidden: number[] = [];
  let g = 0;
  let zebra = 0;
  let sectionIndex = Math.floor(rnd() * SECTION_BANNERS.length);
  const axisHabit = h.axis;

  p.axes.forEach((axis, ai) => {
    const number = ai + 1;
    const axisFill = h.axisColours ? AXIS_FILLS[ai % AXIS_FILLS.length] : undefined;
    if (g > 0 && breaks.has(g)) writeBreak(breaks.get(g)!);
    if (ai > 0 && h.blankRows && rnd() < 0.4) r++;
    if (h.sections && (ai === 0 || rnd() < 0.4)) {
      b.set(r, c0, SECTION_BANNERS[sectionIndex++ % SECTION_BANNERS.length], { bold: true });
      b.merge(r, c0, r, c0 + W - 1);
      r++;
    }
    if (axisHabit.kind === 'banner') {
      const at = axisHabit.merged || axisHabit.at === 'first' ? c0 : activityCol;
      b.set(r, at, bannerText(axisHabit, number, axis.name), { bold: true });
      if (axisHabit.merged) b.merge(r, c0, r, c0 + W - 1);
      if (axisFill) for (let c = c0; c < c0 + W; c++) b.style(r, c, { fill: axisFill });
      r++;
    }

    let segment: { start: number; end: number } | null = null;
    const closeSegment = () => {
      if (segment && axisHabit.kind === 'columns' && axisHabit.fill === 'merged')
        for (const k of ['axisNumber', 'axisName'] as const)
          b.merge(segment.start, colOf(k)!, segment.end, colOf(k)!);
      segment = null;
    };

    items[ai]!.forEach((item, j) => {
      let restart = j === 0;
      if (j > 0) {
        if (breaks.has(g)) {
          closeSegment();
          writeBreak(breaks.get(g)!);
          restart = true;
        }
        if (h.blankRows && rnd() < 0.25) r++;
      }
      const { act } = item;
      const values = new Map<number, RawValue | undefined>();
      const zebraRow = h.zebra !== null && zebra++ % 2 === 1;
      const rowFill = zebraRow ? h.zebra! : undefined;
      const writesAxis =
        axisHabit.kind === 'columns' &&
        (axisHabit.fill === 'every' || restart || (axisHabit.fill === 'merged' && !segment));
      if (axisHabit.kind === 'columns' && axisHabit.fill === 'merged') {
        if (!segment) segment = { start: r, end: r };
        segment.end = r;
      }
      const mergedAxis = axisHabit.kind === 'columns' && axisHabit.fill === 'merged';

      let description = act.description;
      if (h.messyText && rnd() < 0.5) {
        const words = description.split(' ');
        const at = 1 + Math.floor(rnd() * Math.max(1, words.length - 1));
        const glue = pick(['  ', '\n', ' \n ']);
        description =
          words.length > 1
            ? `${words.slice(0, at).join(' ')}${glue}${words.slice(at).join(' ')}`
            : `${description} `;
        if (rnd() < 0.3) description += ' ';
      }

      cols.forEach((kind, i) => {
        const c = c0 + i;
        let value: RawValue | undefined;
        let fill: string | undefined = rowFill;
        let strike = false;
        if (kind === 'axisNumber' || kind === 'axisName') {
          if (writesAxis) value = kind === 'axisNumber' ? number : axis.name;
          if (mergedAxis) fill = undefined;
          if (axisFill) fill = axisFill;
        } else if (kind === 'activityId') value = item.id;
        else if (kind === 'activity') {
          value = description;
          strike = item.retired;
        } else if (kind === 'responsable')
          value = RESPONSIBLES[act.responsible % RESPONSIBLES.length];
        else if (kind === 'observaciones')
          value =
            act.observation === null
              ? undefined
              : OBSERVATIONS[act.observation % OBSERVATIONS.length];
        else if (kind === 'periodo') value = periodText(act.months);
        else if (typeof kind === 'number') {
          const planned = act.months.includes(kind);
          const word = h.statusWords ? act.words[kind] : undefined;
          if (planned) {
            if (word) value = rnd() < 0.2 ? word.toUpperCase() : word;
            else
              switch (h.marks.kind) {
                case 'glyph':
                  value = h.marks.glyph;
                  break;
                case 'letter':
                  value = h.marks.letter;
                  break;
                case 'one':
                  value = 1;
                  break;
                case 'true':
                  value = true;
                  break;
                case 'mixed':
                  value = pick(GLYPHS);
                  break;
                case 'fill':
                  break;
              }
            if (h.marks.kind === 'fill') fill = h.marks.colour;
          } else if (h.marks.kind === 'true' && h.marks.falseInEmpty) value = false;
        }
        values.set(c, value);
        if (kind === 'total') return; // written below, once the months are known
        b.set(r, c, value, {
          ...(fill ? { fill } : {}),
          ...(strike ? { strike } : {}),
        });
      });

      const totalCol = colOf('total');
      if (totalCol !== undefined) {
        const monthValues = [...Array(12).keys()].map((i) => values.get(firstMonthCol + i));
        const range = `${a1(r, firstMonthCol)}:${a1(r, lastMonthCol)}`;
        const formula =
          h.marks.kind === 'one'
            ? {
                formula: `SUM(${range})`,
                result: monthValues.filter((v) => typeof v === 'number').length,
              }
            : h.marks.kind === 'true'
              ? {
                  formula: `COUNTIF(${range},TRUE)`,
                  result: monthValues.filter((v) => v === true).length,
                }
              : {
                  formula: `COUNTA(${range})`,
                  result: monthValues.filter((v) => v !== undefined).length,
                };
        b.set(r, totalCol, formula, rowFill ? { fill: rowFill } : {});
      }

      if (h.hiddenRows && rnd() < 0.2) hidden.push(r);
      activityRows.push(r);
      if (item.retired) retired.push({ description: tidy(act.description), row: r + 1 });
      else
        activities.push({
          id: item.id,
          axis: number,
          axisName: axisHabit.kind === 'prefix' ? '' : axis.name,
          description: tidy(act.description),
          months: [...act.months],
          statuses: h.statusWords
            ? (Object.fromEntries(
                Object.entries(act.words)
                  .filter(([m, w]) => act.months.includes(Number(m)) && w !== 'Pendiente')
                  .map(([m, w]) => [Number(m), STATUS_WORDS[w as StatusWord]]),
              ) as ExpectedActivity['statuses'])
            : {},
          row: r + 1,
        });
      r++;
      g++;
    });
    closeSegment();
  });

  if (h.hiddenRows) {
    if (hidden.length === 0) hidden.push(activityRows[Math.floor(rnd() * activityRows.length)]!);
    for (const row of hidden) b.hideRow(row);
  }
  if (h.hiddenCols) {
    const candidates = cols.map((_, i) => c0 + i).filter((c) => c !== activityCol);
    const n = 1 + Math.floor(rnd() * 2);
    for (let i = 0; i < n; i++) b.hideCol(pick(candidates));
  }

  let summaryStop: string | undefined;
  if (h.summary) {
    r += Math.floor(rnd() * 3);
    const first = activityRows[0]!;
    const last = activityRows[activityRows.length - 1]!;
    if (h.summary === 'total') {
      const label = pick(['Total', 'TOTAL', 'Total de actividades', 'Totales']);
      const at = rnd() < 0.5 ? c0 : activityCol;
      b.set(r, at, label, { bold: true });
      if (at === c0 && activityCol > c0 && rnd() < 0.5) b.merge(r, c0, r, activityCol);
      summaryStop = a1(r, at);
      for (const kind of [
        ...cols.filter((k): k is number => typeof k === 'number'),
        'total' as const,
      ]) {
        const c = colOf(kind);
        // A Total column left of the label stays blank here, so the row still starts with «Total».
        if (c === undefined || (c < firstMonthCol && kind === 'total')) continue;
        let result = 0;
        for (const row of activityRows) {
          const v = b.sheet.cells.get(`${row},${c}`)?.value;
          if (kind === 'total') result += typeof v === 'object' && 'result' in v ? v.result : 0;
          else if (h.marks.kind === 'one' ? typeof v === 'number' : v !== undefined && v !== false)
            result++;
        }
        const fn = h.marks.kind === 'one' || kind === 'total' ? 'SUM' : 'COUNTA';
        b.set(r, c, {
          formula: `${fn}(${letters(c)}${first + 1}:${letters(c)}${last + 1})`,
          result,
        });
      }
    } else {
      const label = pick([
        'Resumen por eje',
        'RESUMEN',
        'Tabla resumen',
        'Concentrado por eje',
        'Resumen',
      ]);
      b.set(r, c0, label, { bold: true });
      if (rnd() < 0.5) b.merge(r, c0, r, c0 + 2);
      summaryStop = a1(r, c0);
      r++;
      b.set(r, c0, 'Eje');
      b.set(r, c0 + 1, 'Número de actividades');
      r++;
      p.axes.forEach((_, ai) => {
        b.set(r, c0, `Eje ${ai + 1}`);
        b.set(r, c0 + 1, activities.filter((a) => a.axis === ai + 1).length);
        r++;
      });
    }
  }

  b.sheet.columnWidths = widths;
  const sheet = b.check();
  const sheets = [sheet];
  if (h.cover) {
    const cover = new SheetBuilder(h.cover);
    cover.set(1, 1, NOTES[0], { bold: true });
    cover.set(3, 1, titleText);
    cover.set(5, 1, 'Contenido');
    cover.set(6, 1, `Hoja «${sheet.name}»: cronograma de actividades`);
    cover.set(7, 1, 'Elaboró: Secretaría Técnica');
    sheets.unshift(cover.check());
  }

  return {
    sheets,
    cronograma: sheets.length - 1,
    expected: { year, activities, retired, ...(summaryStop ? { summaryStop } : {}) },
    habits: describeHabits(h),
  };
}

/** The habits in words (for test names and failure messages). */
export function describeHabits(h: Habits): string[] {
  const out: string[] = [];
  out.push(`sheet «${h.sheetName}»${h.cover ? ` after a «${h.cover}» sheet` : ''}`);
  if (h.notes) out.push(`${h.notes} rows of notes above`);
  if (h.startCol) out.push(`table from column ${letters(h.startCol)}`);
  out.push(`title ${h.title} «${h.titleText}»`);
  out.push(
    h.header.rows === 1
      ? 'one header row'
      : `two header rows (band ${h.header.band}, labels ${h.header.labels})`,
  );
  out.push(
    `months as ${h.months.kind} (${h.months.case}${h.months.dot ? ', dot' : ''}, ${h.months.format})`,
  );
  if (h.axis.kind === 'columns')
    out.push(`axis columns ${h.axis.fill} «${h.axis.numberLabel}» «${h.axis.nameLabel}»`);
  else if (h.axis.kind === 'banner')
    out.push(
      `axis banners «${h.axis.style}»${h.axis.merged ? ' merged' : ` in the ${h.axis.at} column`}`,
    );
  else out.push('axis only as the id prefix');
  if (h.activityId)
    out.push(`id column «${h.activityId.label}»${h.activityId.sequential ? '' : ' (gaps)'}`);
  out.push(`activity column «${h.activityLabel}», order ${h.order.join(',')}`);
  for (const e of h.extras) out.push(`«${e.label}» ${e.where} ${e.at}`);
  out.push(`marks ${JSON.stringify(h.marks)}${h.statusWords ? ' with status words' : ''}`);
  if (h.zebra) out.push(`zebra ${h.zebra}`);
  if (h.axisColours) out.push('axis colours');
  for (const pb of h.pageBreaks) out.push(`page break (${pb.kind}) at ${pb.at}`);
  for (const flag of [
    'sections',
    'blankRows',
    'hiddenRows',
    'hiddenCols',
    'retired',
    'messyText',
  ] as const)
    if (h[flag]) out.push(flag);
  if (h.summary) out.push(`summary ${h.summary}`);
  return out;
}

/** The 2021 programme's own layout: the baseline each habit test changes one thing of. */
export const PLAIN_HABITS: Habits = {
  sheetName: 'Cronograma {Y}',
  cover: null,
  notes: 0,
  startCol: 0,
  title: 'merged',
  titleText: 'PROGRAMA ANUAL DE TRABAJO {Y}',
  header: { rows: 1, band: 'meses', labels: 'top', fill: 'FFD9D2E9' },
  months: { kind: 'abbr', case: 'title', dot: false, september: 0, format: 'mmm' },
  axis: { kind: 'columns', fill: 'merged', numberLabel: 'No.', nameLabel: 'Ejes de acción' },
  activityId: null,
  activityLabel: 'Actividades',
  order: [0, 1, 2, 3],
  extras: [],
  marks: { kind: 'glyph', glyph: '✓' },
  statusWords: false,
  zebra: null,
  axisColours: false,
  pageBreaks: [],
  sections: false,
  blankRows: false,
  hiddenRows: false,
  hiddenCols: false,
  summary: null,
  retired: false,
  messyText: false,
};

const act = (
  description: string,
  months: number[],
  words: ProgActivity['words'] = {},
  observation: number | null = null,
): ProgActivity => ({
  description,
  months,
  words,
  responsible: months[0]!,
  observation,
  idGap: months.length % 3,
});

/** A small programme with every kind of month set (one month, a run, scattered, all twelve). */
export const SAMPLE_PROGRAMME: Programme = {
  year: 2021,
  axes: [
    {
      name: 'Educación cívica',
      activities: [
        act('Impartir los talleres de participación ciudadana en las alcaldías', [2, 3, 4], {
          2: 'Realizada',
          3: 'En proceso',
        }),
        act('Celebrar la feria de la democracia', [9]),
        act(
          'Difundir los materiales de difusión en redes sociales',
          [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
          {
            1: 'Realizada',
            2: 'Pendiente',
            6: 'Reprogramada',
          },
          1,
        ),
      ],
    },
    {
      name: 'Vinculación institucional',
      activities: [
        act(
          'Suscribir el convenio de colaboración con universidades',
          [3, 7, 11],
          { 3: 'Cancelada' },
          3,
        ),
        act('Actualizar el directorio institucional', [1, 12], { 12: 'No realizada' }),
      ],
    },
    {
      name: 'Transparencia y rendición de cuentas',
      activities: [
        act('Presentar el informe de la comisión ante el Consejo General', [1, 4, 7, 10]),
        act('Atender las solicitudes de información', [5, 6]),
        act('Publicar el micrositio de la comisión', [8, 9, 10], { 8: 'Realizada' }, 5),
        act('Evaluar los lineamientos de operación con institutos locales', [6, 12]),
      ],
    },
  ],
  retired: {
    axis: 1,
    activity: act('Organizar el foro de consulta con la sociedad civil', [4, 5]),
  },
};
