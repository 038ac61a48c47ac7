// Dashboards: store counts, firearm seizure statistics (IAFQ-shaped, SDG 16.4.2) and collection
// campaigns, CTDC-style case statistics with sex x age band breakdowns where cells below k (and their
// complements) are shown as suppressed, and for researchers differentially private releases charged
// to the privacy budget. Every figure here is an aggregate; no record is reachable from this page.
import { useMemo, useState } from 'preact/hooks';
import { getCtdcReference, getCtdcTable, getPrivacyBudget, getSeizureStatistics, getStoreStats, listCampaigns, releaseDpTable } from '../api/generated/operations';
import type { CountTable } from '../api/generated/schemas';
import { ErrorNotice, Field, fmtNumber, humanise, PageTitle, Progress, TaskView } from '../components/common';
import { can, useMe } from '../lib/session';
import { useLoad, useTask } from '../lib/task';
import ageBandsTsv from '../../../data/reference/ctdc_age_bands.tsv?raw';

const AGE_BANDS = ageBandsTsv.split('\n').filter((l) => l.trim() && !l.startsWith('#')).slice(1).map((l) => l.split('\t')[0]);
const DOMAINS: Record<string, string[]> = {
  gender: ['Woman', 'Man', 'Trans/Transgender/NonConforming', 'unknown'],
  ageBroad: AGE_BANDS,
  typeOfExploit: ['forced_labour', 'sexual_exploitation', 'forced_marriage', 'other'],
  traffickingStatus: ['possible', 'actual'],
};

export function DashboardsPage() {
  const me = useMe();
  return (
    <>
      <PageTitle title="Dashboards" sub="Aggregates only. Case tables count consenting cases of every agency; cells below k are withheld." />
      {can(me, 'read_aggregate_statistics') && <CtdcPanel />}
      {can(me, 'release_dp_statistics') && <DpPanel />}
      {can(me, 'read_firearm_statistics') && <SeizurePanel />}
      {can(me, 'read_store_stats') && <StorePanel />}
    </>
  );
}

/** Rows x columns grid of a 2-variable table; a cell absent from the release is "suppressed". */
export function grid(table: CountTable) {
  const [rv, cv] = table.variables;
  const rows = union(DOMAINS[rv] ?? [], table.cells.map((c) => c.values[0]));
  const cols = cv ? union(DOMAINS[cv] ?? [], table.cells.map((c) => c.values[1])) : [''];
  const at = new Map(table.cells.map((c) => [c.values.join('\u0000'), c.count]));
  const cell = (r: string, c: string) => at.get(cv ? `${r}\u0000${c}` : r);
  return { rows, cols, cell };
}

function union(domain: string[], seen: string[]): string[] {
  const out = [...domain];
  for (const s of seen) if (!out.some((d) => d.toLowerCase() === s.toLowerCase())) out.push(s);
  return out.map((d) => seen.find((s) => s.toLowerCase() === d.toLowerCase()) ?? d);
}

function CtdcPanel() {
  const [by, setBy] = useState('gender,ageBroad');
  const vars = useLoad((signal) => getCtdcReference(signal), []);
  const t = useLoad((signal, step) => {
    step('counting consenting cases');
    return getCtdcTable({ by }, signal);
  }, [by]);
  const options = vars.data?.variables ?? ['gender', 'ageBroad', 'citizenship', 'typeOfExploit'];
  const pairs = ['gender,ageBroad', 'gender,typeOfExploit', 'ageBroad,typeOfExploit', 'gender,citizenship', ...options];
  return (
    <section class="panel" aria-labelledby="ctdc-h" data-testid="ctdc-panel">
      <h2 id="ctdc-h">Cases by sex and age band (CTDC variables)</h2>
      <div class="toolbar">
        <Field label="Break down by" id="ctdc-by">
          <select id="ctdc-by" value={by} onChange={(e) => setBy((e.target as HTMLSelectElement).value)}>
            {[...new Set(pairs)].map((p) => <option key={p} value={p}>{p.split(',').join(' × ')}</option>)}
          </select>
        </Field>
      </div>
      <TaskView task={t} label="Counting" cancellable>
        {(table) => <CountGrid table={table} />}
      </TaskView>
    </section>
  );
}

