// Network view: the ego network of an entity (depth, size and date window), nodes coloured by role
// (organiser / broker / recruiter / transporter / peripheral) with the reasons for the role on
// selection, the k shortest paths between two entities, the top-scored actors as a start, and what
// removing some people would do (components/disruption-panel.tsx), and learning from analysts' labels:
// mark the selected node as a known organiser, broker ..., see the labelled nodes, and rank the rest
// like them (components/labels-panel.tsx), and scoring the rankings against an uploaded truth file
// (components/truth-panel.tsx).
import { useMemo, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { findPaths, getEgoNetwork, listRoles } from '../api/generated/operations';
import { Badge, Dash, Field, fmtNumber, PageTitle, TaskView } from '../components/common';
import { DisruptionPanel } from '../components/disruption-panel';
import { LabelForm, LabelsPanel } from '../components/labels-panel';
import { TruthPanel } from '../components/truth-panel';
import { GraphView, NodeList } from '../components/graph-view';
import { attachRoles, normaliseGraph, roleOf, type GNode, type GraphData } from '../lib/graph';
import { href, navigate, entityHref } from '../lib/router';
import { can, useMe } from '../lib/session';
import { useLoad, useTask } from '../lib/task';

interface EgoResult {
  graph: GraphData;
  rolesNote: string;
}

async function loadEgo(signal: AbortSignal, step: (s: string) => void, id: string, depth: number, limit: number, from: string, to: string): Promise<EgoResult> {
  step('building the ego network');
  const raw = await getEgoNetwork({ id, depth, limit, from, to }, signal);
  const graph = normaliseGraph(raw);
  let rolesNote = '';
  if (graph.nodes.some((n) => !n.role && !n.victim)) {
    step('scoring roles');
    try {
      const roles = await listRoles({ limit: 500 }, signal);
      attachRoles(graph, roles.items ?? []);
    } catch (e) {
      if (e instanceof ApiError) rolesNote = `Role scores unavailable: ${e.message}`;
      else throw e;
    }
  }
  return { graph, rolesNote };
}

export function NetworkPage(props: { query: URLSearchParams }) {
  const focus = props.query.get('focus') ?? '';
  const [id, setId] = useState(focus);
  const [depth, setDepth] = useState(1);
  const [limit, setLimit] = useState(300);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [pathTo, setPathTo] = useState('');
  const [k, setK] = useState(3);
  const [labelsVersion, setLabelsVersion] = useState(0);
  const canLabel = can(useMe(), 'label_nodes');
  const labelled = () => setLabelsVersion((v) => v + 1);

  const ego = useLoad(async (signal, step) => (focus ? loadEgo(signal, step, focus, depth, limit, from, to) : null), [focus]);
  const rerun = useTask((signal, step) => loadEgo(signal, step, focus, depth, limit, from, to));
  const current = rerun.status !== 'idle' ? rerun : ego;

  const paths = useTask(async (signal, step, a: string, b: string, kk: number) => {
    step('searching shortest paths');
    return findPaths({ from: a, to: b, k: kk }, signal);
  });

  const submit = (e: Event) => {
    e.preventDefault();
    const v = id.trim();
    if (!v) return;
    if (v !== focus) navigate(href('/network', { focus: v }));
    else rerun.run();
  };

  return (
    <>
      <PageTitle title="Network" sub="Who is connected to whom, through calls, money, cases and travel; roles scored from structure and money flow." />
      <form class="toolbar" onSubmit={submit} aria-label="Ego network settings">
        <Field label="Entity id" id="focus" hint="From search or an entity page.">
          <input id="focus" value={id} required onInput={(e) => setId((e.target as HTMLInputElement).value)} />
        </Field>
        <Field label="Depth" id="depth">
          <select id="depth" value={depth} onChange={(e) => setDepth(Number((e.target as HTMLSelectElement).value))}>
            <option value={1}>1 hop</option><option value={2}>2 hops</option><option value={3}>3 hops</option>
          </select>
        </Field>
        <Field label="Most nodes" id="limit">
          <input id="limit" type="number" min={10} max={2000} value={limit} onInput={(e) => setLimit(Number((e.target as HTMLInputElement).value))} />
        </Field>
        <Field label="From date" id="from"><input id="from" type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} /></Field>
        <Field label="To date" id="to"><input id="to" type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} /></Field>
        <button type="submit">Show network</button>
      </form>

      {!focus && <TopRoles />}

      {focus && (
        <TaskView task={current} label="Loading the network" cancellable>
          {(r) => r && (
            <EgoView result={r} focus={focus} selected={selected} onSelect={setSelected}
              highlight={pathHighlight(paths.data)} onLabelled={canLabel ? labelled : undefined} />
          )}
        </TaskView>
      )}

      {focus && (
        <section class="panel" aria-labelledby="paths-h">
          <h2 id="paths-h">Paths between two entities</h2>
          <form class="toolbar" onSubmit={(e) => { e.preventDefault(); if (pathTo.trim()) paths.run(focus, pathTo.trim(), k); }}>
            <Field label="From" id="path-from"><input id="path-from" value={focus} readOnly /></Field>
            <Field label="To (entity id)" id="path-to"><input id="path-to" value={pathTo} required onInput={(e) => setPathTo((e.target as HTMLInputElement).value)} /></Field>
            <Field label="Paths" id="path-k">
              <input id="path-k" type="number" min={1} max={10} value={k} onInput={(e) => setK(Number((e.target as HTMLInputElement).value))} />
            </Field>
            <button type="submit">Find paths</button>
          </form>
          {paths.status !== 'idle' && (
            <TaskView task={paths} label="Finding paths" cancellable>
              {(p) => <PathList data={p} />}
            </TaskView>
          )}
        </section>
      )}

      {focus && <DisruptionPanel key={focus} focus={focus} />}

      <LabelsPanel version={labelsVersion} canLabel={canLabel} onChanged={labelled} />

      <TruthPanel />
    </>
  );
}

