import { Button, Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import { PaneController } from '../pane-controller';
import { NoticeBar, Panel, useAction } from './common';

export function TemplatePanel({ controller }: { controller: PaneController }) {
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [busy, notice, act] = useAction();
  const valid = /^20\d\d$/.test(year);
  return (
    <Panel>
      <Field
        label="Año del programa"
        validationMessage={valid ? undefined : 'Escriba un año, p. ej. 2027.'}
      >
        <Input
          value={year}
          onChange={(_, d) => setYear(d.value.trim())}
          data-testid="template-year"
        />
      </Field>
      <Button
        appearance="primary"
        disabled={busy || !valid}
        data-testid="insert-template"
        onClick={() =>
          act(async () => {
            const r = await controller.insertTemplate(Number(year));
            return { intent: r.ok ? 'success' : 'error', text: r.message };
          })
        }
      >
        Insertar plantilla
      </Button>
      <NoticeBar notice={notice} />
    </Panel>
  );
}
