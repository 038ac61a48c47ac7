// The workbench shell: session, top bar with the sections the role may use, and the page router.
import type { ComponentType } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, setUnauthenticatedHandler } from './api/client';
import { getMe, logout as endSession } from './api/generated/operations';
import type { Me } from './api/generated/schemas';
import { ErrorNotice, Progress, Refusal } from './components/common';
import { TopBar } from './components/topbar';
import { allowed, SECTIONS } from './lib/sections';
import { match, navigate, onLinkClick, useLocation } from './lib/router';
import { SessionContext } from './lib/session';
import { clearSessionMemory } from './lib/memory';
import { LoginPage } from './pages/login';
import { HomePage } from './pages/home';
import { SearchPage } from './pages/search';
import { EntityPage } from './pages/entity';
import { NetworkPage } from './pages/network';
import { MoneyTrailPage } from './pages/money';
import { MapPage } from './pages/map';
import { TimelinePage } from './pages/timeline';
import { FirearmsPage } from './pages/firearms';
import { FirearmPage } from './pages/firearm';
import { TracesPage, TracePage } from './pages/traces';
import { CasesPage } from './pages/cases';
import { CasePage } from './pages/case';
import { DashboardsPage } from './pages/dashboards';
import { AdminPage } from './pages/admin';
import { AlertsPage } from './pages/alerts';
import { TrendsPage } from './pages/trends';
import { ReportsPage } from './pages/reports';
import { GapsPage } from './pages/gaps';

interface RouteDef {
  pattern: string;
  anyOf: string[] | null; // null: any logged-in user
  section: string;
  page: ComponentType<{ params: Record<string, string>; query: URLSearchParams }>;
}

const perm = (id: string) => SECTIONS.find((s) => s.id === id)!.anyOf;

const ROUTES: RouteDef[] = [
  { pattern: '/', anyOf: null, section: 'home', page: HomePage },
  { pattern: '/search', anyOf: perm('search'), section: 'Search', page: SearchPage },
  { pattern: '/entity', anyOf: ['read_entities'], section: 'Entities', page: EntityPage },
  { pattern: '/network', anyOf: perm('network'), section: 'Network', page: NetworkPage },
  { pattern: '/money', anyOf: perm('money'), section: 'Money trail', page: MoneyTrailPage },
  { pattern: '/map', anyOf: perm('map'), section: 'Routes map', page: MapPage },
  { pattern: '/timeline', anyOf: perm('timeline'), section: 'Timeline', page: TimelinePage },
  { pattern: '/firearms', anyOf: perm('firearms'), section: 'Firearms', page: FirearmsPage },
  { pattern: '/firearms/:id', anyOf: perm('firearms'), section: 'Firearms', page: FirearmPage },
  { pattern: '/traces', anyOf: perm('firearms'), section: 'Firearms', page: TracesPage },
  { pattern: '/traces/:id', anyOf: perm('firearms'), section: 'Firearms', page: TracePage },
  { pattern: '/cases', anyOf: perm('cases'), section: 'Cases', page: CasesPage },
  { pattern: '/cases/:id', anyOf: perm('cases'), section: 'Cases', page: CasePage },
  { pattern: '/dashboards', anyOf: perm('dashboards'), section: 'Dashboards', page: DashboardsPage },
  { pattern: '/alerts', anyOf: perm('alerts'), section: 'Alerts', page: AlertsPage },
  { pattern: '/trends', anyOf: perm('trends'), section: 'Trends', page: TrendsPage },
  { pattern: '/reports', anyOf: perm('reports'), section: 'Reports', page: ReportsPage },
  { pattern: '/gaps', anyOf: perm('gaps'), section: 'Gaps', page: GapsPage },
  { pattern: '/admin', anyOf: perm('admin'), section: 'Administration', page: AdminPage },
];

type SessionState = { kind: 'checking' } | { kind: 'out'; notice?: string; error?: unknown } | { kind: 'in'; me: Me };

export function App() {
  const loc = useLocation();
  const [session, setSession] = useState<SessionState>({ kind: 'checking' });

  const loadMe = useCallback(async () => {
    try {
      const me = await getMe();
      setSession({ kind: 'in', me });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setSession({ kind: 'out' });
      else setSession({ kind: 'out', error: e });
    }
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      clearSessionMemory();
      setSession({ kind: 'out', notice: 'Your session has ended (expired, idle or logged out elsewhere). Log in again.' });
    });
    void loadMe();
    document.addEventListener('click', onLinkClick);
    return () => {
      setUnauthenticatedHandler(null);
      document.removeEventListener('click', onLinkClick);
    };
  }, [loadMe]);

  const logout = useCallback(async () => {
    try {
      await endSession();
    } catch {
      // the session may already be gone; the page forgets it either way
    }
    clearSessionMemory();
    setSession({ kind: 'out', notice: 'You have logged out.' });
    navigate('/', true);
  }, []);

  if (session.kind === 'checking') {
    return (
      <main id="main" class="center">
        <Progress label="Opening the Kashf workbench" />
      </main>
    );
  }
  if (session.kind === 'out') {
    return (
      <>
        {session.error !== undefined && <ErrorNotice error={session.error} />}
        <LoginPage notice={session.notice} onLoggedIn={loadMe} />
      </>
    );
  }

  const me = session.me;
  let page = null;
  for (const r of ROUTES) {
    const params = match(r.pattern, loc.path);
    if (!params) continue;
    const Page = r.page;
    page = r.anyOf && !allowed(me.permissions, r.anyOf) ? <Refusal status={403} section={r.section} /> : <Page params={params} query={loc.query} />;
    break;
  }
  if (!page) page = <Refusal status={404} />;

  return (
    <SessionContext.Provider value={me}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <TopBar me={me} path={loc.path} onLogout={logout} />
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </SessionContext.Provider>
  );
}
