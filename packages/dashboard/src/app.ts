// The app shell: sign-in form or dashboard, depending on the session; expiry and sign-out lead back to the form.
import { adminPage } from './adminPage';
import type { ApiClient } from './apiClient';
import { type DashboardPage, dashboardPage } from './dashboardPage';
import { h } from './dom';
import type { DashboardError } from './errors';
import type { SessionStore } from './session';
import { signinView } from './signinView';

/** What the sign-in form says after a 401 (SPEC §3: expired, forged or missing token). */
export const EXPIRED_MESSAGE = 'Your session expired — sign in again.';
/** What it says after "Sign out". */
export const SIGNED_OUT_MESSAGE = 'You are signed out.';

/** What the app runs on. */
export interface AppOptions {
  root: HTMLElement;
  api: ApiClient;
  session: SessionStore;
  browserTz: string;
  now?: () => Date;
  locale?: string;
  /** A share link's page (`/share/<id>`): read-only, no sign-in. */
  shared?: boolean;
}

/** What a share link's page says once the link stops working. */
export const SHARE_GONE_MESSAGE = 'This share link was deleted or has expired.';

/** The sign-in failure in words, with the wait the server asked for after too many attempts. */
function signinProblem(error: DashboardError): string {
  if (error.status === 401) return error.message || 'Wrong username or password.';
  if (error.status === 429 && error.retryAfter) {
    const minutes = Math.ceil(error.retryAfter / 60);
    return `${error.message} (Wait about ${minutes} minute${minutes === 1 ? '' : 's'}.)`;
  }
  return error.message;
}

/** Starts the dashboard in `root`. */
export function startApp(options: AppOptions): void {
  const { root, api, session } = options;
  const now = options.now ?? (() => new Date());
  let page: DashboardPage | undefined;

  const showSignin = (notice?: string) => {
    page?.dispose();
    page = undefined;
    document.title = 'Sign in · Footfall';
    root.replaceChildren(
      signinView({
        notice,
        async onSubmit(username, password) {
          const r = await api.signin(username, password);
          if (!r.ok) return signinProblem(r.error);
          session.save(r.value);
          showDashboard();
          return undefined;
        },
      }),
    );
  };

  const showAdmin = () => {
    page?.dispose();
    page = undefined;
    document.title = 'Admin · Footfall';
    const admin = adminPage({
      api,
      onClose: () => showDashboard(),
      onExpired() {
        session.clear();
        showSignin(EXPIRED_MESSAGE);
      },
    });
    root.replaceChildren(admin.element);
    void admin.start();
  };

  const showGone = () => {
    page?.dispose();
    page = undefined;
    root.replaceChildren(h('p', { class: 'status share-gone' }, SHARE_GONE_MESSAGE));
  };

  const showDashboard = () => {
    page?.dispose();
    page = dashboardPage({
      api,
      now,
      browserTz: options.browserTz,
      locale: options.locale,
      readOnly: options.shared,
      onAdmin: options.shared ? undefined : showAdmin,
      onExpired() {
        if (options.shared) {
          showGone();
          return;
        }
        session.clear();
        showSignin(EXPIRED_MESSAGE);
      },
      onSignOut() {
        session.clear();
        showSignin(SIGNED_OUT_MESSAGE);
      },
    });
    root.replaceChildren(page.element);
    void page.start();
  };

  const status = session.status(now());
  if (options.shared || status.kind === 'active') showDashboard();
  else showSignin(status.kind === 'expired' ? EXPIRED_MESSAGE : undefined);
}
