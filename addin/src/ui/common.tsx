import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { ReactNode, useEffect, useRef, useState } from 'react';

export const usePanelStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

export type Notice = { intent: 'success' | 'warning' | 'error' | 'info'; text: string } | undefined;

/** What a notice's icon says, for those who cannot see it: the message bar is named by it. */
const INTENT_LABELS: Record<NonNullable<Notice>['intent'], string> = {
  success: 'Hecho',
  warning: 'Atención',
  error: 'Error',
  info: 'Información',
};

/**
 * The outcome of the panel's last action. Screen readers hear it as it appears (the message bar
 * announces itself through the App's AriaLiveAnnouncer), and find it as a group named by its
 * intent. Fluent would name the group after a MessageBarTitle, which these notices do not have:
 * its aria-labelledby would point at nothing.
 */
export function NoticeBar({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <MessageBar
      intent={notice.intent}
      layout="multiline"
      data-testid="notice"
      aria-label={INTENT_LABELS[notice.intent]}
      aria-labelledby={undefined}
    >
      <MessageBarBody>{notice.text}</MessageBarBody>
    </MessageBar>
  );
}

/**
 * Runs a pane action: busy while it runs, and any unexpected error shown in Spanish instead of
 * thrown. The action's button is disabled while it runs, which takes the keyboard focus from
 * it; when the action ends, the focus goes back to it (if nothing else has taken it since), so a
 * keyboard user carries on from where they were.
 */
export function useAction(): [
  boolean,
  Notice,
  (run: () => Promise<Notice>) => Promise<void>,
  (n: Notice) => void,
] {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const started = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (busy) return;
    const from = started.current;
    started.current = null;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (from?.isConnected && lost) from.focus();
  }, [busy]);
  const act = async (run: () => Promise<Notice>) => {
    started.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setBusy(true);
    try {
      setNotice(await run());
    } catch (error) {
      setNotice({ intent: 'error', text: `No se pudo completar: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };
  return [busy, notice, act, setNotice];
}

export function Panel({ children }: { children: ReactNode }) {
  return <section className={usePanelStyles().panel}>{children}</section>;
}
