/**
 * The cronograma as managers know it: axes, activities, Ene…Dic, each planned month coloured by
 * its status. It is a real table (row and column headers, each cell's status in words for screen
 * readers), so it is its own text alternative; the legend says what colours and symbols mean.
 */
import { MONTHS, MONTH_ABBREVIATIONS, MONTH_NAMES, monthClosedBy } from '../../../shared/months';
import { ProgramView } from '../api';
import { CELL_LABELS, CELL_ORDER, CellState, monthCountsText } from '../format';
import { Section, StatusBadge } from './common';

export function cellState(
  activity: ProgramView['activities'][number],
  month: number,
  year: number,
  today: string,
): CellState | undefined {
  if (!activity.months.some((m) => m === month)) return undefined;
  const status = activity.statuses[String(month)]?.status ?? 'pendiente';
  return status === 'pendiente' && monthClosedBy(year, month, today) ? 'vencida' : status;
}

export function Legend() {
  return (
    <ul className="legend" aria-label="Significado de los colores">
      {CELL_ORDER.map((s) => (
        <li key={s}>
          <StatusBadge state={s} />
          {s === 'vencida' && <span className="muted"> (pendiente con el mes ya cerrado)</span>}
        </li>
      ))}
      <li>
        <span className="badge st-none" aria-hidden="true" /> <span>No planeado</span>
      </li>
    </ul>
  );
}

export function Grid({ program, today }: { program: ProgramView; today: string }) {
  const counts = new Map<CellState, number>();
  for (const a of program.activities)
    for (const m of MONTHS) {
      const s = cellState(a, m, program.year, today);
      if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
  const summary = monthCountsText(counts);
  return (
    <Section id="cronograma" title={`Cronograma ${program.year}`}>
      <Legend />
      <p id="cronograma-resumen" className="muted" elementtiming="pat-cronograma">
        {program.activities.length} actividades en {program.axes.length} ejes; meses planeados:{' '}
        {summary}.
      </p>
      <table className="grid" aria-describedby="cronograma-resumen" data-testid="grid">
        <caption className="sr-only">
          Cronograma {program.year}: estatus de cada actividad por mes
        </caption>
        <colgroup>
          <col className="c-activity" />
          {MONTHS.map((m) => (
            <col key={m} className="c-month" />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Actividad</th>
            {MONTHS.map((m) => (
              <th key={m} scope="col" abbr={MONTH_NAMES[m - 1]}>
                <span aria-hidden="true" className="m-long">
                  {MONTH_ABBREVIATIONS[m - 1]}
                </span>
                <span aria-hidden="true" className="m-short">
                  {MONTH_ABBREVIATIONS[m - 1]![0]}
                </span>
                <span className="sr-only">{MONTH_NAMES[m - 1]}</span>
              </th>
            ))}
          </tr>
        </thead>
        {program.axes.map((axis) => (
          <tbody key={axis.number}>
            <tr className="axis-row">
              <th scope="colgroup" colSpan={13}>
                Eje {axis.number}. {axis.name}
              </th>
            </tr>
            {program.activities
              .filter((a) => a.axis === axis.number)
              .map((a) => (
                <tr key={a.id} data-activity={a.id}>
                  <th scope="row">
                    <span className="activity-id">{a.id}</span>{' '}
                    <span className="desc">{a.description}</span>
                  </th>
                  {MONTHS.map((m) => {
                    const s = cellState(a, m, program.year, today);
                    const note = a.statuses[String(m)]?.note;
                    return (
                      <td
                        key={m}
                        data-month={m}
                        data-state={s ?? ''}
                        className={s ? `st-${s}` : 'st-none'}
                        title={
                          s
                            ? `${MONTH_NAMES[m - 1]}: ${CELL_LABELS[s]}${note ? ` — ${note}` : ''}`
                            : undefined
                        }
                      >
                        {s && <StatusBadge state={s} compact />}
                      </td>
                    );
                  })}
                </tr>
              ))}
          </tbody>
        ))}
      </table>
    </Section>
  );
}
