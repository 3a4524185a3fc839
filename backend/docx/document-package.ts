/**
 * A Word document's body as plain blocks: its paragraphs (text, whether bold or a heading, its
 * style) and its tables (rows of cells, with their column spans and vertical merges), in order.
 * The package is read with jszip and `word/document.xml` with fast-xml-parser, within bounds
 * checked before anything is inflated: the file's size, its parts, the sizes they declare, the
 * size they inflate to, its elements; no DOCTYPE (entities). Macro-enabled (.docm) and encrypted
 * documents, and files that are not Word documents, are refused with a Spanish message.
 */
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import type { DocumentBlock, DocumentCell } from '../../shared/document/blocks';
import { thousands } from '../../shared/text';
import { DocumentError } from './document-error';
import { readLocalFile } from '../local-file';

export const DOCUMENT_LIMITS = {
  /** The .docx file itself. */
  fileMegabytes: 20,
  /** Files in the package: a document has a few dozen. */
  parts: 1_000,
  /** The whole package, uncompressed. */
  megabytes: 100,
  /** XML elements of the body. */
  elements: 1_000_000,
} as const;

const L = DOCUMENT_LIMITS;

export { DocumentError };

const COMPOUND_FILE = Buffer.from('d0cf11e0a1b11ae1', 'hex');
const RESAVE = 'Ábralo en Word y guárdelo como «Documento de Word (.docx)».';

/** The bytes of the .docx file at `path` (read as a workbook is: see local-file.ts), or DocumentError. */
export function readDocumentBytes(path: string): Promise<Buffer> {
  return readLocalFile(path, {
    what: 'un documento de Word',
    maxBytes: L.fileMegabytes * 1024 * 1024,
    tooLarge: (mb) =>
      `El documento ocupa ${thousands(mb)} MB; se leen documentos de hasta ${L.fileMegabytes} MB.`,
    error: (message) => new DocumentError(message),
  });
}

/** The blocks of the .docx file at `path`, or DocumentError. */
export async function readDocumentFile(path: string): Promise<DocumentBlock[]> {
  return readDocumentBlocks(await readDocumentBytes(path));
}

/** The blocks of a .docx file's body, or DocumentError. */
export async function readDocumentBlocks(data: Buffer): Promise<DocumentBlock[]> {
  if (data.length > L.fileMegabytes * 1024 * 1024)
    throw new DocumentError(
      `El documento ocupa ${thousands(Math.round(data.length / 1024 / 1024))} MB; se leen documentos de hasta ${L.fileMegabytes} MB.`,
    );
  if (data.subarray(0, 8).equals(COMPOUND_FILE))
    throw new DocumentError(
      `El documento está cifrado (protegido con contraseña) o es un .doc antiguo. Quite la contraseña o ${RESAVE.charAt(0).toLowerCase()}${RESAVE.slice(1)}`,
    );
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    throw new DocumentError(`El archivo no es un documento de Word (.docx). ${RESAVE}`);
  }
  const files = Object.values(zip.files).filter((f) => !f.dir);
  if (files.length > L.parts)
    throw new DocumentError(
      `El documento tiene más de ${thousands(L.parts)} partes; uno de Word tiene unas decenas. ${RESAVE}`,
    );
  const declared = files.reduce((sum, f) => sum + declaredSize(f), 0);
  if (declared > L.megabytes * 1024 * 1024)
    throw new DocumentError(
      `El documento ocupa más de ${L.megabytes} MB sin comprimir; se leen documentos de hasta ${L.megabytes} MB.`,
    );
  if (files.some((f) => /vbaProject\.bin$/i.test(f.name)))
    throw new DocumentError(
      `El documento tiene macros (.docm): por seguridad no se lee. ${RESAVE}`,
    );
  const body = zip.file('word/document.xml');
  if (!body) throw new DocumentError(`El archivo no es un documento de Word (.docx). ${RESAVE}`);
  const bytes = await body.async('nodebuffer');
  if (bytes.length > declaredSize(body))
    throw new DocumentError(
      `El documento está dañado: su texto se expande más de lo que declara. ${RESAVE}`,
    );
  const xml = bytes.toString('utf8');
  if (/<!DOCTYPE/i.test(xml))
    throw new DocumentError(
      `El documento declara un DOCTYPE (entidades XML): Word no los escribe y, por seguridad, no se lee. ${RESAVE}`,
    );
  let elements = 0;
  for (let i = xml.indexOf('<'); i >= 0 && elements <= L.elements; i = xml.indexOf('<', i + 1))
    elements++;
  if (elements > L.elements)
    throw new DocumentError(
      `El documento tiene más de ${thousands(L.elements)} elementos XML; se leen documentos más pequeños.`,
    );
  return blocksOf(xml);
}

/** The size a zip entry declares, uncompressed (jszip's internal record of it). */
function declaredSize(file: JSZip.JSZipObject): number {
  const data = (file as unknown as { _data?: { uncompressedSize?: number } })._data;
  return data?.uncompressedSize ?? 0;
}

// ——— The body ———

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  processEntities: true,
  parseTagValue: false,
});

const tagOf = (node: Node): string => Object.keys(node).find((k) => k !== ':@') ?? '';
const childrenOf = (node: Node): Node[] => (node[tagOf(node)] as Node[] | undefined) ?? [];
const find = (nodes: Node[], tag: string) => nodes.find((n) => tagOf(n) === tag);
const attr = (node: Node | undefined, name: string) => node?.[':@']?.[name];

