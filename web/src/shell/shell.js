// The console's frame: login, navigation filtered by the role's permissions, hash routing to the
// auto-discovered pages, language switch, logout, and the clear messages for an expired
// session, a forbidden page and a failed page. See docs/console.md for the page contract.
import permissionTable from 'virtual:credo-permissions';
import { h, clear } from './dom.js';
import { createApi } from './api.js';
import { common, roleNames, translator, initialLanguage, rememberLanguage } from './i18n.js';
import { parseHash, compileRoute } from './router.js';
import { loadSession, saveSession, clearSession, sessionExpired } from './session.js';
import { createUi } from './ui.js';
import { renderLogin } from './login.js';

// { role: Set(permission) } from the same permissions.toml the server enforces.
export const rolePermissions = (() => {
  const table = {};
  for (const [permission, roles] of Object.entries(permissionTable)) {
    for (const role of roles) (table[role] ||= new Set()).add(permission);
  }
  return table;
})();

export function roleMayUse(role, permission) {
  if (!permission) return true;
  return !!(rolePermissions[role] && rolePermissions[role].has(permission));
}

function validatePages(pages) {
  const seen = new Set();
  const valid = [];
  for (const page of pages) {
    const problem = !page
      ? 'has no default export'
      : !page.id
        ? 'has no id'
        : seen.has(page.id)
          ? `repeats the id "${page.id}"`
          : !page.route || !page.route.startsWith('/')
            ? `(${page.id}) has no route starting with '/'`
            : typeof page.render !== 'function'
              ? `(${page.id}) has no render function`
              : null;
    if (problem) {
      console.error(`credo console: a page module ${problem}; it is left out`);
      continue;
    }
    seen.add(page.id);
    valid.push({ ...page, match: compileRoute(page.route) });
  }
  return valid;
}

