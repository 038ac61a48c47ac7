// Learning from analysts (docs/network.md, "Learning from analysts"): the network page's labels
// panel. An analyst marks nodes as known organisers, brokers, couriers or laundering accounts (the
// selected node of the drawing, or any node by id), with a reason; every change is audited by the
// server. The panel lists the labelled nodes and, on "Learn", ranks the unlabelled actors like the
// labelled ones (XGBoost over graph features), each with the features that raised or lowered its
// score, and shows the cross-validated precision beside plain degree and PageRank.
import { useState } from 'preact/hooks';
import { ApiError, describeError } from '../api/client';
import { addNodeLabel, learnFromLabels, listNodeLabels, removeNodeLabel } from '../api/generated/operations';
import type { LearnedRanking, NodeLabel } from '../api/generated/schemas';
import { Badge, Field, fmtDate, fmtNumber, TaskView } from './common';
import { href } from '../lib/router';
import { useLoad, useTask } from '../lib/task';

/** Suggested labels; any one word is accepted. */
export const LABEL_WORDS = ['organiser', 'broker', 'courier', 'laundering'];

function LabelError(props: { error: unknown }) {
  const e = props.error;
  return <p class="error" role="alert">{e instanceof ApiError ? e.message : describeError(e)}</p>;
}

/** Label one node: the given one (`nodeId`), or one whose id the analyst types. */
export function LabelForm(props: { nodeId?: string; idPrefix: string; onLabelled: () => void }) {
  const [id, setId] = useState('');
  const [word, setWord] = useState('organiser');
  const [reason, setReason] = useState('');
  const save = useTask(async (signal, step, node: string, label: string, why: string) => {
    step('saving the label');
    const r = await addNodeLabel({ node, label, reason: why }, signal);
    setReason('');
    if (!props.nodeId) setId('');
    props.onLabelled();
    return r.label;
  });
  const p = props.idPrefix;
  const node = props.nodeId ?? id.trim();
  return (
    <form class="toolbar" aria-label="Label a node" data-testid={`${p}-form`}
      onSubmit={(e) => { e.preventDefault(); if (node && word.trim()) save.run(node, word.trim(), reason.trim()); }}>
      {!props.nodeId && (
        <Field label="Node id" id={`${p}-node`} hint="A cluster or entity id (from the drawing, search or an entity page).">
          <input id={`${p}-node`} value={id} required onInput={(e) => setId((e.target as HTMLInputElement).value)} />
        </Field>
      )}
      <Field label="Label" id={`${p}-word`} hint="Organiser, broker, courier, laundering, or any one word.">
        <input id={`${p}-word`} list={`${p}-words`} value={word} required maxLength={40}
          onInput={(e) => setWord((e.target as HTMLInputElement).value)} />
      </Field>
      <datalist id={`${p}-words`}>{LABEL_WORDS.map((w) => <option key={w} value={w} />)}</datalist>
      <Field label="Reason" id={`${p}-reason`} hint="Why: kept with the label and in the audit log.">
        <input id={`${p}-reason`} value={reason} maxLength={2000} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </Field>
      <button type="submit" disabled={save.status === 'running'}>Label node</button>
      {save.status === 'done' && save.data && (
        <span role="status" class="muted" data-testid={`${p}-saved`}>Labelled {save.data.caption ?? save.data.node} as {save.data.label}.</span>
      )}
      {save.status === 'error' && <LabelError error={save.error} />}
    </form>
  );
}

/** The labelled nodes, "label a node by id", and learning a label. `version` changes when a label was added elsewhere. */
export function LabelsPanel(props: { version: number; canLabel: boolean; onChanged: () => void }) {
  const labels = useLoad(async (signal, step) => {
    step('reading the labels');
    return listNodeLabels({ limit: 500 }, signal);
  }, [props.version]);
  const remove = useTask(async (signal, step, l: NodeLabel) => {
    step('removing the label');
    await removeNodeLabel({ node: l.node, label: l.label, reason: 'removed in the workbench' }, signal);
    props.onChanged();
    return l;
  });
  const [learnWord, setLearnWord] = useState('');
  const [limit, setLimit] = useState(20);
  const learn = useTask(async (signal, step, label: string, n: number) => {
    step('training and cross-validating the model');
    return learnFromLabels({ label, limit: n }, signal);
  });
  const inUse = Object.keys(labels.data?.labels ?? {});
  const word = learnWord || inUse[0] || 'organiser';
  return (
    <section class="panel" aria-labelledby="labels-h" data-testid="labels-panel">
      <h2 id="labels-h">Learning from analysts</h2>
      <p class="muted">
        Mark nodes you know as organisers, brokers, couriers or laundering accounts; the model ranks the rest like them and
        says which features raised each score. Every change is audited.
      </p>
      {props.canLabel && <LabelForm idPrefix="label-by-id" onLabelled={props.onChanged} />}
      <TaskView task={labels} label="Loading labels">
        {(page) => <LabelTable items={page.items ?? []} canLabel={props.canLabel} onRemove={(l) => remove.run(l)} />}
      </TaskView>
      {remove.status === 'error' && <LabelError error={remove.error} />}
      <form class="toolbar" aria-label="Learn a label" onSubmit={(e) => { e.preventDefault(); learn.run(word, limit); }}>
        <Field label="Label to learn" id="learn-label">
          <select id="learn-label" value={word} onChange={(e) => setLearnWord((e.target as HTMLSelectElement).value)}>
            {(inUse.length ? inUse : LABEL_WORDS).map((w) => (
              <option key={w} value={w}>{w}{labels.data?.labels?.[w] ? ` (${labels.data.labels[w]} labelled)` : ''}</option>
            ))}
          </select>
        </Field>
        <Field label="Ranked nodes" id="learn-limit">
          <input id="learn-limit" type="number" min={1} max={200} value={limit} onInput={(e) => setLimit(Number((e.target as HTMLInputElement).value))} />
        </Field>
        <button type="submit">Learn</button>
      </form>
      {learn.status !== 'idle' && (
        <TaskView task={learn} label="Learning from the labels" cancellable>
          {(r) => <LearnedView r={r} />}
        </TaskView>
      )}
    </section>
  );
}

