// "What if they are removed?": the network page's disruption panel. The analyst lists the people to
// remove (cluster or entity ids; the page's centre to start with), or asks for the k key players
// (Borgatti's KPP-Neg), and sees reachability before and after, the money the removed relayed and the
// remaining contacts who could reconnect the pieces; given a removal date, who rose among their contacts
// afterwards (docs/network.md, "Disruption").
import { useState } from 'preact/hooks';
import { analyseDisruption, findKeyPlayers, findSuccessors } from '../api/generated/operations';
import type { ComponentFigures, Disruption, Succession } from '../api/generated/schemas';
import { Field, fmtNumber, fmtTotals, TaskView } from './common';
import { entityHref } from '../lib/router';
import { useTask } from '../lib/task';

export function DisruptionPanel(props: { focus: string }) {
  const [remove, setRemove] = useState(props.focus);
  const [k, setK] = useState(3);
  const [date, setDate] = useState('');
  const effect = useTask(async (signal, step, ids: string) => {
    step('removing them from the network');
    return analyseDisruption({ remove: ids }, signal);
  });
  const successors = useTask(async (signal, step, ids: string, day: string) => {
    step('comparing the network before and after the date');
    return findSuccessors({ remove: ids, date: day }, signal);
  });
  const players = useTask(async (signal, step, kk: number) => {
    step('searching for the key players');
    const r = await findKeyPlayers({ k: kk }, signal);
    const ids = (r.players ?? []).map((p) => p.id ?? '').filter(Boolean).join(',');
    setRemove(ids);
    if (ids) effect.run(ids);
    return r;
  });
  return (
    <section class="panel" aria-labelledby="disrupt-h">
      <h2 id="disrupt-h">What if they are removed?</h2>
      <form class="toolbar" onSubmit={(e) => { e.preventDefault(); if (remove.trim()) effect.run(remove.trim()); }}>
        <Field label="Remove (ids, comma-separated)" id="disrupt-remove" hint="Arrested people, frozen accounts, cut phones.">
          <input id="disrupt-remove" value={remove} required onInput={(e) => setRemove((e.target as HTMLInputElement).value)} />
        </Field>
        <button type="submit">Analyse removal</button>
        <Field label="Key players" id="disrupt-k">
          <input id="disrupt-k" type="number" min={1} max={20} value={k} onInput={(e) => setK(Number((e.target as HTMLInputElement).value))} />
        </Field>
        <button type="button" onClick={() => players.run(k)}>Find key players</button>
        <Field label="Removal date" id="disrupt-date" hint="Arrest or seizure: who rose among their contacts after it.">
          <input id="disrupt-date" type="date" value={date} onInput={(e) => setDate((e.target as HTMLInputElement).value)} />
        </Field>
        <button type="button" disabled={!date || !remove.trim()} onClick={() => successors.run(remove.trim(), date)}>Who replaced them?</button>
      </form>
      {players.status === 'running' && <TaskView task={players} label="Finding key players" cancellable>{() => null}</TaskView>}
      {effect.status !== 'idle' && (
        <TaskView task={effect} label="Analysing the removal" cancellable>
          {(d) => <DisruptionReport data={d} />}
        </TaskView>
      )}
      {successors.status !== 'idle' && (
        <TaskView task={successors} label="Finding successors" cancellable>
          {(s) => <SuccessorList data={s} />}
        </TaskView>
      )}
    </section>
  );
}

function FigureRow(props: { name: string; pick: (f: ComponentFigures) => number | undefined; data: Disruption; digits?: number }) {
  const { before, after } = props.data;
  return (
    <tr>
      <th scope="row">{props.name}</th>
      <td class="num">{fmtNumber(before ? props.pick(before) : null, props.digits ?? 0)}</td>
      <td class="num">{fmtNumber(after ? props.pick(after) : null, props.digits ?? 0)}</td>
    </tr>
  );
}

function DisruptionReport(props: { data: Disruption }) {
  const d = props.data;
  const m = d.money ?? {};
  const brokers = d.brokers ?? [];
  return (
    <div data-testid="disruption">
      <p>
        Removing {(d.removed ?? []).map((r) => (r.victim ? '[victim]' : r.caption ?? r.id)).join(', ')}:{' '}
        <strong data-testid="pairs-disconnected">{fmtNumber(d.pairs_disconnected)}</strong> pairs of remaining nodes are no
        longer connected; {fmtNumber(d.cut_from_largest)} nodes are cut from the largest component.
      </p>
      <table class="data compact">
        <thead><tr><th scope="col">Network</th><th scope="col" class="num">Before</th><th scope="col" class="num">After</th></tr></thead>
        <tbody>
          <FigureRow data={d} name="Nodes" pick={(f) => f.nodes} />
          <FigureRow data={d} name="Components" pick={(f) => f.components} />
          <FigureRow data={d} name="Largest component" pick={(f) => f.largest} />
          <FigureRow data={d} name="Connected pairs" pick={(f) => f.connected_pairs} />
          <FigureRow data={d} name="Fragmentation" pick={(f) => f.fragmentation} digits={3} />
        </tbody>
      </table>
      <p>
        Money: {fmtNumber(m.payments_touched)} payments ({fmtTotals(m.touched)}) involved them; at most{' '}
        <strong>{fmtTotals(m.relayed)}</strong> can have passed between the remaining accounts through them (per currency).
      </p>
      <h3>Who could reconnect it</h3>
      {brokers.length === 0 ? (
        <p class="muted">No remaining contact of the removed reaches another piece.</p>
      ) : (
        <ol data-testid="reconnecting-brokers">
          {brokers.map((b) => (
            <li key={b.id}>
              {b.victim ? <span>[victim]</span> : <a href={entityHref(b.id ?? '')} dir="auto">{b.caption ?? b.id}</a>}{' '}
              <span class="muted">reaches {fmtNumber(b.components)} other piece(s) ({fmtNumber(b.nodes_reached)} nodes); restores {fmtNumber(b.pairs_restored)} pairs</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function SuccessorList(props: { data: Succession }) {
  const s = props.data;
  const list = s.successors ?? [];
  return (
    <div>
      <h3>Who replaced them after {s.removal_date}</h3>
      <p class="muted">
        {fmtNumber(s.edges_before)} dated ties before, {fmtNumber(s.edges_after)} after; contacts of the removed by the rise of
        their betweenness{s.betweenness_exact ? '' : ' (sampled)'}, then degree.
      </p>
      {list.length === 0 ? (
        <p class="notice">The removed had no remaining contact before the date.</p>
      ) : (
        <table class="data compact" data-testid="successors">
          <thead><tr><th scope="col">Contact</th><th scope="col" class="num">Betweenness before</th><th scope="col" class="num">After</th><th scope="col" class="num">Degree before</th><th scope="col" class="num">After</th></tr></thead>
          <tbody>
            {list.map((x) => (
              <tr key={x.id}>
                <th scope="row">{x.victim ? '[victim]' : <a href={entityHref(x.id ?? '')} dir="auto">{x.caption ?? x.id}</a>}</th>
                <td class="num">{fmtNumber(x.betweenness_before, 4)}</td>
                <td class="num">{fmtNumber(x.betweenness_after, 4)}</td>
                <td class="num">{fmtNumber(x.degree_before)}</td>
                <td class="num">{fmtNumber(x.degree_after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
