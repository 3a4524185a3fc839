import { MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { ReactNode, useState } from 'react';

export const usePanelStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

export type Notice = { intent: 'success' | 'warning' | 'error' | 'info'; text: string } | undefined;

export function NoticeBar({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent} layout="multiline" data-testid="notice">
      <MessageBarBody>{notice.text}</MessageBarBody>
    </MessageBar>
  );
}

/** Runs a pane action: busy while it runs, and any unexpected error shown in Spanish instead of thrown. */
export function useAction(): [
  boolean,
  Notice,
  (run: () => Promise<Notice>) => Promise<void>,
  (n: Notice) => void,
] {
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const act = async (run: () => Promise<Notice>) => {
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
