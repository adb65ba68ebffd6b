// The admin page: the deployment's sites (add, remove, the snippet for each), each site's goals (add, remove) and
// share links (create with an optional expiry and embedding sites, copy, revoke) and users (add, role, sites, sign
// out everywhere). Only shown to admins; the API refuses its
// calls to anyone else anyway.
import type { ApiClient, Role } from './apiClient';
import { h } from './dom';
import type { DashboardError } from './errors';

/** What the page needs from the app. */
export interface AdminPageOptions {
  api: ApiClient;
  /** Back to the numbers. */
  onClose(): void;
  /** A call answered 401: the app signs out. */
  onExpired(): void;
}

/** The admin page and its lifecycle. */
export interface AdminPage {
  element: HTMLElement;
  start(): Promise<void>;
}

/** The snippet to paste into a site's pages: the beacon from this API's origin, naming the site. */
export const snippetFor = (origin: string, site: string): string =>
  `<script defer src="${origin}/beacon.js" data-site="${site}"></script>`;

/** A role picker. */
function roleSelect(label: string, value: Role): HTMLSelectElement {
  const select = h(
    'select',
    { 'aria-label': label, name: 'role' },
    h('option', { value: 'viewer' }, 'viewer'),
    h('option', { value: 'admin' }, 'admin'),
  );
  select.value = value;
  return select;
}

/** `a.com, b.com` as a list of sites. */
const splitSites = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');

