/**
 * «Mis meses por actualizar»: the page a reminder links to. Who is signed in and the programme in
 * the header (the dashboard's); the person's months in two sections, «Vencidos» then «Vencen este
 * mes», each activity once with a form per month. A person no area lists is told so, and whom to
 * ask. The outcome of each save is also said in one live region.
 */
import { useSyncExternalStore } from 'react';
import { localModeText } from '../../../../shared/local-mode';
import { dateText } from '../../format';
import { Loading, Problem, Section, SignIn } from '../../ui/common';
import { MonthEntry, UpdateController, UpdateState } from '../controller';
import { MonthForm } from './MonthForm';

/** The entries by activity, in the order listed: each activity's heading said once. */
function byActivity(entries: MonthEntry[]) {
  const groups: { activityId: string; description: string; area: string; entries: MonthEntry[] }[] =
    [];
  for (const e of entries) {
    const last = groups[groups.length - 1];
    if (last && last.activityId === e.month.activityId) last.entries.push(e);
    else
      groups.push({
        activityId: e.month.activityId,
        description: e.month.description,
        area: e.month.area,
        entries: [e],
      });
  }
  return groups;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function Months(props: {
  id: string;
  title: string;
  intro: string;
  entries: MonthEntry[];
  controller: UpdateController;
}) {
  const groups = byActivity(props.entries);
  return (
    <Section id={props.id} title={props.title} className="update-section">
      <p className="muted">
        {props.intro} {count(props.entries.length, 'mes', 'meses')} de{' '}
        {count(groups.length, 'actividad', 'actividades')}.
      </p>
      <ul className="update-activities">
        {groups.map((g) => (
          <li
            key={g.activityId}
            className={`update-activity${g.entries.length > 1 ? ' several' : ''}`}
            data-activity={g.activityId}
          >
            <h3>
              <span className="activity-id">{g.activityId}</span> {g.description}
            </h3>
            <div className="month-forms">
              {g.entries.map((e) => (
                <MonthForm key={e.key} entry={e} controller={props.controller} />
              ))}
            </div>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Who({ state }: { state: UpdateState }) {
  const person = state.data?.person;
  const name = person ? `${person.name} (${person.email})` : state.me?.name;
  if (!name) return null;
  return (
    <p className="muted who-am-i" data-testid="me">
      Sesión: <span className="who">{name}</span>
      {state.auth?.appService && (
        <>
          {' · '}
          <a
            href={`/.auth/logout?post_logout_redirect_uri=${encodeURIComponent(
              `${window.location.pathname}${window.location.search}`,
            )}`}
          >
            Cerrar sesión
          </a>
        </>
      )}
    </p>
  );
}

function Body({ state, controller }: { state: UpdateState; controller: UpdateController }) {
  const { data } = state;
  // Signed out: the sign-in offer (or the «modo local» note) says what to do.
  if (!data && state.signInNeeded) return null;
  if (!data) return state.error ? <Problem text={state.error} /> : <Loading what="sus meses" />;
  if (data.areas.length === 0) {
    const who = data.person?.email ?? state.me?.name;
    return (
      <p className="panel no-area" role="status" data-testid="no-area">
        Su cuenta{who ? ` (${who})` : ''} no figura entre los responsables de ninguna área de este
        programa, así que aquí no hay meses que le toque actualizar. Si usted es responsable de
        alguna actividad, pida a un administrador de PAT Cronograma que lo agregue a su área en
        «Áreas y responsables» del tablero.
      </p>
    );
  }
  const overdue = state.entries.filter((e) => e.month.kind === 'overdue');
  const due = state.entries.filter((e) => e.month.kind === 'due');
  return (
    <>
      <p className="update-intro">
        {data.areas.length === 1 ? 'Área' : 'Áreas'}: <strong>{data.areas.join(', ')}</strong>.{' '}
        {state.entries.length === 0
          ? 'Por ahora no tiene meses vencidos ni que venzan este mes: no hay nada que actualizar.'
          : 'Para cada mes, elija el estatus, anote lo que haga falta y pulse «Guardar».'}
      </p>
      {overdue.length > 0 && (
        <Months
          id="vencidos"
          title="Vencidos"
          intro="Meses ya cerrados que siguen pendientes:"
          entries={overdue}
          controller={controller}
        />
      )}
      {due.length > 0 && (
        <Months
          id="este-mes"
          title="Vencen este mes"
          intro="Meses planeados para el mes en curso:"
          entries={due}
          controller={controller}
        />
      )}
    </>
  );
}

export function UpdatePage({ controller }: { controller: UpdateController }) {
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  // «Modo local»: the dev host signs every request in itself; there is no sign-in to offer.
  const local = state.auth?.mode === 'none' ? state.auth.localIdentity : undefined;
  return (
    <>
      <a className="skip" href="#contenido">
        Saltar al contenido
      </a>
      <header className="top update-top">
        <div className="title">
          <h1>Mis meses por actualizar</h1>
          <p className="subtitle" data-testid="programme">
            {state.data?.title ?? state.programId ?? ''}
          </p>
        </div>
        <div className="status-line">
          <Who state={state} />
          {state.data && (
            <p className="muted" data-testid="today">
              Situación al {dateText(state.data.today)}
            </p>
          )}
        </div>
        {local && (
          <p className="local-mode" role="note" data-testid="local-mode">
            {state.signInNeeded
              ? 'Modo local: este servidor de desarrollo no tiene inicio de sesión y solo deja entrar a quien abre la página en el mismo equipo donde corre.'
              : localModeText(local)}
          </p>
        )}
      </header>
      <main id="contenido" tabIndex={-1} className="update-main">
        <p className="sr-only" role="status" data-testid="announcement">
          {state.announcement}
        </p>
        {state.signInNeeded && !local && <SignIn what="actualizar sus meses" />}
        <Body state={state} controller={controller} />
      </main>
    </>
  );
}
