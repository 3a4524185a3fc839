import { Button, Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import { Connection, PaneController } from '../pane-controller';
import { NoticeBar, Panel, useAction } from './common';
import { programIdSchema } from '../../../shared/schemas';

export function ConnectPanel({
  controller,
  onSaved,
}: {
  controller: PaneController;
  onSaved: (c: Connection) => void;
}) {
  const current = controller.connection();
  const [baseUrl, setBaseUrl] = useState(current?.baseUrl ?? window.location.origin);
  const [programId, setProgramId] = useState(current?.programId ?? '');
  const [busy, notice, act] = useAction();
  const idOk = programIdSchema.safeParse(programId).success;
  const valid = /^https?:\/\/\S+$/.test(baseUrl) && idOk;
  return (
    <Panel>
      <Field
        label="Dirección del servidor (Azure Functions)"
        hint="p. ej. https://pat-cronograma.azurewebsites.net"
      >
        <Input value={baseUrl} onChange={(_, d) => setBaseUrl(d.value)} data-testid="base-url" />
      </Field>
      <Field
        label="Programa"
        hint="Identificador, p. ej. cvoe-2021"
        validationMessage={programId && !idOk ? 'Use minúsculas, dígitos y guiones.' : undefined}
      >
        <Input
          value={programId}
          onChange={(_, d) => setProgramId(d.value.trim())}
          data-testid="program-id"
        />
      </Field>
      <Button
        appearance="primary"
        disabled={!valid || busy}
        data-testid="connect"
        onClick={() =>
          act(async () => {
            const connection = { baseUrl, programId };
            await controller.saveConnection(connection);
            onSaved(connection);
            return {
              intent: 'success',
              text: `Libro conectado a «${programId}». La conexión se guarda en el libro.`,
            };
          })
        }
      >
        Conectar
      </Button>
      <NoticeBar notice={notice} />
    </Panel>
  );
}
