/**
 * Workbooks made to take `pat validate` down: each is refused with exit 1 or 2 and a Spanish
 * message, under a 256 MB heap (the bugs this guards against took 4 GB and died with V8's fatal
 * error, exit 134), never reading a file the workbook points at.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { WORKBOOK_LIMITS } from '../../backend/xlsx/workbook-limits';
import { expectNoStackTrace, pat } from '../helpers/cli';
import { tempDir } from '../helpers/files';
import { writeSeedWorkbook } from '../helpers/workbooks';

jest.setTimeout(120_000);
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The 2021 workbook with its first worksheet's XML changed by `edit`. */
async function seedWith(name: string, edit: (zip: JSZip, sheetXml: string) => void) {
  const seed = tmp.path('seed.xlsx');
  await writeSeedWorkbook(seed);
  const zip = await JSZip.loadAsync(readFileSync(seed));
  const cronograma = 'xl/worksheets/sheet2.xml';
  edit(zip, await zip.file(cronograma)!.async('string'));
  const file = tmp.path(name);
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

async function written(name: string, build: (workbook: ExcelJS.Workbook) => void) {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  const file = tmp.path(name);
  await workbook.xlsx.writeFile(file);
  return file;
}

const LOW_HEAP = { NODE_OPTIONS: '--max-old-space-size=256' };

function refused(file: string, says: RegExp, codes = [2]) {
  const run = pat(['validate', file], LOW_HEAP);
  expect(codes).toContain(run.code);
  expect(run.stderr + run.stdout).toMatch(says);
  expectNoStackTrace(run);
  expect(run.stderr).not.toMatch(/FATAL|heap out of memory|Allocation failed/);
  return run;
}

describe('pat validate on hostile workbooks', () => {
  it('refuses one merged area over the whole sheet (A1:XFD1048576)', async () => {
    const file = await seedWith('merge-total.xlsx', (zip, xml) =>
      zip.file(
        'xl/worksheets/sheet2.xml',
        xml.replace(/<mergeCell ref="[^"]+"\/>/, '<mergeCell ref="A1:XFD1048576"/>'),
      ),
    );
    refused(file, /combina A1:XFD1048576 .*áreas combinadas de hasta 100[ ,.]000 celdas/);
  });

  it('refuses a thousand sheets, each with a cell at XFD1048576', async () => {
    // Written part by part (exceljs takes minutes to write it): the package an .xlsx is.
    const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
    const zip = new JSZip();
    const NS = 'http://schemas.openxmlformats.org';
    zip.file(
      '[Content_Types].xml',
      `<?xml version="1.0"?><Types xmlns="${NS}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${ids.map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    );
    zip.file(
      '_rels/.rels',
      `<?xml version="1.0"?><Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    );
    zip.file(
      'xl/workbook.xml',
      `<?xml version="1.0"?><workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets>${ids.map((i) => `<sheet name="H${i}" sheetId="${i}" r:id="rId${i}"/>`).join('')}</sheets></workbook>`,
    );
    zip.file(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="${NS}/package/2006/relationships">${ids.map((i) => `<Relationship Id="rId${i}" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('')}</Relationships>`,
    );
    for (const i of ids)
      zip.file(
        `xl/worksheets/sheet${i}.xml`,
        `<?xml version="1.0"?><worksheet xmlns="${NS}/spreadsheetml/2006/main"><sheetData><row r="1048576"><c r="XFD1048576"><v>${i}</v></c></row></sheetData></worksheet>`,
      );
    const file = tmp.path('mil-hojas.xlsx');
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    refused(file, new RegExp(`1000 hojas; se leen libros de hasta ${WORKBOOK_LIMITS.sheets}`));
  });

  it('refuses a sheet reaching past the row and column limits, naming the sheet', async () => {
    const deep = await written('profunda.xlsx', (workbook) => {
      workbook.addWorksheet('Cronograma 2021').getCell('A250000').value = 'x';
    });
    refused(deep, /La hoja «Cronograma 2021» llega a la fila 250[ ,.]000/);
    const wide = await written('ancha.xlsx', (workbook) => {
      workbook.addWorksheet('Ancha').getCell('XFD1').value = 'x';
    });
    refused(wide, /La hoja «Ancha» llega a la columna 16[ ,.]384/);
  });

  it('refuses a zip bomb: a sheet that inflates past the size limit', async () => {
    const file = await seedWith('bomba.xlsx', (zip, xml) =>
      zip.file(
        'xl/worksheets/sheet2.xml',
        xml.replace('<sheetData>', `<sheetData>${' '.repeat(110 * 1024 * 1024)}`),
      ),
    );
    refused(file, /sin comprimir; se leen libros de hasta 100 MB/);
  });

  it('says a truncated or made-up file is no workbook', async () => {
    const seed = tmp.path('entero.xlsx');
    await writeSeedWorkbook(seed);
    const bytes = readFileSync(seed);
    const half = tmp.path('cortado.xlsx');
    writeFileSync(half, bytes.subarray(0, bytes.length / 2));
    refused(half, /no es un libro de Excel/);
    const noise = tmp.path('ruido.xlsx');
    writeFileSync(noise, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)));
    refused(noise, /no es un libro de Excel/);
  });

  it('never reads a file an external entity points at (XXE)', async () => {
    const file = await seedWith('xxe.xlsx', (zip, xml) =>
      zip.file(
        'xl/worksheets/sheet2.xml',
        xml
          .replace(
            '<worksheet',
            '<!DOCTYPE w [<!ENTITY robo SYSTEM "file:///etc/passwd">]><worksheet',
          )
          .replace(
            '<sheetData>',
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&robo;</t></is></c></row>',
          ),
      ),
    );
    const run = pat(['validate', file, '--json'], LOW_HEAP);
    expect([0, 1, 2]).toContain(run.code);
    expect(run.stdout + run.stderr).not.toContain('root:');
    expectNoStackTrace(run);
  });
});
