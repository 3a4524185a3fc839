/**
 * The progress report for an ordinary session (`getSessionReport`, JSON) as a page: totals, then
 * each axis with its activities, every month's status, notes and evidence; downloads as .xlsx and .csv.
 */
import { MONTH_ABBREVIATIONS, MONTH_NAMES } from '../../../shared/months';
import { TOTAL_LABELS } from '../../../shared/report/report-texts';
import { ReportTotals } from '../../../shared/report/session-report';
import { CalendarView, SessionReport } from '../api';
import { CELL_LABELS, CELL_SYMBOLS, dateText, dayMonthText, longDate } from '../format';
import { Loading, Problem, Section } from './common';

export function Totals({ totals, testId }: { totals: ReportTotals; testId?: string }) {
  return (
    <dl className="totals" data-testid={testId}>
      {TOTAL_LABELS.map(([key, label]) => (
        <div key={key} className={`total total-${key}`} data-total={key}>
          <dt>{label}</dt>
          <dd>{totals[key]}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Report(props: {
  sessions: CalendarView;
  selected?: number;
  report?: SessionReport;
  error?: string;
  files: (format: 'xlsx' | 'csv') => string | undefined;
  onSelect: (number: number) => void;
}) {
  const { report } = props;
  const ordinary = props.sessions.sessions.filter((s) => s.type === 'ordinaria');
  const session = ordinary.find((s) => s.number === props.selected);
  const xlsx = props.files('xlsx');
  const csv = props.files('csv');
  return (
    <Section
      id="informe"
      title={session ? `Informe para la ${session.label}` : 'Informe de avance'}
    >
      <div className="toolbar no-print">
        <label htmlFor="informe-sesion">Sesión</label>
        <select
          id="informe-sesion"
          value={props.selected ?? ''}
          onChange={(e) => props.onSelect(Number(e.target.value))}
        >
          {/* Without the year (the heading and the report's first line give it): the choice fits a phone. */}
          {ordinary.map((s) => (
            <option key={s.number} value={s.number}>
              {s.label} — {dayMonthText(s.date)}
            </option>
          ))}
        </select>
        {xlsx && (
          <a className="button" href={xlsx} download data-testid="report-xlsx">
            Descargar .xlsx
          </a>
        )}
        {csv && (
          <a className="button" href={csv} download data-testid="report-csv">
            Descargar .csv
          </a>
        )}
      </div>
      <Problem text={props.error} />
      {!report ? (
        !props.error && <Loading what="el informe" />
      ) : (
        <>
          <p>
            Sesión del {longDate(report.session.date)}. Cubre los meses planeados de enero a{' '}
            {MONTH_NAMES[report.throughMonth - 1]!.toLowerCase()} de {report.year}; los meses
            vencidos se cuentan al {dateText(report.asOf)}.
          </p>
          <h3 className="sr-only">Totales</h3>
          <Totals totals={report.totals} testId="report-totals" />
          {report.axes.map((axis) => (
            <section
              key={axis.number}
              className="report-axis"
              aria-labelledby={`informe-eje-${axis.number}`}
              data-testid={`report-axis-${axis.number}`}
            >
              <h3 id={`informe-eje-${axis.number}`}>
                Eje {axis.number}. {axis.name}
              </h3>
              <Totals totals={axis.totals} />
              <table className="report-table">
                <thead>
                  <tr>
                    <th scope="col">Actividad</th>
                    <th scope="col">Meses, notas y evidencias</th>
                  </tr>
                </thead>
                <tbody>
                  {axis.activities.map((a) => (
                    <tr key={a.id} data-activity={a.id}>
                      <th scope="row">
                        <span className="activity-id">{a.id}</span> {a.description}
                      </th>
                      <td>
                        <ul className="month-strip">
                          {a.months.map((m) => {
                            const state = m.overdue ? 'vencida' : m.status;
                            return (
                              <li
                                key={m.month}
                                data-month={m.month}
                                data-state={state}
                                className={`chip st-${state}`}
                              >
                                <span aria-hidden="true">
                                  {MONTH_ABBREVIATIONS[m.month - 1]} {CELL_SYMBOLS[state]}
                                </span>
                                <span className="sr-only">
                                  {MONTH_NAMES[m.month - 1]}: {CELL_LABELS[state]}
                                </span>
                              </li>
                            );
                          })}
                        </ul>
                        {a.months.some((m) => m.note || m.evidence) && (
                          <ul className="notes">
                            {a.months
                              .filter((m) => m.note || m.evidence)
                              .map((m) => (
                                <li key={m.month} data-month={m.month}>
                                  <span className="month-name">{MONTH_NAMES[m.month - 1]}:</span>{' '}
                                  {m.note}
                                  {m.evidence && (
                                    <>
                                      {' '}
                                      <a href={m.evidence} className="evidence" rel="noreferrer">
                                        Evidencia
                                        <span className="sr-only">
                                          {' '}
                                          de {a.id}, {MONTH_NAMES[m.month - 1]}
                                        </span>
                                      </a>
                                    </>
                                  )}
                                </li>
                              ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </>
      )}
    </Section>
  );
}
