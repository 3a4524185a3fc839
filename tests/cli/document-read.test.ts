/**
 * `pat document read`: the programme from its Word document. Read back from the document we
 * write (the 2021 programme exactly, and random programmes: read(write(p)) = p), and from
 * documents our writer never touched — LibreOffice Writer's, made from HTML with the section
 * titles as headings or as bold paragraphs, narrative sections of their own and «✓» marks — and
 * a damaged cronograma table. Files that are not programme documents, macro-enabled or encrypted
 * are refused (exit 2) with a Spanish message.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { programmeDocx } from '../../backend/docx/programme-document';
import { readDocumentBlocks } from '../../backend/docx/document-package';
import { readProgrammeDocument } from '../../shared/document/programme-reader';
import { formatPeriod } from '../../shared/period';
import type { Programme } from '../../shared/schemas';
import { loadSeedProgramme } from '../../seeds';
import { plan } from '../helpers/arbitraries';
import { pat } from '../helpers/cli';
import { convertWithLibreOffice } from '../helpers/pdf';
import { HTML_NARRATIVE, programmeHtml } from '../helpers/programme-html';

jest.setTimeout(180_000);

const seed = loadSeedProgramme();
const dir = mkdtempSync(path.join(os.tmpdir(), 'pat-document-'));

/** What the document states of a programme, in the reader's shape. */
function expected(p: Programme) {
  return {
    year: p.year,
    title: p.title,
    agreements: p.agreements,
    legalBasis: p.legalBasis,
    generalObjective: p.generalObjective,
    objectives: p.objectives,
    axes: p.axes,
    activities: p.activities.map(({ id, axis, description, period, months }) => ({
      id,
      axis,
      description,
      ...(period ? { period } : {}),
      months,
    })),
    sessions: p.sessions.map(({ number, date, type }) => ({ number, date, type })),
    calendarNote: p.calendarNote,
  };
}

/** The seed has one disagreement, as its source document does: 6.1's period and marks. */
const SEED_ISSUES = [{ code: 'period.mismatch', cell: 'VII, 6.1' }];

function readJson(file: string) {
  const run = pat(['document', 'read', file, '--json']);
  return {
    code: run.code,
    stderr: run.stderr,
    ...(JSON.parse(run.stdout || '{}') as {
      programme: unknown;
      issues: { code: string; cell: string }[];
    }),
  };
}

const input = (p: Programme) => {
  const { activities, sessions, ...details } = p;
  return { details, activities, sessions };
};

describe('pat document read', () => {
  it('reads the 2021 programme exactly from the document we write', async () => {
    const file = path.join(dir, 'escrito.docx');
    writeFileSync(file, await programmeDocx(input(seed)));
    const read = readJson(file);
    expect(read.code).toBe(0);
    expect(read.programme).toEqual(expected(seed));
    expect(read.issues.map(({ code, cell }) => ({ code, cell }))).toEqual(SEED_ISSUES);
  });

  it('reads the narrative sections back as written: paragraphs, emphasis, lists', async () => {
    const withNarrative = { ...seed, narrative: HTML_NARRATIVE } as unknown as Programme;
    const file = path.join(dir, 'con-narrativa.docx');
    writeFileSync(file, await programmeDocx(input(withNarrative)));
    const read = readJson(file);
    expect(read.code).toBe(0);
    expect(read.programme).toEqual({ ...expected(seed), narrative: HTML_NARRATIVE });
  });

  it('reads random programmes back as they were written', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const programme: Programme = {
          ...seed,
          axes: [...p.axes],
          activities: p.activities.map((a) => ({
            id: a.id,
            axis: a.axis,
            description: a.description,
            period: formatPeriod(a.months),
            responsibleArea: 'UTVOE',
            months: [...a.months],
          })),
        };
        const read = readProgrammeDocument(
          await readDocumentBlocks(await programmeDocx(input(programme))),
        );
        expect(read.programme.axes).toEqual(programme.axes);
        expect(read.programme.activities).toEqual(expected(programme).activities);
        expect(read.issues).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });

  describe('documents LibreOffice Writer made', () => {
    let files: Record<string, string>;
    beforeAll(async () => {
      const sources = {
        titulos: programmeHtml(seed, { titles: 'headings' }),
        negritas: programmeHtml(seed, { titles: 'bold', mark: 'X' }),
        listas: programmeHtml(seed, { titles: 'headings', objectives: 'lists' }),
        'tabla-danada': programmeHtml(seed, { titles: 'headings', dropMonthHeader: 3 }),
        'no-es-programa':
          '<html><body><h1>Minuta de la reunión</h1><p>Asistieron tres personas.</p></body></html>',
      };
      const html = Object.entries(sources).map(([name, text]) => {
        const file = path.join(dir, `${name}.html`);
        writeFileSync(file, text);
        return file;
      });
      const docx = await convertWithLibreOffice(html, 'docx:MS Word 2007 XML', dir, {
        infilter: 'HTML (StarWriter)',
      });
      files = Object.fromEntries(Object.keys(sources).map((name, i) => [name, docx[i]!]));
    });

    it.each(['titulos', 'negritas', 'listas'])(
      'reads the 2021 programme from its sections (%s)',
      (name) => {
        const read = readJson(files[name]!);
        expect(read.code).toBe(0);
        // Sections I, II and IV as rich text: emphasis and the list kept.
        expect(read.programme).toEqual({ ...expected(seed), narrative: HTML_NARRATIVE });
        expect(read.issues.map(({ code, cell }) => ({ code, cell }))).toEqual(SEED_ISSUES);
      },
    );

    it('says where a damaged cronograma table lost its marks, and reads the rest', () => {
      const read = readJson(files['tabla-danada']!);
      expect(read.code).toBe(0);
      expect(read.issues.map((i) => i.code)).toContain('column.unread_marks');
      expect(read.issues.find((i) => i.code === 'column.unread_marks')!.cell).toMatch(/^VIII!/);
      expect((read.programme as { activities: unknown[] }).activities).toHaveLength(26);
    });

    it('refuses a document that is not a programme', () => {
      const run = pat(['document', 'read', files['no-es-programa']!]);
      expect(run.code).toBe(2);
      expect(run.stdout).toContain('no parece un Programa Anual de Trabajo');
    });
  });

  it('refuses macro-enabled, encrypted and non-Word files with a Spanish message', async () => {
    const zip = await JSZip.loadAsync(await programmeDocx(input(seed)));
    zip.file('word/vbaProject.bin', Buffer.from('macro'));
    const docm = path.join(dir, 'con-macros.docx');
    writeFileSync(docm, await zip.generateAsync({ type: 'nodebuffer' }));
    const encrypted = path.join(dir, 'cifrado.docx');
    writeFileSync(
      encrypted,
      Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]),
    );
    const text = path.join(dir, 'texto.docx');
    writeFileSync(text, 'no soy un documento');
    for (const [file, words] of [
      [docm, 'macros'],
      [encrypted, 'cifrado'],
      [text, 'no es un documento de Word'],
    ] as const) {
      const run = pat(['document', 'read', file]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(words);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(text, 'utf8')).toBe('no soy un documento');
  });
});