export function CountGrid(props: { table: CountTable }) {
  const { table } = props;
  const g = useMemo(() => grid(table), [table]);
  const suppressed = g.rows.reduce((n, r) => n + g.cols.filter((c) => g.cell(r, c) === undefined).length, 0);
  const [rv, cv] = table.variables;
  return (
    <>
      <table class="data grid" data-testid="ctdc-grid">
        <caption>
          {table.mode === 'differential_privacy' ? `Differentially private counts (ε = ${table.epsilon})` : `Counts with cells below k = ${table.k ?? 11} withheld`}
          {table.total !== null && table.total !== undefined && <> · total {fmtNumber(table.total)}</>}
        </caption>
        <thead>
          <tr>
            <th scope="col">{rv}{cv ? ` \\ ${cv}` : ''}</th>
            {g.cols.map((c) => <th key={c} scope="col" class="num">{c ? humanise(c) : 'count'}</th>)}
          </tr>
        </thead>
        <tbody>
          {g.rows.map((r) => (
            <tr key={r}>
              <th scope="row">{humanise(r)}</th>
              {g.cols.map((c) => {
                const v = g.cell(r, c);
                return v === undefined
                  ? <td key={c} class="num suppressed" data-suppressed="true" title="Withheld: fewer than k cases, or withheld so it cannot be recovered by subtraction">suppressed</td>
                  : <td key={c} class="num">{fmtNumber(v)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted small">
        {suppressed} cells shown as suppressed. A suppressed cell may be empty, below k, or withheld so it cannot be derived from any table released before.
      </p>
    </>
  );
}

function DpPanel() {
  const [by, setBy] = useState('gender,ageBroad');
  const [epsilon, setEpsilon] = useState(0.5);
  const budget = useLoad((signal) => getPrivacyBudget(signal), []);
  const release = useTask(async (signal, step) => {
    step('charging the privacy budget and adding noise');
    const t = await releaseDpTable({ by, epsilon }, signal);
    budget.run();
    return t;
  });
  return (
    <section class="panel" aria-labelledby="dp-h">
      <h2 id="dp-h">Differentially private release</h2>
      {budget.data && <p>Privacy budget: ε {fmtNumber(budget.data.spent_epsilon, 2)} of {fmtNumber(budget.data.total_epsilon, 2)} spent in {budget.data.releases.length} releases.</p>}
      <form class="toolbar" onSubmit={(e) => { e.preventDefault(); release.run(); }}>
        <Field label="Variables" id="dp-by"><input id="dp-by" value={by} onInput={(e) => setBy((e.target as HTMLInputElement).value)} /></Field>
        <Field label="ε (spent from the budget)" id="dp-eps"><input id="dp-eps" type="number" step="0.1" min={0.01} max={4} value={epsilon} onInput={(e) => setEpsilon(Number((e.target as HTMLInputElement).value))} /></Field>
        <button type="submit">Release</button>
      </form>
      {release.status === 'running' && <Progress label="Releasing" step={release.step} startedAt={release.startedAt} />}
      {release.status === 'error' && <ErrorNotice error={release.error} />}
      {release.status === 'done' && release.data && <CountGrid table={release.data} />}
    </section>
  );
}

function Bars(props: { rows: { value: string; seized: number }[]; label: string }) {
  const rows = [...props.rows].sort((a, b) => b.seized - a.seized).slice(0, 12);
  const max = Math.max(1, ...rows.map((r) => r.seized));
  return (
    <figure class="bars">
      <figcaption>{props.label}</figcaption>
      <svg viewBox={`0 0 320 ${rows.length * 18 + 4}`} role="img" aria-label={`${props.label}: ${rows.map((r) => `${r.value} ${r.seized}`).join(', ')}`}>
        {rows.map((r, i) => (
          <g key={r.value} transform={`translate(0 ${i * 18 + 2})`}>
            <text x="118" y="12" class="bar-label">{r.value.length > 20 ? `${r.value.slice(0, 19)}…` : r.value}</text>
            <rect x="122" y="2" height="13" width={(150 * r.seized) / max} class="bar-fill" />
            <text x={126 + (150 * r.seized) / max} y="12" class="bar-value">{r.seized}</text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

function SeizurePanel() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const t = useLoad(async (signal, step) => {
    step('counting seizures');
    const stats = await getSeizureStatistics({ from, to }, signal);
    step('collection campaigns');
    const campaigns = await listCampaigns(signal).catch(() => ({ items: [] }));
    return { stats, campaigns };
  }, [from, to]);
  return (
    <section class="panel" aria-labelledby="seiz-h" data-testid="seizure-panel">
      <h2 id="seiz-h">Firearm seizures (UNODC IAFQ shape)</h2>
      <div class="toolbar">
        <Field label="From" id="s-from"><input id="s-from" type="date" value={from} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} /></Field>
        <Field label="To" id="s-to"><input id="s-to" type="date" value={to} onChange={(e) => setTo((e.target as HTMLInputElement).value)} /></Field>
      </div>
      <TaskView task={t} label="Loading seizure statistics" cancellable>
        {({ stats, campaigns }) => (
          <>
            <ul class="kpis">
              <li><strong>{fmtNumber(stats.seizure_events)}</strong> seizure events</li>
              <li><strong>{fmtNumber(stats.seized_firearms)}</strong> firearms seized</li>
              <li><strong>{fmtNumber(stats.surrendered_firearms)}</strong> surrendered</li>
              <li><strong>{fmtNumber(stats.trace_requested)}</strong> traced</li>
              <li><strong>{fmtNumber(stats.origin_established)}</strong> origin established</li>
              <li><strong>{fmtNumber((stats.sdg_16_4_2_share ?? 0) * 100, 1)}%</strong> SDG 16.4.2 share</li>
            </ul>
            <div class="bars-grid">
              {Object.entries(stats.by ?? {}).filter(([d]) => d !== 'month').map(([d, rows]) => <Bars key={d} rows={rows} label={`Seized by ${humanise(d)}`} />)}
            </div>
            {stats.by?.month && stats.by.month.length > 0 && <Bars rows={[...stats.by.month].sort((a, b) => a.value.localeCompare(b.value))} label="Seized by month" />}
            {campaigns.items.length > 0 && (
              <table class="data">
                <caption>Collection campaigns</caption>
                <thead><tr><th scope="col">Campaign</th><th scope="col" class="num">Surrendered</th><th scope="col" class="num">Destroyed since</th><th scope="col">From</th><th scope="col">To</th></tr></thead>
                <tbody>{campaigns.items.map((c, i) => (
                  <tr key={i}><td>{String(c.campaign)}</td><td class="num">{fmtNumber(Number(c.surrendered))}</td><td class="num">{fmtNumber(Number(c.destroyed_since))}</td><td>{String(c.first_date ?? '')}</td><td>{String(c.last_date ?? '')}</td></tr>
                ))}</tbody>
              </table>
            )}
          </>
        )}
      </TaskView>
    </section>
  );
}

function StorePanel() {
  const t = useLoad((signal) => getStoreStats(signal), []);
  return (
    <section class="panel" aria-labelledby="store-h">
      <h2 id="store-h">What the store holds</h2>
      <TaskView task={t} label="Counting records">
        {(s) => {
          const bySchema = new Map<string, number>();
          for (const r of s.by_schema_and_dataset) bySchema.set(r.schema, (bySchema.get(r.schema) ?? 0) + r.entities);
          return (
            <>
              <ul class="kpis">
                <li><strong>{fmtNumber(s.entities)}</strong> records</li>
                <li><strong>{fmtNumber(s.statements)}</strong> values with provenance</li>
              </ul>
              <table class="data" data-testid="store-stats">
                <thead><tr><th scope="col">Schema</th><th scope="col">Dataset</th><th scope="col" class="num">Records</th></tr></thead>
                <tbody>{s.by_schema_and_dataset.map((r) => <tr key={`${r.schema}/${r.dataset}`}><td>{r.schema}</td><td>{r.dataset}</td><td class="num">{fmtNumber(r.entities)}</td></tr>)}</tbody>
              </table>
            </>
          );
        }}
      </TaskView>
    </section>
  );
}
