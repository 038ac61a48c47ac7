// Routes map: origin -> transit -> destination drawn offline. Three sources, each shown only to
// roles that may read it: the CTDC route table (aggregate, small cells withheld) for analysts and
// researchers; the routes of the user's own agency's cases for case workers; and firearm seizures
// and collection campaigns by district for firearms officers, analysts and researchers.
import { useState } from 'preact/hooks';
import { getCase, getCtdcTable, getSeizureStatistics, listCases } from '../api/generated/operations';
import type { Case } from '../api/generated/schemas';
import { Field, fmtNumber, PageTitle, TaskView } from '../components/common';
import { DistrictMap, RouteMap, type DistrictCount, type RouteLine } from '../components/maps';
import { countryName, findPlace, loadWorld, locate, toAlpha3, type World } from '../lib/geo';
import { can, useMe } from '../lib/session';
import { useLoad } from '../lib/task';

export function MapPage() {
  const me = useMe();
  const tabs: [string, string][] = [];
  if (can(me, 'read_aggregate_statistics')) tabs.push(['ctdc', 'Routes (all cases, aggregate)']);
  if (can(me, 'read_cases')) tabs.push(['cases', 'Routes of my cases']);
  if (can(me, 'read_firearm_statistics')) tabs.push(['seizures', 'Firearm seizures by district']);
  const [tab, setTab] = useState(tabs[0]?.[0] ?? '');
  return (
    <>
      <PageTitle title="Routes map" sub="Drawn entirely from data shipped with Kashf; no map service is contacted." />
      <div role="tablist" class="tabs" aria-label="Map data">
        {tabs.map(([id, label]) => (
          <button key={id} role="tab" type="button" aria-selected={tab === id} class={tab === id ? 'active' : ''} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'ctdc' && <CtdcRoutes />}
        {tab === 'cases' && <CaseRoutes />}
        {tab === 'seizures' && <SeizureDistricts />}
      </div>
    </>
  );
}

function routeFromCodes(world: World, route: string): RouteLine['stops'] {
  const stops: RouteLine['stops'] = [];
  for (const code of route.split('>')) {
    const a3 = toAlpha3(code);
    const c = a3 ? world.centroid(a3) : undefined;
    if (a3 && c) stops.push({ at: c, label: countryName(a3) });
  }
  return stops;
}

function CtdcRoutes() {
  const t = useLoad(async (signal, step) => {
    step('loading map outlines');
    const world = await loadWorld('110m', signal);
    step('counting routes (small cells withheld)');
    const table = await getCtdcTable({ by: 'route' }, signal);
    return { world, table };
  }, []);
  return (
    <TaskView task={t} label="Preparing the route map" cancellable>
      {({ world, table }) => {
        const routes: RouteLine[] = table.cells
          .map((c) => ({ key: c.values[0], label: c.values[0], stops: routeFromCodes(world, c.values[0]), count: c.count }))
          .filter((r) => r.stops.length > 1)
          .sort((a, b) => b.count - a.count);
        return (
          <>
            <RouteMap world={world} routes={routes} title="Trafficking routes of registered cases, width by number of cases" />
            <RouteTable routes={table.cells.map((c) => ({ label: c.values[0], count: c.count }))} k={table.k} />
          </>
        );
      }}
    </TaskView>
  );
}

function RouteTable(props: { routes: { label: string; count: number }[]; k?: number; unit?: string }) {
  return (
    <>
      <table class="data" data-testid="route-table">
        <caption>Routes, most frequent first</caption>
        <thead><tr><th scope="col">Route</th><th scope="col" class="num">{props.unit ?? 'Cases'}</th></tr></thead>
        <tbody>
          {[...props.routes].sort((a, b) => b.count - a.count).map((r) => (
            <tr key={r.label}>
              <td>{r.label.split('>').map((c) => countryName(c)).join(' → ')}</td>
              <td class="num">{fmtNumber(r.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.k !== undefined && (
        <p class="muted">Routes with fewer than k = {props.k} cases, and cells withheld so they cannot be derived from any table released before, are not listed.</p>
      )}
    </>
  );
}

const CASE_LIMIT = 100;

function CaseRoutes() {
  const [limit, setLimit] = useState(50);
  const t = useLoad(async (signal, step) => {
    step('loading map outlines');
    const world = await loadWorld('110m', signal);
    step('listing your cases');
    const page = await listCases({ limit: Math.min(limit, CASE_LIMIT) }, signal);
    const ids = page.items.filter((item) => typeof item === 'string');
    const cases: Case[] = [];
    for (const [i, id] of ids.entries()) {
      step(`reading case ${i + 1} of ${ids.length}`);
      cases.push(await getCase({ case_id: id }, signal));
    }
    return { world, cases, total: page.total };
  }, [limit]);
  return (
    <>
      <Field label="Cases to map" id="case-limit" hint="Each case read is recorded in the audit log.">
        <select id="case-limit" value={limit} onChange={(e) => setLimit(Number((e.target as HTMLSelectElement).value))}>
          {[10, 25, 50, 100].map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </Field>
      <TaskView task={t} label="Preparing the map of your cases" cancellable>
        {({ world, cases, total }) => {
          const byRoute = new Map<string, RouteLine>();
          for (const c of cases) {
            const events = [...c.events].sort((a, b) => a.date.localeCompare(b.date));
            const stops = events.map((e) => locate(world, e.country, e.city)).filter((s): s is NonNullable<typeof s> => !!s);
            const key = stops.map((s) => s.label).join('>');
            if (stops.length < 2) continue;
            const r = byRoute.get(key);
            if (r) r.count++;
            else byRoute.set(key, { key, label: stops.map((s) => s.label).join(' → '), stops, count: 1 });
          }
          const routes = [...byRoute.values()];
          return (
            <>
              <p class="muted">{cases.length} of {total ?? '?'} cases of your agency; {cases.length - routes.reduce((s, r) => s + r.count, 0)} stayed in one place.</p>
              <RouteMap world={world} routes={routes} title="Routes of your agency's cases (recruitment, transit, exploitation places)" />
              <table class="data" data-testid="route-table">
                <thead><tr><th scope="col">Route (places)</th><th scope="col" class="num">Cases</th></tr></thead>
                <tbody>{routes.sort((a, b) => b.count - a.count).map((r) => <tr key={r.key}><td>{r.label}</td><td class="num">{r.count}</td></tr>)}</tbody>
              </table>
            </>
          );
        }}
      </TaskView>
    </>
  );
}

function SeizureDistricts() {
  const t = useLoad(async (signal, step) => {
    step('loading the Pakistan outline');
    const world = await loadWorld('50m', signal);
    step('counting seizures by district');
    const stats = await getSeizureStatistics({}, signal);
    return { world, stats };
  }, []);
  return (
    <TaskView task={t} label="Preparing the district map" cancellable>
      {({ world, stats }) => {
        const rows = stats.by?.district ?? [];
        const points: DistrictCount[] = [];
        const unplaced: { value: string; seized: number }[] = [];
        for (const r of rows) {
          const p = findPlace(r.value);
          if (p && p.country === 'PAK') points.push({ name: p.name, province: p.province, at: [p.lon, p.lat], count: r.seized });
          else unplaced.push(r);
        }
        const byProvince = new Map<string, number>();
        for (const p of points) byProvince.set(p.province, (byProvince.get(p.province) ?? 0) + p.count);
        return (
          <>
            <div class="grid-2">
              <DistrictMap world={world} points={points} title="Firearms seized by district" unit="firearms seized" />
              <div>
                <table class="data" data-testid="province-table">
                  <caption>Seized firearms by province</caption>
                  <thead><tr><th scope="col">Province or territory</th><th scope="col" class="num">Seized</th></tr></thead>
                  <tbody>{[...byProvince.entries()].sort((a, b) => b[1] - a[1]).map(([p, n]) => <tr key={p}><td>{p}</td><td class="num">{fmtNumber(n)}</td></tr>)}</tbody>
                </table>
                <table class="data">
                  <caption>Districts</caption>
                  <thead><tr><th scope="col">District</th><th scope="col" class="num">Seized</th></tr></thead>
                  <tbody>{[...points].sort((a, b) => b.count - a.count).map((p) => <tr key={p.name}><td>{p.name}</td><td class="num">{fmtNumber(p.count)}</td></tr>)}</tbody>
                </table>
                {unplaced.length > 0 && <p class="muted small">Not on the map (no point known): {unplaced.map((u) => `${u.value} (${u.seized})`).join(', ')}</p>}
              </div>
            </div>
          </>
        );
      }}
    </TaskView>
  );
}
