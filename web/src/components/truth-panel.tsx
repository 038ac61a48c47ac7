// Evaluate against any truth file (docs/network.md, issue 14 point 6): the network page's panel where
// an analyst uploads (or pastes) a ground-truth CSV — id,role or dataset,schema,key,role — and sees,
// per label, how Kashf's role score ranks the true nodes beside plain degree and PageRank ranked on
// the same network (precision and recall at k, R-precision, and the verdict in words). The file
// stays in the browser until sent; the server audits the evaluation by counts only.
import { useState } from 'preact/hooks';
import { evaluateAgainstTruth } from '../api/generated/operations';
import type { TruthEvaluation } from '../api/generated/schemas';
import { Field, fmtNumber, TaskView } from './common';
import { useTask } from '../lib/task';

const MAX_BYTES = 4 * 1024 * 1024;

function pct(x: number): string {
  return x.toFixed(2);
}

function EvaluationTable(props: { ev: TruthEvaluation }) {
  const ev = props.ev;
  return (
    <div data-testid="truth-result">
      <p class="muted">
        {fmtNumber(ev.matched_rows)} of {fmtNumber(ev.rows)} rows name a node
        {ev.unknown > 0 && <> ({fmtNumber(ev.unknown)} skipped as unknown, first: {ev.unknown_examples.join(', ')})</>};
        ranked among {fmtNumber(ev.actors)} actors.
      </p>
      <table class="data">
        <caption class="sr-only">Rankings against the truth file</caption>
        <thead>
          <tr><th>Label</th><th>True nodes</th><th>Ranking</th><th>P@{ev.k}</th><th>R@{ev.k}</th><th>R-precision</th></tr>
        </thead>
        <tbody>
          {ev.labels.flatMap((l) => l.rankings.map((r, i) => (
            <tr key={`${l.label}-${r.ranking}`} data-testid={`truth-${l.label}-${r.ranking}`}>
              <td>{i === 0 ? l.label : ''}</td>
              <td>{i === 0 ? fmtNumber(l.true_nodes) : ''}</td>
              <td>{r.ranking}</td>
              <td>{pct(r.precision_at_k)}</td>
              <td>{pct(r.recall_at_k)}</td>
              <td>{pct(r.r_precision)}</td>
            </tr>
          )))}
        </tbody>
      </table>
      <ul>
        {ev.labels.map((l) => <li key={l.label} data-testid={`truth-verdict-${l.label}`}><strong>{l.label}</strong>: {l.verdict}</li>)}
      </ul>
    </div>
  );
}

export function TruthPanel() {
  const [text, setText] = useState('');
  const [k, setK] = useState(10);
  const [skipUnknown, setSkipUnknown] = useState(false);
  const [fileNote, setFileNote] = useState('');
  const evaluate = useTask(async (signal, step, truth: string, kk: number, skip: boolean) => {
    step('scoring the rankings');
    return evaluateAgainstTruth({ truth, k: kk, skip_unknown: skip }, signal);
  });
  const readFile = async (input: HTMLInputElement) => {
    const f = input.files?.[0];
    if (!f) return;
    if (f.size > MAX_BYTES) {
      setFileNote(`${f.name} is larger than 4 MiB; evaluate a sample of it.`);
      return;
    }
    setText(await f.text());
    setFileNote(`${f.name} loaded.`);
  };
  return (
    <section class="panel" aria-labelledby="truth-h">
      <h2 id="truth-h">Evaluate against a truth file</h2>
      <p class="muted">
        A CSV with a header <code>id,role</code> (cluster or entity ids) or <code>dataset,schema,key,role</code> (records as
        ingested), one row per labelled node. Kashf's role score is ranked beside degree and PageRank on the same network.
      </p>
      <form aria-label="Evaluate against a truth file" onSubmit={(e) => { e.preventDefault(); if (text.trim()) evaluate.run(text, k, skipUnknown); }}>
        <div class="toolbar">
          <Field label="Truth file" id="truth-file">
            <input id="truth-file" type="file" accept=".csv,text/csv" onChange={(e) => void readFile(e.target as HTMLInputElement)} />
          </Field>
          <Field label="k" id="truth-k" hint="Precision and recall in the top k.">
            <input id="truth-k" type="number" min={1} max={1000} value={k} onInput={(e) => setK(Number((e.target as HTMLInputElement).value))} />
          </Field>
          <div class="field checkbox">
            <input id="truth-skip" type="checkbox" checked={skipUnknown} onChange={(e) => setSkipUnknown((e.target as HTMLInputElement).checked)} />
            <label for="truth-skip">Skip rows naming no node</label>
          </div>
        </div>
        {fileNote && <p class="muted" role="status">{fileNote}</p>}
        <Field label="Or paste the CSV" id="truth-text">
          <textarea id="truth-text" rows={5} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        </Field>
        <button type="submit" disabled={!text.trim() || evaluate.status === 'running'}>Evaluate</button>
      </form>
      {evaluate.status !== 'idle' && (
        <TaskView task={evaluate} label="Evaluating">
          {(ev) => <EvaluationTable ev={ev} />}
        </TaskView>
      )}
    </section>
  );
}
