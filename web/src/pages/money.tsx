// Money trail: follow funds forward (where did it go?) or backward (where did it come from?) from an
// account or person through bank, wallet and hawala payments: hops, a window in days from the first
// payment, an amount tolerance per hop, a date range and a minimum amount. Shows every path with
// its totals, where the money ended up, layering flags (fan-out / fan-in, scatter-gather, round
// trips) and a drawing of the paths.
import { useMemo, useState } from 'preact/hooks';
import { followMoneyTrail } from '../api/generated/operations';
import { Badge, Field, fmtAmount, fmtNumber, PageTitle, TaskView } from '../components/common';
import { GraphView } from '../components/graph-view';
import { TypologyPanel } from '../components/typologies';
import { attachRoles, nodeFromRaw, normaliseGraph, type GEdge, type GNode, type GraphData } from '../lib/graph';
import { href, navigate, entityHref } from '../lib/router';
import { useLoad, useTask } from '../lib/task';

type Raw = Record<string, unknown>;

interface Hop { date: string; amount: number; channel: string; from: GNode; to: GNode }
interface TrailPath { hops: Hop[]; carried: number; first: number; last: number; spanDays: number; end: GNode | null }
interface Trail {
  start: GNode | null;
  paths: TrailPath[];
  endpoints: { node: GNode; paths: number; carried: number; minHops: number }[];
  truncated: boolean;
  found: number;
  layering: Raw | null;
  graph: GraphData;
  currency: string; // ISO 4217 code of every amount; '' when the payments record none
}

const n = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));

export function parseTrail(data: unknown): Trail {
  const d = (data ?? {}) as Raw;
  const node = (v: unknown) => nodeFromRaw((v ?? {}) as Raw);
  const paths: TrailPath[] = ((d.paths as Raw[]) ?? []).map((p) => ({
    hops: ((p.hops as Raw[]) ?? []).map((h) => ({ date: String(h.date ?? ''), amount: n(h.amount), channel: String(h.channel ?? ''), from: node(h.from), to: node(h.to) })),
    carried: n(p.carried), first: n(p.first_amount), last: n(p.last_amount), spanDays: n(p.span_days), end: p.end ? node(p.end) : null,
  }));
  const endpoints = ((d.endpoints as Raw[]) ?? []).map((e) => ({ node: node(e.node), paths: n(e.paths), carried: n(e.carried), minHops: n(e.min_hops) }));
  // The drawing: the union of the paths' payments, or the answer's own nodes/edges (OpenAPI Graph).
  let graph: GraphData;
  if (paths.length) {
    const nodes = new Map<string, GNode>();
    const edges = new Map<string, GEdge>();
    for (const p of paths)
      for (const h of p.hops) {
        nodes.set(h.from.key, h.from);
        nodes.set(h.to.key, h.to);
        const key = `${h.from.key}>${h.to.key}>${h.date}>${h.amount}`;
        edges.set(key, { source: h.from.key, target: h.to.key, relation: 'payment', date: h.date, amount: h.amount, channel: h.channel, currency: typeof d.currency === 'string' && d.currency ? d.currency : undefined });
      }
    graph = { nodes: [...nodes.values()], edges: [...edges.values()] };
  } else {
    graph = normaliseGraph(d);
  }
  // role colours: the answer lists the scores of the scored nodes it names
  attachRoles(graph, Array.isArray(d.roles) ? (d.roles as Raw[]) : []);
  return { start: d.start ? node(d.start) : null, paths, endpoints, truncated: d.truncated === true, found: n(d.paths_found ?? paths.length), layering: (d.layering as Raw) ?? null, graph, currency: typeof d.currency === 'string' ? d.currency : '' };
}

