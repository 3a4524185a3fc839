/**
 * Realistic sheets, generated from the habits offices have (titles and banners, axes as columns,
 * banners or id prefixes, any month header, any mark, extra and hidden columns, summary tables
 * below…), written as real .xlsx files with exceljs and read back with the adapter: the read is
 * exactly what a person reads in them, and the reader never throws.
 */
import fc from 'fast-check';
import { describeSpec, expectExactRead, readThroughXlsx, sheetSpec } from '../../helpers/layouts';

const RUNS = Number(process.env.LAYOUT_RUNS ?? 800);

describe('generated cronograma layouts, through real .xlsx files', () => {
  it(`reads every generated sheet exactly (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(sheetSpec, async (spec) => {
        let found;
        try {
          ({ found } = await readThroughXlsx(spec));
        } catch (error) {
          throw new Error(`reading threw: ${String(error)}\n${describeSpec(spec)}`, {
            cause: error,
          });
        }
        if (!found.ok) throw new Error(`${found.message}\n${describeSpec(spec)}`);
        expect(found.cronograma.sheet).toBe(spec.sheets[spec.cronograma]!.name);
        expectExactRead(found.cronograma, spec.expected, describeSpec(spec));
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
