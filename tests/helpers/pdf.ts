/**
 * Printing a workbook as people will: LibreOffice converts it to PDF (headless, with a private
 * profile so parallel runs never share one), poppler counts its pages, reads where each word
 * landed, and renders the pages to PNG in tests/artifacts/pdf/<name>/ for people to look at.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PDF_ARTIFACTS = path.join(__dirname, '..', 'artifacts', 'pdf');

const INSTALL_HINT =
  'install it with `apt-get install --no-install-recommends libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils` (.ci/run does)';

function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, command);
    if (existsSync(file)) return file;
  }
  return undefined;
}

function requireTool(command: string, packageName: string): string {
  const found = which(command);
  if (!found)
    throw new Error(`«${command}» was not found (Debian package ${packageName}): ${INSTALL_HINT}.`);
  return found;
}

/**
 * Converts .xlsx files to PDF with `libreoffice --headless --convert-to pdf`, all in one run,
 * into `outDir`; returns the PDFs in the order given. Throws a clear error when LibreOffice is
 * missing, fails, or takes longer than `timeoutMs` (its whole process group is then killed).
 */
export function xlsxToPdf(
  files: readonly string[],
  outDir: string,
  timeoutMs = 60_000,
): Promise<string[]> {
  return convertWithLibreOffice(files, 'pdf', outDir, { timeoutMs });
}

/**
 * Files converted by LibreOffice (`--convert-to <to>`, e.g. `pdf`, `xlsx`, `docx:MS Word 2007 XML`), into `outDir`, in the
 * order given; `infilter` names the import filter (`HTML (StarCalc)`: an HTML table read by Calc,
 * merged cells and all). Same failures as `xlsxToPdf`.
 */
export async function convertWithLibreOffice(
  files: readonly string[],
  to: string,
  outDir: string,
  { timeoutMs = 60_000, infilter }: { timeoutMs?: number; infilter?: string } = {},
): Promise<string[]> {
  const soffice = which('libreoffice') ?? which('soffice');
  if (!soffice)
    throw new Error(`LibreOffice was not found (libreoffice or soffice on PATH): ${INSTALL_HINT}.`);
  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'pat-lo-profile-'));
  try {
    const args = [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      ...(infilter ? [`--infilter=${infilter}`] : []),
      '--convert-to',
      to,
      '--outdir',
      outDir,
      ...files,
    ];
    const child = spawn(soffice, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
        reject(
          new Error(`LibreOffice took more than ${timeoutMs} ms converting ${files.join(', ')}.`),
        );
      }, timeoutMs);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`LibreOffice could not be started (${error.message}): ${INSTALL_HINT}.`));
      });
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    // `docx:MS Word 2007 XML` names the export filter too; the file's extension is before it.
    const extension = to.split(':')[0];
    const pdfs = files.map((f) => path.join(outDir, `${path.parse(f).name}.${extension}`));
    const missing = pdfs.filter((p) => !existsSync(p));
    if (code !== 0 || missing.length)
      throw new Error(
        `LibreOffice did not convert ${missing.join(', ') || files.join(', ')} (exit ${code}): ${output.trim()}`,
      );
    return pdfs;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Pages in a PDF, by `pdfinfo`. */
export function pdfPageCount(pdf: string): number {
  const out = execFileSync(requireTool('pdfinfo', 'poppler-utils'), [pdf], { encoding: 'utf8' });
  const match = /^Pages:\s+(\d+)/m.exec(out);
  if (!match) throw new Error(`pdfinfo gave no page count for ${pdf}:\n${out}`);
  return Number(match[1]);
}

/**
 * Renders every page to PNG (`pdftoppm -r 60`) into tests/artifacts/pdf/<name>/, emptied first,
 * beside a copy of the PDF (<name>.pdf); returns the PNG files in page order.
 */
export function renderPdf(pdf: string, name: string, resolution = 60): string[] {
  const dir = path.join(PDF_ARTIFACTS, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(pdf, path.join(dir, `${name}.pdf`));
  execFileSync(requireTool('pdftoppm', 'poppler-utils'), [
    '-r',
    String(resolution),
    '-png',
    pdf,
    path.join(dir, 'page'),
  ]);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort((a, b) => pageNumber(a) - pageNumber(b))
    .map((f) => path.join(dir, f));
}

function pageNumber(file: string): number {
  return Number(/(\d+)\.png$/.exec(file)?.[1] ?? 0);
}

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfPage {
  width: number;
  height: number;
  words: PdfWord[];
  /** The page's text, words joined by spaces. */
  text: string;
}

/** Every page's words with their boxes (points), by `pdftotext -bbox`. */
export function pdfPages(pdf: string): PdfPage[] {
  const html = execFileSync(requireTool('pdftotext', 'poppler-utils'), ['-bbox', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const pages: PdfPage[] = [];
  for (const chunk of html.split(/<page /).slice(1)) {
    const width = Number(/width="([\d.]+)"/.exec(chunk)?.[1]);
    const height = Number(/height="([\d.]+)"/.exec(chunk)?.[1]);
    const words: PdfWord[] = [];
    for (const m of chunk.matchAll(
      /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g,
    ))
      words.push({
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: decodeEntities(m[5]!),
      });
    pages.push({ width, height, words, text: words.map((w) => w.text).join(' ') });
  }
  return pages;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Words drawn over one another: their boxes overlap by more than `tolerance` of the smaller
 * box's height and width (wrapped text spilling into the row below does exactly that).
 */
export function overlappingWords(page: PdfPage, tolerance = 0.25): [PdfWord, PdfWord][] {
  const found: [PdfWord, PdfWord][] = [];
  const words = [...page.words].sort((a, b) => a.yMin - b.yMin);
  for (let i = 0; i < words.length; i++) {
    const a = words[i]!;
    for (let j = i + 1; j < words.length; j++) {
      const b = words[j]!;
      if (b.yMin >= a.yMax) break;
      const dy = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      const dx = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const h = Math.min(a.yMax - a.yMin, b.yMax - b.yMin);
      const w = Math.min(a.xMax - a.xMin, b.xMax - b.xMin);
      if (dy > h * tolerance && dx > w * tolerance) found.push([a, b]);
    }
  }
  return found;
}

/** Words that run past the page's edges (cut off when printed). */
export function wordsOffPage(page: PdfPage): PdfWord[] {
  return page.words.filter(
    (w) => w.xMin < 0 || w.yMin < 0 || w.xMax > page.width + 0.5 || w.yMax > page.height + 0.5,
  );
}
