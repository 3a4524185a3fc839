import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { httpApi } from './api-client';
import * as excel from './excel-gateway';
import { PaneController } from './pane-controller';
import { App } from './ui/App';

Office.onReady(() => {
  const controller = new PaneController(
    {
      readActiveSheet: excel.readActiveSheet,
      applyToSheet: excel.applyToSheet,
      editSheet: excel.editSheet,
      watchChanges: excel.watchChanges,
      selectCell: excel.selectCell,
      writeSheet: excel.writeSheet,
      insertColumn: excel.insertColumn,
      settings: excel.workbookSettings,
    },
    (baseUrl) => httpApi(baseUrl),
  );
  createRoot(document.getElementById('root')!).render(
    <FluentProvider theme={webLightTheme}>
      <App controller={controller} />
    </FluentProvider>,
  );
});
