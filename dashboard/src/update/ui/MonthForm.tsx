/**
 * One month to update: its status, note and evidence link, and «Guardar». Each field has its
 * label; a 400's message sits under its field (tied to it with aria-describedby) and the focus
 * goes to the first one; a 412 says what the server now has and by whom, and «Guardar» writes
 * over it. The focus stays on «Guardar» while it saves (it is never disabled, only marked busy).
 */
import { memo, useEffect } from 'react';
import { TEXT_MAX } from '../../../../shared/limits';
import { monthName } from '../../../../shared/months';
import { STATUSES, STATUS_LABELS } from '../../../../shared/status';
import { instantText, timeOfDay } from '../../format';
import { StatusBadge } from '../../ui/common';
import { FIELDS, Field, MonthEntry, UpdateController, isDirty } from '../controller';

/** A link only when it is one (http or https): anything else is shown as text. */
const isWebLink = (text: string) => /^https?:\/\//i.test(text);

function Conflict(props: {
  outcome: Extract<MonthEntry['outcome'], { kind: 'stale' }>;
  onTake: () => void;
}) {
  const { current } = props.outcome;
  if (!current)
    return (
      <div className="conflict" data-testid="conflict">
        <p>{props.outcome.message} Recargue la página para ver lo que tiene ahora.</p>
      </div>
    );
  return (
    <div className="conflict" data-testid="conflict">
      <p>
        <strong>Alguien más cambió este mes mientras usted lo editaba.</strong> Ahora está{' '}
        <span data-testid="conflict-status" data-status={current.status}>
          <StatusBadge state={current.status} />
        </span>
        , por{' '}
        <span className="who" data-testid="conflict-by">
          {current.updatedBy}
        </span>{' '}
        ({instantText(current.updatedAt)}).
      </p>
      {current.note && <p className="note">Nota: {current.note}</p>}
      {current.evidence && (
        <p className="evidence">
          Evidencia:{' '}
          {isWebLink(current.evidence) ? (
            <a href={current.evidence} target="_blank" rel="noopener noreferrer">
              {current.evidence}
            </a>
          ) : (
            current.evidence
          )}
        </p>
      )}
      <p>
        Si pulsa «Guardar», lo que usted escribió reemplaza lo anterior.{' '}
        <button type="button" className="link-button" onClick={props.onTake}>
          Usar lo que está guardado
        </button>
      </p>
    </div>
  );
}

function Result({ entry }: { entry: MonthEntry }) {
  const { outcome } = entry;
  if (entry.saving) return <span className="muted">Guardando…</span>;
  if (outcome?.kind === 'saved')
    return (
      <span className="result-saved">
        <span aria-hidden="true">✓ </span>Guardado
        <span className="muted"> a las {timeOfDay(new Date(outcome.at))}</span>
      </span>
    );
  if (outcome?.kind === 'failed' || (outcome?.kind === 'invalid' && outcome.message))
    return <span className="problem">{outcome.message}</span>;
  if (isDirty(entry)) return <span className="muted">Cambios sin guardar</span>;
  return null;
}

export const MonthForm = memo(function MonthForm({
  entry,
  controller,
}: {
  entry: MonthEntry;
  controller: UpdateController;
}) {
  const { activityId, month, kind } = entry.month;
  const base = `m-${activityId}-${month}`;
  const id = (field: Field | 'legend') => `${base}-${field}`;
  const errors: Partial<Record<Field, string>> =
    entry.outcome?.kind === 'invalid' ? entry.outcome.fields : {};
  const { outcome } = entry;

  // A refusal (400): the focus goes to the first field it names.
  useEffect(() => {
    if (outcome?.kind !== 'invalid') return;
    const first = FIELDS.find((f) => outcome.fields[f]);
    if (first) document.getElementById(`${base}-${first}`)?.focus();
  }, [outcome, base]);

  const described = (field: Field) => (errors[field] ? `${id(field)}-error` : undefined);
  const fieldError = (field: Field) =>
    errors[field] ? (
      <p className="field-error" id={`${id(field)}-error`} data-testid={`error-${field}`}>
        {errors[field]}
      </p>
    ) : null;
  const edit = (field: Field) => (e: { target: { value: string } }) =>
    controller.edit(entry.key, field, e.target.value);

  return (
    <form
      className={`month-form month-${kind}`}
      noValidate
      data-testid={`month-${activityId}-${month}`}
      data-activity={activityId}
      data-month={month}
      data-kind={kind}
      onSubmit={(e) => {
        e.preventDefault();
        void controller.save(entry.key);
      }}
    >
      <fieldset>
        <legend id={id('legend')}>
          {monthName(month)}
          <span className="sr-only"> de la actividad {activityId}</span>
        </legend>
        <div className="update-field">
          <label htmlFor={id('status')}>Estatus</label>
          <select
            id={id('status')}
            value={entry.draft.status}
            onChange={edit('status')}
            aria-invalid={errors.status ? true : undefined}
            aria-describedby={described('status')}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
          {fieldError('status')}
        </div>
        <div className="update-field">
          <label htmlFor={id('note')}>Nota</label>
          <textarea
            id={id('note')}
            value={entry.draft.note}
            onChange={edit('note')}
            maxLength={TEXT_MAX.note}
            rows={2}
            aria-invalid={errors.note ? true : undefined}
            aria-describedby={described('note')}
          />
          {fieldError('note')}
        </div>
        <div className="update-field">
          <label htmlFor={id('evidence')}>Enlace a la evidencia</label>
          <input
            id={id('evidence')}
            type="url"
            inputMode="url"
            value={entry.draft.evidence}
            onChange={edit('evidence')}
            maxLength={TEXT_MAX.evidence}
            placeholder="https://…"
            aria-invalid={errors.evidence ? true : undefined}
            aria-describedby={described('evidence')}
          />
          {fieldError('evidence')}
        </div>
        {outcome?.kind === 'stale' && (
          <Conflict outcome={outcome} onTake={() => controller.takeCurrent(entry.key)} />
        )}
        <div className="form-actions">
          <button type="submit" aria-disabled={entry.saving ? true : undefined}>
            Guardar
            <span className="sr-only">
              {' '}
              {monthName(month).toLowerCase()} de la actividad {activityId}
            </span>
          </button>
          <p className="result" data-testid="result">
            <Result entry={entry} />
          </p>
        </div>
      </fieldset>
    </form>
  );
});
