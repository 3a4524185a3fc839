/**
 * What a workbook may hold before exceljs opens it. exceljs builds an object for every cell of a
 * merged area, of a data validation and of a defined name, for every column a `<col>` spans, for
 * every cell from column A to each row's last, and for every XML element it reads; and jszip
 * inflates each part whole, trusting the size the zip declares. So a 15 KB file with one merge
 * A1:XFD1048576, or a 2 MB zip whose sheet inflates to gigabytes, would take gigabytes and
 * minutes. The zip and its XML are read here first, as exceljs will read them — through jszip,
 * with exceljs's own part names and its lenient cell addresses, attributes in either quote,
 * character references decoded — and anything past a limit is refused with a Spanish message
 * naming the limit. A cronograma is far below every one of them; a workbook at every limit is read
 * under a 256 MB heap in seconds (`tests/cli/hostile-workbooks.test.ts`).
 */
import JSZip from 'jszip';
import { thousands } from '../../shared/text';

export const WORKBOOK_LIMITS = {
  /** The whole workbook, uncompressed. */
  megabytes: 100,
  /** Files in the zip: a workbook has a few dozen. */
  parts: 10_000,
  sheets: 200,
  rows: 100_000,
  columns: 1_000,
  /**
   * Cells the reader builds, all sheets together: each row from column A to its last cell (an
   * empty row counts one), and the cells of merged areas.
   */
  cells: 250_000,
  /** XML elements of the parts exceljs parses: it keeps an object for each. */
  elements: 1_000_000,
  /** Cells of one merged area, and of all of them together. */
  mergedCells: 100_000,
  /** Merged areas: exceljs compares each new one with all the others. */
  merges: 5_000,
  /** Cells covered by data validations and by defined names: exceljs lists them one by one. */
  listedCells: 250_000,
  /** Conditional-formatting rules (about a kilobyte each, read). */
  conditionalRules: 10_000,
} as const;

const L = WORKBOOK_LIMITS;
/** Excel's last column, XFD. */
const EXCEL_COLUMNS = 16_384;
/** Excel's longest formula, in characters. */
const EXCEL_FORMULA = 8_192;

const n = (x: number) => (Number.isFinite(x) ? thousands(x) : 'incontables');
const APART = 'Guarde el cronograma en un libro aparte.';
const RESAVE = 'Ábralo en Excel y guárdelo de nuevo como «Libro de Excel (.xlsx)».';

/** A name or reference from the file, fit to print: no control or format characters, short. */
function shown(text: string): string {
  const clean = text.replace(/[\p{Cc}\p{Cf}]/gu, '�');
  return clean.length > 60 ? `${clean.slice(0, 60)}…` : clean;
}