function blocksOf(xml: string): DocumentBlock[] {
  const root = parser.parse(xml) as Node[];
  const document = find(root, 'w:document');
  const body = document && find(childrenOf(document), 'w:body');
  if (!body) throw new DocumentError(`El documento no tiene cuerpo. ${RESAVE}`);
  return contentOf(childrenOf(body));
}

/** Paragraphs and tables, in order; what sits inside other containers (content controls) too. */
function contentOf(nodes: Node[]): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === 'w:p') blocks.push(paragraphOf(node));
    else if (tag === 'w:tbl') blocks.push({ kind: 'table', rows: rowsOf(node) });
    else if (tag === 'w:sdt' || tag === 'w:sdtContent' || tag === 'w:customXml')
      blocks.push(...contentOf(childrenOf(node)));
  }
  return blocks;
}

/** Whether a run's properties turn a toggle on (`w:b` bold, `w:i` italic). */
function isOn(properties: Node | undefined, toggle: 'w:b' | 'w:i'): boolean {
  const b = properties && find(childrenOf(properties), toggle);
  if (!b) return false;
  const value = attr(b, 'w:val');
  return value === undefined || !['0', 'false', 'off'].includes(value);
}

function paragraphOf(node: Node): DocumentBlock & { kind: 'paragraph' } {
  const children = childrenOf(node);
  const properties = find(children, 'w:pPr');
  const style = attr(properties && find(childrenOf(properties), 'w:pStyle'), 'w:val');
  const numbering = properties && find(childrenOf(properties), 'w:numPr');
  const numbered = Boolean(numbering);
  const level = Number(attr(numbering && find(childrenOf(numbering), 'w:ilvl'), 'w:val') ?? 0);
  let text = '';
  let boldText = 0;
  let plainText = 0;
  const runs: { text: string; bold?: boolean; italic?: boolean }[] = [];
  const visit = (nodes: Node[]) => {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === 'w:r') {
        const run = childrenOf(n);
        const bold = isOn(find(run, 'w:rPr'), 'w:b');
        const italic = isOn(find(run, 'w:rPr'), 'w:i');
        for (const part of run) {
          const t = tagOf(part);
          let piece = '';
          if (t === 'w:t')
            piece = childrenOf(part)
              .map((x) => String(x['#text'] ?? ''))
              .join('');
          else if (t === 'w:tab') piece = '\t';
          else if (t === 'w:br' || t === 'w:cr') piece = '\n';
          text += piece;
          const last = runs.at(-1);
          if (last && Boolean(last.bold) === bold && Boolean(last.italic) === italic)
            last.text += piece;
          else if (piece)
            runs.push({ text: piece, ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) });
          if (piece.trim()) {
            if (bold) boldText += piece.length;
            else plainText += piece.length;
          }
        }
      } else if (
        tag === 'w:hyperlink' ||
        tag === 'w:ins' ||
        tag === 'w:smartTag' ||
        tag === 'w:fldSimple'
      )
        visit(childrenOf(n));
    }
  };
  visit(children);
  return {
    kind: 'paragraph',
    text: text.replace(/[ \u00a0]+/g, ' ').trim(),
    bold: boldText > 0 && plainText === 0,
    runs: tidyRuns(runs),
    ...(style ? { style } : {}),
    ...(numbered ? { numbered, level: Number.isInteger(level) && level >= 0 ? level : 0 } : {}),
  };
}

function rowsOf(table: Node): DocumentCell[][] {
  return childrenOf(table)
    .filter((n) => tagOf(n) === 'w:tr')
    .map((row) =>
      childrenOf(row)
        .filter((n) => tagOf(n) === 'w:tc')
        .map((cell) => {
          const children = childrenOf(cell);
          const properties = find(children, 'w:tcPr');
          const span = Number(
            attr(properties && find(childrenOf(properties), 'w:gridSpan'), 'w:val') ?? 1,
          );
          const merge = properties && find(childrenOf(properties), 'w:vMerge');
          const paragraphs = contentOf(children).filter(
            (b): b is DocumentBlock & { kind: 'paragraph' } => b.kind === 'paragraph',
          );
          return {
            text: paragraphs
              .map((p) => p.text)
              .filter(Boolean)
              .join('\n'),
            span: Number.isInteger(span) && span > 1 ? Math.min(span, 64) : 1,
            ...(merge
              ? { merge: attr(merge, 'w:val') === 'restart' ? 'restart' : 'continue' }
              : {}),
          } satisfies DocumentCell;
        }),
    );
}

/** Runs with their spaces tidied as the paragraph's text is: none empty, none at either end. */
function tidyRuns(
  runs: { text: string; bold?: boolean; italic?: boolean }[],
): { text: string; bold?: boolean; italic?: boolean }[] {
  const tidy = runs.map((r) => ({ ...r, text: r.text.replace(/[ \u00a0]+/g, ' ') }));
  if (tidy[0]) tidy[0].text = tidy[0].text.trimStart();
  if (tidy.at(-1)) tidy.at(-1)!.text = tidy.at(-1)!.text.trimEnd();
  return tidy.filter((r) => r.text !== '');
}