interface PathItem { nodes: { id: string; caption: string; victim?: boolean }[]; hops: number; cost?: number }

function pathItems(data: unknown): PathItem[] {
  const arr = Array.isArray(data) ? data : ((data as { paths?: unknown[] } | null)?.paths ?? []);
  return (arr as Record<string, unknown>[]).map((p) => {
    const nodes = (Array.isArray(p.nodes) ? p.nodes : []).map((n: unknown) =>
      typeof n === 'object' && n ? { id: String((n as Record<string, unknown>).id), caption: (n as Record<string, unknown>).victim ? '[victim]' : String((n as Record<string, unknown>).caption ?? (n as Record<string, unknown>).id), victim: Boolean((n as Record<string, unknown>).victim) } : { id: String(n), caption: String(n) });
    return { nodes, hops: typeof p.hops === 'number' ? p.hops : Math.max(0, nodes.length - 1), cost: typeof p.cost === 'number' ? p.cost : typeof p.length === 'number' ? p.length : undefined };
  });
}

function pathHighlight(data: unknown): Set<string> | undefined {
  if (!data) return undefined;
  const s = new Set<string>();
  for (const p of pathItems(data)) {
    p.nodes.forEach((n, i) => {
      s.add(n.id);
      if (i > 0) s.add(`${p.nodes[i - 1].id}>${n.id}`);
    });
  }
  return s;
}

function PathList(props: { data: unknown }) {
  const items = pathItems(props.data);
  if (!items.length) return <p class="notice">No path connects the two within the network.</p>;
  return (
    <ol class="paths" data-testid="paths">
      {items.map((p, i) => (
        <li key={i}>
          <span class="muted">{p.hops} hops{p.cost !== undefined ? `, cost ${fmtNumber(p.cost, 2)}` : ''}: </span>
          {p.nodes.map((n, j) => (
            <>
              {j > 0 && ' → '}
              {n.victim ? <span>[victim]</span> : <a href={entityHref(n.id)} dir="auto">{n.caption}</a>}
            </>
          ))}
        </li>
      ))}
    </ol>
  );
}

function EgoView(props: { result: EgoResult; focus: string; selected: string | null; onSelect: (k: string | null) => void; highlight?: Set<string>; onLabelled?: () => void }) {
  const { graph, rolesNote } = props.result;
  const node = graph.nodes.find((n) => n.key === props.selected) ?? null;
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const n of graph.nodes) if (n.role) c[n.role.role] = (c[n.role.role] ?? 0) + 1;
    return c;
  }, [graph]);
  if (!graph.nodes.length) return <p class="notice">This entity has no connections in the network (or it is not an actor).</p>;
  return (
    <section aria-label="Ego network" data-testid="ego">
      <p>
        {fmtNumber(graph.nodes.length)} nodes, {fmtNumber(graph.edges.length)} links.{' '}
        {Object.entries(counts).map(([r, c]) => <Badge key={r} kind={`role-${r}`}>{c} {r}</Badge>)}
      </p>
      {rolesNote && <p class="notice">{rolesNote}</p>}
      <div class="graph-layout">
        <GraphView data={graph} highlight={props.highlight} selected={props.selected} onSelect={props.onSelect} layout="ego"
          label={`Network of ${graph.nodes.length} nodes around the chosen entity; the list of nodes follows.`} />
        <aside class="side">
          {node ? <NodeDetail node={node} onLabelled={props.onLabelled} /> : <p class="muted">Select a node (in the drawing or the list) to see its role and the reasons.</p>}
          <h3>Nodes</h3>
          <NodeList nodes={graph.nodes} selected={props.selected} onSelect={props.onSelect} />
        </aside>
      </div>
    </section>
  );
}

