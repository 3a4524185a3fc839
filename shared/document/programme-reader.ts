/**
 * The *Programa Anual de Trabajo* as staff write it in Word, read from its blocks: the cover's
 * title and agreements, III the legal basis, V the general objective, VI the specific objectives
 * with their strategic lines («1.1.»), VII the actions per axis («Eje 1. …» over a table
 * «Acciones a supervisar | Periodo de Ejecución»), VIII the cronograma (a table read as a sheet is:
 * trimester band, merged axis cells, any mark) and the session calendar («Mes | Día | Tipo de
 * reunión») with its note. Section titles are found bold or as headings, numbered in Roman or
 * not. An activity's description and months are VIII's (its period's months where there is no
 * cronograma), its period VII's; every disagreement is an issue that says where. Pure: no I/O.
 */
import { readCronograma } from '../cronograma/reader';
import type { SheetGrid, CellValue } from '../cronograma/grid';
import type { CellRange } from '../address';
import { parseMonth } from '../months';
import { formatPeriod, parsePeriod, sameMonths } from '../period';
import type { Narrative, RichBlock, ValidationIssue } from '../schemas';
import { fold } from '../text';
import type { DocumentBlock, DocumentCell } from './blocks';

export interface DocumentProgramme {
  year?: number;
  title?: string;
  agreements: {
    approval?: { id: string; date: string; session: string };
    ratification?: { id: string; date: string; session: string };
  };
  legalBasis?: string;
  generalObjective?: string;
  objectives: { number: number; text: string; strategicLines: { id: string; text: string }[] }[];
  axes: { number: number; name: string }[];
  activities: {
    id: string;
    axis: number;
    description: string;
    period?: string;
    months: number[];
  }[];
  sessions: { number: number; date: string; type: string }[];
  calendarNote?: string;
  /** Sections I, II and IV, with their emphasis and lists. */
  narrative?: Narrative;
}

export interface DocumentRead {
  programme: DocumentProgramme;
  issues: ValidationIssue[];
}

type NarrativeSection = keyof Narrative;
type Section =
  | NarrativeSection
  | 'legalBasis'
  | 'generalObjective'
  | 'objectives'
  | 'functions'
  | 'cronograma'
  | 'calendar'
  | 'other';

const SECTION_KEYWORDS: [Section, RegExp][] = [
  ['introduction', /introduccion|presentacion/],
  ['background', /antecedentes/],
  ['directives', /directrices|lineas generales de accion/],
  ['legalBasis', /fundamento|marco (juridico|legal|normativo)|base legal/],
  ['generalObjective', /objetivo general/],
  ['objectives', /objetivos especificos/],
  ['cronograma', /cronograma/],
  ['functions', /funciones|acciones a supervisar|acciones por eje/],
  ['calendar', /calendario/],
];
const ROMAN_TITLE = /^(?:[ivx]+|\d+)[.)-]?\s+(.+)$/;

/** The section a paragraph opens, when it is a title: bold or a heading, short, with a keyword. */
function sectionOf(block: DocumentBlock): Section | undefined {
  if (block.kind !== 'paragraph' || block.text.length > 160) return undefined;
  const heading = block.bold || /^(heading|t[ií]?tulo|ttulo)\s*\d/i.test(block.style ?? '');
  if (!heading) return undefined;
  const key = fold(block.text);
  // The cover's title names the calendar too: it opens no section.
  if (key.includes('programa anual de trabajo')) return undefined;
  const words = ROMAN_TITLE.exec(key)?.[1] ?? key;
  for (const [section, pattern] of SECTION_KEYWORDS) if (pattern.test(words)) return section;
  return ROMAN_TITLE.test(key) ? 'other' : undefined;
}

const issue = (
  severity: ValidationIssue['severity'],
  code: string,
  cell: string,
  message: string,
): ValidationIssue => ({ severity, code, cell, message });

