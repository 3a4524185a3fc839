/** Progress per axis, the next sessions and the overdue activities: what a manager reads first. */
import { AxisProgress, OverdueActivity, UpcomingSession } from '../../../shared/report/progress';
import { MONTH_NAMES } from '../../../shared/months';
import { dateText, instantText, longDate, monthRuns, percent } from '../format';
import { Section } from './common';

/** Done and planned months to date as two bars on one scale (the largest axis fills the width). */
function Bars({ planned, done, scale }: { planned: number; done: number; scale: number }) {
  const w = (n: number) => (scale === 0 ? 0 : (n / scale) * 100);
  return (
    <svg
      className="bars"
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect className="bar-track" x="0" y="0" width="100" height="10" />
      <rect className="bar-planned" x="0" y="0" width={w(planned)} height="10" />
      <rect className="bar-done" x="0" y="0" width={w(done)} height="10" />
    </svg>
  );
}

function throughText(year: number, today: string): string {
  const y = Number(today.slice(0, 4));
  if (y < year) return `El programa ${year} aún no empieza.`;
  if (y > year) return `Todo ${year}: meses planeados y cuántos se realizaron.`;
  const month = MONTH_NAMES[Number(today.slice(5, 7)) - 1]!.toLowerCase();
  return `Meses planeados de enero a ${month} de ${year} y cuántos están realizados (al ${dateText(today)}).`;
}

export function Progress(props: {
  axes: AxisProgress[];
  overall: { planned: number; done: number };
  today: string;
  year: number;
}) {
  const { axes, overall } = props;
  const scale = Math.max(0, ...axes.map((a) => a.planned));
  const pct = percent(overall.done, overall.planned);
  return (
    <Section id="avance" title="Avance a la fecha">
      <p className="muted">{throughText(props.year, props.today)}</p>
      <div className="overall" data-testid="progress-overall">
        {/* Element Timing: when these figures are painted is the first meaningful paint. */}
        <p className="big" elementtiming="pat-cifras">
          <span data-testid="overall-percent">{pct} %</span>
        </p>
        <p>
          <span data-testid="overall-done">{overall.done}</span> de{' '}
          <span data-testid="overall-planned">{overall.planned}</span> meses realizados
        </p>
        <Bars planned={overall.planned} done={overall.done} scale={overall.planned} />
      </div>
      <ul className="axis-list">
        {axes.map((a) => (
          <li
            key={a.number}
            data-testid={`axis-${a.number}`}
            data-planned={a.planned}
            data-done={a.done}
          >
            <div className="axis-line">
              <span className="axis-name">
                {a.number}. {a.name}
              </span>
              <span className="axis-figures">
                {a.done} de {a.planned} · {percent(a.done, a.planned)} %
              </span>
            </div>
            <Bars planned={a.planned} done={a.done} scale={scale} />
          </li>
        ))}
      </ul>
      <p className="legend-inline" aria-hidden="true">
        <span className="key key-done" /> realizados <span className="key key-planned" /> planeados
        a la fecha
      </p>
    </Section>
  );
}

export function Upcoming(props: {
  sessions: UpcomingSession[];
  year: number;
  onReport: (number: number) => void;
}) {
  return (
    <Section id="sesiones" title="Próximas sesiones">
      {props.sessions.length === 0 ? (
        <p>No quedan sesiones en el calendario de {props.year}.</p>
      ) : (
        <ol className="sessions">
          {props.sessions.map((s) => (
            <li key={`${s.type}-${s.number}`} data-testid={`session-${s.type}-${s.number}`}>
              <p className="session-label">{s.label}</p>
              <p className="session-date">
                <time dateTime={s.date}>{longDate(s.date)}</time>
              </p>
              {s.legal ? (
                <p className="legal" data-testid="legal">
                  {s.legal}
                </p>
              ) : (
                <p className="muted">Seguimiento ordinario del programa.</p>
              )}
              {s.type === 'ordinaria' && (
                <p className="no-print">
                  <a
                    href="#informe"
                    onClick={() => props.onReport(s.number)}
                    aria-label={`Ver el informe para la ${s.label}`}
                  >
                    Ver el informe
                  </a>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

export function Overdue(props: { activities: OverdueActivity[] }) {
  const { activities } = props;
  return (
    <Section id="vencidas" title={`Actividades con meses vencidos (${activities.length})`}>
      {activities.length === 0 ? (
        <p>Ninguna actividad tiene meses cerrados sin informar.</p>
      ) : (
        <ul className="overdue">
          {activities.map((a) => (
            <li key={a.id} data-testid={`overdue-${a.id}`}>
              <p>
                <strong className="activity-id">{a.id}</strong> {a.description}
              </p>
              <p className="overdue-months">
                Sin informar:{' '}
                <span data-testid="overdue-months" data-months={a.months.join(',')}>
                  {monthRuns(a.months)}
                </span>
              </p>
              <p className="muted">
                {a.lastTouchedBy ? (
                  <>
                    Último cambio: <span data-testid="last-by">{a.lastTouchedBy}</span>,{' '}
                    {instantText(a.lastTouchedAt ?? '')}
                  </>
                ) : (
                  'Nadie la ha actualizado.'
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
