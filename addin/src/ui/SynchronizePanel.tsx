import {
  Button,
  Card,
  Field,
  Input,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { STATUS_LABELS } from '../../../shared/status';
import { count } from '../../../shared/text';
import { Conflict, parseMonthKey } from '../../../shared/sync/three-way';
import { PaneController } from '../pane-controller';
import { Notice, NoticeBar, Panel, useAction, usePanelStyles } from './common';

const useStyles = makeStyles({
  sides: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalS },
  side: {
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

/** How often the pane retries while changes wait for the server. */
const RETRY_MS = Number(new URLSearchParams(window.location.search).get('retryMs')) || 20000;

/** «Sincronizar»: the workbook's synchronization with the server, its conflicts and what waits. */
export function SynchronizePanel({ controller }: { controller: PaneController }) {
  const styles = useStyles();
  const row = usePanelStyles().row;
  const [progress, setProgress] = useState<{ step: string; fraction: number }>();
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [pending, setPending] = useState(0);
  const [planHeld, setPlanHeld] = useState(false);
  // The programme is ratified: the sheet's plan goes only as a reprogramación, with its agreement.
  const [reprogramming, setReprogramming] = useState(false);
  const [reason, setReason] = useState('');
  const [agreement, setAgreement] = useState('');
  const [busy, notice, act] = useAction();
  const timer = useRef<number>();
  const conflictIds = useId('conflicto');

  /** Synchronizes, shows the outcome, and says first what was done before it (the plan brought in). */
  const synchronizeAndShow = async (
    options: Parameters<PaneController['synchronize']>[1] = {},
    before = '',
  ): Promise<Notice> => {
    const r = await controller.synchronize(
      (step, fraction) => setProgress({ step, fraction }),
      options,
    );
    const text = before ? `${before} ${r.message}` : r.message;
    if ('ok' in r) return { intent: 'error', text };
    setConflicts(r.conflicts);
    setPending(r.offline ? r.pending : 0);
    setPlanHeld(r.plan !== undefined);
    setReprogramming(r.reprogramming === true);
    if (!r.plan) {
      setReason('');
      setAgreement('');
    }
    return { intent: r.offline || r.conflicts.length || r.plan ? 'warning' : 'success', text };
  };
  const synchronize = (options: Parameters<PaneController['synchronize']>[1] = {}) =>
    act(() => synchronizeAndShow(options));
  // The sheet takes the server's plan, then the statuses are synchronized as usual.
  const bringPlan = () =>
    act(async () => {
      const brought = await controller.bringServerPlan();
      if (!brought.ok) return { intent: 'error', text: brought.message };
      return synchronizeAndShow({}, brought.message);
    });

  // Changes made while the server could not be reached go out as soon as it answers again.
  useEffect(() => {
    window.clearInterval(timer.current);
    if (pending > 0) timer.current = window.setInterval(() => void synchronize(), RETRY_MS);
    return () => window.clearInterval(timer.current);
    // synchronize is recreated on every render; the interval only needs to follow the pending count.
  }, [pending]);

  return (
    <Panel>
      <Button
        appearance="primary"
        disabled={busy}
        onClick={() => void synchronize()}
        data-testid="sync"
      >
        Sincronizar
      </Button>
      {busy && progress && (
        <ProgressBar value={progress.fraction} thickness="large" aria-label={progress.step} />
      )}
      {busy && progress && <Text size={200}>{progress.step}</Text>}
      {pending > 0 && (
        <Text weight="semibold" data-testid="pending">
          {count(pending, 'cambio pendiente', 'cambios pendientes')} de enviar
        </Text>
      )}
      <NoticeBar notice={notice} />
      {planHeld && (
        <div className={row}>
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() => void bringPlan()}
            data-testid="bring-plan"
          >
            Traer el plan del servidor
          </Button>
          {!reprogramming && (
            <Button
              disabled={busy}
              onClick={() => void synchronize({ sendPlan: true })}
              data-testid="send-plan"
            >
              Enviar el plan de esta hoja
            </Button>
          )}
        </div>
      )}
      {planHeld && reprogramming && (
        <Card data-testid="reprogramming">
          <Text weight="semibold">Reprogramación</Text>
          <Field label="Motivo" required>
            <Input
              value={reason}
              maxLength={1000}
              onChange={(_, d) => setReason(d.value)}
              data-testid="reprogramming-reason"
            />
          </Field>
          <Field label="Acuerdo que la aprueba" hint="p. ej. CVOE/030/21" required>
            <Input
              value={agreement}
              maxLength={300}
              onChange={(_, d) => setAgreement(d.value)}
              data-testid="reprogramming-agreement"
            />
          </Field>
          <Button
            appearance="primary"
            disabled={busy || !reason.trim() || !agreement.trim()}
            onClick={() =>
              void synchronize({
                sendPlan: true,
                reprogramming: { reason: reason.trim(), agreement: agreement.trim() },
              })
            }
            data-testid="send-reprogramming"
          >
            Enviar como reprogramación
          </Button>
        </Card>
      )}
      {conflicts.map((c, i) => {
        const { activityId, month } = parseMonthKey(c.key);
        // The card (a group) is named by its title, so «Conservar el mío» says which month it keeps.
        const titleId = `${conflictIds}-${i}`;
        return (
          <Card key={c.key} data-testid={`conflict-${c.key}`} aria-labelledby={titleId}>
            <Text weight="semibold" id={titleId}>
              Actividad {activityId}, mes {month}: los dos cambiaron
            </Text>
            <div className={styles.sides}>
              <div className={styles.side}>
                <Text size={200}>En este libro</Text>
                <Text block weight="semibold">
                  {STATUS_LABELS[c.mine]}
                </Text>
              </div>
              <div className={styles.side}>
                <Text size={200}>
                  En el servidor{c.theirs.updatedBy ? ` (${c.theirs.updatedBy})` : ''}
                </Text>
                <Text block weight="semibold">
                  {STATUS_LABELS[c.theirs.status]}
                </Text>
              </div>
            </div>
            <div className={row}>
              {(['mine', 'theirs'] as const).map((choice) => (
                <Button
                  key={choice}
                  size="small"
                  data-testid={`keep-${choice}-${c.key}`}
                  onClick={() =>
                    act(async () => {
                      const r = await controller.resolve(c, choice);
                      setConflicts((list) =>
                        r.conflict
                          ? list.map((x) => (x.key === c.key ? r.conflict! : x))
                          : list.filter((x) => x.key !== c.key),
                      );
                      return { intent: r.ok ? 'success' : 'warning', text: r.message };
                    })
                  }
                >
                  {choice === 'mine' ? 'Conservar el mío' : 'Tomar el del servidor'}
                </Button>
              ))}
            </div>
          </Card>
        );
      })}
    </Panel>
  );
}