export function MoneyTrailPage(props: { query: URLSearchParams }) {
  const start = props.query.get('from') ?? '';
  const [from, setFrom] = useState(start);
  const [direction, setDirection] = useState<'out' | 'in'>('out');
  const [hops, setHops] = useState(3);
  const [days, setDays] = useState(30);
  const [tolerance, setTolerance] = useState(50);
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [minAmount, setMinAmount] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);

  const follow = (signal: AbortSignal, step: (s: string) => void) => {
    step(direction === 'out' ? 'following the money forward' : 'following the money backward');
    return followMoneyTrail({
      from: start, direction, hops, days, tolerance: tolerance < 0 ? -1 : tolerance / 100, since, until, min_amount: minAmount || undefined,
    }, signal).then(parseTrail);
  };
  const first = useLoad(async (signal, step) => (start ? follow(signal, step) : null), [start]);
  const again = useTask((signal, step) => follow(signal, step));
  const task = again.status !== 'idle' ? again : first;

  const submit = (e: Event) => {
    e.preventDefault();
    const v = from.trim();
    if (!v) return;
    if (v !== start) navigate(href('/money', { from: v }));
    else again.run();
  };

  return (
    <>
      <PageTitle title="Money trail" sub="Bank transfers, mobile wallets and hawala settlements, hop by hop in time order." />
      <form class="toolbar wrap" onSubmit={submit} aria-label="Money trail settings">
        <Field label="Account or person (entity id)" id="trail-from">
          <input id="trail-from" value={from} required onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </Field>
        <Field label="Direction" id="direction">
          <select id="direction" value={direction} onChange={(e) => setDirection((e.target as HTMLSelectElement).value as 'out' | 'in')}>
            <option value="out">Forward: where did it go?</option>
            <option value="in">Backward: where did it come from?</option>
          </select>
        </Field>
        <Field label="Hops" id="hops">
          <input id="hops" type="number" min={1} max={6} value={hops} onInput={(e) => setHops(Number((e.target as HTMLInputElement).value))} />
        </Field>
        <Field label="Window (days)" id="days" hint="From the first payment.">
          <input id="days" type="number" min={1} max={3650} value={days} onInput={(e) => setDays(Number((e.target as HTMLInputElement).value))} />
        </Field>
        <Field label="Amount tolerance (%)" id="tolerance" hint="Change allowed per hop; −1 for any.">
          <input id="tolerance" type="number" min={-1} max={1000} value={tolerance} onInput={(e) => setTolerance(Number((e.target as HTMLInputElement).value))} />
        </Field>
        <Field label="Payments from" id="since"><input id="since" type="date" value={since} onInput={(e) => setSince((e.target as HTMLInputElement).value)} /></Field>
        <Field label="until" id="until"><input id="until" type="date" value={until} onInput={(e) => setUntil((e.target as HTMLInputElement).value)} /></Field>
        <Field label="Minimum amount" id="min-amount" hint="In the payments' currency.">
          <input id="min-amount" type="number" min={0} value={minAmount} onInput={(e) => setMinAmount(Number((e.target as HTMLInputElement).value))} />
        </Field>
        <button type="submit">Follow the money</button>
      </form>
      {start ? (
        <TaskView task={task} label="Following the money" cancellable>
          {(t) => t && <TrailView t={t} selected={selected} onSelect={setSelected} />}
        </TaskView>
      ) : (
        <p class="muted">Enter an account or person id (from search or the network), or open “Money trail” on an entity page.</p>
      )}
      <TypologyPanel />
    </>
  );
}

