import { ReactNode } from 'react';
import { CELL_LABELS, CELL_SYMBOLS, CellState } from '../format';

/** A section of the page: a landmark named by its heading. */
export function Section(props: {
  id: string;
  title: ReactNode;
  className?: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section
      id={props.id}
      aria-labelledby={`${props.id}-titulo`}
      className={`panel ${props.className ?? ''}`}
    >
      <div className="panel-head">
        <h2 id={`${props.id}-titulo`}>{props.title}</h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

/** A section's error: said once, politely, where the section is. */
export function Problem({ text }: { text?: string }) {
  return text ? (
    <p className="problem" role="status">
      {text}
    </p>
  ) : null;
}

export function Loading({ what }: { what: string }) {
  return <p className="muted">Cargando {what}…</p>;
}

/** A status's colour, symbol and name; the symbol is decoration, the name is read. */
export function StatusBadge({ state, compact }: { state: CellState; compact?: boolean }) {
  return (
    <span className={`badge st-${state}`}>
      <span aria-hidden="true" className="symbol">
        {CELL_SYMBOLS[state]}
      </span>
      {compact ? (
        <span className="sr-only">{CELL_LABELS[state]}</span>
      ) : (
        <span>{CELL_LABELS[state]}</span>
      )}
    </span>
  );
}
