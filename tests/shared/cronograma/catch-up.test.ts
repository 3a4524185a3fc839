/**
 * «Traer el plan del servidor» as edits: applied the way Excel applies them, then the sheet read
 * again must state the server's plan, with what staff wrote elsewhere untouched.
 */
import fc from 'fast-check';
import { ServerPlan, planCatchUp } from '../../../shared/cronograma/catch-up';
import { CellValue, SheetGrid } from '../../../shared/cronograma/grid';
import { Plan, layoutCronograma } from '../../../shared/cronograma/layout';
import { CronogramaRead, readCronograma } from '../../../shared/cronograma/reader';
import { validateCronograma } from '../../../shared/cronograma/validate';
import { Month } from '../../../shared/months';
import { planSignature } from '../../../shared/sync/plan-merge';
import { plan as planArbitrary, description } from '../../helpers/arbitraries';
import { MONTH_HEADER, grid, marks } from '../../helpers/grid';
import { applySheetEdit } from '../../helpers/sheet-edit';

const read = (g: SheetGrid): CronogramaRead => {
  const r = readCronograma(g);
  if (!r.ok) throw new Error(r.message);
  return r.cronograma;
};

const serverOf = (p: Plan): ServerPlan => ({
  axes: p.axes,
  activities: p.activities.map((a) => ({
    ...a,
    months: [...a.months],
    statuses: Object.fromEntries(
      Object.entries(a.statuses ?? {}).map(([m, status]) => [m, { status }]),
    ),
  })),
});

function catchUp(g: SheetGrid, server: ServerPlan, formulas?: string[][]) {
  const before = read(g);
  const edit = planCatchUp({ read: before, grid: g, server, formulasR1C1: formulas });
  const after = applySheetEdit(g, edit, formulas);
  return { edit, after: read(after.grid), grid: after.grid, formulas: after.formulas };
}

const base: Plan = {
  year: 2021,
  axes: [
    { number: 1, name: 'Vinculación con el INE' },
    { number: 2, name: 'Educación cívica' },
  ],
  activities: [
    { id: '1.1', axis: 1, description: 'Dar seguimiento a los acuerdos', months: [1, 2, 3] },
    { id: '1.2', axis: 1, description: 'Informar a la comisión', months: [6] },
    { id: '2.1', axis: 2, description: 'Difundir materiales', months: [4, 5] },
  ],
};

