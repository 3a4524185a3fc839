/**
 * The hostile-workbook corpus for `pat validate`: files made to take the reader down — zip
 * bombs, truncated and made-up files, XML entity tricks, references far past Excel's grid,
 * attributes written the way a regular expression does not expect, odd sheet names, and parts
 * missing or pointing where they should not. Each entry builds its file in code and says what
 * `pat validate` must answer: an exit code of 1 or 2 and a Spanish message.
 */
import { execFileSync } from 'node:child_process';
import { symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { programmeWorkbook } from '../../backend/xlsx/programme-workbook';
import { seedLayout, seedProgramme } from './workbooks';

export interface HostileWorkbook {
  /** The file it is written as. */
  name: string;
  /** What it tries, for the test's title. */
  attack: string;
  /** The file's bytes. */
  build(): Promise<Buffer>;
  /** Puts something else than bytes at the path (a FIFO, a link to a device), `build` unused. */
  place?(file: string): void;
  expect: {
    /** `pat validate`'s exit code is one of these. */
    codes: (1 | 2)[];
    /** What the user reads (stdout and stderr together). */
    message: RegExp;
    /** What must never reach the output (a file the workbook points at). */
    never?: RegExp;
    /** Files that must not exist afterwards (a zip entry's path escaping the folder). */
    noFiles?: string[];
  };
}

const NS = 'http://schemas.openxmlformats.org';
const MAIN = `${NS}/spreadsheetml/2006/main`;
const REL = `${NS}/officeDocument/2006/relationships`;
const PKG_REL = `${NS}/package/2006/relationships`;
const CRONOGRAMA = 'xl/worksheets/sheet2.xml';

/** What `pat` says: the reader's «no es un libro de Excel», the limits' messages. */
const NOT_A_WORKBOOK = /no es un libro de Excel \(\.xlsx\) válido/;
/** A line of /etc/passwd, which nothing may read. */
const PASSWD = /root:[^\n]*:0:0:/;
const DOCTYPE = /declara un DOCTYPE \(entidades XML\)/;
const ELEMENTS = /más de 1[ ,.]000[ ,.]000 elementos/;
/** The one error of the baseline workbook: what `pat` reports when it read the file as usual. */
const BASELINE_ERROR = /E6 +ERROR +«#REF!» no es una marca ni un estatus/;

/** Where the zip-slip entry would land if anything unpacked the workbook. */
const ZIP_SLIP = path.join(os.tmpdir(), `pat-zip-slip-${process.pid}.txt`);

// ——— The 2021 workbook, as `npm ci` writes it, to edit ———

let seed: Promise<Buffer> | undefined;
function seedBytes(): Promise<Buffer> {
  seed ??= programmeWorkbook(seedProgramme)
    .xlsx.writeBuffer()
    .then((b) => Buffer.from(b));
  return seed;
}

type Edit = (zip: JSZip, cronograma: string) => void | Promise<void>;

async function edited(base: Buffer, edit: Edit): Promise<Buffer> {
  const zip = await JSZip.loadAsync(base);
  await edit(zip, await zip.file(CRONOGRAMA)!.async('string'));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The 2021 workbook with its parts changed by `edit` (given the cronograma sheet's XML). */
const seedWith = async (edit: Edit) => edited(await seedBytes(), edit);

/**
 * The baseline: the 2021 workbook with one error, «#REF!» in the first activity's January (E6).
 * What a harmless trick is built on: `pat` reads the file as usual and reports just that (exit 1).
 */
let baseline: Promise<Buffer> | undefined;
function baselineBytes(): Promise<Buffer> {
  const layout = seedLayout();
  const cell = `${column(layout.monthColumns.get(1)! + 1)}${layout.activityRows[0]! + 1}`;
  baseline ??= seedWith((zip, xml) => {
    zip.file(
      CRONOGRAMA,
      xml.replace(
        new RegExp(`<c r="${cell}"[^>]*?(?:/>|>.*?</c>)`),
        `<c r="${cell}" t="e"><v>#REF!</v></c>`,
      ),
    );
  });
  return baseline;
}
const baselineWith = async (edit: Edit) => edited(await baselineBytes(), edit);

/** The seed with its cronograma's XML rewritten. */
const seedSheet = (rewrite: (xml: string) => string) => () =>
  seedWith((zip, xml) => void zip.file(CRONOGRAMA, rewrite(xml)));

/** The seed with `xl/workbook.xml` rewritten. */
const seedBook = (rewrite: (xml: string) => string) => () =>
  seedWith(async (zip) => {
    zip.file('xl/workbook.xml', rewrite(await zip.file('xl/workbook.xml')!.async('string')));
  });

// ——— A package written part by part ———

const worksheet = (sheetData: string, before = '', after = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}">${before}<sheetData>${sheetData}</sheetData>${after}</worksheet>`;

/** The parts of a workbook holding `sheets` (name and XML), in order. */
function packageParts(sheets: { name: string; xml: string }[]): Record<string, string> {
  const ids = sheets.map((_, i) => i + 1);
  const parts: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="${NS}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${ids.map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="${PKG_REL}">${ids.map((i) => `<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('')}</Relationships>`,
  };
  sheets.forEach((s, i) => (parts[`xl/worksheets/sheet${i + 1}.xml`] = s.xml));
  return parts;
}

async function zipOf(parts: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(parts)) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A workbook of one sheet named «Hoja1» with the given sheet data. */
const oneSheet =
  (sheetData: string, before = '', after = '') =>
  () =>
    zipOf(packageParts([{ name: 'Hoja1', xml: worksheet(sheetData, before, after) }]));

// ——— A zip written byte by byte, sizes and methods as we please ———

interface RawEntry {
  name: string;
  /** The bytes stored (already compressed when method is 8). */
  data: Buffer;
  /** 0 stored, 8 deflated; anything else is a method nobody reads. */
  method?: number;
  /** The uncompressed size both headers declare. */
  size?: number;
  crc?: number;
  /** General-purpose flags (bit 0: encrypted). */
  flags?: number;
}

/** An entry deflated honestly. */
function deflated(name: string, text: string | Buffer): RawEntry {
  const raw = Buffer.from(text);
  return { name, data: deflateRawSync(raw), method: 8, size: raw.length, crc: crc32(raw) };
}

function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? 0;
    const size = e.size ?? e.data.length;
    const crc = e.crc ?? 0;
    const flags = (e.flags ?? 0) | 0x0800; // names in UTF-8
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0x21, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0x21, 12);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The seed's parts as raw entries, with `replace` swapping some of them. */
async function seedEntries(
  replace: Record<string, RawEntry[]> = {},
  base: Promise<Buffer> = seedBytes(),
): Promise<RawEntry[]> {
  const zip = await JSZip.loadAsync(await base);
  const entries: RawEntry[] = [];
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    if (replace[file.name]) entries.push(...replace[file.name]!);
    else entries.push(deflated(file.name, await file.async('nodebuffer')));
  }
  return entries;
}

