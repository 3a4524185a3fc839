/** Admins: the plan of a programme's Word document (.docx), read by the server and stored. */
import { FormEvent, useState } from 'react';
import { DOCX_TYPE, DocumentImport as Imported } from '../api';
import { Problem, Section } from './common';

export function DocumentImport(props: {
  error?: string;
  working: boolean;
  /** A ratified programme's plan changes only as a reprogramación: the upload asks for one. */
  ratified: boolean;
  onImport: (
    file: Blob,
    reprogramming?: { reason: string; agreement: string },
  ) => Promise<Imported | undefined>;
}) {
  const [file, setFile] = useState<File>();
  const [done, setDone] = useState<Imported>();
  const [reason, setReason] = useState('');
  const [agreement, setAgreement] = useState('');
  // Both or neither: a document that changes only sections I, II and IV needs no reprogramación.
  const missing = Boolean(reason.trim()) !== Boolean(agreement.trim());

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file || missing) return;
    setDone(
      await props.onImport(
        file,
        props.ratified && reason.trim()
          ? { reason: reason.trim(), agreement: agreement.trim() }
          : undefined,
      ),
    );
  }

  return (
    <Section id="documento" title="Importar el documento del programa" className="no-print">
      <p className="muted">
        El Programa Anual de Trabajo en Word (.docx): se leen sus ejes, sus acciones (VII) y su
        cronograma (VIII), y se guardan el plan (como al importar el libro de Excel) y los apartados
        I, II y IV. Si el documento tiene errores no se guarda nada y se dice dónde.
      </p>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="documento-archivo">Documento (.docx)</label>{' '}
        <input
          id="documento-archivo"
          type="file"
          accept={`.docx,${DOCX_TYPE}`}
          onChange={(event) => {
            setFile(event.target.files?.[0]);
            setDone(undefined);
          }}
        />{' '}
        {props.ratified && (
          <>
            <br />
            El programa está ratificado: si el documento cambia el plan, es una reprogramación;
            escriba su motivo y su acuerdo. <label htmlFor="documento-motivo">Motivo</label>{' '}
            <input
              id="documento-motivo"
              maxLength={1000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />{' '}
            <label htmlFor="documento-acuerdo">Acuerdo</label>{' '}
            <input
              id="documento-acuerdo"
              maxLength={300}
              value={agreement}
              onChange={(e) => setAgreement(e.target.value)}
            />{' '}
          </>
        )}
        <button type="submit" disabled={!file || missing || props.working}>
          Importar
        </button>
      </form>
      <Problem text={props.error} />
      {done && (
        <p role="status" data-testid="document-imported">
          {done.created ? 'Programa creado' : 'Plan actualizado'}: {done.activities} actividades,{' '}
          {done.monthsAdded} meses agregados, {done.monthsRemoved} retirados del plan
          {done.issues.length > 0
            ? `. Avisos: ${done.issues.map((i) => `${i.cell}: ${i.message}`).join(' ')}`
            : '.'}
        </p>
      )}
    </Section>
  );
}
