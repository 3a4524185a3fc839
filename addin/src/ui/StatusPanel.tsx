import { Button, Text } from '@fluentui/react-components';
import { STATUS_LABELS, STATUSES } from '../../../shared/status';
import { PaneController } from '../pane-controller';
import { NoticeBar, Panel, useAction } from './common';

export function StatusPanel({ controller }: { controller: PaneController }) {
  const [busy, notice, act] = useAction();
  return (
    <Panel>
      <Text size={200}>
        Cada mes planeado recibe una lista desplegable con los estatus (
        {STATUSES.map((s) => STATUS_LABELS[s]).join(', ')}) y colores. Una marca sola (✓, x, •)
        sigue contando como «Pendiente».
      </Text>
      <Button
        appearance="primary"
        disabled={busy}
        data-testid="prepare-statuses"
        onClick={() =>
          act(async () => {
            const r = await controller.prepareStatuses();
            return r.ok
              ? {
                  intent: 'success',
                  text: `Listas de estatus en ${r.cells} celdas de meses planeados.`,
                }
              : { intent: 'error', text: r.message };
          })
        }
      >
        Preparar estatus
      </Button>
      <NoticeBar notice={notice} />
    </Panel>
  );
}