/**
 * A sheet's deflate stream holding `megabytes` MiB of spaces in its sheet data, in a thousandth
 * of that: a megabyte of spaces deflates to a kilobyte, flushed so that it can be repeated.
 */
function bombSheet(megabytes: number): { data: Buffer; size: number; method: 8 } {
  const [head, tail] = worksheet('|').split('|') as [string, string];
  const full = { finishFlush: constants.Z_FULL_FLUSH };
  const megabyte = deflateRawSync(Buffer.alloc(1024 * 1024, ' '), full);
  const data = Buffer.concat([
    deflateRawSync(Buffer.from(head), full),
    ...Array.from({ length: megabytes }, () => megabyte),
    deflateRawSync(Buffer.from(tail)),
  ]);
  return { data, size: head.length + megabytes * 1024 * 1024 + tail.length, method: 8 };
}

// ——— Not a zip: Compound File Binary, what .xls and password-protected workbooks are ———

/** A minimal Compound File (version 3) holding the named streams. */
function compoundFile(streams: { name: string; data: Buffer }[]): Buffer {
  const SECTOR = 512;
  const END = 0xfffffffe;
  const FREE = 0xffffffff;
  // Sector 0: the FAT; sector 1: the directory; then each stream, padded to whole sectors.
  const fat: number[] = [0xfffffffd, END];
  const starts: number[] = [];
  for (const s of streams) {
    const sectors = Math.max(1, Math.ceil(s.data.length / SECTOR));
    starts.push(fat.length);
    for (let i = 0; i < sectors; i++) fat.push(i === sectors - 1 ? END : fat.length + 1);
  }
  const header = Buffer.alloc(SECTOR, 0);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(END, 60);
  header.writeUInt32LE(END, 68);
  header.writeUInt32LE(0, 76); // the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREE, 76 + i * 4);
  const fatSector = Buffer.alloc(SECTOR, 0xff);
  fat.forEach((n, i) => fatSector.writeUInt32LE(n >>> 0, i * 4));
  const directory = Buffer.alloc(SECTOR, 0);
  const entry = (i: number, name: string, type: number, start: number, size: number) => {
    const at = i * 128;
    const utf16 = Buffer.from(`${name}\0`, 'utf16le');
    utf16.copy(directory, at);
    directory.writeUInt16LE(utf16.length, at + 64);
    directory.writeUInt8(type, at + 66);
    directory.writeUInt8(1, at + 67);
    directory.writeUInt32LE(FREE, at + 68);
    directory.writeUInt32LE(i > 0 && i < streams.length ? i + 1 : FREE, at + 72);
    directory.writeUInt32LE(i === 0 && streams.length ? 1 : FREE, at + 76);
    directory.writeUInt32LE(start >>> 0, at + 116);
    directory.writeUInt32LE(size, at + 120);
  };
  entry(0, 'Root Entry', 5, END, 0);
  streams.forEach((s, i) => entry(i + 1, s.name, 2, starts[i]!, s.data.length));
  const data = streams.map((s) => {
    const padded = Buffer.alloc(Math.max(1, Math.ceil(s.data.length / SECTOR)) * SECTOR);
    s.data.copy(padded);
    return padded;
  });
  return Buffer.concat([header, fatSector, directory, ...data]);
}

// ——— Cells rewritten ———

const range = (count: number) => Array.from({ length: count }, (_, i) => i);
/** Column letters of a 1-based column number. */
const column = (col: number): string =>
  col <= 0 ? '' : column(Math.floor((col - 1) / 26)) + String.fromCharCode(65 + ((col - 1) % 26));

/** Every cell of the cronograma's activity rows holding an error value. */
function errorsInEveryActivityCell(xml: string): string {
  const rows = new Set(seedLayout().activityRows.map((r) => r + 1));
  const errors = ['#REF!', '#DIV/0!', '#N/A', '#VALUE!', '#NAME?', '#NUM!', '#NULL!'];
  let i = 0;
  return xml.replace(
    /<c r="([A-Z]+)(\d+)"[^>]*?(?:\/>|>.*?<\/c>)/g,
    (cell, col: string, row: string) =>
      rows.has(Number(row))
        ? `<c r="${col}${row}" t="e"><v>${errors[i++ % errors.length]}</v></c>`
        : cell,
  );
}