/** «28 de septiembre de 2020» → 2020-09-28. */
function isoFromSpanish(text: string): string | undefined {
  const m = /(\d{1,2})\s+de\s+([a-záéíóú]+)\s+de(?:l)?\s+(\d{4})/i.exec(text);
  const month = m && parseMonth(m[2]!);
  if (!m || !month) return undefined;
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

function agreementIn(text: string): { id: string; date: string; session: string } | undefined {
  const m = /acuerdo\s+([A-Z]+\/\d+\/\d+)\s+del?\s+(.+?)\s*\((.+)\)\.?$/i.exec(text);
  const date = m && isoFromSpanish(m[2]!);
  return m && date ? { id: m[1]!, date, session: m[3]!.trim() } : undefined;
}

/** A table's cells laid on the grid its spans and vertical merges make, as a sheet. */
export function tableToGrid(rows: DocumentCell[][], name = 'VIII'): SheetGrid {
  const values: CellValue[][] = [];
  const merges: CellRange[] = [];
  const open = new Map<number, CellRange>(); // vertical merges by starting column
  rows.forEach((row, r) => {
    values[r] = [];
    let c = 0;
    for (const cell of row) {
      for (let k = 0; k < cell.span; k++)
        values[r]![c + k] = k === 0 && cell.merge !== 'continue' ? cell.text : null;
      const right = c + cell.span - 1;
      if (cell.merge === 'restart') {
        const range = { top: r, bottom: r, left: c, right };
        open.set(c, range);
        merges.push(range);
      } else if (cell.merge === 'continue' && open.has(c)) open.get(c)!.bottom = r;
      else {
        open.delete(c);
        if (cell.span > 1) merges.push({ top: r, bottom: r, left: c, right });
      }
      c += cell.span;
    }
  });
  return { name, values, merges };
}

const headerOf = (rows: DocumentCell[][]) => (rows[0] ?? []).map((c) => fold(c.text));

export function readProgrammeDocument(blocks: readonly DocumentBlock[]): DocumentRead {
  const issues: ValidationIssue[] = [];
  const programme: DocumentProgramme = {
    agreements: {},
    objectives: [],
    axes: [],
    activities: [],
    sessions: [],
  };
  const bySection = new Map<Section | 'cover', DocumentBlock[]>([['cover', []]]);
  let current: Section | 'cover' = 'cover';
  for (const block of blocks) {
    const section = sectionOf(block);
    if (section) {
      current = section;
      if (!bySection.has(section)) bySection.set(section, []);
      continue;
    }
    bySection.get(current)!.push(block);
  }
  const paragraphs = (section: Section | 'cover') =>
    (bySection.get(section) ?? []).flatMap((b) =>
      b.kind === 'paragraph' && b.text ? [b.text] : [],
    );
  const tables = (section: Section | 'cover') =>
    (bySection.get(section) ?? []).flatMap((b) => (b.kind === 'table' ? [b.rows] : []));

  // The cover: the title, the year, the agreements.
  for (const text of paragraphs('cover')) {
    const key = fold(text);
    if (!programme.title && key.includes('programa anual de trabajo')) {
      programme.title = text;
      const year = /(20\d\d)\s*$/.exec(text)?.[1] ?? /\b(20\d\d)\b/.exec(text)?.[1];
      if (year) programme.year = Number(year);
    }
    if (/^aprobad/.test(key)) programme.agreements.approval ??= agreementIn(text);
    if (/^ratificad/.test(key)) programme.agreements.ratification ??= agreementIn(text);
  }

  const legal = paragraphs('legalBasis');
  if (legal.length) programme.legalBasis = legal.join('\n\n');
  const general = paragraphs('generalObjective');
  if (general.length) programme.generalObjective = general.join('\n\n');

  // VI: «1. Objetivo …» then its lines «1.1. …», typed; or Word's numbered list, the lines one
  // level in.
  for (const block of bySection.get('objectives') ?? []) {
    if (block.kind !== 'paragraph' || !block.text) continue;
    const { text } = block;
    const line = /^(\d+\.\d+)\.?\s+(.+)$/.exec(text);
    const objective = /^(\d+)[.)]\s+(.+)$/.exec(text);
    const last = programme.objectives.at(-1);
    if (line) {
      const owner = programme.objectives.find((o) => o.number === Number(line[1]!.split('.')[0]));
      if (owner) owner.strategicLines.push({ id: line[1]!, text: line[2]!.trim() });
      else
        issues.push(
          issue(
            'warning',
            'document.line_without_objective',
            `VI, ${line[1]}`,
            `La línea estratégica ${line[1]} no está bajo su objetivo ${line[1]!.split('.')[0]}.`,
          ),
        );
    } else if (objective)
      programme.objectives.push({
        number: Number(objective[1]),
        text: objective[2]!.trim(),
        strategicLines: [],
      });
    else if (block.numbered && (block.level ?? 0) > 0 && last)
      last.strategicLines.push({
        id: `${last.number}.${last.strategicLines.length + 1}`,
        text,
      });
    else if (block.numbered)
      programme.objectives.push({
        number: programme.objectives.length + 1,
        text,
        strategicLines: [],
      });
  }

  // VII: «Eje N. Nombre» over a table of actions and periods.
  const periods = new Map<string, { axis: number; description: string; period: string }>();
  let axis: { number: number; name: string } | undefined;
  for (const block of bySection.get('functions') ?? []) {
    if (block.kind === 'paragraph') {
      const m = /^eje\s+(\d+)[.:-]?\s*(.*)$/i.exec(block.text);
      if (m) {
        axis = { number: Number(m[1]), name: m[2]!.trim() };
        if (!programme.axes.some((a) => a.number === axis!.number)) programme.axes.push(axis);
      }
      continue;
    }
    const header = headerOf(block.rows);
    const action = header.findIndex((h) => /acciones|actividad/.test(h));
    const period = header.findIndex((h) => /periodo/.test(h));
    if (action < 0 || period < 0 || !axis) continue;
    for (const row of block.rows.slice(1)) {
      const text = row[action]?.text ?? '';
      const m = /^(\d+\.\d+)\.?\s+(.+)$/s.exec(text);
      if (!m) continue;
      periods.set(m[1]!, {
        axis: axis.number,
        description: m[2]!.trim(),
        period: row[period]?.text.trim() ?? '',
      });
    }
  }

  // VIII: the cronograma table, read as a sheet.
  const cronogramaTable = tables('cronograma')[0];
  if (cronogramaTable) {
    const read = readCronograma(tableToGrid(cronogramaTable));
    if (!read.ok)
      issues.push(issue('error', 'document.cronograma_unreadable', 'VIII', read.message));
    else {
      for (const i of read.cronograma.issues) issues.push({ ...i, cell: `VIII!${i.cell}` });
      for (const a of read.cronograma.activities) {
        const declared = periods.get(a.id);
        programme.activities.push({
          id: a.id,
          axis: a.axis,
          description: a.description,
          ...(declared?.period ? { period: declared.period } : {}),
          months: a.months,
        });
        if (!programme.axes.some((x) => x.number === a.axis))
          programme.axes.push({ number: a.axis, name: a.axisName });
        if (!declared)
          issues.push(
            issue(
              'warning',
              'document.activity_not_in_functions',
              `VIII, ${a.id}`,
              `La actividad ${a.id} está en el cronograma (VIII) pero no entre las acciones de su eje (VII). Agréguela a la tabla del eje ${a.axis}.`,
            ),
          );
        else {
          const months = parsePeriod(declared.period);
          if (months && !sameMonths(months, a.months))
            issues.push(
              issue(
                'warning',
                'period.mismatch',
                `VII, ${a.id}`,
                `La actividad ${a.id} tiene el periodo «${declared.period}» en VII pero el cronograma (VIII) la marca en ${formatPeriod(a.months).toLowerCase()}. Corrija uno de los dos.`,
              ),
            );
        }
      }
      for (const [id] of periods)
        if (!programme.activities.some((a) => a.id === id))
          issues.push(
            issue(
              'warning',
              'document.action_not_in_cronograma',
              `VII, ${id}`,
              `La acción ${id} está en VII pero no en el cronograma (VIII): no tiene meses marcados.`,
            ),
          );
    }
  } else
    for (const [id, p] of periods) {
      const months = parsePeriod(p.period);
      if (!months)
        issues.push(
          issue(
            'error',
            'period.no_months',
            `VII, ${id}`,
            `No se entiende el periodo «${p.period}» de la acción ${id}, y el documento no tiene cronograma (VIII).`,
          ),
        );
      programme.activities.push({
        id,
        axis: p.axis,
        description: p.description,
        period: p.period,
        months: months ?? [],
      });
    }
  programme.axes.sort((a, b) => a.number - b.number);

  // The calendar: «Mes | Día | Tipo de reunión», then its note.
  const calendarTable = tables('calendar').find((rows) =>
    headerOf(rows).some((h) => /^mes/.test(h)),
  );
  if (calendarTable) {
    const header = headerOf(calendarTable);
    const col = (pattern: RegExp) => header.findIndex((h) => pattern.test(h));
    const [month, day, type] = [col(/^mes/), col(/^dia/), col(/tipo/)];
    for (const [r, row] of calendarTable.slice(1).entries()) {
      const m = parseMonth(row[month]?.text ?? '');
      const d = Number(row[day]?.text);
      const kind = /(extraordinaria|urgente|ordinaria)/i
        .exec(row[type]?.text ?? '')?.[1]
        ?.toLowerCase();
      const number = Number(/^(\d+)/.exec(row[type]?.text ?? '')?.[1]);
      if (!m || !Number.isInteger(d) || !kind || !programme.year) {
        issues.push(
          issue(
            'warning',
            'document.session_unreadable',
            `Calendario, fila ${r + 2}`,
            `No se entiende la sesión «${row.map((c) => c.text).join(' | ')}». Escriba el mes, el día y el tipo («1ª. sesión ordinaria»).`,
          ),
        );
        continue;
      }
      programme.sessions.push({
        number: Number.isInteger(number)
          ? number
          : programme.sessions.filter((s) => s.type === kind).length + 1,
        date: `${programme.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        type: kind,
      });
    }
    const note = paragraphs('calendar');
    if (note.length) programme.calendarNote = note.join('\n\n');
  }

  const narrative: Narrative = {};
  for (const section of ['introduction', 'background', 'directives'] as const) {
    const rich = richText(bySection.get(section) ?? []);
    if (rich.length > 0) narrative[section] = rich;
  }
  if (Object.keys(narrative).length > 0) programme.narrative = narrative;

  if (!cronogramaTable && periods.size === 0)
    issues.unshift(
      issue(
        'error',
        'document.not_a_programme',
        'documento',
        'El documento no parece un Programa Anual de Trabajo: no tiene el cronograma (VIII) ni las acciones por eje (VII).',
      ),
    );
  return { programme, issues };
}

/** A list item as staff type one without Word's numbering: «- », «• », «· ». */
const TYPED_BULLET = /^[-•·▪◦–]\s+/;

/**
 * A narrative section's paragraphs as rich text: each paragraph with its emphasis; list items
 * (Word's numbering, or a typed bullet) gathered into lists.
 */
function richText(blocks: readonly DocumentBlock[]): RichBlock[] {
  const rich: RichBlock[] = [];
  for (const block of blocks) {
    if (block.kind !== 'paragraph' || !block.text) continue;
    const runs = block.runs.map((r) => ({ ...r }));
    const typed = TYPED_BULLET.test(block.text);
    if (typed && runs[0]) runs[0].text = runs[0].text.replace(TYPED_BULLET, '');
    const kept = runs.filter((r) => r.text !== '');
    if (kept.length === 0) continue;
    if (block.numbered || typed) {
      const last = rich.at(-1);
      if (last?.kind === 'list') last.items.push(kept);
      else rich.push({ kind: 'list', items: [kept] });
    } else rich.push({ kind: 'paragraph', runs: kept });
  }
  return rich;
}