export function startShell(root, pageModules) {
  const pages = validatePages(pageModules);
  const state = {
    lang: initialLanguage(),
    session: loadSession(),
    notice: null, // {kind, text} shown once on the login page
    cleanups: [],
    renderCount: 0,
    menuOpen: false,
  };

  const t = (key, vars) => translator(state.lang, common)(key, vars);
  const can = (permission) => !!state.session && roleMayUse(state.session.role, permission);

  const api = createApi({
    getToken: () => (state.session ? state.session.token : ''),
    // A 401 with a session means it expired or was ended; without one it is a refused login.
    onUnauthorized: (error) => {
      if (state.session) endSession('expired', error.message);
    },
  });

  function endSession(reason, detail) {
    const target = location.hash && !location.hash.startsWith('#/login') ? location.hash : '';
    if (target) sessionStorage.setItem('credo.after_login', target);
    clearSession();
    state.session = null;
    state.notice =
      reason === 'expired'
        ? { kind: 'warning', key: 'login.expired', detail, dataTest: 'login-expired' }
        : { kind: 'info', key: 'login.logged_out', dataTest: 'login-logged-out' };
    if (location.hash.startsWith('#/login')) render();
    else location.hash = '#/login';
  }

  function navigate(hash) {
    const target = hash.startsWith('#') ? hash : '#' + hash;
    if (location.hash === target) render();
    else location.hash = target;
  }

  function visiblePages() {
    return pages
      .filter((page) => page.nav && can(page.permission))
      .sort((a, b) => (a.nav.order ?? 100) - (b.nav.order ?? 100));
  }

  function title(page) {
    return (page.title && (page.title[state.lang] || page.title.en)) || page.id;
  }

  function runCleanups() {
    for (const cleanup of state.cleanups.splice(0)) {
      try {
        cleanup();
      } catch (error) {
        console.error('credo console: a page cleanup failed', error);
      }
    }
  }

  function setLanguage(lang) {
    state.lang = lang;
    rememberLanguage(lang);
    render();
  }

  function header() {
    const session = state.session;
    const other = state.lang === 'en' ? 'zh' : 'en';
    return h(
      'header',
      { class: 'topbar', dataTest: 'topbar' },
      session
        ? h(
            'button',
            {
              type: 'button',
              class: 'menu-toggle',
              dataTest: 'nav-toggle',
              'aria-label': t('app.menu'),
              onclick: () => {
                state.menuOpen = !state.menuOpen;
                document.body.classList.toggle('menu-open', state.menuOpen);
              },
            },
            '☰',
          )
        : null,
      h('a', { class: 'brand', href: '#/' }, t('app.name')),
      h('span', { class: 'spacer' }),
      session
        ? h(
            'span',
            { class: 'who', dataTest: 'user', 'data-role': session.role },
            session.user,
            h('span', { class: 'muted small' }, ' · ' + ((roleNames[state.lang] || {})[session.role] || session.role)),
          )
        : null,
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          dataTest: 'lang-switch',
          lang: other,
          title: t('app.language.title'),
          onclick: () => setLanguage(other),
        },
        t('app.language'),
      ),
      session
        ? h('button', { type: 'button', class: 'link', dataTest: 'logout', onclick: logout }, t('app.logout'))
        : null,
    );
  }

  async function logout() {
    try {
      await api.del('/v1/sessions');
    } catch {
      // an already-ended session is logged out all the same
    }
    sessionStorage.removeItem('credo.after_login');
    endSession('logout');
  }

  function navigation(activePage) {
    return h(
      'nav',
      { class: 'sidenav', dataTest: 'nav' },
      visiblePages().map((page) =>
        h(
          'a',
          {
            href: '#' + page.route,
            dataTest: `nav-${page.id}`,
            class: activePage && activePage.id === page.id ? 'active' : '',
            onclick: () => {
              state.menuOpen = false;
              document.body.classList.remove('menu-open');
            },
          },
          title(page),
        ),
      ),
    );
  }

  function findPage(path) {
    for (const page of pages) {
      const params = page.match(path);
      if (params) return { page, params };
    }
    return null;
  }

  async function render() {
    const renderId = ++state.renderCount;
    runCleanups();
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    const { path, query } = parseHash(location.hash);

    if (state.session && sessionExpired(state.session)) {
      endSession('expired');
      return;
    }
    if (path === '/login') {
      if (state.session) {
        navigate(sessionStorage.getItem('credo.after_login') || '#/');
        sessionStorage.removeItem('credo.after_login');
        return;
      }
      document.title = `${t('login.title')} · ${t('app.name')}`;
      clear(root).append(header());
      const notice = state.notice;
      renderLogin(root, {
        t,
        notice,
        async login(user, password, totp) {
          const grant = await api.post('/v1/sessions', { user, password, totp });
          state.session = { token: grant.token, expires_at: grant.expires_at, user: grant.user, role: grant.role };
          state.notice = null;
          saveSession(state.session);
          const after = sessionStorage.getItem('credo.after_login');
          sessionStorage.removeItem('credo.after_login');
          navigate(after || '#/');
        },
      });
      return;
    }
    if (!state.session) {
      if (path !== '/') sessionStorage.setItem('credo.after_login', location.hash);
      navigate('#/login');
      return;
    }

    let found = path === '/' ? null : findPage(path);
    if (path === '/') {
      const first = visiblePages()[0];
      if (first) {
        navigate('#' + first.route);
        return;
      }
    }

    const main = h('main', { class: 'content', dataTest: 'page' });
    clear(root).append(header(), h('div', { class: 'layout' }, navigation(found && found.page), main));
    document.body.classList.toggle('menu-open', state.menuOpen);

    if (path === '/') {
      main.append(h('div', { class: 'message warning', dataTest: 'no-pages' }, t('page.no_pages', { role: state.session.role })));
      return;
    }
    if (!found) {
      document.title = t('app.name');
      main.append(h('div', { class: 'message warning', dataTest: 'page-not-found' }, t('page.not_found', { path })));
      return;
    }
    const { page, params } = found;
    document.title = `${title(page)} · ${t('app.name')}`;
    if (!can(page.permission)) {
      main.append(
        h('h1', {}, title(page)),
        h(
          'div',
          { class: 'message forbidden', role: 'alert', dataTest: 'forbidden' },
          h('strong', {}, t('page.forbidden.title')),
          h('div', {}, t('page.forbidden', {
            role: (roleNames[state.lang] || {})[state.session.role] || state.session.role,
            permission: page.permission,
          })),
        ),
      );
      return;
    }

    const pageT = translator(state.lang, page.messages || {}, common);
    const track = (cleanup) => state.cleanups.push(cleanup);
    const ctx = {
      api,
      lang: state.lang,
      title: title(page),
      t: pageT,
      params,
      query,
      user: { user: state.session.user, role: state.session.role },
      can,
      navigate,
      ui: null,
      onCleanup: track,
      get current() {
        return renderId === state.renderCount;
      },
    };
    ctx.ui = createUi({ lang: state.lang, t: pageT, api, can, track });
    const pageRoot = h('section', { class: 'page', 'data-page': page.id, dataTest: `page-${page.id}` });
    main.append(pageRoot);
    try {
      const cleanup = await page.render(pageRoot, ctx);
      if (typeof cleanup === 'function') {
        if (renderId === state.renderCount) track(cleanup);
        else cleanup();
      }
    } catch (error) {
      if (renderId !== state.renderCount) return;
      if (error && error.status === 401) return; // already on its way to the login page
      console.error(`credo console: page ${page.id} failed`, error);
      pageRoot.append(ctx.ui.errorBox(error));
    }
  }

  window.addEventListener('hashchange', () => render());
  render();
  return { render, navigate, state };
}
