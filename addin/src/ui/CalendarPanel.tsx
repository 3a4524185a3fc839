import { Button, Text } from '@fluentui/react-components';
import { PaneController } from '../pane-controller';
import { NoticeBar, Panel, useAction } from './common';

export function CalendarPanel({ controller }: { controller: PaneController }) {
  const [busy, notice, act] = useAction();
  return (
    <Panel>
      <Text size={200}>
        Escribe la hoja «Calendario de sesiones» (Mes, Día, Tipo de reunión) con el calendario del
        servidor. Si ya existe, la actualiza.
      </Text>
      <Button
        appearance="primary"
        disabled={busy}
        data-testid="write-calendar"
        onClick={() =>
          act(async () => {
            const r = await controller.writeCalendar();
            return { intent: r.ok ? 'success' : 'error', text: r.message };
          })
        }
      >
        Escribir calendario de sesiones
      </Button>
      <NoticeBar notice={notice} />
    </Panel>
  );
}
