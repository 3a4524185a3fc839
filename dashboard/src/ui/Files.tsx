/**
 * The programme's Word document and the day-by-day exports to download, and (editors only) the
 * subscribable calendar feeds.
 */
import { useState } from 'react';
import { ExportList, FeedCreated, FeedList } from '../api';
import { dateText, fileSize, instantText } from '../format';
import { Loading, Problem, Section } from './common';

export function Exports(props: {
  list?: ExportList;
  error?: string;
  href: (date: string, name: string) => string;
  /** The programme's Word document, written by the server from what it keeps. */
  document: { href: string; name: string };
}) {
  const files = [...(props.list?.exports ?? [])].sort(
    (a, b) => b.date.localeCompare(a.date) || a.name.localeCompare(b.name),
  );
  return (
    <Section id="exportaciones" title="Exportaciones" className="no-print">
      <p>
        <a href={props.document.href} download={props.document.name} data-testid="document">
          Documento del programa (Word)
        </a>
        <span className="muted">
          : portada con los acuerdos, objetivos, acciones por eje, cronograma y calendario.
        </span>
      </p>
      <Problem text={props.error} />
      {!props.list ? (
        !props.error && <Loading what="las exportaciones" />
      ) : files.length === 0 ? (
        <p>Aún no hay exportaciones de este programa.</p>
      ) : (
        <ul className="files" data-testid="exports">
          {files.map((f) => (
            <li key={`${f.date}/${f.name}`}>
              <a href={props.href(f.date, f.name)} download={f.name}>
                {f.name}
              </a>{' '}
              <span className="muted">
                {dateText(f.date)} · {fileSize(f.size)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The URL in full, whatever the server answered (a path or an address). */
const absolute = (url: string) => new URL(url, window.location.href).href;

export function Feeds(props: {
  list?: FeedList;
  created?: FeedCreated;
  error?: string;
  working: boolean;
  onCreate: () => void;
  onRevoke: (id: string) => void;
}) {
  const [copied, setCopied] = useState<string>();
  const created = props.created && absolute(props.created.url);
  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Copiada.');
    } catch {
      const input = document.getElementById('canal-url');
      if (input instanceof HTMLInputElement) input.select();
      setCopied('Selecciónela y cópiela (Ctrl+C).');
    }
  }
  return (
    <Section id="canales" title="Calendario de sesiones para suscribirse" className="no-print">
      <p className="muted">
        Una dirección que Outlook, Google Calendar o el teléfono consultan para mantener el
        calendario de sesiones al día. Quien tenga la dirección ve el calendario: compártala solo
        con quien deba verlo y revóquela cuando ya no se use.
      </p>
      <p>
        <button type="button" onClick={props.onCreate} disabled={props.working}>
          Crear una dirección de calendario
        </button>
      </p>
      {created && (
        <div className="created" data-testid="feed-created">
          <label htmlFor="canal-url">
            Dirección nueva (se muestra solo esta vez: cópiela ahora)
          </label>
          <div className="copy-row">
            <input id="canal-url" readOnly value={created} onFocus={(e) => e.target.select()} />
            <button type="button" onClick={() => void copy(created)}>
              Copiar
            </button>
          </div>
          <p role="status" className="muted">
            {copied}
          </p>
        </div>
      )}
      <Problem text={props.error} />
      {props.list &&
        (props.list.length === 0 ? (
          <p>No hay direcciones activas.</p>
        ) : (
          <ul className="files" data-testid="feeds">
            {props.list.map((f) => (
              <li key={f.id} data-feed={f.id}>
                <span>
                  Creada por <span className="who">{f.createdBy}</span>, {instantText(f.createdAt)}
                </span>{' '}
                <button
                  type="button"
                  className="danger"
                  disabled={props.working}
                  onClick={() => props.onRevoke(f.id)}
                  aria-label={`Revocar la dirección creada por ${f.createdBy} el ${instantText(f.createdAt)}`}
                >
                  Revocar
                </button>
              </li>
            ))}
          </ul>
        ))}
    </Section>
  );
}
