import { Badge, Button, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ValidationIssue } from '../../../shared/schemas';
import { PaneController } from '../pane-controller';
import { NoticeBar, Panel, useAction } from './common';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  cell: { fontFamily: tokens.fontFamilyMonospace, minWidth: '3.5em' },
});

const todayInMexicoCity = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City' }).format(new Date());

export function ValidatePanel({ controller }: { controller: PaneController }) {
  const styles = useStyles();
  const [result, setResult] = useState<
    { sheet: string; issues: ValidationIssue[]; activities: number } | undefined
  >();
  const [busy, notice, act] = useAction();
  const groups: [string, ValidationIssue[]][] = result
    ? [
        ['Errores (impiden sincronizar)', result.issues.filter((i) => i.severity === 'error')],
        ['Avisos', result.issues.filter((i) => i.severity === 'warning')],
      ]
    : [];
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
            setResult({
              sheet: r.read.sheet,
              issues: r.issues,
              activities: r.read.activities.length,
            });
            const errors = r.issues.filter((i) => i.severity === 'error').length;
            return errors
              ? {
                  intent: 'error',
                  text: `${errors} ${errors === 1 ? 'error' : 'errores'} en ${r.read.activities.length} actividades: ${errors === 1 ? 'la celda con error queda resaltada' : 'las celdas con error quedan resaltadas'}.`,
                }
              : {
                  intent: 'success',
                  text: `Sin errores en ${r.read.activities.length} actividades${r.issues.length ? ` (${r.issues.length} avisos)` : ''}.`,
                };
          })
        }
      >
        Validar la hoja
      </Button>
      <NoticeBar notice={notice} />
      {groups.map(([title, issues]) =>
        issues.length === 0 ? null : (
          <section key={title} aria-label={title}>
            <Text weight="semibold">
              {title} <Badge appearance="outline">{issues.length}</Badge>
            </Text>
            <ul
              className={styles.list}
              data-testid={title.startsWith('Errores') ? 'errors' : 'warnings'}
            >
              {issues.map((issue, i) => (
                <li key={`${issue.code}-${issue.cell}-${i}`} className={styles.item}>
                  <Link
                    className={styles.cell}
                    onClick={() => void controller.select(result!.sheet, issue.cell)}
                    data-testid={`issue-${issue.cell}`}
                    title={`Ir a ${issue.cell}`}
                  >
                    {issue.cell}
                  </Link>
                  <Text size={200}>{issue.message}</Text>
                </li>
              ))}
            </ul>
          </section>
        ),
      )}
    </Panel>
  );
}
