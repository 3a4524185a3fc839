/**
 * The programme's year (art. 57 CIPECM): where it stands and by which agreements, its changes
 * since the ratified baseline (each activity's months moved, added, dropped) and the
 * reprogramaciones that made them; for admins, the next step (approve, ratify) and next year's
 * draft.
 */
import { FormEvent, useState } from 'react';
import { DraftAnswer, LifecycleRequest, ProgramView, Reprogrammings } from '../api';
import { dateText, instantText } from '../format';
import { PROGRAMME_STATUS_TEXT, agreementTaken, varianceText } from '../../../shared/lifecycle';
import { count } from '../../../shared/text';
import { Problem, Section } from './common';

/** «Ratificado · aprobado por CVOE/040/20 (28 sept 2020) · ratificado por CVOE/003/21 (…)» */
export function StatusLine({ program }: { program: ProgramView }) {
  const { approval, ratification } = program.details.agreements;
  return (
    <p className="programme-status" data-testid="programme-status">
      <span className={`year-status ys-${program.status}`}>
        {PROGRAMME_STATUS_TEXT[program.status]}
      </span>
      {program.status !== 'borrador' && agreementTaken(approval) && (
        <>
          {' '}
          · aprobado por el acuerdo {approval.id} ({dateText(approval.date)})
        </>
      )}
      {program.status === 'ratificado' && agreementTaken(ratification) && (
        <>
          {' '}
          · ratificado por el acuerdo {ratification.id} ({dateText(ratification.date)})
        </>
      )}
    </p>
  );
}

function NextStep(props: {
  program: ProgramView;
  working: boolean;
  onStep: (step: LifecycleRequest) => Promise<boolean>;
}) {
  const step = props.program.status === 'borrador' ? 'aprobado' : 'ratificado';
  const [agreement, setAgreement] = useState('');
  const [date, setDate] = useState('');
  const [session, setSession] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    const done = await props.onStep({
      step,
      agreement: agreement.trim(),
      date,
      ...(session.trim() ? { session: session.trim() } : {}),
    });
    if (done) {
      setAgreement('');
      setDate('');
      setSession('');
    }
  }
  const verb = step === 'aprobado' ? 'Aprobar' : 'Ratificar';
  return (
    <form className="no-print year-form" onSubmit={(e) => void submit(e)}>
      <h3>{verb} el programa</h3>
      <p className="muted">
        {step === 'aprobado'
          ? `La Comisión aprueba el programa en septiembre de ${props.program.year - 1}.`
          : `La Comisión lo ratifica en enero de ${props.program.year}; su plan queda como línea base y desde entonces cada cambio es una reprogramación con su acuerdo.`}
      </p>
      <label htmlFor="paso-acuerdo">Acuerdo</label>{' '}
      <input
        id="paso-acuerdo"
        required
        maxLength={300}
        placeholder="CVOE/040/20"
        value={agreement}
        onChange={(e) => setAgreement(e.target.value)}
      />{' '}
      <label htmlFor="paso-fecha">Fecha</label>{' '}
      <input
        id="paso-fecha"
        type="date"
        required
        value={date}
        onChange={(e) => setDate(e.target.value)}
      />{' '}
      <label htmlFor="paso-sesion">Sesión (opcional)</label>{' '}
      <input
        id="paso-sesion"
        maxLength={300}
        value={session}
        onChange={(e) => setSession(e.target.value)}
      />{' '}
      <button type="submit" disabled={props.working || !agreement.trim() || !date}>
        {verb}
      </button>
    </form>
  );
}