describe('bringing the server’s plan into the sheet', () => {
  it('writes an activity someone else added as a row in its axis, with its ID and marks', () => {
    const sheet = layoutCronograma(base, { idColumn: true });
    const server = serverOf({
      ...base,
      activities: [
        ...base.activities,
        { id: '1.3', axis: 1, description: 'Preparar el informe anual', months: [11, 12] },
      ],
    });
    const { edit, after } = catchUp(sheet, server);
    expect(edit.insertRows).toHaveLength(1);
    expect(edit.added).toEqual(['1.3']);
    expect(planSignature(after.activities)).toEqual(planSignature(server.activities));
    // The new row sits right under the axis's last activity, before axis 2.
    expect(after.activities.map((a) => a.id)).toEqual(['1.1', '1.2', '1.3', '2.1']);
    expect(validateCronograma(after).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('marks an activity the plan retired, leaving its row and statuses in place', () => {
    const sheet = layoutCronograma(
      {
        ...base,
        activities: base.activities.map((a) =>
          a.id === '1.2' ? { ...a, statuses: { 6: 'realizada' as const } } : a,
        ),
      },
      { idColumn: true },
    );
    const server = serverOf({ ...base, activities: base.activities.filter((a) => a.id !== '1.2') });
    const { edit, after, grid: edited } = catchUp(sheet, server);
    expect(edit.retired).toEqual(['1.2']);
    expect(edit.insertRows).toEqual([]);
    expect(after.activities.map((a) => a.id)).toEqual(['1.1', '2.1']);
    expect(after.retired.map((a) => a.id)).toEqual(['1.2']);
    const row = after.retired[0]!.row - 1;
    expect(edited.values[row]).toContain('Realizada');
    expect(edited.values[row]![0]).toBe('1.2 (retirada)');
    expect(edited.styles![row]![3]).toMatchObject({ strike: true });
  });

  it('restores an activity the server plans again, and updates one whose months changed', () => {
    const sheet = layoutCronograma(base, { idColumn: true });
    const retiredFirst = catchUp(
      sheet,
      serverOf({ ...base, activities: base.activities.slice(1) }),
    );
    const server = serverOf({
      ...base,
      activities: base.activities.map((a) =>
        a.id === '2.1' ? { ...a, months: [4, 9] as Month[] } : a,
      ),
    });
    const { edit, after } = catchUp(retiredFirst.grid, server);
    expect(edit.restored).toEqual(['1.1']);
    expect(edit.updated).toEqual(['2.1']);
    expect(planSignature(after.activities)).toEqual(planSignature(server.activities));
    expect(after.retired).toEqual([]);
  });

  it('opens a new axis after the last one, with its number and name, or as a banner where the sheet uses banners', () => {
    const server = serverOf({
      ...base,
      axes: [...base.axes, { number: 3, name: 'Voto en el extranjero' }],
      activities: [
        ...base.activities,
        { id: '3.1', axis: 3, description: 'Registrar a la ciudadanía', months: [2] },
        { id: '3.2', axis: 3, description: 'Informar del registro', months: [3] },
      ],
    });
    const columns = catchUp(layoutCronograma(base, { idColumn: true }), server).after;
    expect(columns.activities.slice(-2).map((a) => `${a.id} ${a.axisName}`)).toEqual([
      '3.1 Voto en el extranjero',
      '3.2 Voto en el extranjero',
    ]);

    const banners = grid([
      ['ID', 'Actividades', ...MONTH_HEADER],
      ['EJE 1. Vinculación con el INE'],
      ['1.1', 'Dar seguimiento a los acuerdos', ...marks([1, 2, 3])],
      ['1.2', 'Informar a la comisión', ...marks([6])],
      ['EJE 2. Educación cívica'],
      ['2.1', 'Difundir materiales', ...marks([4, 5])],
    ]);
    const { after, grid: edited } = catchUp(banners, server);
    expect(after.axes.map((a) => `${a.number}:${a.source}`)).toEqual([
      '1:banner',
      '2:banner',
      '3:banner',
    ]);
    expect(edited.values[6]![1]).toBe('EJE 3. Voto en el extranjero');
    expect(planSignature(after.activities)).toEqual(planSignature(server.activities));
  });

  it('copies the row’s formulas into a new row and leaves staff’s notes where they were', () => {
    const header: CellValue[] = [
      'ID',
      'No.',
      'Ejes de acción',
      'Actividades',
      ...MONTH_HEADER,
      'Total',
      'Observaciones',
    ];
    const sheet = grid(
      [
        header,
        ['1.1', 1, 'Uno', 'a', ...marks([1, 2]), 2, 'ver oficio 12'],
        ['1.2', null, null, 'b', ...marks([3]), 1, null],
        ['2.1', 2, 'Dos', 'c', ...marks([4]), 1, 'pendiente de firma'],
      ],
      ['B2:B3', 'C2:C3'],
    );
    const formulas = sheet.values.map((row, r) =>
      row.map((v, c) => (r > 0 && c === 16 ? '=SUM(RC[-12]:RC[-1])' : String(v ?? ''))),
    );
    const server = serverOf({
      ...base,
      activities: [
        { id: '1.1', axis: 1, description: 'a', months: [1, 2] },
        { id: '1.2', axis: 1, description: 'b', months: [3] },
        { id: '1.3', axis: 1, description: 'nueva', months: [5, 6] },
        { id: '2.1', axis: 2, description: 'c', months: [4] },
      ],
    });
    const { after, grid: edited, formulas: f } = catchUp(sheet, server, formulas);
    const added = after.activities.find((a) => a.id === '1.3')!;
    expect(f[added.row - 1]![16]).toBe('=SUM(RC[-12]:RC[-1])');
    expect(edited.values[added.row - 1]![17]).toBeUndefined();
    expect(edited.values[1]![17]).toBe('ver oficio 12');
    expect(edited.values[4]![17]).toBe('pendiente de firma');
    expect(after.activities.map((a) => `${a.id}:${a.axisName}`)).toEqual([
      '1.1:Uno',
      '1.2:Uno',
      '1.3:Uno',
      '2.1:Dos',
    ]);
  });

  it('draws new months in colour where the sheet marks months by fill', () => {
    const values: CellValue[][] = [
      ['ID', 'Actividades', ...MONTH_HEADER],
      ['EJE 1. Uno'],
      ['1.1', 'a'],
    ];
    const bar = { fill: '#92D050' };
    const styles = [[], [], [null, null, bar, bar]];
    const sheet = grid(values, [], { styles });
    const server = serverOf({
      year: 2021,
      axes: [{ number: 1, name: 'Uno' }],
      activities: [
        { id: '1.1', axis: 1, description: 'a', months: [1, 2] },
        { id: '1.2', axis: 1, description: 'b', months: [7] },
      ],
    });
    const { after, edit } = catchUp(sheet, server);
    expect(edit.values.some((v) => v.value === '✓')).toBe(false);
    expect(after.activities.map((a) => `${a.id}:${a.months.join(',')}`)).toEqual([
      '1.1:1,2',
      '1.2:7',
    ]);
  });

  it('makes any sheet state any server plan, whatever was added, retired or changed (property)', () => {
    const change = fc.record({
      drop: fc.array(fc.boolean(), { maxLength: 40 }),
      newMonths: fc.array(
        fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 })),
        { maxLength: 40 },
      ),
      extra: fc.array(
        fc.record({
          axis: fc.integer({ min: 1, max: 8 }),
          description,
          months: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }),
        }),
        { maxLength: 6 },
      ),
      repeat: fc.option(fc.integer({ min: 2, max: 6 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(planArbitrary, change, (p, c) => {
        const sheet = layoutCronograma(p, { idColumn: true, repeatHeaderEvery: c.repeat });
        const kept = p.activities.filter((_, i) => !c.drop[i]);
        const changed = kept.map((a, i) => {
          const months = c.newMonths[i];
          return months ? { ...a, months: [...months].sort((x, y) => x - y) as Month[] } : a;
        });
        const next = new Map<number, number>();
        for (const a of p.activities)
          next.set(a.axis, Math.max(next.get(a.axis) ?? 0, Number(a.id.split('.')[1])));
        const usedDescriptions = new Set(
          p.activities.map((a) => `${a.axis}|${a.description.toLowerCase()}`),
        );
        const added = c.extra
          .filter(
            (e) =>
              !usedDescriptions.has(`${e.axis}|${e.description.toLowerCase()}`) &&
              usedDescriptions.add(`${e.axis}|${e.description.toLowerCase()}`),
          )
          .map((e) => {
            const n = (next.get(e.axis) ?? 0) + 1;
            next.set(e.axis, n);
            return {
              id: `${e.axis}.${n}`,
              axis: e.axis,
              description: e.description,
              months: [...e.months].sort((x, y) => x - y) as Month[],
            };
          });
        const axes = [...new Set([...changed, ...added].map((a) => a.axis))].map(
          (n) => p.axes.find((a) => a.number === n) ?? { number: n, name: `Eje nuevo ${n}` },
        );
        const server = serverOf({ year: 2021, axes, activities: [...changed, ...added] });
        const { after } = catchUp(sheet, server);
        expect(planSignature(after.activities)).toEqual(planSignature(server.activities));
        expect(after.retired.map((a) => a.id).sort()).toEqual(
          p.activities
            .filter((_, i) => c.drop[i])
            .map((a) => a.id)
            .sort(),
        );
        expect(
          after.activities.every(
            (a) => a.axisName === (axes.find((x) => x.number === a.axis)?.name ?? ''),
          ),
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
