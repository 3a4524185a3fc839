/**
 * The programme's Word document as people will open it: written from the store for the 2021
 * programme, its package read back with JSZip (sections, merged axis cells, one mark per planned
 * month), printed by LibreOffice Writer to PDF and its pages read (A4, the cronograma on landscape
 * pages, nothing off the page, page numbers), and served by the API and `pat document write`.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { loadSeedProgramme } from '../../../seeds';
import { seedProgramme } from '../../../backend/services/seed';
import { readProgrammeDocument } from '../../../backend/services/documents';
import {
  DOCUMENT_SECTIONS,
  MARK,
  NARRATIVE_SECTIONS,
  programmeDocx,
} from '../../../backend/docx/programme-document';
import { Store } from '../../../backend/store/store';
import { ADMIN, EDITOR, VIEWER, call, depsFor, newStore } from '../../helpers/server';
import { convertWithLibreOffice, pdfPages, renderPdf, wordsOffPage } from '../../helpers/pdf';
import { pat } from '../../helpers/cli';
import { HTML_NARRATIVE } from '../../helpers/programme-html';
import type { Narrative } from '../../../shared/schemas';

jest.setTimeout(180_000);

const programme = loadSeedProgramme();
const planned = programme.activities.reduce((n, a) => n + a.months.length, 0);
let store: Store;
let docx: Buffer;
let dir: string;

beforeAll(async () => {
  store = await newStore();
  await seedProgramme(store, programme);
  docx = Buffer.from(await readProgrammeDocument(store, programme.id));
  dir = mkdtempSync(path.join(os.tmpdir(), 'pat-docx-'));
});

/** The text of each paragraph and table cell of word/document.xml, in order. */
async function documentXml(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return zip.file('word/document.xml')!.async('string');
}

describe('the programme document', () => {
  it('is a Word package with every section, the axis cells merged and one mark per planned month', async () => {
    const xml = await documentXml(docx);
    for (const title of Object.values(DOCUMENT_SECTIONS)) expect(xml).toContain(title);
    expect(xml).toContain(programme.agreements.approval.id);
    expect(xml).toContain(programme.agreements.ratification.id);
    for (const a of programme.activities) expect(xml).toContain(a.id);
    // The cronograma's marks: exactly one per planned month.
    expect(xml.match(new RegExp(`<w:t[^>]*>${MARK}</w:t>`, 'g'))).toHaveLength(planned);
    // Each axis cell spans its activities; one landscape section.
    expect(xml.match(/<w:vMerge w:val="restart"\/>/g)?.length).toBeGreaterThanOrEqual(
      programme.axes.length,
    );
    expect(xml.match(/w:orient="landscape"/g)).toHaveLength(1);
  });

  it('prints on A4, the cronograma on landscape pages, nothing off the page, numbered', async () => {
    const file = path.join(dir, 'programa-cvoe-2021.docx');
    writeFileSync(file, docx);
    const [pdf] = await convertWithLibreOffice([file], 'pdf', dir);
    const pages = pdfPages(pdf!);
    renderPdf(pdf!, 'programa-cvoe-2021');
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(pages.length).toBeLessThanOrEqual(12);
    const landscape = pages.filter((p) => p.width > p.height);
    expect(landscape.length).toBeGreaterThanOrEqual(1);
    // The landscape pages hold the cronograma, all of it, and nothing else does.
    expect(landscape[0]!.text).toContain('CRONOGRAMA');
    const cronogramaText = landscape.map((p) => p.text).join(' ');
    for (const a of programme.activities) expect(cronogramaText).toContain(a.id);
    for (const page of pages) {
      expect([
        Math.round(Math.min(page.width, page.height)),
        Math.round(Math.max(page.width, page.height)),
      ]).toEqual([595, 842]);
      expect(wordsOffPage(page)).toEqual([]);
    }
    pages.forEach((page, i) => expect(page.text).toContain(`Página ${i + 1} de ${pages.length}`));
    // The calendar: twelve sessions and the note.
    const last = pages.at(-1)!.text;
    expect(last.match(/sesión ordinaria/g)).toHaveLength(12);
    expect(last).toContain('indicativo');
  });

  it('is served to viewers once per version, and to nobody else', async () => {
    const deps = depsFor(store);
    const P = { programId: programme.id };
    const answer = await call(deps, 'getProgramDocument', { params: P, as: VIEWER });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(answer.headers.get('content-disposition')).toContain('programa-cvoe-2021.docx');
    expect(answer.bytes.equals(docx)).toBe(true); // the same bytes: written once for this version
    expect((await call(deps, 'getProgramDocument', { params: P, as: null })).status).toBe(401);
    expect(
      (await call(deps, 'getProgramDocument', { params: { programId: 'no-existe' }, as: VIEWER }))
        .status,
    ).toBe(404);
  });
});