function Draft(props: {
  program: ProgramView;
  working: boolean;
  done?: DraftAnswer;
  onDraft: (request: { year: number; id: string }) => Promise<boolean>;
  onOpen: (programId: string) => void;
}) {
  const next = props.program.year + 1;
  const suggested = props.program.id.includes(String(props.program.year))
    ? props.program.id.replace(String(props.program.year), String(next))
    : `${props.program.id}-${next}`;
  const [id, setId] = useState(suggested);
  return (
    <form
      className="no-print year-form"
      onSubmit={(e) => {
        e.preventDefault();
        void props.onDraft({ year: next, id: id.trim() });
      }}
    >
      <h3>Borrador de {next}</h3>
      <p className="muted">
        Mismos objetivos, líneas, ejes y actividades; las sesiones de {next} por la misma regla con
        sus días inhábiles. Queda en borrador, listo para la sesión de septiembre.
      </p>
      <label htmlFor="borrador-id">Identificador</label>{' '}
      <input id="borrador-id" required value={id} onChange={(e) => setId(e.target.value)} />{' '}
      <button type="submit" disabled={props.working || !id.trim()}>
        Crear el borrador de {next}
      </button>
      {props.done && (
        <div role="status" data-testid="draft-made">
          <p>
            Borrador «{props.done.programId}» creado: {props.done.activities} actividades,{' '}
            {props.done.sessions} sesiones.{' '}
            <button type="button" onClick={() => props.onOpen(props.done!.programId)}>
              Abrir el borrador
            </button>
          </p>
          <p>Qué revisar:</p>
          <ul>
            {props.done.differences.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}

export function Year(props: {
  program: ProgramView;
  reprogrammings?: Reprogrammings;
  admin: boolean;
  working: boolean;
  errors: { year?: string; draft?: string; reprogrammings?: string };
  draft?: DraftAnswer;
  onStep: (step: LifecycleRequest) => Promise<boolean>;
  onDraft: (request: { year: number; id: string }) => Promise<boolean>;
  onOpen: (programId: string) => void;
}) {
  const { program } = props;
  const baseline = program.details.lifecycle?.baseline;
  const totals = program.varianceTotals;
  return (
    <Section id="anio" title="Ciclo anual: aprobación, ratificación y cambios">
      <StatusLine program={program} />
      {baseline ? (
        <p>
          Línea base: el plan ratificado el {dateText(baseline.date)} (acuerdo {baseline.agreement}
          ), {baseline.activities.length} actividades.
        </p>
      ) : (
        <p className="muted">Sin línea base: el plan se congela al ratificarse el programa.</p>
      )}
      {baseline && (
        <>
          <h3>Variación respecto de la línea base</h3>
          {program.variance.length === 0 ? (
            <p data-testid="variance-none">El plan vigente es el ratificado: sin cambios.</p>
          ) : (
            <>
              <p data-testid="variance-totals">
                {count(totals.monthsMoved, 'mes movido', 'meses movidos')},{' '}
                {count(totals.monthsAdded, 'agregado', 'agregados')},{' '}
                {count(totals.monthsDropped, 'quitado', 'quitados')};{' '}
                {count(totals.activitiesAdded, 'actividad agregada', 'actividades agregadas')},{' '}
                {count(totals.activitiesDropped, 'retirada', 'retiradas')}.
              </p>
              <table className="variance" data-testid="variance">
                <thead>
                  <tr>
                    <th scope="col">ID</th>
                    <th scope="col">Actividad</th>
                    <th scope="col">Cambio</th>
                  </tr>
                </thead>
                <tbody>
                  {program.variance.map((v) => (
                    <tr key={v.activityId}>
                      <th scope="row">{v.activityId}</th>
                      <td>{v.description}</td>
                      <td>{varianceText(v)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <h3>Reprogramaciones</h3>
          <Problem text={props.errors.reprogrammings} />
          {props.reprogrammings && props.reprogrammings.length === 0 && (
            <p className="muted">Ninguna.</p>
          )}
          {props.reprogrammings && props.reprogrammings.length > 0 && (
            <ul data-testid="reprogrammings">
              {props.reprogrammings.map((r) => (
                <li key={`${r.at}-${r.by}`}>
                  {instantText(r.at)}, {r.by}: acuerdo {r.agreement}. {r.reason} (
                  {r.changes.length === 1 ? '1 actividad' : `${r.changes.length} actividades`})
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {props.admin && program.status !== 'ratificado' && (
        <NextStep program={program} working={props.working} onStep={props.onStep} />
      )}
      <Problem text={props.errors.year} />
      {props.admin && (
        <Draft
          program={program}
          working={props.working}
          done={props.draft}
          onDraft={props.onDraft}
          onOpen={props.onOpen}
        />
      )}
      <Problem text={props.errors.draft} />
    </Section>
  );
}