/** Builds the admin page; `start` loads the sites and their share links. */
export function adminPage(options: AdminPageOptions): AdminPage {
  const { api } = options;
  const status = h('p', { class: 'status', role: 'status' });
  const list = h('div', { class: 'admin-sites' });
  const host = h('input', {
    type: 'text',
    name: 'host',
    placeholder: 'blog.example.com',
    'aria-label': 'New site',
  });
  const add = h('button', { type: 'submit', class: 'add-site' }, 'Add site');
  const form = h('form', { class: 'admin-add' }, host, add);
  const back = h('button', { type: 'button', class: 'back' }, 'Back to the dashboard');
  const element = h(
    'div',
    { class: 'page admin' },
    h('header', { class: 'topbar' }, h('h1', {}, 'Footfall · Admin'), back),
    h('main', { class: 'content' }, status, h('h2', {}, 'Sites'), form, list, usersSection()),
  );
  back.addEventListener('click', () => options.onClose());

  /** The users section: add a user, or find one by name to set its role and sites or sign it out. */
  function usersSection(): HTMLElement {
    const name = h('input', {
      type: 'text',
      name: 'new-user',
      'aria-label': 'New user name',
      placeholder: 'name',
    });
    const role = roleSelect('New user role', 'viewer');
    const sites = h('input', {
      type: 'text',
      name: 'new-user-sites',
      'aria-label': 'New user sites',
      placeholder: 'a.com,b.com',
    });
    const addForm = h(
      'form',
      { class: 'admin-add add-user' },
      name,
      role,
      sites,
      h('button', { type: 'submit' }, 'Add user'),
    );
    const created = h('p', { class: 'note created-user', role: 'status' });
    const find = h('input', {
      type: 'text',
      name: 'find-user',
      'aria-label': 'User name',
      placeholder: 'name',
    });
    const findForm = h(
      'form',
      { class: 'admin-add find-user' },
      find,
      h('button', { type: 'submit' }, 'Find user'),
    );
    const found = h('div', { class: 'found-user' });
    addForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const r = await api.addUser({
        username: name.value.trim(),
        role: role.value as Role,
        sites: splitSites(sites.value),
      });
      if (!r.ok) return failed(r.error);
      name.value = '';
      sites.value = '';
      created.replaceChildren(
        `Added ${r.value.username}. Its password, shown once: `,
        h('input', { type: 'text', readonly: true, class: 'new-password', value: r.value.password }),
      );
    });
    findForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const r = await api.user(find.value.trim());
      if (!r.ok) return failed(r.error);
      found.replaceChildren(userEditor(r.value));
    });
    return h('section', { class: 'admin-users' }, h('h2', {}, 'Users'), addForm, created, findForm, found);
  }

  function userEditor(user: { username: string; role: Role; sites: string[] }): HTMLElement {
    const role = roleSelect(`Role of ${user.username}`, user.role);
    const sites = h('input', {
      type: 'text',
      name: 'user-sites',
      'aria-label': `Sites of ${user.username}`,
      value: user.sites.join(','),
    });
    const save = h('button', { type: 'submit' }, 'Save');
    const signOut = h('button', { type: 'button', class: 'sign-out-user' }, 'Sign out everywhere');
    const form = h(
      'form',
      { class: 'admin-add user-access', 'data-user': user.username },
      h('strong', {}, user.username),
      role,
      sites,
      save,
      signOut,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const r = await api.setAccess(user.username, {
        role: role.value as Role,
        sites: role.value === 'admin' ? [] : splitSites(sites.value),
      });
      if (!r.ok) return failed(r.error);
      status.textContent = `${r.value.username} is now ${r.value.role === 'admin' ? 'an admin' : `a viewer of ${r.value.sites.join(', ') || 'no site'}`} (within a minute).`;
    });
    signOut.addEventListener('click', async () => {
      const r = await api.signOutUser(user.username);
      if (!r.ok) return failed(r.error);
      status.textContent = `${user.username} is signed out everywhere (within a minute).`;
    });
    return form;
  }

  /** Shows a failed call; false when the page is gone (signed out). */
  const failed = (error: DashboardError): void => {
    if (error.isUnauthorized) options.onExpired();
    else status.textContent = error.message;
  };

  const shareRow = (
    site: string,
    link: { id: string; url: string; expiresAt: string | null; origins?: string[] },
  ) => {
    const url = h('input', {
      type: 'text',
      readonly: true,
      value: link.url,
      class: 'share-url',
      'aria-label': 'Share link',
    });
    const copy = h('button', { type: 'button', class: 'copy-share' }, 'Copy');
    const revoke = h('button', { type: 'button', class: 'revoke-share' }, 'Revoke');
    copy.addEventListener('click', () => {
      url.select();
      void navigator.clipboard?.writeText(link.url).catch(() => undefined);
    });
    revoke.addEventListener('click', async () => {
      if (!window.confirm('Revoke this share link? Whoever holds it loses access within a minute.')) return;
      const r = await api.deleteShare(site, link.id);
      if (!r.ok) return failed(r.error);
      await load();
    });
    return h(
      'li',
      { class: 'share' },
      url,
      copy,
      revoke,
      link.expiresAt ? h('span', { class: 'note share-expiry' }, ` expires ${link.expiresAt}`) : undefined,
      link.origins && link.origins.length > 0
        ? h('span', { class: 'note share-origins' }, ` embeddable on ${link.origins.join(', ')}`)
        : undefined,
    );
  };

  /** A site's goals: each with its Remove button, and a form to add one (SPEC §4: evaluated when read). */
  const goalsBlock = async (site: string): Promise<HTMLElement> => {
    const day = new Date().toISOString().slice(0, 10);
    const rows = h('ul', { class: 'goals' });
    const listed = await api.goals({ site, from: day, to: day });
    if (listed.ok)
      rows.append(
        ...listed.value.goals.map((g) => {
          const remove = h('button', { type: 'button', class: 'remove-goal' }, 'Remove');
          remove.addEventListener('click', async () => {
            if (!window.confirm(`Remove the goal ${g.match}? Its events stay counted.`)) return;
            const r = await api.removeGoal(site, g.id);
            if (!r.ok) return failed(r.error);
            await load();
          });
          return h(
            'li',
            { class: 'goal', 'data-goal': g.id },
            h('span', {}, `${g.kind === 'event' ? 'event' : 'page'} `, h('strong', {}, g.match), ' '),
            remove,
          );
        }),
      );
    else failed(listed.error);
    const kind = h(
      'select',
      { 'aria-label': `Goal kind for ${site}`, name: 'goal-kind' },
      h('option', { value: 'event' }, 'event name'),
      h('option', { value: 'page' }, 'page path'),
    );
    const match = h('input', {
      type: 'text',
      name: 'goal-match',
      'aria-label': `New goal for ${site}`,
      placeholder: 'signup, /pricing, /blog/*',
    });
    const form = h(
      'form',
      { class: 'admin-add add-goal' },
      kind,
      match,
      h('button', { type: 'submit' }, 'Add goal'),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = match.value.trim();
      if (value === '') return;
      const r = await api.addGoal(site, { kind: kind.value as 'event' | 'page', match: value });
      if (!r.ok) return failed(r.error);
      status.textContent = `Added the goal ${value} to ${site}: it applies to the numbers already counted too.`;
      await load();
    });
    return h('div', { class: 'admin-goals' }, h('h4', {}, 'Goals'), rows, form);
  };

  const siteBlock = async (site: string): Promise<HTMLElement> => {
    const remove = h('button', { type: 'button', class: 'remove-site' }, 'Remove');
    const share = h('button', { type: 'submit', class: 'create-share' }, 'Create share link');
    const expires = h('input', {
      type: 'date',
      name: 'share-expires',
      'aria-label': `Share link expiry for ${site}`,
    });
    const origins = h('input', {
      type: 'text',
      name: 'share-origins',
      'aria-label': `Sites that may embed the share link of ${site}`,
      placeholder: 'https://blog.example.com (optional)',
    });
    const shareForm = h(
      'form',
      { class: 'admin-add create-share-form' },
      h('label', {}, 'Expires (optional) ', expires),
      origins,
      share,
    );
    const shares = h('ul', { class: 'shares' });
    const links = await api.shares(site);
    if (links.ok) shares.append(...links.value.shares.map((l) => shareRow(site, l)));
    else failed(links.error);
    remove.addEventListener('click', async () => {
      if (!window.confirm(`Stop counting ${site}? Its numbers stay.`)) return;
      const r = await api.removeSite(site);
      if (!r.ok) return failed(r.error);
      await load();
    });
    shareForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body: { expiresAt?: string; origins?: string[] } = {};
      // The end of the chosen day in UTC: a link made "until Friday" works all Friday.
      if (expires.value) body.expiresAt = `${expires.value}T23:59:59Z`;
      const embedding = origins.value
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== '');
      if (embedding.length > 0) body.origins = embedding;
      const r = await api.createShare(site, body);
      if (!r.ok) return failed(r.error);
      await load();
    });
    return h(
      'section',
      { class: 'admin-site', 'data-site': site },
      h('h3', {}, site, ' ', remove),
      h('p', { class: 'note' }, 'Paste into its pages:'),
      h('input', {
        type: 'text',
        readonly: true,
        class: 'snippet',
        value: snippetFor(location.origin, site),
      }),
      await goalsBlock(site),
      h('h4', {}, 'Share links (read-only dashboard, no sign-in)'),
      shares,
      shareForm,
    );
  };

  const load = async (): Promise<void> => {
    const r = await api.sites();
    if (!r.ok) return failed(r.error);
    list.replaceChildren(...(await Promise.all(r.value.sites.map(siteBlock))));
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = host.value.trim();
    if (value === '') return;
    const r = await api.addSite(value);
    if (!r.ok) return failed(r.error);
    host.value = '';
    status.textContent = `Added ${value.toLowerCase()}: its events are accepted within a minute.`;
    await load();
  });

  return { element, start: load };
}
