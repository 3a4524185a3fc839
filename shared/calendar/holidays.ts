/**
 * Mexico's statutory rest days, Ley Federal del Trabajo art. 74. Computed here rather than taken
 * from `date-holidays`, whose data still puts the transfer of federal executive power on
 * 1 December after the 2024 reform moved it to 1 October (the tests check the rest against it).
 */
import { IsoDate, isoDate, nthWeekday } from './dates';

export interface NonWorkingDay {
  date: IsoDate;
  /** Spanish reason shown when a session has to move. */
  reason: string;
}

const MONDAY = 1;
/** The 2006 reform of art. 74 (DOF 17-01-2006) moved three rest days to Mondays. */
const MONDAY_RULE_SINCE = 2006;

export function statutoryRestDays(year: number): NonWorkingDay[] {
  const days: NonWorkingDay[] = [
    { date: isoDate(year, 1, 1), reason: 'Año Nuevo, 1 de enero' },
    ...(year >= MONDAY_RULE_SINCE
      ? [
          {
            date: nthWeekday(year, 2, MONDAY, 1),
            reason: 'Día de la Constitución, primer lunes de febrero',
          },
          // The reform's transitional article kept 21 March 2006, Juárez's bicentennial.
          year === MONDAY_RULE_SINCE
            ? { date: isoDate(year, 3, 21), reason: 'Natalicio de Benito Juárez, 21 de marzo' }
            : {
                date: nthWeekday(year, 3, MONDAY, 3),
                reason: 'Natalicio de Benito Juárez, tercer lunes de marzo',
              },
        ]
      : [
          { date: isoDate(year, 2, 5), reason: 'Día de la Constitución, 5 de febrero' },
          { date: isoDate(year, 3, 21), reason: 'Natalicio de Benito Juárez, 21 de marzo' },
        ]),
    { date: isoDate(year, 5, 1), reason: 'Día del Trabajo, 1 de mayo' },
    { date: isoDate(year, 9, 16), reason: 'Día de la Independencia, 16 de septiembre' },
    year >= MONDAY_RULE_SINCE
      ? {
          date: nthWeekday(year, 11, MONDAY, 3),
          reason: 'Día de la Revolución, tercer lunes de noviembre',
        }
      : { date: isoDate(year, 11, 20), reason: 'Día de la Revolución, 20 de noviembre' },
    { date: isoDate(year, 12, 25), reason: 'Navidad, 25 de diciembre' },
  ];
  // Every six years: 1 December until 2018; 1 October from 2024 (constitutional reform of 2014).
  if (year >= 2024 && (year - 2024) % 6 === 0)
    days.push({
      date: isoDate(year, 10, 1),
      reason: 'Transmisión del Poder Ejecutivo Federal, 1 de octubre',
    });
  if (year < 2024 && year >= 1934 && (year - 1934) % 6 === 0)
    days.push({
      date: isoDate(year, 12, 1),
      reason: 'Transmisión del Poder Ejecutivo Federal, 1 de diciembre',
    });
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
