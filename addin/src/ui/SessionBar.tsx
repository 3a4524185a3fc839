import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Me } from '../../../shared/api/responses';
import { roleText } from '../../../shared/api/routes';
import { localModeText } from '../../../shared/local-mode';
import { Session } from '../auth/session';
import { PaneController } from '../pane-controller';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    minHeight: '24px',
  },
  who: { overflowWrap: 'anywhere' },
  local: {
    overflowWrap: 'anywhere',
    minWidth: 0,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorPaletteYellowBorder2}`,
    backgroundColor: tokens.colorPaletteYellowBackground1,
    color: tokens.colorNeutralForeground1,
  },
});

/**
 * Who is signed in and with what role, and «Cerrar sesión»; «Iniciar sesión» when the session is
 * over or never began. Where the host signs people in (locally, App Service), only who and role;
 * in «modo local» (the dev host signs every request in by itself) the line says so.
 */
export function SessionBar({
  session,
  controller,
}: {
  session: Session;
  controller: PaneController;
}) {
  const styles = useStyles();
  const state = useSyncExternalStore(session.subscribe, session.state);
  const [me, setMe] = useState<Me>();
  const [busy, setBusy] = useState(false);
  const local = state.kind === 'host' ? state.localIdentity : undefined;

  // Silent first: the first call signs in with Office's account when it can.
  useEffect(() => {
    if (state.kind === 'loading') void session.token().catch(() => undefined);
  }, [session, state.kind]);
  useEffect(() => {
    if ((state.kind !== 'host' && state.kind !== 'signed-in') || local) return setMe(undefined);
    let live = true;
    controller.whoAmI().then(
      (answer) => live && setMe(answer),
      () => live && setMe(undefined),
    );
    return () => {
      live = false;
    };
  }, [controller, state, local]);

  const run = (action: () => Promise<void>) => async () => {
    setBusy(true);
    await action().catch(() => undefined);
    setBusy(false);
  };

  if (state.kind === 'loading') return null;
  if (local)
    return (
      <div className={styles.bar} data-testid="session">
        <Text size={200} className={styles.local} role="note" data-testid="local-mode">
          {localModeText(local)}
        </Text>
      </div>
    );
  if (state.kind === 'signed-out')
    return (
      <div className={styles.bar} data-testid="session">
        {state.message && <Text size={200}>{state.message}</Text>}
        <Button size="small" appearance="primary" disabled={busy} onClick={run(session.signIn)}>
          Iniciar sesión
        </Button>
      </div>
    );
  const name = me?.name ?? (state.kind === 'signed-in' ? state.account.name : undefined);
  return (
    <div className={styles.bar} data-testid="session">
      {name && (
        <Text size={200} className={styles.who}>
          {name}
          {me && ` · ${roleText(me.roles)}`}
        </Text>
      )}
      {state.kind === 'signed-in' && (
        <Button size="small" disabled={busy} onClick={run(session.signOut)}>
          Cerrar sesión
        </Button>
      )}
    </div>
  );
}