function TrailView(props: { t: Trail; selected: string | null; onSelect: (k: string | null) => void }) {
  const { t } = props;
  const total = useMemo(() => t.endpoints.reduce((s, e) => s + e.carried, 0), [t]);
  if (!t.paths.length && !t.graph.nodes.length) return <p class="notice">No payments match these settings. Widen the window, the tolerance or the hops.</p>;
  return (
    <section data-testid="trail">
      <p>
        {fmtNumber(t.found)} paths{t.truncated && <> (stopped at the limit: <Badge kind="warn">truncated</Badge>)</>}, reaching {fmtNumber(t.endpoints.length)} accounts or people
        {total > 0 && <>; {fmtAmount(total, t.currency)} could have moved the whole way</>}.
      </p>
      {t.layering && <Layering l={t.layering} currency={t.currency} />}
      <GraphView data={t.graph} selected={props.selected} onSelect={props.onSelect} layout="flow" root={t.start?.key}
        label={`Money trail drawing with ${t.graph.nodes.length} accounts or people; the tables below list every path.`} />
      {t.endpoints.length > 0 && (
        <>
          <h2>Where the money ended up</h2>
          <table class="data" data-testid="endpoints">
            <thead><tr><th scope="col">Account or person</th><th scope="col" class="num">Paths</th><th scope="col" class="num">Fewest hops</th><th scope="col" class="num">Carried</th></tr></thead>
            <tbody>
              {t.endpoints.map((e) => (
                <tr key={e.node.key}>
                  <td dir="auto">{e.node.victim ? '[victim]' : <a href={entityHref(e.node.id)}>{e.node.caption}</a>}</td>
                  <td class="num">{fmtNumber(e.paths)}</td><td class="num">{fmtNumber(e.minHops)}</td><td class="num">{fmtAmount(e.carried, t.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {t.paths.length > 0 && (
        <>
          <h2>Paths</h2>
          <ol class="paths" data-testid="trail-paths">
            {t.paths.slice(0, 200).map((p, i) => (
              <li key={i}>
                <div>
                  <strong>{fmtAmount(p.carried, t.currency)}</strong> carried · first {fmtAmount(p.first, t.currency)} · last {fmtAmount(p.last, t.currency)} · {p.hops.length} hops over {p.spanDays} days
                </div>
                <ul class="hops">
                  {p.hops.map((h, j) => (
                    <li key={j}>
                      {h.date} <span dir="auto">{h.from.caption}</span> → <span dir="auto">{h.to.caption}</span>: {fmtAmount(h.amount, t.currency)} <span class="muted">{h.channel}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          {t.paths.length > 200 && <p class="muted">First 200 paths shown.</p>}
        </>
      )}
    </section>
  );
}

function Layering(props: { l: Raw; currency: string }) {
  const list = (k: string) => (Array.isArray(props.l[k]) ? (props.l[k] as Raw[]) : []);
  const fanOut = list('fan_out'), fanIn = list('fan_in'), sg = list('scatter_gather'), rt = list('round_trips');
  if (!fanOut.length && !fanIn.length && !sg.length && !rt.length) return <p class="muted">No layering pattern along these paths.</p>;
  const cap = (v: unknown) => nodeFromRaw((v ?? {}) as Raw).caption;
  const money = (v: unknown) => fmtAmount(n(v), props.currency);
  return (
    <div class="panel" data-testid="layering">
      <h2>Layering flags</h2>
      <ul>
        {fanOut.map((f, i) => <li key={`o${i}`}><Badge kind="warn">fan-out</Badge> {cap(f.node)} paid {n(f.branches)} payees {money(f.amount)} between {String(f.first_date)} and {String(f.last_date)}</li>)}
        {fanIn.map((f, i) => <li key={`i${i}`}><Badge kind="warn">fan-in</Badge> {cap(f.node)} received from {n(f.branches)} payers {money(f.amount)} between {String(f.first_date)} and {String(f.last_date)}</li>)}
        {sg.map((s, i) => <li key={`s${i}`}><Badge kind="warn">scatter-gather</Badge> {cap(s.source)} → {Array.isArray(s.intermediaries) ? s.intermediaries.length : 0} intermediaries → {cap(s.sink)}: {money(s.amount_out)} out, {money(s.amount_in)} gathered</li>)}
        {rt.map((r, i) => <li key={`r${i}`}><Badge kind="warn">round trip</Badge> {Array.isArray(r.hops) ? r.hops.length : 0} payments: {money(r.amount_out)} out, {money(r.amount_back)} back</li>)}
      </ul>
    </div>
  );
}
