/**
 * Admins: the responsible areas and their people — who the reminders reach before each session
 * and at the start of each month — and who opted out. One person per line, «Nombre <correo>».
 */
import { FormEvent, useState } from 'react';
import { AreaList } from '../api';
import { COMMISSION_AREA, personFromText } from '../../../shared/reminders';
import { count } from '../../../shared/text';
import { Loading, Problem, Section } from './common';

const asLines = (people: AreaList[number]['people']) =>
  people.map((p) => `${p.name} <${p.email}>`).join('\n');

function AreaForm(props: {
  area: AreaList[number];
  working: boolean;
  onSave: (area: string, people: { name: string; email: string }[]) => Promise<boolean>;
}) {
  const { area } = props;
  const [text, setText] = useState(asLines(area.people));
  const lines = text.split('\n').filter((l) => l.trim());
  const bad = lines.filter((l) => !personFromText(l));
  const id = `area-${area.area.toLowerCase()}`;
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (bad.length) return;
    await props.onSave(
      area.area,
      lines.map((l) => personFromText(l)!),
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)} className="area" data-testid={id}>
      <h3>
        {area.area === COMMISSION_AREA ? 'Comisión (reciben el informe de cada sesión)' : area.area}
      </h3>
      <p className="muted">
        {area.area === COMMISSION_AREA
          ? 'Sus integrantes reciben el enlace al informe de seguimiento antes de cada sesión ordinaria.'
          : `${count(area.activities, 'actividad', 'actividades')}. Reciben sus meses por vencer y vencidos.`}
        {area.people.some((p) => p.optedOut) &&
          ` Dejaron de recibir recordatorios: ${area.people
            .filter((p) => p.optedOut)
            .map((p) => p.name)
            .join(', ')}.`}
      </p>
      <label htmlFor={`${id}-personas`}>Personas (una por línea: Nombre &lt;correo&gt;)</label>
      <textarea
        id={`${id}-personas`}
        rows={Math.max(2, lines.length + 1)}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={bad.length ? `${id}-error` : undefined}
      />
      {bad.length > 0 && (
        <p className="problem" id={`${id}-error`}>
          Escriba cada persona como «Nombre &lt;correo&gt;»: {bad.join('; ')}
        </p>
      )}
      <button type="submit" disabled={props.working || bad.length > 0}>
        Guardar {area.area === COMMISSION_AREA ? 'la comisión' : area.area}
      </button>
    </form>
  );
}

export function Areas(props: {
  list?: AreaList;
  error?: string;
  working: boolean;
  onSave: (area: string, people: { name: string; email: string }[]) => Promise<boolean>;
}) {
  return (
    <Section id="areas" title="Áreas y responsables" className="no-print">
      <p className="muted">
        A quienes llegan los recordatorios por correo; cada mensaje lleva el enlace a «Mis meses por
        actualizar» y otro para dejar de recibirlos.
      </p>
      <Problem text={props.error} />
      {!props.list
        ? !props.error && <Loading what="las áreas" />
        : props.list.map((area) => (
            <AreaForm
              key={`${area.area}-${area.updatedAt ?? ''}`}
              area={area}
              working={props.working}
              onSave={props.onSave}
            />
          ))}
    </Section>
  );
}
