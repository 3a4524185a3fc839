/**
 * A VTIMEZONE block built from the runtime's time-zone database, covering the years a calendar
 * spans. Mexico City kept daylight saving time until October 2022, so a 2021 calendar needs its
 * DAYLIGHT observance; the static blocks published for "current rules" omit it.
 */
import { DateTime } from 'luxon';

interface Transition {
  /** Local wall-clock time, in the offset before the change, when it happens. */
  localStart: string;
  from: number;
  to: number;
}

const fmtOffset = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

function transitions(zone: string, fromYear: number, toYear: number): Transition[] {
  const found: Transition[] = [];
  let cursor = DateTime.utc(fromYear, 1, 1);
  const end = DateTime.utc(toYear + 1, 1, 1);
  let offset = cursor.setZone(zone).offset;
  // Step by day, then narrow the changing day down to the minute.
  while (cursor < end) {
    const next = cursor.plus({ days: 1 });
    const nextOffset = next.setZone(zone).offset;
    if (nextOffset !== offset) {
      let lo = cursor;
      let hi = next;
      while (hi.diff(lo, 'minutes').minutes > 1) {
        const mid = lo.plus({ minutes: Math.floor(hi.diff(lo, 'minutes').minutes / 2) });
        if (mid.setZone(zone).offset === offset) lo = mid;
        else hi = mid;
      }
      const instant = hi.startOf('minute');
      found.push({
        localStart: instant.plus({ minutes: offset }).toFormat("yyyyMMdd'T'HHmmss"),
        from: offset,
        to: nextOffset,
      });
      offset = nextOffset;
    }
    cursor = next;
  }
  return found;
}

export function vtimezone(zone: string, fromYear: number, toYear: number): string {
  const changes = transitions(zone, fromYear - 1, toYear);
  const first = DateTime.utc(fromYear - 1, 1, 1).setZone(zone);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const observance = (kind: 'STANDARD' | 'DAYLIGHT', start: string, from: number, to: number) =>
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${start}`,
      `TZOFFSETFROM:${fmtOffset(from)}`,
      `TZOFFSETTO:${fmtOffset(to)}`,
      `END:${kind}`,
    );
  if (changes.length === 0) {
    observance('STANDARD', '19700101T000000', first.offset, first.offset);
  } else {
    // The offset before the first change holds from the start of the range.
    const before = changes[0]!.from;
    observance(
      before > changes[0]!.to ? 'DAYLIGHT' : 'STANDARD',
      `${fromYear - 1}0101T000000`,
      before,
      before,
    );
    for (const t of changes)
      observance(t.to > t.from ? 'DAYLIGHT' : 'STANDARD', t.localStart, t.from, t.to);
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