/** Why the workbook is refused, or undefined when it is within every limit (or not a zip at all). */
export async function workbookOverLimits(data: Buffer | ArrayBuffer): Promise<string | undefined> {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
  // jszip keeps an object per entry of the central directory, each starting with this signature:
  // counted before jszip reads them.
  const entries = occurrences(bytes, CENTRAL_HEADER, L.parts);
  if (entries > L.parts)
    return `El archivo tiene más de ${n(L.parts)} partes; un libro de Excel tiene unas decenas. ${APART}`;
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return undefined; // Not a zip: the reader says the file is no workbook.
  }
  const files = Object.values(zip.files).filter((f) => !f.dir);
  const declared = files.reduce((sum, f) => sum + declaredSize(f), 0);
  if (declared > L.megabytes * 1024 * 1024)
    return `El libro ocupa ${n(Math.round(declared / 1024 / 1024))} MB sin comprimir; se leen libros de hasta ${L.megabytes} MB. ${APART}`;
  const sheets = files.filter((f) => partKind(f.name) === 'worksheet');
  if (sheets.length > L.sheets)
    return `El libro tiene ${sheets.length} hojas; se leen libros de hasta ${L.sheets}. ${APART}`;

  // The workbook and its relationships first, for the sheets' names; then every other part.
  const first = (f: JSZip.JSZipObject) => (/^workbook/.test(partKind(f.name) ?? '') ? 0 : 1);
  files.sort((a, b) => first(a) - first(b));
  const book: Book = { sheets: [], targets: new Map(), namedCells: 0 };
  const totals: Totals = { elements: 0, cells: 0, mergedCells: 0, merges: 0, validatedCells: 0 };
  let names: Map<string, string> | undefined;
  for (const file of files) {
    const kind = partKind(file.name);
    if (!names && first(file) === 1) {
      const problem = sheetNameProblem(book);
      if (problem) return problem;
      names = sheetNames(book);
    }
    // exceljs inflates every part, parsed or not: none may grow past the size it declares.
    const xml = await inflated(file);
    if (xml === 'over')
      return `El libro está dañado: la parte «${shown(file.name)}» se expande a más de los ${n(declaredSize(file))} bytes que declara. ${RESAVE}`;
    if (!xml || kind === undefined) continue; // jszip cannot inflate it: exceljs will refuse it
    const part = partName(file.name);
    const problem =
      kind === 'worksheet'
        ? worksheetOverLimits(xml, names?.get(part) ?? part, totals)
        : otherPartOverLimits(xml, kind, book, totals);
    if (problem === DOCTYPE)
      return `La parte «${shown(part)}» del libro declara un DOCTYPE (entidades XML): Excel no los escribe y, por seguridad, no se leen. ${RESAVE}`;
    if (problem) return problem;
  }
  return names ? undefined : sheetNameProblem(book);
}

// ——— The zip ———

const CENTRAL_HEADER = Buffer.from([0x50, 0x4b, 0x01, 0x02]);

/** How many times `needle` occurs in `haystack`, counting no further than `atMost + 1`. */
function occurrences(haystack: Buffer, needle: Buffer, atMost: number): number {
  let count = 0;
  for (
    let i = haystack.indexOf(needle);
    i >= 0 && count <= atMost;
    i = haystack.indexOf(needle, i + 1)
  )
    count++;
  return count;
}

/**
 * The uncompressed size the zip's central directory declares for an entry (jszip keeps it on the
 * entry, read as a signed 32-bit number: 3 GB comes out negative).
 */
function declaredSize(file: JSZip.JSZipObject): number {
  const size = (file as unknown as { _data?: { uncompressedSize?: number } })._data
    ?.uncompressedSize;
  return size === undefined ? 0 : size < 0 ? size + 2 ** 32 : size;
}

/** A jszip stream (`internalStream`, in jszip's documentation though not in its types). */
interface JSZipStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): JSZipStream;
  on(event: 'error', listener: (error: unknown) => void): JSZipStream;
  on(event: 'end', listener: () => void): JSZipStream;
  resume(): JSZipStream;
  pause(): JSZipStream;
}

/**
 * The part as exceljs will get it — inflated by jszip, as leniently — but stopped as soon as it
 * grows past the size it declares ('over'); undefined when jszip cannot inflate it at all.
 */
function inflated(file: JSZip.JSZipObject): Promise<Buffer | 'over' | undefined> {
  const limit = declaredSize(file);
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const stream = (
      file as unknown as { internalStream(type: 'uint8array'): JSZipStream }
    ).internalStream('uint8array');
    stream
      .on('data', (chunk) => {
        size += chunk.length;
        if (size <= limit) chunks.push(chunk);
        else {
          stream.pause();
          resolve('over');
        }
      })
      .on('error', () => resolve(undefined))
      .on('end', () => resolve(Buffer.concat(chunks)))
      .resume();
  });
}

type PartKind = 'workbook' | 'workbookRels' | 'worksheet' | 'xml';

/** The part's name as exceljs sees it: one leading slash dropped. */
const partName = (entry: string) => (entry.startsWith('/') ? entry.slice(1) : entry);

