import { Badge, Tab, TabList, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { PaneController } from '../pane-controller';
import { CalendarPanel } from './CalendarPanel';
import { ConnectPanel } from './ConnectPanel';
import { StatusPanel } from './StatusPanel';
import { SyncPanel } from './SyncPanel';
import { TemplatePanel } from './TemplatePanel';
import { ValidatePanel } from './ValidatePanel';
import { useValidation } from './validation-state';
import { count } from '../../../shared/text';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    minWidth: '300px',
    maxWidth: '100%',
    boxSizing: 'border-box',
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  programme: { whiteSpace: 'nowrap', maxWidth: '100%' },
  count: { marginLeft: tokens.spacingHorizontalXS },
  tabs: { flexWrap: 'wrap' },
});

type TabId = 'conectar' | 'validar' | 'estatus' | 'sincronizar' | 'calendario' | 'plantilla';

export function App({ controller }: { controller: PaneController }) {
  const styles = useStyles();
  const [tab, setTab] = useState<TabId>(controller.connection() ? 'validar' : 'conectar');
  const [connection, setConnection] = useState(controller.connection());
  const validation = useValidation(controller);
  const errors = validation.view?.issues.filter((i) => i.severity === 'error').length ?? 0;
  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Text as="h1" weight="semibold" size={500}>
          Cronograma PAT
        </Text>
        <Badge
          className={styles.programme}
          appearance="tint"
          color={connection ? 'success' : 'warning'}
          data-testid="connection-badge"
        >
          {connection ? connection.programId : 'Sin conectar'}
        </Badge>
      </header>
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={tab}
        onTabSelect={(_, d) => setTab(d.value as TabId)}
      >
        <Tab value="conectar">Conectar</Tab>
        <Tab value="validar">
          Validar
          {errors > 0 && (
            <Badge
              className={styles.count}
              size="small"
              color="danger"
              aria-label={count(errors, 'error', 'errores')}
            >
              {errors}
            </Badge>
          )}
        </Tab>
        <Tab value="estatus">Estatus</Tab>
        <Tab value="sincronizar">Sincronizar</Tab>
        <Tab value="calendario">Calendario</Tab>
        <Tab value="plantilla">Plantilla</Tab>
      </TabList>
      {tab === 'conectar' && <ConnectPanel controller={controller} onSaved={setConnection} />}
      {tab === 'validar' && <ValidatePanel controller={controller} validation={validation} />}
      {tab === 'estatus' && <StatusPanel controller={controller} />}
      {tab === 'sincronizar' && <SyncPanel controller={controller} />}
      {tab === 'calendario' && <CalendarPanel controller={controller} />}
      {tab === 'plantilla' && <TemplatePanel controller={controller} />}
    </main>
  );
}
