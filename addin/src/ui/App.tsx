import {
  AriaLiveAnnouncer,
  Badge,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
  useId,
} from '@fluentui/react-components';
import { useState } from 'react';
import { PaneController } from '../pane-controller';
import { Session } from '../auth/session';
import { SessionBar } from './SessionBar';
import { CalendarPanel } from './CalendarPanel';
import { ConnectPanel } from './ConnectPanel';
import { StatusPanel } from './StatusPanel';
import { SynchronizePanel } from './SynchronizePanel';
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

export function App({
  controller,
  sessionFor,
}: {
  controller: PaneController;
  /** The sign-in session for a server. */
  sessionFor: (baseUrl: string) => Session;
}) {
  const styles = useStyles();
  const [tab, setTab] = useState<TabId>(controller.connection() ? 'validar' : 'conectar');
  const [connection, setConnection] = useState(controller.connection());
  const validation = useValidation(controller);
  const errors = validation.view?.issues.filter((i) => i.severity === 'error').length ?? 0;
  // The tab list and its panel refer to each other, as the ARIA tabs pattern has it.
  const ids = useId('pane');
  const tabId = (value: TabId) => `${ids}-tab-${value}`;
  const panelId = `${ids}-panel`;
  const tabProps = (value: TabId) => ({
    value,
    id: tabId(value),
    'aria-controls': value === tab ? panelId : undefined,
  });
  return (
    // Notices (Fluent's MessageBar) are announced through this live region.
    <AriaLiveAnnouncer>
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
        {connection && (
          <SessionBar session={sessionFor(connection.baseUrl)} controller={controller} />
        )}
        <TabList
          className={styles.tabs}
          size="small"
          selectedValue={tab}
          onTabSelect={(_, d) => setTab(d.value as TabId)}
        >
          <Tab {...tabProps('conectar')}>Conectar</Tab>
          <Tab {...tabProps('validar')}>
            Validar
            {errors > 0 && (
              <Badge
                className={styles.count}
                size="small"
                color="danger"
                // A plain element may not be named (ARIA 1.2); as an image it may, and the tab's
                // name reads «Validar 1 error».
                role="img"
                aria-label={count(errors, 'error', 'errores')}
              >
                {errors}
              </Badge>
            )}
          </Tab>
          <Tab {...tabProps('estatus')}>Estatus</Tab>
          <Tab {...tabProps('sincronizar')}>Sincronizar</Tab>
          <Tab {...tabProps('calendario')}>Calendario</Tab>
          <Tab {...tabProps('plantilla')}>Plantilla</Tab>
        </TabList>
        <div role="tabpanel" id={panelId} aria-labelledby={tabId(tab)}>
          {tab === 'conectar' && <ConnectPanel controller={controller} onSaved={setConnection} />}
          {tab === 'validar' && <ValidatePanel controller={controller} validation={validation} />}
          {tab === 'estatus' && <StatusPanel controller={controller} />}
          {tab === 'sincronizar' && <SynchronizePanel controller={controller} />}
          {tab === 'calendario' && <CalendarPanel controller={controller} />}
          {tab === 'plantilla' && <TemplatePanel controller={controller} />}
        </div>
      </main>
    </AriaLiveAnnouncer>
  );
}