/**
 * What exceljs makes of a zip entry, by its own rules (`xlsx.load`: exact names, then unanchored
 * patterns in this order); undefined for the parts it keeps as they are or ignores.
 */
function partKind(entry: string): PartKind | undefined {
  const name = partName(entry);
  if (name === 'xl/workbook.xml') return 'workbook';
  if (name === 'xl/_rels/workbook.xml.rels') return 'workbookRels';
  if (
    /^(_rels\/\.rels|xl\/sharedStrings\.xml|xl\/styles\.xml|docProps\/(app|core)\.xml)$/.test(name)
  )
    return 'xml';
  if (/xl\/worksheets\/sheet(\d+)[.]xml/.test(name)) return 'worksheet';
  if (/xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/.test(name)) return 'xml';
  if (/xl\/theme\/([a-zA-Z0-9]+)[.]xml/.test(name)) return undefined;
  if (/xl\/media\/([a-zA-Z0-9]+[.][a-zA-Z0-9]{3,4})$/.test(name)) return undefined;
  if (
    /xl\/drawings\/([a-zA-Z0-9]+)[.]xml/.test(name) ||
    /xl\/(comments\d+)[.]xml/.test(name) ||
    /xl\/tables\/(table\d+)[.]xml/.test(name) ||
    /xl\/drawings\/_rels\/([a-zA-Z0-9]+)[.]xml[.]rels/.test(name) ||
    /xl\/drawings\/(vmlDrawing\d+)[.]vml/.test(name)
  )
    return 'xml';
  return undefined;
}

// ——— The parts ———

/** What all the parts hold together so far. */
interface Totals {
  elements: number;
  cells: number;
  mergedCells: number;
  merges: number;
  validatedCells: number;
}

/** What the workbook part and its relationships say. */
interface Book {
  sheets: { name: string; rId: string }[];
  targets: Map<string, string>;
  /** Cells of the defined names exceljs indexes one by one. */
  namedCells: number;
  /** A defined name longer than Excel writes (exceljs would split it at every comma). */
  longName?: string;
}

/** The workbook, its relationships and every other part exceljs parses: elements counted. */
function otherPartOverLimits(
  xml: Buffer,
  kind: PartKind,
  book: Book,
  totals: Totals,
): string | typeof DOCTYPE | undefined {
  let definedName: { name: string; text: string } | undefined;
  const result = scanXml(xml, {
    wanted: kind === 'workbook' ? BOOK_TAGS : kind === 'workbookRels' ? RELS_TAGS : NONE,
    open(name, attributes, selfClosing) {
      if (++totals.elements > L.elements) return true;
      if (kind === 'workbook' && name === 'sheet')
        book.sheets.push({ name: attributes.get('name') ?? '', rId: attributes.get('r:id') ?? '' });
      if (kind === 'workbook' && name === 'definedName' && !selfClosing)
        definedName = { name: attributes.get('name') ?? '', text: '' };
      if (kind === 'workbookRels' && name === 'Relationship')
        book.targets.set(attributes.get('Id') ?? '', attributes.get('Target') ?? '');
      return false;
    },
    ...(kind === 'workbook'
      ? {
          text(xml: Buffer, start: number, end: number) {
            // Read no further than Excel's longest formula (and a character more).
            if (!definedName || definedName.text.length > EXCEL_FORMULA) return;
            const bytes = xml.toString('utf8', start, Math.min(end, start + 16 * EXCEL_FORMULA));
            definedName.text = (definedName.text + decodeXml(bytes)).slice(0, EXCEL_FORMULA + 1);
          },
          close(name: string) {
            if (name !== 'definedName' || !definedName) return;
            if (definedName.text.length > EXCEL_FORMULA) book.longName ??= definedName.name;
            // exceljs takes the print area and titles aside and indexes every other name's
            // ranges cell by cell. Split at every comma, each range read after its last «!»:
            // never fewer cells than exceljs makes of it.
            else if (!/^_xlnm\.Print_(Area|Titles)$/.test(definedName.name))
              for (const range of definedName.text.split(','))
                book.namedCells += rangeCells(range.slice(range.lastIndexOf('!') + 1));
            definedName = undefined;
          },
        }
      : {}),
  });
  if (result === DOCTYPE) return DOCTYPE;
  if (totals.elements > L.elements) return elementsMessage();
  if (book.longName !== undefined)
    return `El nombre definido «${shown(book.longName)}» se refiere a más de ${n(EXCEL_FORMULA)} caracteres, lo más largo que Excel escribe. ${RESAVE}`;
  if (book.namedCells > L.listedCells)
    return `Los nombres definidos del libro cubren ${n(book.namedCells)} celdas; se leen hasta ${n(L.listedCells)}. Quite los nombres que abarcan hojas enteras (Fórmulas › Administrador de nombres).`;
  return undefined;
}

