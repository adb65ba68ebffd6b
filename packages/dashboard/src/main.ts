// The browser entry point bundled as app.<hash>.js: wires the API client, the session store and the app.
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { createApiClient } from './apiClient';
import { startApp } from './app';
import { createSessionStore, type SessionStorageLike } from './session';
import { browserTimeZone } from './timeZones';

/** sessionStorage, or nothing when the browser refuses it (the store then keeps the session in memory). */
function tabStorage(): SessionStorageLike {
  try {
    return window.sessionStorage;
  } catch {
    return { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };
  }
}

/** The share link this page was opened through (`/share/<id>`), if any. */
const shareId = /^\/share\/([A-Za-z0-9_-]{24})$/.exec(location.pathname)?.[1];

const root = document.getElementById('app');
if (root) {
  const session = createSessionStore(tabStorage());
  const api = createApiClient({
    fetch: window.fetch.bind(window),
    shareId,
    token() {
      const s = session.status(new Date());
      return s.kind === 'active' ? s.session.token : undefined;
    },
  });
  startApp({ root, api, session, browserTz: browserTimeZone(), shared: shareId !== undefined });
}
