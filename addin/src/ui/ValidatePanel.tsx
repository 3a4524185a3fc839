import { Button, Text } from '@fluentui/react-components';
import { count } from '../../../shared/text';
import { PaneController } from '../pane-controller';
import { NoticeBar, Panel, useAction } from './common';
import { IssueList } from './IssueList';
import { ValidationView, todayInMexicoCity, viewOf } from './validation-state';

export interface ValidatePanelProps {
  controller: PaneController;
  validation: { view?: ValidationView; setView: (v: ValidationView) => void; watching: boolean };
}

const time = (d: Date) =>
  d.toLocaleTimeString('es-MX', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function ValidatePanel({ controller, validation }: ValidatePanelProps) {
  const { view, setView, watching } = validation;
  const [busy, notice, act] = useAction();
  const errors = view?.issues.filter((i) => i.severity === 'error').length ?? 0;
  return (
    <Panel>
      <Button
        appearance="primary"
        disabled={busy}
        data-testid="validate"
        onClick={() =>
          act(async () => {
            const r = await controller.validate(todayInMexicoCity());
            if (!r.ok) return { intent: 'error', text: r.message };
            setView(viewOf(r, false));
            const found = r.issues.filter((i) => i.severity === 'error').length;
            return found
              ? {
                  intent: 'error',
                  text: `${count(found, 'error', 'errores')} en ${r.read.activities.length} actividades: ${found === 1 ? 'la celda con error queda resaltada' : 'las celdas con error quedan resaltadas'}.`,
                }
              : {
                  intent: 'success',
                  text: `Sin errores en ${r.read.activities.length} actividades${r.issues.length ? ` (${count(r.issues.length, 'aviso', 'avisos')})` : ''}.`,
                };
          })
        }
      >
        Validar la hoja
      </Button>
      {/* A status region: what live validation found is read out as it changes. */}
      <Text size={200} data-testid="live-status" role="status">
        {watching
          ? view?.live
            ? `Validada al editar, a las ${time(view.at)}: ${count(errors, 'error', 'errores')}, ${count(view.issues.length - errors, 'aviso', 'avisos')}.`
            : 'La hoja se valida sola cada vez que la edita.'
          : 'Esta versión de Excel no avisa de los cambios: use «Validar la hoja» después de editar.'}
      </Text>
      <NoticeBar notice={notice} />
      {view && (
        <IssueList
          sheet={view.sheet}
          issues={view.issues}
          onSelect={(sheet, cell) => void controller.select(sheet, cell)}
        />
      )}
    </Panel>
  );
}