const BOOK_TAGS = new Set(['sheet', 'definedName']);
const RELS_TAGS = new Set(['Relationship']);
const SHEET_TAGS = new Set(['row', 'c', 'mergeCell', 'dataValidation', 'col']);
const NONE = new Set<string>();

const elementsMessage = () =>
  `El libro tiene más de ${n(L.elements)} elementos (celdas, textos, estilos, vínculos…); se leen libros de hasta ${n(L.elements)}. ${APART}`;

function worksheetOverLimits(
  xml: Buffer,
  sheetName: string,
  totals: Totals,
): string | typeof DOCTYPE | undefined {
  const sheet = `La hoja «${shown(sheetName)}»`;
  let rows = 0; // the last row, by <row r> and by the row of each cell's address
  let columns = 0;
  let colDefined = 0; // the last column a <col> spans
  let rowElements = 0;
  let cells = 0; // the cells from A to each row's last
  let rowLast = 0; // the last column of the current row
  let conditionalRules = 0;
  let validated = 0;
  let problem: string | undefined;
  const mergeAreas: Range[] = [];
  const endRow = () => {
    if (rowElements > 0) cells += Math.max(1, rowLast);
    rowLast = 0;
  };
  const result = scanXml(xml, {
    wanted: SHEET_TAGS,
    open(name, attributes) {
      if (++totals.elements > L.elements) return true;
      switch (name) {
        case 'row': {
          endRow();
          rowElements++;
          // exceljs: parseInt(r, 10) — " 5000000" and "5000000abc" are row 5,000,000.
          const r = parseInt(attributes.get('r') ?? '', 10);
          if (r > rows) rows = r;
          break;
        }
        case 'c': {
          const r = attributes.get('r');
          // A cell without an address is the one after the previous cell of its row.
          const address = r === undefined ? { col: rowLast + 1, row: 0 } : decodeAddress(r);
          const col = address.col ?? rowLast + 1;
          if (col > rowLast) rowLast = col;
          if (col > columns) columns = col;
          if ((address.row ?? 0) > rows) rows = address.row!;
          break;
        }
        case 'mergeCell': {
          const ref = attributes.get('ref') ?? '';
          const area = decodeRange(ref);
          const size = area ? rangeSize(area) : 0;
          if (size > L.mergedCells) {
            problem = `${sheet} combina ${shown(ref)} (${n(size)} celdas); se leen áreas combinadas de hasta ${n(L.mergedCells)} celdas. Deshaga esa combinación.`;
            return true;
          }
          if (++totals.merges > L.merges) {
            problem = `El libro tiene más de ${n(L.merges)} áreas combinadas; se leen hasta ${n(L.merges)}. Deshaga las combinaciones que sobran.`;
            return true;
          }
          totals.mergedCells += size;
          if (area) mergeAreas.push(area);
          break;
        }
        case 'dataValidation':
          // exceljs: sqref split at whitespace, every range's cells listed (read range by range
          // here, as far as the limit: a sqref of millions of ranges is no array of millions).
          for (const [range] of (attributes.get('sqref') ?? '').matchAll(/\S+/g)) {
            validated += Math.max(1, rangeCells(range));
            if (totals.validatedCells + validated > L.listedCells) return true;
          }
          break;
        case 'col': {
          // exceljs makes a column object for every column up to max (and from min).
          const min = parseInt(attributes.get('min') ?? '0', 10);
          const max = parseInt(attributes.get('max') ?? '0', 10);
          colDefined = Math.max(colDefined, min || 0, max || 0);
          break;
        }
        case 'cfRule':
        case 'x14:cfRule':
          conditionalRules++;
          break;
      }
      return false;
    },
  });
  endRow();
  if (result === DOCTYPE) return DOCTYPE;
  if (problem) return problem;
  totals.validatedCells += validated;
  if (totals.validatedCells > L.listedCells)
    return `Las validaciones de datos del libro cubren ${n(totals.validatedCells)} celdas o más (hasta la hoja «${shown(sheetName)}»); se leen hasta ${n(L.listedCells)}. Quite la validación de las filas y columnas que sobran (Datos › Validación de datos).`;
  if (totals.elements > L.elements) return elementsMessage();
  // exceljs makes every cell of a merged area: its rows reach from column A to the area's right.
  for (const area of mergeAreas) {
    rows = Math.max(rows, area.bottom);
    columns = Math.max(columns, area.right);
    cells += (area.bottom - area.top + 1) * area.right;
  }
  cells += Math.max(0, rows - rowElements); // the rows between, each an empty row of the grid
  totals.cells += cells;
  if (rows > L.rows)
    return `${sheet} llega a la fila ${n(rows)}; se leen hojas de hasta ${n(L.rows)} filas. Borre lo que sobra debajo del cronograma.`;
  if (columns > L.columns)
    return `${sheet} llega a la columna ${n(columns)}; se leen hojas de hasta ${n(L.columns)} columnas. Borre lo que sobra a la derecha del cronograma.`;
  if (colDefined > EXCEL_COLUMNS)
    return `${sheet} da formato a las columnas hasta la ${n(colDefined)}, y Excel llega a la ${n(EXCEL_COLUMNS)}. ${RESAVE}`;
  if (totals.mergedCells > L.mergedCells)
    return `Las áreas combinadas del libro suman ${n(totals.mergedCells)} celdas (hasta la hoja «${shown(sheetName)}»); se leen hasta ${n(L.mergedCells)}. Deshaga las combinaciones que sobran.`;
  if (cells > L.cells)
    return `${sheet} abarca ${n(cells)} celdas (de la columna A a la última celda de cada fila); se leen hasta ${n(L.cells)}. Borre lo que sobra alrededor del cronograma.`;
  if (totals.cells > L.cells)
    return `Las hojas del libro abarcan juntas ${n(totals.cells)} celdas o más (de la columna A a la última celda de cada fila); se leen libros de hasta ${n(L.cells)}. ${APART}`;
  if (conditionalRules > L.conditionalRules)
    return `${sheet} tiene ${n(conditionalRules)} reglas de formato condicional; se leen hasta ${n(L.conditionalRules)}. Borre las que sobran.`;
  return undefined;
}

