import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { fetchAuthConfig, httpApi } from './api-client';
import { Session, createSession } from './auth/session';
import { excelGateway } from './excel-gateway';
import { PaneController } from './pane-controller';
import { App } from './ui/App';

/**
 * One sign-in session per server, made when the pane first talks to it. MSAL and the sign-in
 * code load only when the server asks for Entra sign-in (`auth-config` says `entra`): a chunk of
 * their own, fetched on demand, so «modo local» never downloads them.
 */
const sessions = new Map<string, Session>();
function sessionFor(baseUrl: string): Session {
  let session = sessions.get(baseUrl);
  if (!session) {
    session = createSession({
      loadConfig: () => fetchAuthConfig(baseUrl),
      authenticator: async (config) =>
        (await import('./auth/office-sign-in')).officeAuthenticator(config),
    });
    sessions.set(baseUrl, session);
  }
  return session;
}

/**
 * Opened outside Excel (a browser at /taskpane.html, Word, or office.js missing), the page shows
 * taskpane.html's own message on how to open the pane from Excel instead of staying blank.
 */
function outsideExcel(officeMissing: boolean): void {
  document.documentElement.classList.add('outside-excel');
  if (officeMissing) document.documentElement.classList.add('office-missing');
}

if (typeof Office === 'undefined') outsideExcel(true);
else
  void Office.onReady((info) => {
    // Outside any Office host office.js still loads, and says host null.
    if (String(info.host) !== 'Excel') return outsideExcel(false);
    mount();
  });

function mount(): void {
  const controller = new PaneController(excelGateway, (baseUrl) =>
    httpApi(baseUrl, sessionFor(baseUrl)),
  );
  createRoot(document.getElementById('root')!).render(
    <FluentProvider theme={webLightTheme}>
      <App controller={controller} sessionFor={sessionFor} />
    </FluentProvider>,
  );
}