function LabelTable(props: { items: NodeLabel[]; canLabel: boolean; onRemove: (l: NodeLabel) => void }) {
  if (!props.items.length) return <p class="notice">No node is labelled yet.</p>;
  return (
    <table class="data" data-testid="labelled-nodes">
      <caption>Labelled nodes</caption>
      <thead>
        <tr><th scope="col">Node</th><th scope="col">Label</th><th scope="col">By</th><th scope="col">When</th><th scope="col">Reason</th>{props.canLabel && <th scope="col"><span class="sr-only">Remove</span></th>}</tr>
      </thead>
      <tbody>
        {props.items.map((l) => (
          <tr key={`${l.node}|${l.label}`} data-node={l.node}>
            <td dir="auto">
              {l.victim ? '[victim]' : l.in_network
                ? <a href={href('/network', { focus: l.network_id ?? l.node })}>{l.caption ?? l.node}</a>
                : <span title="Not in the current network (another store, or merged by a later resolution)">{l.node} (not in the network)</span>}
            </td>
            <td><Badge kind={`role-${l.label}`}>{l.label}</Badge></td>
            <td>{l.user}</td>
            <td>{fmtDate(l.at ?? null)}</td>
            <td class="small" dir="auto">{l.note}</td>
            {props.canLabel && <td><button type="button" class="link" onClick={() => props.onRemove(l)}>Remove</button></td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function pct(x: number | undefined): string {
  return x === undefined ? '—' : `${fmtNumber(x * 100, 0)} %`;
}

function LearnedView(props: { r: LearnedRanking }) {
  const r = props.r;
  return (
    <div data-testid="learned">
      <p>
        <strong>{r.label}</strong>: {fmtNumber(r.positives)} labelled of {fmtNumber(r.actors)} actors, {r.folds}-fold cross-validation.
        Unlabelled nodes count as negatives, so the figures are lower bounds.
      </p>
      <table class="data compact" data-testid="learn-figures">
        <caption>Share of the labelled nodes found among the top {fmtNumber(r.positives)} (R-precision)</caption>
        <thead><tr><th scope="col">Ranking by</th><th scope="col" class="num">R-precision</th></tr></thead>
        <tbody>
          <tr data-figure="model"><th scope="row">The model (out of fold)</th><td class="num" data-testid="cv-r-precision">{pct(r.cv_r_precision)}</td></tr>
          <tr data-figure="degree"><th scope="row">Degree</th><td class="num" data-testid="degree-r-precision">{pct(r.degree_r_precision)}</td></tr>
          <tr data-figure="pagerank"><th scope="row">PageRank</th><td class="num" data-testid="pagerank-r-precision">{pct(r.pagerank_r_precision)}</td></tr>
        </tbody>
      </table>
      <p class="small muted">Model precision at 10: {pct(r.cv_precision_at_10)}; per fold: {r.fold_r_precision.map((f) => pct(f)).join(', ')}.</p>
      {r.ranked.length === 0 ? (
        <p class="notice">Every actor is labelled: nothing left to rank.</p>
      ) : (
        <table class="data" data-testid="learned-ranking">
          <caption>Unlabelled nodes most like the labelled ones</caption>
          <thead><tr><th scope="col" class="num">#</th><th scope="col">Node</th><th scope="col" class="num">Score</th><th scope="col">Features behind the score (+ raised it)</th></tr></thead>
          <tbody>
            {r.ranked.map((s) => (
              <tr key={s.id} data-node={s.id}>
                <td class="num">{s.rank}</td>
                <td dir="auto">{s.victim ? '[victim]' : <a href={href('/network', { focus: s.id ?? '' })}>{s.caption ?? s.id}</a>}</td>
                <td class="num">{fmtNumber(s.score, 2)}</td>
                <td class="small">
                  {s.features.map((f, i) => (
                    <span key={f.feature}>{i > 0 && '; '}{f.feature} {fmtNumber(f.value, 3)} ({f.contribution >= 0 ? '+' : ''}{fmtNumber(f.contribution, 2)})</span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
