/**
 * A programme written as staff lay out its Word document, as HTML for LibreOffice Writer to turn
 * into a .docx our writer never touched: section titles as headings (`<h1>`, Word's «Título 1»)
 * or bold paragraphs, the narrative sections I, II and IV (`HTML_NARRATIVE`: emphasis, a list),
 * objectives and
 * strategic lines typed with their numbers, VII as «Eje N.» over a table per axis, VIII with a
 * trimester band, the axis cell merged down its rows and «✓» marks, and the calendar table.
 */
import { MONTH_ABBREVIATIONS, MONTH_NAMES } from '../../shared/months';
import type { Programme } from '../../shared/schemas';

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface HtmlOptions {
  /** Section titles as `<h1>` (headings) or as bold paragraphs. */
  titles: 'headings' | 'bold';
  /** The mark under each planned month. */
  mark?: string;
  /** Leave a month's header cell out of VIII (a damaged table). */
  dropMonthHeader?: number;
  /** VI's objectives and lines as typed numbers («1.», «1.1.»), or as Word's nested numbered list. */
  objectives?: 'typed' | 'lists';
}

const spanish = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} de ${MONTH_NAMES[m - 1]!.toLowerCase()} de ${y}`;
};

export function programmeHtml(p: Programme, options: HtmlOptions): string {
  const title = (text: string) =>
    options.titles === 'headings' ? `<h1>${esc(text)}</h1>` : `<p><b>${esc(text)}</b></p>`;
  const para = (text: string) => `<p>${esc(text)}</p>`;
  const mark = options.mark ?? '✓';
  const { approval, ratification } = p.agreements;
  const parts: string[] = [
    `<p><b>${esc(p.institute.name)}</b></p>`,
    `<p><b>${esc(p.title)}</b></p>`,
    para(
      `Aprobado mediante el acuerdo ${approval.id} del ${spanish(approval.date)} (${approval.session}).`,
    ),
    para(
      `Ratificado mediante el acuerdo ${ratification.id} del ${spanish(ratification.date)} (${ratification.session}).`,
    ),
    title('I. INTRODUCCIÓN'),
    para('La Comisión presenta su programa anual de trabajo para el año.'),
    title('II. ANTECEDENTES'),
    para('El Consejo General integró las comisiones permanentes.'),
    title('III. MARCO JURÍDICO'),
    para(p.legalBasis),
    title('IV. DIRECTRICES'),
    '<p>Las actividades se orientan por los <b>principios rectores</b> de la función electoral.</p>',
    '<ul><li>Vinculación con organismos externos.</li><li>Vinculación con el <i>INE</i>.</li></ul>',
    title('V. OBJETIVO GENERAL'),
    para(p.generalObjective),
    title('VI. OBJETIVOS ESPECÍFICOS Y LÍNEAS ESTRATÉGICAS'),
    ...(options.objectives === 'lists'
      ? [
          `<ol>${p.objectives
            .map(
              (o) =>
                `<li>${esc(o.text)}<ol>${o.strategicLines.map((l) => `<li>${esc(l.text)}</li>`).join('')}</ol></li>`,
            )
            .join('')}</ol>`,
        ]
      : p.objectives.flatMap((o) => [
          para(`${o.number}. ${o.text}`),
          ...o.strategicLines.map((l) => para(`${l.id}. ${l.text}`)),
        ])),
    title('VII. FUNCIONES DE LA COMISIÓN POR EJE'),
    ...p.axes.flatMap((axis) => [
      `<p><b>Eje ${axis.number}. ${esc(axis.name)}</b></p>`,
      '<table border="1"><tr><td><b>Acciones a supervisar</b></td><td><b>Periodo de Ejecución</b></td></tr>',
      ...p.activities
        .filter((a) => a.axis === axis.number)
        .map(
          (a) =>
            `<tr><td>${esc(`${a.id}. ${a.description}`)}</td><td>${esc(a.period ?? '')}</td></tr>`,
        ),
      '</table>',
    ]),
    title('VIII. CRONOGRAMA'),
    '<table border="1">',
    `<tr><td rowspan="2"><b>Eje</b></td><td rowspan="2"><b>No.</b></td><td rowspan="2"><b>Actividades</b></td>${[
      1, 2, 3, 4,
    ]
      .map((t) => `<td colspan="3"><b>${t}er. trimestre</b></td>`)
      .join('')}</tr>`,
    `<tr>${MONTH_ABBREVIATIONS.map((m, i) => (options.dropMonthHeader === i + 1 ? '<td></td>' : `<td>${m}</td>`)).join('')}</tr>`,
    ...p.axes.flatMap((axis) => {
      const rows = p.activities.filter((a) => a.axis === axis.number);
      return rows.map(
        (a, i) =>
          `<tr>${i === 0 ? `<td rowspan="${rows.length}">${axis.number}. ${esc(axis.name)}</td>` : ''}<td>${a.id}</td><td>${esc(a.description)}</td>${MONTH_NAMES.map(
            (_, m) => `<td>${a.months.includes((m + 1) as never) ? mark : ''}</td>`,
          ).join('')}</tr>`,
      );
    }),
    '</table>',
    title('CALENDARIO DE SESIONES'),
    '<table border="1"><tr><td><b>Mes</b></td><td><b>Día</b></td><td><b>Tipo de reunión</b></td></tr>',
    ...p.sessions.map(
      (s) =>
        `<tr><td>${MONTH_NAMES[Number(s.date.slice(5, 7)) - 1]}</td><td>${Number(s.date.slice(8, 10))}</td><td>${s.number}ª. sesión ${s.type}</td></tr>`,
    ),
    '</table>',
    ...(p.calendarNote ? [para(p.calendarNote)] : []),
  ];
  return `<html><head><meta charset="utf-8"><title>${esc(p.title)}</title></head><body>${parts.join('\n')}</body></html>`;
}

/** What the narrative sections of `programmeHtml` say, as the programme keeps rich text. */
export const HTML_NARRATIVE = {
  introduction: [
    {
      kind: 'paragraph',
      runs: [{ text: 'La Comisión presenta su programa anual de trabajo para el año.' }],
    },
  ],
  background: [
    {
      kind: 'paragraph',
      runs: [{ text: 'El Consejo General integró las comisiones permanentes.' }],
    },
  ],
  directives: [
    {
      kind: 'paragraph',
      runs: [
        { text: 'Las actividades se orientan por los ' },
        { text: 'principios rectores', bold: true },
        { text: ' de la función electoral.' },
      ],
    },
    {
      kind: 'list',
      items: [
        [{ text: 'Vinculación con organismos externos.' }],
        [{ text: 'Vinculación con el ' }, { text: 'INE', italic: true }, { text: '.' }],
      ],
    },
  ],
} as const;
