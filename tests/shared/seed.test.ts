import { loadSeedProgramme } from '../../seeds';
import { parsePeriod, sameMonths } from '../../shared/period';
import { programmeSchema } from '../../shared/schemas';
import raw from '../../seeds/cvoe-2021.json';

describe('the 2021 programme as data', () => {
  const programme = loadSeedProgramme();

  it('passes the programme schema', () => {
    expect(programmeSchema.safeParse(raw).success).toBe(true);
  });

  it('has the commission, its agreements and its executing area', () => {
    expect(programme.commission.acronym).toBe('CVOE');
    expect(programme.commission.members.map((m) => m.name)).toEqual([
      'Erika Estrada Ruiz',
      'César Ernesto Ramos Mega',
      'Bernardo Valle Monroy',
    ]);
    expect(programme.agreements.approval.id).toBe('CVOE/040/20');
    expect(programme.agreements.ratification).toMatchObject({
      id: 'CVOE/003/21',
      date: '2021-01-21',
    });
    expect(programme.executingArea.acronym).toBe('UTVOE');
  });

  it('has 6 axes, 26 activities and 6 objectives with their strategic lines', () => {
    expect(programme.axes.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(programme.activities).toHaveLength(26);
    expect(
      programme.axes.map((a) => programme.activities.filter((x) => x.axis === a.number).length),
    ).toEqual([3, 6, 4, 5, 2, 6]);
    expect(programme.objectives.map((o) => o.strategicLines.length)).toEqual([3, 3, 5, 5, 4, 4]);
  });

  it('links activities only to strategic lines that exist', () => {
    const lines = new Set(programme.objectives.flatMap((o) => o.strategicLines.map((l) => l.id)));
    for (const a of programme.activities)
      for (const l of a.strategicLines ?? []) expect(lines).toContain(l);
  });

  it('agrees with the declared period on every activity but 6.1, whose grid marks febrero-octubre', () => {
    const disagreeing = programme.activities.filter(
      (a) => !sameMonths(parsePeriod(a.period ?? '') ?? [], a.months as never),
    );
    expect(disagreeing.map((a) => [a.id, a.period, a.months])).toEqual([
      ['6.1', 'Enero-octubre', [2, 3, 4, 5, 6, 7, 8, 9, 10]],
    ]);
  });

  it('has the 12 ordinary sessions of the source calendar', () => {
    expect(programme.sessions.map((s) => `${s.date} ${s.label}`)).toEqual([
      '2021-01-21 1ª. Ordinaria',
      '2021-02-25 2ª. Ordinaria',
      '2021-03-25 3ª. Ordinaria',
      '2021-04-29 4ª. Ordinaria',
      '2021-05-27 5ª. Ordinaria',
      '2021-06-24 6ª. Ordinaria',
      '2021-07-29 7ª. Ordinaria',
      '2021-08-26 8ª. Ordinaria',
      '2021-09-30 9ª. Ordinaria',
      '2021-10-28 10ª. Ordinaria',
      '2021-11-25 11ª. Ordinaria',
      '2021-12-16 12ª. Ordinaria',
    ]);
  });
});
