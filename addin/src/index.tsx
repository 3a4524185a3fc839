import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { fetchAuthConfig, httpApi } from './api-client';
import { officeAuthenticator } from './auth/office-sign-in';
import { Session, createSession } from './auth/session';
import { excelGateway } from './excel-gateway';
import { PaneController } from './pane-controller';
import { App } from './ui/App';

/** One sign-in session per server, made when the pane first talks to it. */
const sessions = new Map<string, Session>();
function sessionFor(baseUrl: string): Session {
  let session = sessions.get(baseUrl);
  if (!session) {
    session = createSession({
      loadConfig: () => fetchAuthConfig(baseUrl),
      authenticator: officeAuthenticator,
    });
    sessions.set(baseUrl, session);
  }
  return session;
}

Office.onReady(() => {
  const controller = new PaneController(excelGateway, (baseUrl) =>
    httpApi(baseUrl, sessionFor(baseUrl)),
  );
  createRoot(document.getElementById('root')!).render(
    <FluentProvider theme={webLightTheme}>
      <App controller={controller} sessionFor={sessionFor} />
    </FluentProvider>,
  );
});