/** The 2021 cronograma with its first merged area replaced. */
const withMerge = (mergeCell: string) =>
  seedSheet((xml) => xml.replace(/<mergeCell ref="[^"]+"\/>/, mergeCell));

/** A workbook of one sheet named `name` (escaped for XML already). */
const sheetNamed = (name: string) => () =>
  zipOf(packageParts([{ name, xml: worksheet('<row r="1"><c r="A1"><v>1</v></c></row>') }]));

/** The seed's rows, as they are in its XML. */
const rowsOf = (xml: string) => xml.match(/<row\b.*?<\/row>/g) ?? [];

const WHOLE_SHEET_MERGE =
  /combina A1:XFD1048576 \(17[ ,.]179[ ,.]869[ ,.]184 celdas\); se leen áreas combinadas de hasta 100[ ,.]000 celdas/;
const ROW_LIMIT = /llega a la fila [\d ,.]+; se leen hojas de hasta 100[ ,.]000 filas/;
const COLUMN_LIMIT = /llega a la columna [\d ,.]+; se leen hojas de hasta 1[ ,.]000 columnas/;
const SIZE_LIMIT = /MB sin comprimir; se leen libros de hasta 100 MB/;
const NOT_CRONOGRAMA =
  /no parece un cronograma: no se encontró una fila de encabezado con los meses/;

export const HOSTILE_WORKBOOKS: HostileWorkbook[] = [
  // ——— What exceljs would expand into gigabytes ———
  {
    name: 'merge-total.xlsx',
    attack: 'one merged area over the whole sheet (A1:XFD1048576)',
    build: withMerge('<mergeCell ref="A1:XFD1048576"/>'),
    expect: { codes: [2], message: WHOLE_SHEET_MERGE },
  },
  {
    name: 'merge-comillas-simples.xlsx',
    attack: "the whole-sheet merge in single quotes (ref='A1:XFD1048576')",
    build: withMerge("<mergeCell ref='A1:XFD1048576'/>"),
    expect: { codes: [2], message: WHOLE_SHEET_MERGE },
  },
  {
    name: 'merge-referencia-de-caracter.xlsx',
    attack: 'the whole-sheet merge spelled with a character reference (A1:&#88;FD1048576)',
    build: withMerge('<mergeCell ref="A1:&#88;FD1048576"/>'),
    expect: { codes: [2], message: WHOLE_SHEET_MERGE },
  },
  {
    name: 'merge-mayor-que.xlsx',
    attack: 'the whole-sheet merge after an attribute holding ">"',
    build: withMerge('<mergeCell x=">" ref="A1:XFD1048576"/>'),
    expect: { codes: [2], message: WHOLE_SHEET_MERGE },
  },
  {
    name: 'merge-espacios.xlsx',
    attack: 'the whole-sheet merge with spaces around "=" and a "$" (ref = "$A$1:XFD1048576")',
    build: withMerge('<mergeCell ref = "$A$1:XFD1048576"/>'),
    expect: {
      codes: [2],
      message: /combina \$A\$1:XFD1048576 \(17[ ,.]179[ ,.]869[ ,.]184 celdas\)/,
    },
  },
  {
    name: 'merge-lejana.xlsx',
    attack: 'a one-cell merged area at XFD1048576 (exceljs makes the rows and cells up to it)',
    build: withMerge('<mergeCell ref="XFD1048576:XFD1048576"/>'),
    expect: { codes: [2], message: /llega a la fila 1[ ,.]048[ ,.]576/ },
  },
  {
    name: 'mil-combinaciones.xlsx',
    attack: 'a thousand merged columns of 99,999 cells, each under the limit',
    build: oneSheet(
      '<row r="1"><c r="A1"><v>1</v></c></row>',
      '',
      `<mergeCells>${range(1000)
        .map((i) => `<mergeCell ref="${column(i + 1)}1:${column(i + 1)}99999"/>`)
        .join('')}</mergeCells>`,
    ),
    expect: { codes: [2], message: /áreas combinadas del libro suman 99[ ,.]999[ ,.]000 celdas/ },
  },
  {
    name: 'muchas-combinaciones.xlsx',
    attack: '6,000 merged pairs of cells (exceljs compares each with all the others)',
    build: oneSheet(
      '<row r="1"><c r="A1"><v>1</v></c></row>',
      '',
      `<mergeCells>${range(6000)
        .map((i) => `<mergeCell ref="A${i + 1}:B${i + 1}"/>`)
        .join('')}</mergeCells>`,
    ),
    expect: { codes: [2], message: /más de 5[ ,.]000 áreas combinadas/ },
  },
  {
    name: 'validacion-total.xlsx',
    attack: 'a data validation over the whole sheet (exceljs lists it cell by cell)',
    build: seedSheet((xml) =>
      xml.replace(
        '</worksheet>',
        '<dataValidations count="1"><dataValidation type="list" sqref="E6 A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations></worksheet>',
      ),
    ),
    expect: {
      codes: [2],
      message: /validaciones de datos del libro cubren 17[ ,.]179[ ,.]869[ ,.]185 celdas/,
    },
  },
  {
    name: 'nombre-definido-total.xlsx',
    attack: 'a defined name over a whole sheet, its sheet name holding a comma',
    build: seedBook((xml) =>
      xml.replace(
        '</sheets>',
        `</sheets><definedNames><definedName name="todo">'Crono, grama'!$A$1:$XFD$1048576</definedName></definedNames>`,
      ),
    ),
    expect: {
      codes: [2],
      message: /nombres definidos del libro cubren 17[ ,.]179[ ,.]869[ ,.]184 celdas/,
    },
  },
  {
    name: 'validacion-de-millones.xlsx',
    attack: 'a data validation over 30 million one-cell ranges (90 MB of sqref to split)',
    build: async () =>
      rawZip([
        ...(await seedEntries()),
        deflated(
          'xl/worksheets/sheet9.xml',
          worksheet(
            '<row r="1"><c r="A1"><v>1</v></c></row>',
            '',
            `<dataValidations><dataValidation type="list" sqref="${'A1 '.repeat(30_000_000)}"><formula1>"a"</formula1></dataValidation></dataValidations>`,
          ),
        ),
      ]),
    expect: {
      codes: [2],
      message: /validaciones de datos del libro cubren 250[ ,.]001 celdas o más/,
    },
  },
  {
    name: 'nombre-definido-larguisimo.xlsx',
    attack: 'a defined name of 50 million commas (exceljs splits it into an array)',
    build: async () => {
      const zip = await JSZip.loadAsync(await seedBytes());
      const book = await zip.file('xl/workbook.xml')!.async('string');
      const named = book.replace(
        '</sheets>',
        `</sheets><definedNames><definedName name="comas">${','.repeat(50_000_000)}</definedName></definedNames>`,
      );
      return rawZip(await seedEntries({ 'xl/workbook.xml': [deflated('xl/workbook.xml', named)] }));
    },
    expect: {
      codes: [2],
      message: /El nombre definido «comas» se refiere a más de 8[ ,.]192 caracteres/,
    },
  },
  {
    name: 'columnas-con-formato.xlsx',
    attack: 'a column format from column 1 to 2,000,000,000 (exceljs makes each column)',
    build: oneSheet(
      '<row r="1"><c r="A1"><v>1</v></c></row>',
      '<cols><col min="1" max="2000000000" width="9"/></cols>',
    ),
    expect: { codes: [2], message: /da formato a las columnas hasta la 2[ ,.]000[ ,.]000[ ,.]000/ },
  },
  {
    name: 'formato-condicional.xlsx',
    attack: '10,001 conditional-formatting rules (a kilobyte each, read)',
    build: oneSheet(
      '<row r="1"><c r="A1"><v>1</v></c></row>',
      '',
      `<conditionalFormatting sqref="A1">${'<cfRule type="expression" priority="1"><formula>1</formula></cfRule>'.repeat(10_001)}</conditionalFormatting>`,
    ),
    expect: {
      codes: [2],
      message: /10[ ,.]001 reglas de formato condicional; se leen hasta 10[ ,.]000/,
    },
  },

  // ——— Rows, columns and cells ———
  {
    name: 'mil-hojas.xlsx',
    attack: 'a thousand sheets, each with a cell at XFD1048576',
    build: () =>
      zipOf(
        packageParts(
          range(1000).map((i) => ({
            name: `H${i + 1}`,
            xml: worksheet(`<row r="1048576"><c r="XFD1048576"><v>${i}</v></c></row>`),
          })),
        ),
      ),
    expect: { codes: [2], message: /El libro tiene 1000 hojas; se leen libros de hasta 200/ },
  },
  {
    name: 'profunda.xlsx',
    attack: 'a sheet reaching row 250,000',
    build: oneSheet('<row r="250000"><c r="A250000" t="inlineStr"><is><t>x</t></is></c></row>'),
    expect: { codes: [2], message: /La hoja «Hoja1» llega a la fila 250[ ,.]000/ },
  },
  {
    name: 'fila-de-ocho-cifras.xlsx',
    attack: 'a row numbered 99,999,999 (eight digits)',
    build: oneSheet('<row r="99999999"><c r="A99999999"><v>1</v></c></row>'),
    expect: { codes: [2], message: ROW_LIMIT },
  },
  {
    name: 'fila-2-32.xlsx',
    attack: 'a row numbered 4,294,967,294, the last index of an array',
    build: oneSheet('<row r="4294967294"><c r="A1"><v>1</v></c></row>'),
    expect: { codes: [2], message: ROW_LIMIT },
  },
  {
    name: 'fila-con-espacio.xlsx',
    attack: 'a row number written " 5000000" (parseInt skips the space)',
    build: oneSheet('<row r=" 5000000"><c r="A1"><v>1</v></c></row>'),
    expect: { codes: [2], message: ROW_LIMIT },
  },
  {
    name: 'ancha.xlsx',
    attack: 'a sheet reaching column XFD (16,384)',
    build: oneSheet('<row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>'),
    expect: { codes: [2], message: /La hoja «Hoja1» llega a la columna 16[ ,.]384/ },
  },
  {
    name: 'columnas-16384.xlsx',
    attack: 'a row with a value in every one of the 16,384 columns',
    build: oneSheet(
      `<row r="1">${range(16384)
        .map((i) => `<c r="${column(i + 1)}1"><v>${i}</v></c>`)
        .join('')}</row>`,
    ),
    expect: { codes: [2], message: COLUMN_LIMIT },
  },
  {
    name: 'columnas-sin-referencia.xlsx',
    attack: 'a row of 20,000 cells without an address (exceljs numbers them on)',
    build: oneSheet(`<row r="1">${'<c><v>1</v></c>'.repeat(20_000)}</row>`),
    expect: { codes: [2], message: COLUMN_LIMIT },
  },
  {
    name: 'columna-xfe.xlsx',
    attack: 'cells at XFE1 and ZZZZZZ1, past Excel’s last column',
    build: oneSheet('<row r="1"><c r="XFE1"><v>1</v></c><c r="ZZZZZZ1"><v>2</v></c></row>'),
    expect: { codes: [2], message: COLUMN_LIMIT },
  },
  {
    name: 'celdas-vacias-esquina.xlsx',
    attack: '99,999 rows with a cell in A and one in ALL: every gap between is a cell to build',
    build: oneSheet(
      range(99_999)
        .map((i) => `<row r="${i + 1}"><c r="A${i + 1}"/><c r="ALL${i + 1}"/></row>`)
        .join(''),
    ),
    expect: { codes: [2], message: /abarca 99[ ,.]999[ ,.]000 celdas/ },
  },
  {
    name: 'doscientas-hojas-profundas.xlsx',
    attack: '200 sheets, each with one cell at row 99,999 (each sheet within the limits)',
    build: () =>
      zipOf(
        packageParts(
          range(200).map((i) => ({
            name: `H${i + 1}`,
            xml: worksheet(`<row r="99999"><c r="A99999"><v>${i}</v></c></row>`),
          })),
        ),
      ),
    expect: { codes: [2], message: /Las hojas del libro abarcan juntas [\d ,.]+ celdas/ },
  },
  {
    name: 'trescientas-mil-celdas.xlsx',
    attack: '300,000 empty cells, within the row and column limits',
    build: oneSheet(
      range(300)
        .map(
          (r) =>
            `<row r="${r + 1}">${range(1000)
              .map((c) => `<c r="${column(c + 1)}${r + 1}"/>`)
              .join('')}</row>`,
        )
        .join(''),
    ),
    expect: { codes: [2], message: /abarca 300[ ,.]000 celdas/ },
  },
  {
    name: 'textos-compartidos.xlsx',
    attack: 'a shared-string table of 600,000 entries',
    build: () =>
      seedWith(async (zip) => {
        const sst = await zip.file('xl/sharedStrings.xml')!.async('string');
        zip.file(
          'xl/sharedStrings.xml',
          sst.replace('</sst>', `${'<si><t/></si>'.repeat(600_000)}</sst>`),
        );
      }),
    expect: { codes: [2], message: ELEMENTS },
  },
  {
    name: 'en-el-limite.xlsx',
    attack: 'just within every limit: 245,000 cells, 24,000 shared strings, 240,000 hyperlinks',
    build: () => {
      const cells = range(2450)
        .map(
          (r) =>
            `<row r="${r + 1}">${range(100)
              .map(
                (c) => `<c r="${column(c + 1)}${r + 1}" t="s"><v>${(r * 100 + c) % 24_000}</v></c>`,
              )
              .join('')}</row>`,
        )
        .join('');
      const parts = packageParts([
        {
          name: 'Datos',
          xml: worksheet(
            cells,
            '',
            `<hyperlinks>${'<hyperlink ref="A1" location="Datos!A1"/>'.repeat(240_000)}</hyperlinks>`,
          ),
        },
      ]);
      parts['xl/sharedStrings.xml'] = `<?xml version="1.0"?><sst xmlns="${MAIN}">${range(24_000)
        .map((i) => `<si><t>Texto ${i} de la tabla de textos compartidos del libro</t></si>`)
        .join('')}</sst>`;
      return zipOf(parts);
    },
    expect: { codes: [2], message: /La hoja «Datos» no parece un cronograma/ },
  },
  {
    name: 'errores-en-todo.xlsx',
    attack: '#REF!, #DIV/0!, #N/A … in every cell of the cronograma’s activities',
    build: seedSheet(errorsInEveryActivityCell),
    expect: { codes: [1], message: /ERROR +«#(REF!|DIV\/0!|N\/A)» no es una marca ni un estatus/ },
  },
  {
    name: 'referencias-raras.xlsx',
    attack: 'cells at A0, A-1, a1 (lower case), $B$2 and 1 (no column)',
    build: oneSheet(
      '<row r="1"><c r="A0"><v>1</v></c><c r="A-1"><v>2</v></c><c r="a1"><v>3</v></c><c r="$B$2"><v>4</v></c><c r="1"><v>5</v></c></row>',
    ),
    expect: { codes: [2], message: NOT_A_WORKBOOK },
  },
  {
    name: 'filas-desordenadas.xlsx',
    attack: 'the cronograma’s rows in reverse order, each twice',
    build: () =>
      baselineWith((zip, xml) => {
        const rows = rowsOf(xml)
          .reverse()
          .flatMap((r) => [r, r]);
        zip.file(
          CRONOGRAMA,
          xml.replace(/<sheetData>.*<\/sheetData>/, `<sheetData>${rows.join('')}</sheetData>`),
        );
      }),
    expect: { codes: [1], message: BASELINE_ERROR },
  },
  {
    name: 'solo-formulas.xlsx',
    attack: 'a sheet of formulas (1/0) without cached values',
    build: oneSheet(
      range(30)
        .map(
          (r) =>
            `<row r="${r + 1}">${range(16)
              .map((c) => `<c r="${column(c + 1)}${r + 1}"><f>1/0</f></c>`)
              .join('')}</row>`,
        )
        .join(''),
    ),
    expect: { codes: [2], message: NOT_CRONOGRAMA },
  },
  {
    name: 'una-celda.xlsx',
    attack: 'a sheet of one cell',
    build: oneSheet('<row r="1"><c r="A1"><v>1</v></c></row>'),
    expect: { codes: [2], message: NOT_CRONOGRAMA },
  },
  {
    name: 'dimension-mentirosa.xlsx',
    attack: 'a dimension of A1:XFD1048576 over three cells',
    build: oneSheet(
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row>',
      '<dimension ref="A1:XFD1048576"/>',
    ),
    expect: { codes: [2], message: NOT_CRONOGRAMA },
  },
  {
    name: 'textos-muy-largos.xlsx',
    attack: 'every activity’s description 40,000 characters long (Excel stops at 32,767)',
    build: () =>
      baselineWith((zip, xml) => {
        const layout = seedLayout();
        const rows = new Set(layout.activityRows.map((r) => r + 1));
        const col = column(layout.descriptionColumn + 1);
        const long = (row: string) =>
          `<c r="${col}${row}" t="inlineStr"><is><t>${row} ${'Á'.repeat(40_000)}</t></is></c>`;
        const cell = new RegExp(`<c r="${col}(\\d+)"[^>]*?(?:/>|>.*?</c>)`, 'g');
        zip.file(
          CRONOGRAMA,
          xml.replace(cell, (c, row: string) => (rows.has(Number(row)) ? long(row) : c)),
        );
      }),
    expect: { codes: [1], message: BASELINE_ERROR },
  },
  {
    name: 'texto-de-diez-megas.xlsx',
    attack: 'one cell holding ten million characters',
    build: oneSheet(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(10_000_000)}</t></is></c></row>`,
    ),
    expect: { codes: [2], message: NOT_CRONOGRAMA },
  },
  {
    name: 'textos-compartidos-fuera-de-rango.xlsx',
    attack: 'shared-string indices past the table, negative and not numbers',
    build: seedSheet((xml) => {
      const bad = ['999999', '-1', 'abc', '1e308'];
      let i = 0;
      return xml.replace(/t="s"><v>\d+<\/v>/g, () => `t="s"><v>${bad[i++ % bad.length]}</v>`);
    }),
    expect: { codes: [2], message: NOT_A_WORKBOOK },
  },
  {
    name: 'estilos-fuera-de-rango.xlsx',
    attack: 'cells using styles 999,999 and -1, which styles.xml does not have',
    build: () =>
      baselineWith((zip, xml) => {
        let i = 0;
        zip.file(
          CRONOGRAMA,
          xml.replace(/ s="\d+"/g, () => (i++ % 2 ? ' s="999999"' : ' s="-1"')),
        );
      }),
    expect: { codes: [1], message: BASELINE_ERROR },
  },

  // ——— The zip ———
  {
    name: 'bomba-110-mb.xlsx',
    attack: 'a zip bomb: a sheet inflating to 110 MB, its size declared',
    build: async () =>
      rawZip(await seedEntries({ [CRONOGRAMA]: [{ name: CRONOGRAMA, ...bombSheet(110) }] })),
    expect: {
      codes: [2],
      message: /El libro ocupa 110 MB sin comprimir; se leen libros de hasta 100 MB/,
    },
  },
  {
    name: 'bomba-gigas-declarada.xlsx',
    attack: 'a 3 MB zip whose sheet inflates to 3 GiB, its size declared',
    build: async () =>
      rawZip(await seedEntries({ [CRONOGRAMA]: [{ name: CRONOGRAMA, ...bombSheet(3072) }] })),
    expect: { codes: [2], message: SIZE_LIMIT },
  },
  {
    name: 'bomba-gigas-mentirosa.xlsx',
    attack: 'a 2 MB zip whose sheet inflates to 2 GiB but declares 1 KB',
    build: async () =>
      rawZip(
        await seedEntries({ [CRONOGRAMA]: [{ name: CRONOGRAMA, ...bombSheet(2048), size: 1024 }] }),
      ),
    expect: {
      codes: [2],
      message:
        /dañado: la parte «xl\/worksheets\/sheet2\.xml» se expande a más de los 1[ ,.]024 bytes que declara/,
    },
  },
  {
    name: 'bomba-en-una-imagen.xlsx',
    attack:
      'a part exceljs does not parse (xl/media/image1.png) inflating to 1 GiB, declaring 1 KB',
    build: async () =>
      rawZip([
        ...(await seedEntries()),
        { name: 'xl/media/image1.png', ...bombSheet(1024), size: 1024 },
      ]),
    expect: { codes: [2], message: /dañado: la parte «xl\/media\/image1\.png» se expande/ },
  },
  {
    name: 'tamano-declarado-4-gb.xlsx',
    attack: 'a part that declares 4 GB uncompressed and holds a few bytes',
    build: async () =>
      rawZip(
        await seedEntries({
          'docProps/app.xml': [{ ...deflated('docProps/app.xml', '<x/>'), size: 0xfffffff0 }],
        }),
      ),
    expect: { codes: [2], message: /El libro ocupa 4[ ,.]096 MB sin comprimir/ },
  },
  {
    name: 'muchas-partes.xlsx',
    attack: 'a zip of 65,000 entries',
    build: async () =>
      rawZip([
        ...(await seedEntries()),
        ...range(65_000).map((i) => ({ name: `x/${i}.bin`, data: Buffer.alloc(0) })),
      ]),
    expect: { codes: [2], message: /El archivo tiene más de 10[ ,.]000 partes/ },
  },
  {
    name: 'hoja-repetida.xlsx',
    attack: 'the cronograma twice in the zip, the second (the one read) with a whole-sheet merge',
    build: async () => {
      const xml = await (
        await JSZip.loadAsync(await seedBytes())
      )
        .file(CRONOGRAMA)!
        .async('string');
      const merged = xml.replace(/<mergeCell ref="[^"]+"\/>/, '<mergeCell ref="A1:XFD1048576"/>');
      return rawZip([...(await seedEntries()), deflated(CRONOGRAMA, merged)]);
    },
    expect: { codes: [2], message: WHOLE_SHEET_MERGE },
  },
  {
    name: 'hoja-con-barra-inicial.xlsx',
    attack:
      'the cronograma stored as "/xl/worksheets/sheet2.xml" (exceljs reads it), with a whole-sheet merge',
    build: async () => {
      const xml = await (
        await JSZip.loadAsync(await seedBytes())
      )
        .file(CRONOGRAMA)!
        .async('string');
      const merged = xml.replace(/<mergeCell ref="[^"]+"\/>/, '<mergeCell ref="A1:XFD1048576"/>');
      return rawZip(await seedEntries({ [CRONOGRAMA]: [deflated(`/${CRONOGRAMA}`, merged)] }));
    },
    expect: { codes: [2], message: WHOLE_SHEET_MERGE },
  },
  {
    name: 'hoja-en-otra-carpeta.xlsx',
    attack:
      'a sheet at "otra/xl/worksheets/sheet9.xml" (exceljs reads it too) reaching row 10,000,000',
    build: async () =>
      rawZip([
        ...(await seedEntries()),
        deflated(
          'otra/xl/worksheets/sheet9.xml',
          worksheet('<row r="10000000"><c r="A10000000"><v>1</v></c></row>'),
        ),
      ]),
    expect: {
      codes: [2],
      message: /La hoja «otra\/xl\/worksheets\/sheet9\.xml» llega a la fila 10[ ,.]000[ ,.]000/,
    },
  },
  {
    name: 'zip-slip.xlsx',
    attack: 'an entry named ../../../../../../tmp/…, as if to be unpacked there',
    build: async () =>
      rawZip([
        ...(await seedEntries({}, baselineBytes())),
        deflated(`../../../../../..${ZIP_SLIP}`, 'no debería existir'),
      ]),
    expect: { codes: [1], message: BASELINE_ERROR, noFiles: [ZIP_SLIP] },
  },
  {
    name: 'metodo-desconocido.xlsx',
    attack: 'the cronograma compressed with an unknown method (99)',
    build: async () =>
      rawZip(
        await seedEntries({
          [CRONOGRAMA]: [{ name: CRONOGRAMA, data: Buffer.from('????'), method: 99, size: 4 }],
        }),
      ),
    expect: { codes: [2], message: NOT_A_WORKBOOK },
  },
  {
    name: 'entrada-cifrada.xlsx',
    attack: 'the cronograma flagged as encrypted (traditional PKWARE encryption)',
    build: async () =>
      rawZip(
        await seedEntries({
          [CRONOGRAMA]: [{ ...deflated(CRONOGRAMA, '<worksheet/>'), flags: 1 }],
        }),
      ),
    expect: { codes: [2], message: NOT_A_WORKBOOK },
  },
  ...(
    [
      [30, 'cut after 30 bytes, inside the first entry'],
      [0.5, 'cut in half'],
      [-22, 'without its last 22 bytes (the end of the central directory)'],
      [-1, 'without its last byte'],
    ] as const
  ).map(([cut, how]): HostileWorkbook => ({
    name: `cortado-${String(cut).replace('.', '_')}.xlsx`,
    attack: `the workbook ${how}`,
    build: async () => {
      const bytes = await seedBytes();
      return bytes.subarray(0, cut === 0.5 ? bytes.length / 2 : cut > 0 ? cut : bytes.length + cut);
    },
    expect: { codes: [2], message: NOT_A_WORKBOOK },
  })),
  {
    name: 'sin-el-medio.xlsx',
    attack: 'the workbook with 4 KB taken out of its middle (offsets point past the data)',
    build: async () => {
      const bytes = await seedBytes();
      const mid = Math.floor(bytes.length / 2);
      return Buffer.concat([bytes.subarray(0, mid - 2048), bytes.subarray(mid + 2048)]);
    },
    expect: { codes: [2], message: NOT_A_WORKBOOK },
  },

  // ——— Not a zip at all ———
  {
    name: 'vacio.xlsx',
    attack: 'an empty file (0 bytes)',
    build: async () => Buffer.alloc(0),
    expect: { codes: [2], message: NOT_A_WORKBOOK },
  },
  {
    name: 'ruido.xlsx',
    attack: 'five thousand bytes of noise',
    build: async () => Buffer.from(range(5000).map((i) => (i * 7919) % 256)),
    expect: { codes: [2], message: NOT_A_WORKBOOK },
  },
  {
    name: 'documento-pdf.xlsx',
    attack: 'a PDF renamed .xlsx',
    build: async () =>
      Buffer.from(
        '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      ),
    expect: { codes: [2], message: NOT_A_WORKBOOK },
  },
  {
    name: 'pagina-html.xlsx',
    attack: 'an HTML table renamed .xlsx (what a web "export to Excel" often is)',
    build: async () =>
      Buffer.from(
        '<!DOCTYPE html><html><body><table><tr><td>Actividades</td><td>Ene</td></tr></table></body></html>',
      ),
    expect: { codes: [2], message: NOT_A_WORKBOOK },
  },
  {
    name: 'cronograma-csv.xlsx',
    attack: 'a CSV of the cronograma renamed .xlsx',
    build: async () =>
      Buffer.from('ID,Ejes de acción,Actividades,Ene,Feb,Mar\n1,Eje 1,Sesiones ordinarias,x,x,x\n'),
    expect: { codes: [2], message: NOT_A_WORKBOOK },
  },
  {
    name: 'libro-97.xlsx',
    attack: 'an Excel 97-2003 workbook (BIFF in a Compound File) renamed .xlsx',
    build: async () =>
      compoundFile([{ name: 'Workbook', data: Buffer.from('0908100000060500', 'hex') }]),
    expect: { codes: [2], message: /es un libro de Excel 97-2003 \(\.xls\)/ },
  },
  {
    name: 'con-contrasena.xlsx',
    attack:
      'a password-protected workbook (EncryptionInfo and EncryptedPackage in a Compound File)',
    build: async () =>
      compoundFile([
        { name: 'EncryptionInfo', data: Buffer.from('04000400400000', 'hex') },
        { name: 'EncryptedPackage', data: Buffer.alloc(8192, 0x5a) },
      ]),
    expect: { codes: [2], message: /está protegido con contraseña/ },
  },
  {
    name: 'hoja-opendocument.xlsx',
    attack: 'an OpenDocument spreadsheet (.ods) renamed .xlsx',
    build: () =>
      zipOf({
        mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
        'content.xml':
          '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
      }),
    expect: { codes: [2], message: /El libro no tiene hojas/ },
  },
  {
    name: 'disperso-200-mb.xlsx',
    attack: 'a 200 MB file (sparse: zeros the disk does not hold)',
    build: async () => Buffer.alloc(0),
    place: (file) => {
      writeFileSync(file, '');
      truncateSync(file, 200 * 1024 * 1024);
    },
    expect: { codes: [2], message: /El archivo ocupa 200 MB; se leen libros de hasta 100 MB/ },
  },
  {
    name: 'tuberia.xlsx',
    attack: 'a named pipe (FIFO) nobody writes to',
    build: async () => Buffer.alloc(0),
    place: (file) => execFileSync('mkfifo', [file]),
    expect: {
      codes: [2],
      message: /no es un archivo común \(es una tubería, un dispositivo o un socket\)/,
    },
  },
  {
    name: 'dispositivo.xlsx',
    attack: 'a link to /dev/zero, which never ends',
    build: async () => Buffer.alloc(0),
    place: (file) => symlinkSync('/dev/zero', file),
    expect: {
      codes: [2],
      message: /no es un archivo común \(es una tubería, un dispositivo o un socket\)/,
    },
  },

  // ——— The package's parts ———
  {
    name: 'sin-content-types.xlsx',
    attack: 'the workbook without [Content_Types].xml',
    build: () => baselineWith((zip) => void zip.remove('[Content_Types].xml')),
    expect: { codes: [1], message: BASELINE_ERROR },
  },
  {
    name: 'sin-workbook.xlsx',
    attack: 'the workbook without xl/workbook.xml',
    build: () => seedWith((zip) => void zip.remove('xl/workbook.xml')),
    expect: { codes: [2], message: /El libro no tiene hojas/ },
  },
  {
    name: 'hoja-que-falta.xlsx',
    attack: 'workbook.xml naming a sheet whose part is not in the zip',
    build: () =>
      seedWith(async (zip) => {
        const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
        zip.file(
          'xl/_rels/workbook.xml.rels',
          rels.replace('worksheets/sheet2.xml', 'worksheets/sheet99.xml'),
        );
      }),
    expect: { codes: [2], message: /No se encontró un cronograma en el libro/ },
  },
  {
    name: 'relaciones-fuera-del-libro.xlsx',
    attack:
      'relationships to ../../../../etc/passwd, /etc/passwd, file:///etc/passwd and a cloud metadata URL',
    build: () =>
      baselineWith(async (zip) => {
        const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
        zip.file(
          'xl/_rels/workbook.xml.rels',
          rels
            .replace('worksheets/sheet1.xml', '../../../../../../etc/passwd')
            .replace('sharedStrings.xml', '/etc/passwd')
            .replace(
              '</Relationships>',
              `<Relationship Id="rId90" Type="${REL}/externalLink" Target="file:///etc/passwd" TargetMode="External"/><Relationship Id="rId91" Type="${REL}/externalLink" Target="http://169.254.169.254/latest/meta-data/" TargetMode="External"/></Relationships>`,
            ),
        );
      }),
    expect: { codes: [1], message: BASELINE_ERROR, never: PASSWD },
  },
  {
    name: 'hipervinculo-a-passwd.xlsx',
    attack: 'a hyperlink in the cronograma to file:///etc/passwd',
    build: () =>
      baselineWith((zip, xml) => {
        zip.file(
          CRONOGRAMA,
          xml.replace(
            '</sheetData>',
            '</sheetData><hyperlinks><hyperlink ref="C6" r:id="rId99"/></hyperlinks>',
          ),
        );
        zip.file(
          'xl/worksheets/_rels/sheet2.xml.rels',
          `<?xml version="1.0"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId99" Type="${REL}/hyperlink" Target="file:///etc/passwd" TargetMode="External"/></Relationships>`,
        );
      }),
    expect: { codes: [1], message: BASELINE_ERROR, never: PASSWD },
  },
  {
    name: 'workbook-mal-formado.xlsx',
    attack: 'workbook.xml that is not well-formed XML',
    build: seedBook((xml) => xml.replace('</sheets>', '<sheets><<</workbook')),
    expect: { codes: [2], message: NOT_A_WORKBOOK },
  },
  {
    name: 'estilos-rotos.xlsx',
    attack: 'styles.xml cut in the middle of a tag',
    build: () =>
      seedWith(async (zip) => {
        const styles = await zip.file('xl/styles.xml')!.async('string');
        zip.file('xl/styles.xml', `${styles.slice(0, styles.length / 2)}<font <<`);
      }),
    expect: { codes: [2], message: NOT_A_WORKBOOK },
  },

  // ——— XML ———
  {
    name: 'xxe.xlsx',
    attack: 'an external entity to /etc/passwd in the cronograma (XXE)',
    build: seedSheet((xml) =>
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
    expect: { codes: [2], message: DOCTYPE, never: PASSWD },
  },
  {
    name: 'xxe-parametro.xlsx',
    attack: 'a parameter entity loading /etc/passwd as a DTD in sharedStrings.xml',
    build: () =>
      seedWith(async (zip) => {
        const sst = await zip.file('xl/sharedStrings.xml')!.async('string');
        zip.file(
          'xl/sharedStrings.xml',
          sst.replace(
            '<sst',
            '<!DOCTYPE sst [<!ENTITY % dtd SYSTEM "file:///etc/passwd"> %dtd;]><sst',
          ),
        );
      }),
    expect: { codes: [2], message: DOCTYPE, never: PASSWD },
  },
  {
    name: 'mil-millones-de-risas.xlsx',
    attack: 'a billion laughs: nested entities expanding to gigabytes',
    build: seedSheet((xml) =>
      xml
        .replace(
          '<worksheet',
          `<!DOCTYPE w [<!ENTITY l0 "jajajajaja">${range(9)
            .map((i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)
            .join('')}]><worksheet`,
        )
        .replace(
          '<sheetData>',
          '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row>',
        ),
    ),
    expect: { codes: [2], message: DOCTYPE },
  },
  {
    name: 'anidado-profundo.xlsx',
    attack: 'XML nested a million elements deep inside a cell',
    build: oneSheet(
      `<row r="1"><c r="A1" t="inlineStr"><is>${'<r>'.repeat(1_000_000)}${'</r>'.repeat(1_000_000)}</is></c></row>`,
    ),
    expect: { codes: [2], message: ELEMENTS },
  },
  {
    name: 'anidado-en-extlst.xlsx',
    attack: 'XML nested 200,000 deep in an extension list exceljs skips',
    build: oneSheet(
      '<row r="1"><c r="A1"><v>1</v></c></row>',
      '',
      `<extLst>${'<ext>'.repeat(200_000)}${'</ext>'.repeat(200_000)}</extLst>`,
    ),
    expect: { codes: [2], message: NOT_CRONOGRAMA },
  },
  {
    name: 'etiqueta-sin-fin.xlsx',
    attack: 'a million "<c " with no ">" (quadratic for a regular expression)',
    build: oneSheet(`<row r="1">${'<c '.repeat(1_000_000)}</row>`),
    expect: { codes: [2], message: NOT_A_WORKBOOK },
  },
  {
    name: 'combinacion-en-comentario.xlsx',
    attack:
      'a whole-sheet merge inside an XML comment and a CDATA section (not real: read as usual)',
    build: () =>
      baselineWith((zip, xml) => {
        zip.file(
          CRONOGRAMA,
          xml.replace(
            '</worksheet>',
            '<!-- <mergeCell ref="A1:XFD1048576"/> --><extLst><ext uri="x"><![CDATA[<row r="9999999">]]></ext></extLst></worksheet>',
          ),
        );
      }),
    expect: { codes: [1], message: BASELINE_ERROR },
  },

  // ——— Sheet names ———
  {
    name: 'nombre-vacio.xlsx',
    attack: 'a sheet named ""',
    build: sheetNamed(''),
    expect: { codes: [2], message: /Una hoja del libro no tiene nombre/ },
  },
  {
    name: 'nombre-invisible.xlsx',
    attack: 'a sheet named with spaces and a zero-width space only',
    build: sheetNamed('  \u200b '),
    expect: { codes: [2], message: /La hoja « {2}\u200b » no parece un cronograma/ },
  },
  {
    name: 'nombre-larguisimo.xlsx',
    attack:
      'a sheet name of 100,000 characters (Excel allows 31; exceljs cuts it, warning in English)',
    build: sheetNamed('N'.repeat(100_000)),
    expect: { codes: [2], message: /tiene 100[ ,.]000 caracteres; Excel admite hasta 31/ },
  },
  {
    name: 'nombre-con-controles.xlsx',
    attack: 'a sheet name with a newline (forging a line of the report) and a C1 control character',
    build: sheetNamed('A&#10;Sin errores\u009b2J'),
    expect: {
      codes: [2],
      message: /El nombre de la hoja «A�Sin errores�2J» tiene caracteres de control/,
    },
  },
  {
    name: 'nombre-rtl.xlsx',
    attack: 'a sheet name with a right-to-left override (U+202E)',
    build: sheetNamed('Crono\u202egrama 2021'),
    expect: {
      codes: [2],
      message: /«Crono�grama 2021» tiene caracteres de control o de dirección del texto/,
    },
  },
  {
    name: 'nombre-con-corchetes.xlsx',
    attack: "a sheet named '[Hoja]:*?/\\' (characters Excel forbids)",
    build: sheetNamed("'[Hoja]:*?/\\'"),
    expect: { codes: [2], message: /tiene caracteres que Excel no admite en un nombre de hoja/ },
  },
  {
    name: 'nombre-con-apostrofos.xlsx',
    attack: "a sheet named 'Hoja', between apostrophes",
    build: sheetNamed("'Hoja'"),
    expect: { codes: [2], message: /empieza o termina con apóstrofo/ },
  },
  {
    name: 'nombres-repetidos.xlsx',
    attack: 'two sheets named «Hoja» and «HOJA»',
    build: () =>
      zipOf(
        packageParts([
          { name: 'Hoja', xml: worksheet('<row r="1"><c r="A1"><v>1</v></c></row>') },
          { name: 'HOJA', xml: worksheet('<row r="1"><c r="A1"><v>2</v></c></row>') },
        ]),
      ),
    expect: { codes: [2], message: /El nombre de la hoja «HOJA» se repite/ },
  },
];
