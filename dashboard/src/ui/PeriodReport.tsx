/**
 * The report to the Consejo General for a quarter or the year: a preview («preliminar») until an
 * editor freezes it, then the frozen one, which later edits never change. Totals, each axis's
 * activities and changes since the baseline, the period's sessions; downloads as .docx and .xlsx.
 */
import { FrozenReports, PeriodReport as Report } from '../api';
import { dateText, instantText } from '../format';
import { varianceText } from '../../../shared/lifecycle';
import { Loading, Problem, Section } from './common';
import { Totals } from './Report';

const PERIOD_TEXT: Record<string, string> = {
  T1: 'Primer trimestre',
  T2: 'Segundo trimestre',
  T3: 'Tercer trimestre',
  T4: 'Cuarto trimestre',
};

export function PeriodReport(props: {
  year: number;
  period?: string;
  report?: Report;
  frozen?: FrozenReports;
  editor: boolean;
  working: boolean;
  error?: string;
  files: (format: 'docx' | 'xlsx') => string | undefined;
  onSelect: (period: string) => void;
  onFreeze: () => void;
}) {
  const { report, year } = props;
  const periods = [1, 2, 3, 4].map((q) => `${year}-T${q}`).concat(String(year));
  const frozenPeriods = new Set(props.frozen?.map((f) => f.period));
  const docx = props.files('docx');
  const xlsx = props.files('xlsx');
  return (
    <Section id="consejo" title="Informe al Consejo General">
      <div className="toolbar no-print">
        <label htmlFor="consejo-periodo">Periodo</label>
        <select
          id="consejo-periodo"
          value={props.period ?? ''}
          onChange={(e) => props.onSelect(e.target.value)}
        >
          {periods.map((p) => (
            <option key={p} value={p}>
              {PERIOD_TEXT[p.slice(-2)] ?? 'Año completo'}
              {frozenPeriods.has(p) ? ' (congelado)' : ''}
            </option>
          ))}
        </select>
        {docx && <a href={docx}>Descargar .docx</a>}
        {xlsx && <a href={xlsx}>Descargar .xlsx</a>}
        {props.editor && report && !report.frozen && (
          <button type="button" disabled={props.working} onClick={props.onFreeze}>
            Congelar el informe
          </button>
        )}
      </div>
      <Problem text={props.error} />
      {!report ? (
        !props.error && <Loading what="el informe" />
      ) : (
        <>
          <p data-testid="period-report-state" className={report.frozen ? '' : 'preliminary'}>
            {report.frozen
              ? `Informe del ${report.label}, congelado el ${instantText(report.frozen.at)} por ${report.frozen.by}: no cambia con ediciones posteriores.`
              : `PRELIMINAR: informe del ${report.label} al ${dateText(report.asOf)}; cambia con cada edición hasta que se congele.`}
          </p>
          <Totals totals={report.totals} testId="period-totals" />
          {report.axes.map((axis) => (
            <div key={axis.number} className="period-axis">
              <h3>
                Eje {axis.number}. {axis.name}
              </h3>
              <p>
                {axis.activities.length} actividades con meses en el periodo; {axis.totals.done} de{' '}
                {axis.totals.planned} meses realizados.
              </p>
              {axis.variance.length > 0 && (
                <ul>
                  {axis.variance.map((v) => (
                    <li key={v.activityId}>
                      {v.activityId} {v.description}: {varianceText(v)}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
          <p>
            Sesiones del periodo:{' '}
            {report.sessions
              .map((s) => `${s.label} (${dateText(s.date)}${s.held ? ', celebrada' : ''})`)
              .join('; ') || 'ninguna'}
            .
          </p>
        </>
      )}
    </Section>
  );
}