// ——— Sheet names ———

/** Each worksheet part's sheet name, from the workbook and its relationships, as exceljs pairs them. */
function sheetNames(book: Book): Map<string, string> {
  const names = new Map<string, string>();
  for (const sheet of book.sheets) {
    const target = book.targets.get(sheet.rId);
    if (target !== undefined) names.set(`xl/${target.replace(/^(\s|\/xl\/)+/, '')}`, sheet.name);
  }
  return names;
}

/**
 * A sheet name exceljs refuses (by throwing, or by cutting it with a warning in English), or one
 * with control characters or bidirectional overrides that would garble what `pat` prints.
 */
function sheetNameProblem(book: Book): string | undefined {
  const seen = new Set<string>();
  for (const { name } of book.sheets) {
    const bad = (why: string) => `El nombre de la hoja «${shown(name)}» ${why} ${RESAVE}`;
    if (name === '') return `Una hoja del libro no tiene nombre. ${RESAVE}`;
    if (name.length > 31) return bad(`tiene ${n(name.length)} caracteres; Excel admite hasta 31.`);
    if (/[*?:/\\[\]]/.test(name))
      return bad('tiene caracteres que Excel no admite en un nombre de hoja (* ? : / \\ [ ]).');
    if (/^'|'$/.test(name)) return bad('empieza o termina con apóstrofo, y Excel no lo admite.');
    if (/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(name))
      return bad('tiene caracteres de control o de dirección del texto.');
    if (name === 'History') return bad('es un nombre reservado de Excel.');
    if (seen.has(name.toLowerCase())) return bad('se repite: dos hojas no pueden llamarse igual.');
    seen.add(name.toLowerCase());
  }
  return undefined;
}

