/** Admins: who may write (or read) the programme. Once it has members, only its editors write it. */
import { FormEvent, useState } from 'react';
import { MemberList, NewMember } from '../api';
import { instantText } from '../format';
import { memberParams } from '../../../shared/api';
import { Loading, Problem, Section } from './common';

/** The contract's own rule for a member's id (an Entra object id). */
const isObjectId = (id: string) => memberParams.shape.memberId.safeParse(id.trim()).success;
const ROLE_TEXT = { editor: 'edición', viewer: 'consulta' } as const;
const KIND_TEXT = { user: 'Persona', group: 'Grupo' } as const;

export function Members(props: {
  list?: MemberList;
  error?: string;
  working: boolean;
  onAdd: (member: NewMember) => Promise<boolean>;
  onRemove: (kind: NewMember['kind'], id: string) => void;
}) {
  const [kind, setKind] = useState<NewMember['kind']>('user');
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<NewMember['role']>('editor');
  const idProblem =
    id && !isObjectId(id)
      ? 'El id de objeto de Entra es un GUID: cópielo de la ficha de la persona o del grupo en el centro de administración de Entra.'
      : '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!isObjectId(id)) return;
    const added = await props.onAdd({ kind, id: id.trim(), role, name: name.trim() || id.trim() });
    if (added) {
      setId('');
      setName('');
    }
  }

  return (
    <Section id="miembros" title="Miembros del programa" className="no-print">
      <p className="muted">
        Sin miembros, cualquier persona con el rol de edición de la aplicación edita el programa.
        Con miembros, solo sus miembros de edición lo modifican.
      </p>
      <Problem text={props.error} />
      {!props.list ? (
        !props.error && <Loading what="los miembros" />
      ) : props.list.length === 0 ? (
        <p>El programa no tiene miembros.</p>
      ) : (
        <ul className="files" data-testid="members">
          {props.list.map((m) => (
            <li key={`${m.kind}-${m.id}`} data-member={m.id}>
              <span>
                {KIND_TEXT[m.kind]} <span className="who">{m.name}</span> · {ROLE_TEXT[m.role]}
                <span className="muted">
                  {' '}
                  (agregado por {m.addedBy}, {instantText(m.addedAt)})
                </span>
              </span>{' '}
              <button
                type="button"
                className="danger"
                disabled={props.working}
                onClick={() => props.onRemove(m.kind, m.id)}
                aria-label={`Quitar a ${m.name} de los miembros`}
              >
                Quitar
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="member-form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="miembro-tipo">Tipo</label>
          <select
            id="miembro-tipo"
            value={kind}
            onChange={(e) => setKind(e.target.value as NewMember['kind'])}
          >
            <option value="user">Persona</option>
            <option value="group">Grupo de Entra</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="miembro-id">Id de objeto (Entra)</label>
          <input
            id="miembro-id"
            value={id}
            onChange={(e) => setId(e.target.value)}
            aria-invalid={Boolean(idProblem)}
            aria-describedby={idProblem ? 'miembro-id-problema' : undefined}
          />
          {idProblem && (
            <span id="miembro-id-problema" className="problem">
              {idProblem}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor="miembro-nombre">Nombre o correo</label>
          <input id="miembro-nombre" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="miembro-rol">Rol</label>
          <select
            id="miembro-rol"
            value={role}
            onChange={(e) => setRole(e.target.value as NewMember['role'])}
          >
            <option value="editor">Edición</option>
            <option value="viewer">Consulta</option>
          </select>
        </div>
        <button type="submit" disabled={props.working || !isObjectId(id)}>
          Agregar miembro
        </button>
      </form>
    </Section>
  );
}
