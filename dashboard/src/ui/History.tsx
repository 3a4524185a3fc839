/** Who changed what and when, newest first, a page at a time (the API's continuation tokens). */
import { MONTH_NAMES } from '../../../shared/months';
import { HistoryPage, ProgramView } from '../api';
import { instantText } from '../format';
import { Loading, Problem, Section, StatusBadge } from './common';

export function History(props: {
  page?: HistoryPage;
  pageNumber: number;
  program: ProgramView;
  error?: string;
  onNewer: () => void;
  onOlder: () => void;
}) {
  const { page } = props;
  const description = new Map(props.program.activities.map((a) => [a.id, a.description]));
  return (
    <Section id="historial" title="Cambios recientes">
      <Problem text={props.error} />
      {!page ? (
        !props.error && <Loading what="los cambios" />
      ) : page.items.length === 0 ? (
        <p>Aún no hay cambios registrados.</p>
      ) : (
        <ol className="history" data-testid="history">
          {page.items.map((item, i) => {
            // A sync changes several months of one activity at once: its description is said
            // once, on the first of the run, on one line (the whole text in its title and for
            // screen readers, which ignore the clipping; the grid and the report show it in full).
            const repeated = i > 0 && page.items[i - 1]!.activityId === item.activityId;
            const text = description.get(item.activityId) ?? '';
            return (
              <li
                key={`${item.at}-${item.activityId}-${item.month}-${i}`}
                className={repeated ? 'same-activity' : undefined}
                data-activity={item.activityId}
              >
                <p className="history-head">
                  <time dateTime={item.at}>{instantText(item.at)}</time> ·{' '}
                  <span className="who">{item.by}</span>
                </p>
                {!repeated && (
                  <p className="desc">
                    <strong className="activity-id">{item.activityId}</strong>
                    {text && (
                      <>
                        {' '}
                        <span className="desc-text" title={text} data-testid="history-desc">
                          {text}
                        </span>
                      </>
                    )}
                  </p>
                )}
                <p className="change">
                  {repeated && (
                    <>
                      <strong className="activity-id">{item.activityId}</strong> ·{' '}
                    </>
                  )}
                  {MONTH_NAMES[item.month - 1]}:{' '}
                  {item.from ? <StatusBadge state={item.from} /> : <span>sin estatus</span>}{' '}
                  <span aria-hidden="true">→</span>
                  <span className="sr-only">a</span> <StatusBadge state={item.to} />
                </p>
                {item.note && <p className="note">{item.note}</p>}
              </li>
            );
          })}
        </ol>
      )}
      <nav className="pager no-print" aria-label="Páginas de cambios">
        <button type="button" onClick={props.onNewer} disabled={props.pageNumber <= 1}>
          ‹ Más recientes
        </button>
        <span>Página {props.pageNumber}</span>
        <button type="button" onClick={props.onOlder} disabled={!page?.continuationToken}>
          Más antiguos ›
        </button>
      </nav>
    </Section>
  );
}