// ——— Cell addresses and ranges, as exceljs decodes them ———

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * exceljs's `colCache.decodeAddress`: letters A–Z before the first digit make the column, every
 * digit the row, anything else skipped until both are seen («A-1» is A1, «$B$2» is B2).
 */
function decodeAddress(value: string): { col?: number; row?: number } {
  let col = 0;
  let row = 0;
  let hasCol = false;
  let hasRow = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    if (!hasRow && ch >= 65 && ch <= 90) {
      hasCol = true;
      col = col * 26 + ch - 64;
    } else if (ch >= 48 && ch <= 57) {
      hasRow = true;
      row = row * 10 + ch - 48;
    } else if (hasRow && hasCol && ch !== 36) break;
  }
  return { col: hasCol ? col : undefined, row: hasRow ? row : undefined };
}

/** exceljs's `decodeEx` of «TL:BR» (or one cell), the sheet name already dropped. */
function decodeRange(ref: string): Range | undefined {
  const colon = ref.indexOf(':');
  const a = decodeAddress(colon < 0 ? ref : ref.slice(0, colon));
  const b = colon < 0 ? a : decodeAddress(ref.slice(colon + 1).split(':', 1)[0]!);
  if (a.col === undefined || a.row === undefined || b.col === undefined || b.row === undefined)
    return undefined; // exceljs loops over no cells (or refuses the file)
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

const rangeSize = (r: Range) => (r.bottom - r.top + 1) * (r.right - r.left + 1);

function rangeCells(ref: string): number {
  const range = decodeRange(ref.trim());
  return range ? rangeSize(range) : 0;
}

// ——— XML, scanned as saxes reads it ———

/** Returned when a part declares a DOCTYPE: entities are how XXE and billion laughs work. */
const DOCTYPE = Symbol('DOCTYPE');

interface XmlVisitor {
  /** The elements whose attributes `open` is given (the others' are skipped, unread). */
  wanted: ReadonlySet<string>;
  /** An element's start; true stops the scan. */
  open(name: string, attributes: ReadonlyMap<string, string>, selfClosing: boolean): boolean;
  /** Text between tags: bytes `start` to `end` of `xml`, still to decode. */
  text?(xml: Buffer, start: number, end: number): void;
  close?(name: string): void;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const isSpace = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();

/**
 * Start tags, end tags and text of an XML part, in one linear pass over its bytes: attribute
 * values in double or single quotes (a «>» inside one is no end of tag), character and entity
 * references decoded; comments, CDATA and processing instructions skipped as saxes skips them.
 * Another element's tag is skipped to its first «>»: that may be inside a quoted value, never
 * past the tag's end, so no element is missed. Malformed XML never hangs it (and exceljs refuses
 * that file anyway).
 */
function scanXml(xml: Buffer, visitor: XmlVisitor): typeof DOCTYPE | undefined {
  const end = xml.length;
  let i = 0;
  while (i < end) {
    const lt = xml.indexOf(LT, i);
    const stop = lt < 0 ? end : lt;
    if (visitor.text && stop > i) visitor.text(xml, i, stop);
    if (lt < 0) break;
    const next = xml[lt + 1];
    if (next === 0x21 /* ! */) {
      if (startsWith(xml, lt, '<!--')) i = after(xml, '-->', lt + 4);
      else if (startsWith(xml, lt, '<![CDATA[')) i = after(xml, ']]>', lt + 9);
      else if (startsWith(xml, lt, '<!DOCTYPE')) return DOCTYPE;
      else i = after(xml, '>', lt + 2); // anything else saxes refuses
      continue;
    }
    if (next === 0x3f /* ? */) {
      i = after(xml, '?>', lt + 2);
      continue;
    }
    if (next === SLASH) {
      i = after(xml, '>', lt + 2);
      visitor.close?.(xml.toString('latin1', lt + 2, i - 1).trim());
      continue;
    }
    let j = lt + 1;
    while (j < end && !isSpace(xml[j]) && xml[j] !== GT && xml[j] !== SLASH) j++;
    const name = xml.toString('latin1', lt + 1, j);
    let attributes = NO_ATTRIBUTES;
    let selfClosing: boolean;
    if (visitor.wanted.has(name)) [attributes, j, selfClosing] = readAttributes(xml, j);
    else {
      j = after(xml, '>', j);
      selfClosing = xml[j - 2] === SLASH;
    }
    i = j;
    if (visitor.open(name, attributes, selfClosing)) break;
    if (selfClosing) visitor.close?.(name);
  }
  return undefined;
}

/** A start tag's attributes from `j` (after its name), where it ends, and whether it closes itself. */
function readAttributes(xml: Buffer, j: number): [Map<string, string>, number, boolean] {
  const end = xml.length;
  const attributes = new Map<string, string>();
  let selfClosing = false;
  for (;;) {
    while (isSpace(xml[j])) j++;
    if (j >= end) break;
    if (xml[j] === GT) {
      j++;
      break;
    }
    if (xml[j] === SLASH) {
      selfClosing = true;
      j++;
      continue;
    }
    let k = j;
    while (k < end && !isSpace(xml[k]) && xml[k] !== EQUALS && xml[k] !== GT && xml[k] !== SLASH)
      k++;
    const nameEnd = k;
    while (isSpace(xml[k])) k++;
    if (xml[k] !== EQUALS) {
      j = Math.max(k, j + 1);
      continue;
    }
    const attribute = xml.toString('latin1', j, nameEnd);
    k++;
    while (isSpace(xml[k])) k++;
    const quote = xml[k];
    if (quote !== 0x22 && quote !== 0x27) {
      j = k;
      continue;
    }
    const close = xml.indexOf(quote, k + 1);
    if (close < 0) return [attributes, end, false];
    attributes.set(attribute, decodeXml(xml.toString('utf8', k + 1, close)));
    selfClosing = false;
    j = close + 1;
  }
  return [attributes, j, selfClosing];
}

function startsWith(xml: Buffer, at: number, text: string): boolean {
  return xml.toString('latin1', at, at + text.length) === text;
}

/** The position after the next `text` from `from`, or the end. */
function after(xml: Buffer, text: string, from: number): number {
  const at =
    text.length === 1 ? xml.indexOf(text.charCodeAt(0), from) : xml.indexOf(text, from, 'latin1');
  return at < 0 ? xml.length : at + text.length;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(#x[0-9a-fA-F]{1,8}|#[0-9]{1,10}|lt|gt|amp|quot|apos);/g,
    (_, ref: string) => {
      if (ref[0] !== '#') return ENTITIES[ref]!;
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    },
  );
}
