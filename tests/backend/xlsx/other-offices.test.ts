/**
 * Cronogramas as other areas keep them (tests/fixtures/other-offices.ts), written as real .xlsx
 * files and read back: each reads as a person reading it would say it reads.
 */
import { readWorkbookFile } from '../../../backend/xlsx/workbook';
import { findCronograma } from '../../../shared/cronograma/find-sheet';
import { OTHER_OFFICES, OfficeFixture } from '../../fixtures/other-offices';
import { tempDir } from '../../helpers/files';
import { activityView, expectExactRead } from '../../helpers/layouts';

const dir = tempDir('pat-offices-');
afterAll(() => dir.cleanup());

describe('cronogramas kept by other offices', () => {
  it.each(OTHER_OFFICES.map((o, i) => [o.office, o, i] as const))(
    '%s',
    async (_office, fixture: OfficeFixture, i) => {
      const { workbook, expected } = fixture.make();
      const file = dir.path(`oficina-${i + 1}.xlsx`);
      await workbook.xlsx.writeFile(file);
      const found = findCronograma(await readWorkbookFile(file));
      if (!found.ok) throw new Error(`${fixture.looks}\n${found.message}`);
      const read = found.cronograma;
      expect(read.sheet).toBe(expected.sheet);
      expectExactRead(read, expected, fixture.looks);
      // Spelled out too, so a failure names the activity a person would miss.
      expect(read.activities.map((a) => `${a.id} ${activityView(a).description}`)).toEqual(
        expected.activities.map((a) => `${a.id} ${a.description}`),
      );
    },
  );

  it('are all different sheets', () => {
    const looks = new Set(OTHER_OFFICES.map((o) => o.looks));
    const sheets = new Set(OTHER_OFFICES.map((o) => o.make().expected.sheet));
    expect(looks.size).toBe(OTHER_OFFICES.length);
    expect(sheets.size).toBe(OTHER_OFFICES.length);
    expect(OTHER_OFFICES.length).toBeGreaterThanOrEqual(6);
  });
});
