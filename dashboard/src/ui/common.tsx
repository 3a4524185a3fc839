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

/**
 * Pages sign in through App Service authentication in front of the app (the same app
 * registration as the pane): a page only sends people to its sign-in and back to it.
 */
export function SignIn({ what }: { what: string }) {
  const back = `${window.location.pathname}${window.location.search}`;
  return (
    <div className="sign-in" role="alert" data-testid="sign-in">
      <p>Para {what}, inicie sesión con su cuenta del Instituto.</p>
      <a
        className="button"
        href={`/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(back)}`}
      >
        Iniciar sesión
      </a>
    </div>
  );
}