/** `onLabelled` given: the analyst may label the node (a form under its details). */
export function NodeDetail(props: { node: GNode; onLabelled?: () => void }) {
  const n = props.node;
  const r = n.role;
  return (
    <div class="node-detail" data-testid="node-detail" aria-live="polite">
      <h3 dir="auto">{n.caption}</h3>
      <p>
        {n.kind} {r && <Badge kind={`role-${r.role}`}>{r.role}</Badge>} {n.victim && <Badge kind="role-victim">victim</Badge>}
      </p>
      {r && (
        <>
          <table class="data compact">
            <thead><tr><th scope="col">Score</th><th scope="col" class="num">Value</th></tr></thead>
            <tbody>
              <tr><th scope="row">Organiser</th><td class="num">{fmtNumber(r.organiser, 2)}</td></tr>
              <tr><th scope="row">Broker</th><td class="num">{fmtNumber(r.broker, 2)}</td></tr>
              <tr><th scope="row">Peripheral</th><td class="num">{fmtNumber(r.peripheral, 2)}</td></tr>
            </tbody>
          </table>
          <h4>Why</h4>
          <ReasonList title="Organiser" items={r.reasons.organiser} />
          <ReasonList title="Broker" items={r.reasons.broker} />
          <ReasonList title="Peripheral" items={r.reasons.peripheral} />
        </>
      )}
      {!r && !n.victim && <p class="muted">No role score for this node (not an actor, or not among the scored).</p>}
      {n.datasets && <p class="small">Sources: <Dash v={n.datasets} /></p>}
      {n.recordedRoles && Object.keys(n.recordedRoles).length > 0 && (
        <p class="small">Recorded as: {Object.entries(n.recordedRoles).map(([k, v]) => `${k} (${v})`).join(', ')}</p>
      )}
      {!n.victim && n.id && (
        <p>
          <a href={entityHref(n.id)}>Open entity</a> · <a href={href('/network', { focus: n.id })}>Centre here</a> ·{' '}
          <a href={href('/money', { from: n.id })}>Money trail</a> ·{' '}
          <a href={href('/timeline', { entity: n.id })}>Timeline</a>
        </p>
      )}
      {!n.victim && n.id && props.onLabelled && (
        <>
          <h4>Label this node</h4>
          <LabelForm key={n.id} nodeId={n.id} idPrefix="label-selected" onLabelled={props.onLabelled} />
        </>
      )}
    </div>
  );
}

function ReasonList(props: { title: string; items: string[] }) {
  if (!props.items.length) return null;
  return (
    <div>
      <strong>{props.title}:</strong>
      <ul class="reasons">{props.items.map((s, i) => <li key={i}>{s}</li>)}</ul>
    </div>
  );
}

function TopRoles() {
  const [role, setRole] = useState('');
  const t = useLoad((signal, step) => {
    step('scoring roles over the whole network');
    return listRoles({ limit: 50 }, signal);
  }, []);
  return (
    <section class="panel" aria-labelledby="top-h">
      <h2 id="top-h">Highest-scored actors</h2>
      <p class="muted">Start from a likely organiser or broker, or enter an entity id above.</p>
      <TaskView task={t} label="Loading role scores" cancellable>
        {(page) => {
          const items = (page.items ?? []).map((r) => ({ raw: r, info: roleOf(r) })).filter((x) => !role || x.info?.role === role);
          return (
            <>
              <Field label="Role" id="role-filter">
                <select id="role-filter" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value)}>
                  <option value="">All roles</option>
                  {['organiser', 'broker', 'recruiter', 'transporter', 'peripheral'].map((r) => <option key={r} value={r}>{r}</option>)}
                </select>
              </Field>
              <table class="data" data-testid="top-roles">
                <thead><tr><th scope="col">Actor</th><th scope="col">Role</th><th scope="col" class="num">Organiser</th><th scope="col" class="num">Broker</th><th scope="col">Main reason</th></tr></thead>
                <tbody>
                  {items.map(({ raw, info }) => (
                    <tr key={String(raw.id)}>
                      <td dir="auto"><a href={href('/network', { focus: String(raw.id) })}>{raw.victim ? '[victim]' : String(raw.caption ?? raw.id)}</a></td>
                      <td>{info && <Badge kind={`role-${info.role}`}>{info.role}</Badge>}</td>
                      <td class="num">{fmtNumber(info?.organiser, 2)}</td>
                      <td class="num">{fmtNumber(info?.broker, 2)}</td>
                      <td class="small">{info ? (info.reasons[info.role === 'organiser' ? 'organiser' : info.role === 'broker' ? 'broker' : 'peripheral'][0] ?? '') : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </TaskView>
    </section>
  );
}
