/**
 * The periodic report to the Consejo General as files: the second quarter of the 2021 programme
 * (ratified, two activities moved since the baseline and one retired, statuses, notes and an
 * evidence link in April–June), as a preview and frozen, written as .docx and .xlsx, read back
 * (jszip, exceljs) and printed by LibreOffice to PDF: the title and the period, every activity of
 * the quarter, the notes, the changes since the baseline, the sessions, the page numbers, nothing
 * off the page. Pages are rendered to tests/artifacts/pdf/<name>/ for people to look at.
 */
import { writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import raw from '../../../seeds/cvoe-2021.json';
import {
  OVERDUE,
  PRELIMINARY,
  PRELIMINARY_NOTE,
  periodReportDocx,
} from '../../../backend/docx/period-report-document';
import {
  NO_BASELINE,
  PERIOD_SHEETS,
  periodReportWorkbook,
} from '../../../backend/xlsx/period-report-workbook';
import { ExcelJS } from '../../../backend/xlsx/workbook';
import { generateCalendar } from '../../../shared/calendar/calendar';
import { spanishDate } from '../../../shared/calendar/dates';
import {
  PeriodReport,
  PeriodReportInput,
  parsePeriod,
  periodReport,
} from '../../../shared/report/period-report';
import { Lifecycle, programmeSchema } from '../../../shared/schemas';
import { Status } from '../../../shared/status';
import { tempDir } from '../../helpers/files';
import {
  PdfPage,
  convertWithLibreOffice,
  overlappingWords,
  pdfPages,
  renderPdf,
  wordsOffPage,
} from '../../helpers/pdf';

jest.setTimeout(180_000);

const seed = programmeSchema.parse(raw);
const period = parsePeriod('2021-T2')!;
const calendar = generateCalendar({ year: 2021, ...seed.calendarRule });
const WHO = { updatedBy: 'ana.lopez@iecm.mx', updatedAt: '2021-06-01T16:00:00Z' };

const NOTE = 'Se firmó el anexo técnico con el INE';
const FORMULA_NOTE = '=1+1';
const EVIDENCE = 'https://www.iecm.mx/evidencia/cvoe/2021/anexo-tecnico-ine.pdf';

/** What was reported, by activity and month. */
const REPORTED: Record<
  string,
  Record<number, { status: Status; note?: string; evidence?: string }>
> = {
  '1.1': {
    4: { status: 'realizada', note: NOTE },
    5: { status: 'en_proceso', evidence: EVIDENCE },
  },
  '2.1': { 4: { status: 'realizada', note: FORMULA_NOTE } },
  '3.2': { 5: { status: 'reprogramada', note: 'Se pasa a julio por la veda electoral' } },
  '4.1': { 5: { status: 'no_realizada' } },
  '6.2': { 6: { status: 'cancelada', note: 'El organismo canceló la reunión' } },
};

/**
 * The plan as ratified: 3.4 had April (now May), 6.5 had June (now September), 4.4 had
 * September (outside the quarter), and 6.7, retired since, had May.
 */
const BASELINE_MONTHS: Record<string, number[]> = {
  '3.4': [4, 6, 7, 8, 9, 10, 11],
  '4.4': [9, 10, 11, 12],
  '6.5': [6, 7, 8],
};
const RETIRED = { id: '6.7', axis: 6, description: 'Foro internacional de observación electoral' };

const lifecycle: Lifecycle = {
  status: 'ratificado',
  baseline: {
    date: seed.agreements.ratification.date,
    agreement: seed.agreements.ratification.id,
    frozenAt: '2021-01-21T19:00:00Z',
    activities: [
      ...seed.activities.map((a) => ({ id: a.id, months: BASELINE_MONTHS[a.id] ?? a.months })),
      { id: RETIRED.id, months: [5] },
    ],
  },
};

function input(
  frozen: PeriodReport['frozen'],
  asOf: string,
  status: Lifecycle | undefined = lifecycle,
): PeriodReportInput {
  return {
    programme: {
      id: seed.id,
      year: seed.year,
      title: seed.title,
      axes: seed.axes,
      details: {
        commission: seed.commission,
        agreements: seed.agreements,
        ...(status ? { lifecycle: status } : {}),
      },
      activities: seed.activities.map((a) => ({
        id: a.id,
        axis: a.axis,
        description: a.description,
        responsibleArea: a.responsibleArea,
        months: a.months,
        statuses: Object.fromEntries(
          Object.entries(REPORTED[a.id] ?? {}).map(([month, s]) => [month, { ...s, ...WHO }]),
        ),
      })),
    },
    retired: [RETIRED],
    sessions: calendar.sessions,
    period,
    asOf,
    frozen,
  };
}

const preview = periodReport(input(null, '2021-06-10'));
const frozen = periodReport(
  input({ at: '2021-07-01T17:30:00Z', by: 'ana.lopez@iecm.mx' }, '2021-07-01'),
);
/** An approved programme, not ratified yet: no baseline. */
const draft = periodReport(input(null, '2021-06-10', { status: 'aprobado' }));

const quarterIds = seed.activities
  .filter((a) => a.months.some((m) => m >= 4 && m <= 6))
  .map((a) => a.id);
const quarterSessions = calendar.sessions.filter((s) => s.month >= 4 && s.month <= 6);
const description = (id: string) => seed.activities.find((a) => a.id === id)!.description;

const tmp = tempDir('pat-period-report-');
afterAll(() => tmp.cleanup());

/** Every XML part of a .docx (body, header, footer), joined. */
async function docxXml(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.values(zip.files).filter((f) => /^word\/.*\.xml$/.test(f.name));
  return (await Promise.all(parts.map((f) => f.async('string')))).join('\n');
}

/** Written to disk, ready for LibreOffice. */
async function writeFiles(report: PeriodReport, name: string) {
  const docx = tmp.path(`${name}-documento.docx`);
  const xlsx = tmp.path(`${name}-libro.xlsx`);
  writeFileSync(docx, await periodReportDocx(report));
  await periodReportWorkbook(report).xlsx.writeFile(xlsx);
  return { docx, xlsx };
}

const offPage = (pages: PdfPage[]) =>
  pages.flatMap((page, i) => wordsOffPage(page).map((w) => `page ${i + 1}: «${w.text}»`));
const overlapping = (pages: PdfPage[]) =>
  pages.flatMap((page, i) =>
    overlappingWords(page).map(([a, b]) => `page ${i + 1}: «${a.text}» over «${b.text}»`),
  );
const allText = (pages: PdfPage[]) => pages.map((p) => p.text).join(' ');
const allWords = (pages: PdfPage[]) => new Set(pages.flatMap((p) => p.words.map((w) => w.text)));

describe('the period report’s data', () => {
  it('has the quarter’s activities, the changes that touch it and its sessions', () => {
    expect(preview.label).toBe('segundo trimestre de 2021');
    expect(preview.axes.flatMap((a) => a.activities.map((x) => x.id))).toEqual(quarterIds);
    expect(preview.axes.flatMap((a) => a.variance.map((v) => v.activityId))).toEqual([
      '3.4',
      '6.5',
      '6.7',
    ]);
    expect(preview.sessions.map((s) => [s.date, s.held])).toEqual([
      ['2021-04-29', true],
      ['2021-05-27', true],
      ['2021-06-24', false],
    ]);
    expect(draft.baseline).toBeNull();
  });
});

describe('the period report as a Word document', () => {
  it('says PRELIMINAR only in the preview, and when and by whom the frozen one was frozen', async () => {
    const xml = async (r: PeriodReport) => docxXml(await periodReportDocx(r));
    const [previewXml, frozenXml, draftXml] = await Promise.all([
      xml(preview),
      xml(frozen),
      xml(draft),
    ]);
    expect(previewXml).toContain(PRELIMINARY);
    expect(previewXml).toContain(PRELIMINARY_NOTE);
    expect(frozenXml).not.toContain(PRELIMINARY);
    expect(frozenXml).toContain('Congelado el 1 de julio de 2021 por ana.lopez@iecm.mx');
    // Each activity's ID, description and area merged over its months in the quarter.
    const merged = preview.axes.flatMap((a) => a.activities).filter((a) => a.months.length > 1);
    expect(previewXml.match(/<w:vMerge w:val="restart"\/>/g)).toHaveLength(merged.length * 3);
    expect(previewXml).toContain(OVERDUE);
    expect(previewXml).toContain('w:orient="landscape"');
    expect(draftXml).toContain('no ha sido ratificado');
    expect(draftXml).not.toContain('Cambios respecto de la línea base');
  });
});

describe('printed by LibreOffice', () => {
  const pdf: Record<string, PdfPage[]> = {};
  let previewBook: ExcelJS.Workbook;

  beforeAll(async () => {
    const files = {
      preview: await writeFiles(preview, 'informe-2021-T2-preliminar'),
      frozen: await writeFiles(frozen, 'informe-2021-T2'),
    };
    const inputs = [files.preview.docx, files.frozen.docx, files.preview.xlsx, files.frozen.xlsx];
    const names = ['preview-docx', 'frozen-docx', 'preview-xlsx', 'frozen-xlsx'];
    const pdfs = await convertWithLibreOffice(inputs, 'pdf', tmp.path('pdf'));
    pdfs.forEach((file, i) => {
      pdf[names[i]!] = pdfPages(file);
      renderPdf(file, `informe-periodo-${names[i]}`);
    });
    previewBook = new ExcelJS.Workbook();
    await previewBook.xlsx.readFile(files.preview.xlsx);
  });

  it.each(['preview-docx', 'frozen-docx', 'preview-xlsx', 'frozen-xlsx'])(
    '%s: the title, the period, every activity, the notes, the changes and the sessions',
    (name) => {
      const pages = pdf[name]!;
      const text = allText(pages);
      const words = allWords(pages);
      expect(text).toContain('Informe de avance del Programa Anual de Trabajo 2021');
      expect(text).toContain('segundo trimestre de 2021');
      for (const id of quarterIds) expect(words).toContain(id);
      expect(text).toContain(NOTE);
      expect(text).toContain(FORMULA_NOTE); // printed as written, not computed
      expect(text).toContain('Movida de abril a mayo.');
      expect(text).toContain('Movida de junio a septiembre.');
      expect(text).toContain('Actividad retirada (tenía mayo).');
      expect(text).not.toContain('se quitó septiembre'); // 4.4: outside the quarter
      for (const s of quarterSessions) expect(text).toContain(spanishDate(s.date));
      expect(text.includes(PRELIMINARY)).toBe(name.startsWith('preview'));
      expect(offPage(pages)).toEqual([]);
    },
  );

  it('writes each change as «ID description: change» in the document', () => {
    const text = allText(pdf['preview-docx']!);
    // The description's final stop left out before the colon.
    expect(text).toContain(`3.4 ${description('3.4').replace(/\.$/, '')}: Movida de abril a mayo.`);
    expect(text).toContain(`${RETIRED.id} ${RETIRED.description}: Actividad retirada`);
    expect(text).toContain('Estado al 10 de junio de 2021');
    expect(text).toContain('Ratificado mediante el acuerdo CVOE/003/21');
  });

  it('numbers the pages «Página N de M»: a portrait cover, the axes on landscape pages', () => {
    for (const name of ['preview-docx', 'frozen-docx']) {
      const pages = pdf[name]!;
      pages.forEach((page, i) => expect(page.text).toContain(`Página ${i + 1} de ${pages.length}`));
      for (const page of pages)
        expect([
          Math.round(Math.min(page.width, page.height)),
          Math.round(Math.max(page.width, page.height)),
        ]).toEqual([595, 842]);
      expect(pages[0]!.width).toBeLessThan(pages[0]!.height);
      expect(pages.slice(1).every((p) => p.width > p.height)).toBe(true);
    }
  });

  it('prints the workbook’s sheets numbered, on A4, with no words over one another', () => {
    for (const name of ['preview-xlsx', 'frozen-xlsx']) {
      const pages = pdf[name]!;
      pages.forEach((page, i) => expect(page.text).toContain(`Página ${i + 1} de ${pages.length}`));
      expect(overlapping(pages)).toEqual([]);
      // The activity table on landscape pages, the sessions on a portrait one.
      expect(pages[0]!.width).toBeGreaterThan(pages[0]!.height);
      expect(pages.at(-1)!.text).toContain('Sesiones del periodo');
    }
  });

  it('keeps a note that looks like a formula as text in the workbook', () => {
    const cells: ExcelJS.Cell[] = [];
    previewBook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (cell.value === FORMULA_NOTE) cells.push(cell);
        }),
      ),
    );
    expect(cells).toHaveLength(1);
    expect(cells[0]!.type).toBe(ExcelJS.ValueType.String);
    expect(cells[0]!.formula).toBeUndefined();
    const report = previewBook.getWorksheet(PERIOD_SHEETS.report)!;
    expect(report.getCell(cells[0]!.address).text).toBe(FORMULA_NOTE);
  });
});

describe('the period report as a workbook, without a baseline', () => {
  it('says the programme has no baseline on «Cambios»', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await periodReportWorkbook(draft).xlsx.writeBuffer()) as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(Object.values(PERIOD_SHEETS));
    const texts: string[] = [];
    book
      .getWorksheet(PERIOD_SHEETS.changes)!
      .eachRow((row) => row.eachCell((cell) => texts.push(cell.text)));
    expect(texts).toContain(NO_BASELINE);
  });
});
