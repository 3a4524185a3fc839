/**
 * The seed is the source document as data: every axis name, activity description, agreement
 * and session date of seeds/cvoe-2021.json stands in the text of the 2021 programme
 * (seeds/source/pat-cvoe-2021.txt), compared without regard to line breaks or case.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadSeedProgramme } from '../../seeds';
import { monthName } from '../../shared/months';
import { ROOT } from '../helpers/cli';

const flat = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
const source = flat(readFileSync(path.join(ROOT, 'seeds', 'source', 'pat-cvoe-2021.txt'), 'utf8'));
const programme = loadSeedProgramme();

/** Activity 5.1 is split by a page break in the source (a table header between its halves). */
const SPLIT_ACROSS_A_PAGE = new Set(['5.1']);

describe('the seed against its source document', () => {
  it('has every axis name as the source writes it', () => {
    for (const axis of programme.axes) expect(source).toContain(flat(axis.name));
  });

  it('has every activity description as the source writes it', () => {
    for (const activity of programme.activities) {
      const text = flat(activity.description);
      if (SPLIT_ACROSS_A_PAGE.has(activity.id)) {
        expect(source).toContain(text.slice(0, 100));
        expect(source).toContain(text.slice(-100));
      } else expect(source).toContain(text);
    }
  });

  it('has the agreements and the twelve ordinary sessions of the calendar table', () => {
    expect(source).toContain(flat(programme.agreements.approval.id));
    expect(source).toContain(flat(programme.agreements.ratification.id));
    for (const s of programme.sessions) {
      const month = monthName(Number(s.date.slice(5, 7)) as 1);
      const day = Number(s.date.slice(8, 10));
      expect(source).toMatch(
        new RegExp(`${flat(month)} ${day} ${s.number} ?(ª|\\^a) ?\\. ordinaria`),
      );
    }
  });
});
