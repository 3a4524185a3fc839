/** Admins: the plan of a programme's Word document (.docx), read by the server and stored. */
import { FormEvent, useState } from 'react';
import { DOCX_TYPE, DocumentImport as Imported } from '../api';
import { Problem, Section } from './common';

export function DocumentImport(props: {
  error?: string;
  working: boolean;
  onImport: (file: Blob) => Promise<Imported | undefined>;
}) {
  const [file, setFile] = useState<File>();
  const [done, setDone] = useState<Imported>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setDone(await props.onImport(file));
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
        <button type="submit" disabled={!file || props.working}>
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