describe('pat document write', () => {
  it('refuses an --out that is not a .docx, writing nothing', () => {
    const out = path.join(dir, 'programa.pdf');
    const run = pat(['document', 'write', '--programme', 'cvoe-2021', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.docx');
    expect(existsSync(out)).toBe(false);
  });
});

describe('uploading the programme document (admins)', () => {
  const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

  it('stores the plan it states, and answers what was written and the warnings', async () => {
    const deps = depsFor(store);
    const answer = await call(deps, 'importProgramDocument', {
      params: { programId: 'cvoe-2021-copia' },
      as: ADMIN,
      file: { bytes: docx, type: DOCX_TYPE },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ created: true, activities: 26 });
    expect(answer.json.issues.map((i: { code: string }) => i.code)).toEqual(['period.mismatch']);
    const stored = await store.programmes.activities('cvoe-2021-copia');
    expect(stored.map((a) => [a.id, a.months])).toEqual(
      programme.activities.map((a) => [a.id, a.months]),
    );
  });

  it('keeps the narrative sections with the plan, and writes them back', async () => {
    const { activities, sessions, ...details } = programme;
    const narrative = HTML_NARRATIVE as unknown as Narrative;
    const bytes = await programmeDocx({ details: { ...details, narrative }, activities, sessions });
    const deps = depsFor(store);
    const P = { programId: 'cvoe-2021-narrativa' };
    const answer = await call(deps, 'importProgramDocument', {
      params: P,
      as: ADMIN,
      file: { bytes, type: DOCX_TYPE },
    });
    expect(answer.status).toBe(200);
    expect((await store.programmes.get(P.programId))?.details.narrative).toEqual(narrative);
    const written = await call(deps, 'getProgramDocument', { params: P, as: VIEWER });
    const xml = await documentXml(written.bytes);
    for (const title of Object.values(NARRATIVE_SECTIONS)) expect(xml).toContain(title);
    expect(xml).toContain('principios rectores');
  });

  it('holds a document to the contract’s maximums: a description past 4,000 characters is refused', async () => {
    const { activities, sessions, ...details } = programme;
    const long = await programmeDocx({
      details,
      sessions,
      activities: activities.map((a, i) =>
        i === 0 ? { ...a, description: 'Supervisar. '.repeat(400) } : a,
      ),
    });
    const answer = await call(depsFor(store), 'importProgramDocument', {
      params: { programId: 'cvoe-2021-largo' },
      as: ADMIN,
      file: { bytes: long, type: DOCX_TYPE },
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.json)).toContain('documento.activities.0.description');
    expect(await store.programmes.get('cvoe-2021-largo')).toBeUndefined();
  });

  it('refuses what is not a programme document, another type, and a non-admin, writing nothing', async () => {
    const deps = depsFor(store);
    const P = { programId: 'cvoe-2021-no' };
    const notWord = await call(deps, 'importProgramDocument', {
      params: P,
      as: ADMIN,
      file: { bytes: Buffer.from('no soy un documento'), type: DOCX_TYPE },
    });
    expect(notWord.status).toBe(400);
    expect(JSON.stringify(notWord.json)).toContain('no es un documento de Word');
    const json = await call(deps, 'importProgramDocument', { params: P, as: ADMIN, body: {} });
    expect(json.status).toBe(415);
    const editor = await call(deps, 'importProgramDocument', {
      params: P,
      as: EDITOR,
      file: { bytes: docx, type: DOCX_TYPE },
    });
    expect(editor.status).toBe(403);
    expect(await store.programmes.get('cvoe-2021-no')).toBeUndefined();
  });
});
