// Entity page: every value with its provenance (source dataset, source record, import time), the
// resolved cluster and its members, judgements, and for analysts the match explanation (waterfall
// of Fellegi–Sunter weights) against another record with a match / no-match judgement; texts with
// their selectors highlighted and linked (components/text-mentions.tsx).
import { useState } from 'preact/hooks';
import { explainMatch, getEntity, recordJudgement } from '../api/generated/operations';
import type { Entity, Explanation, Statement } from '../api/generated/schemas';
import { Badge, Dash, ErrorNotice, Field, fmtDate, fmtNumber, PageTitle, Progress, TaskView } from '../components/common';
import { TextMentions } from '../components/text-mentions';
import { href, entityHref } from '../lib/router';
import { can, useMe } from '../lib/session';
import { useLoad, useTask } from '../lib/task';

export function EntityPage(props: { query: URLSearchParams }) {
  const id = props.query.get('id') ?? '';
  const me = useMe();
  const task = useLoad((signal) => getEntity({ id }, signal), [id]);
  return (
    <TaskView task={task} label="Loading the entity">
      {(e) => (
        <>
          <PageTitle title={e.caption || e.id} sub={<>{e.schema} · first loaded from {e.dataset}</>} />
          <nav class="actions" aria-label="Views of this entity">
            {can(me, 'read_network') && <a class="button secondary" href={href('/network', { focus: e.id })}>Network around it</a>}
            {can(me, 'read_network') && <a class="button secondary" href={href('/money', { from: e.id })}>Money trail</a>}
            {can(me, 'read_network') && <a class="button secondary" href={href('/timeline', { entity: e.id })}>Timeline</a>}
          </nav>
          <div class="grid-2">
            <section aria-labelledby="values-h">
              <h2 id="values-h">Values and where they come from</h2>
              <Statements statements={e.statements} />
            </section>
            <section aria-labelledby="cluster-h">
              <h2 id="cluster-h">Resolved entity</h2>
              <Cluster e={e} />
              <h3>Judgements</h3>
              {e.judgements.length ? (
                <ul class="plain">
                  {e.judgements.map((j) => (
                    <li key={`${j.left}|${j.right}`}>
                      <Badge kind={j.decision === 'match' ? 'ok' : 'warn'}>{j.decision}</Badge>{' '}
                      <a href={entityHref(j.left === e.id ? j.right : j.left)}>{j.left === e.id ? j.right : j.left}</a>{' '}
                      <span class="muted">by {j.user}, {fmtDate(j.at)}</span>
                      {j.note && <div class="muted">“{j.note}”</div>}
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="muted">No analyst has judged this record.</p>
              )}
              {can(me, 'explain_resolution') && (isResolvedView(e)
                ? <p class="muted">Open one of its records to explain or judge a link between two records.</p>
                : <ExplainPanel e={e} canJudge={can(me, 'judge_resolution')} onJudged={() => task.run()} />)}
            </section>
          </div>
          <TextMentions e={e} />
          <p class="muted small">{isResolvedView(e) ? 'Resolved entity (cluster) id' : 'Record id'}: <code>{e.id}</code></p>
        </>
      )}
    </TaskView>
  );
}

/** The page was opened by a cluster id (as the network and money trail name nodes): the values of all its records. */
function isResolvedView(e: Entity): boolean {
  return e.id === e.cluster && e.cluster_members.length > 0;
}

/** Europol 4x4 evaluation and handling code of one value (docs/sharing.md); ungraded values are never shared. */
function Grading(props: { grading: Statement["grading"] }) {
  const g = props.grading;
  if (!g) return <span class="muted" title="No handling code: this value is never shared with a partner agency">ungraded</span>;
  const evaluation = `${g.source}${g.information}`;
  return (
    <span
      data-testid="grading"
      title={`source evaluation ${g.source || "-"}, information evaluation ${g.information || "-"}, handling code ${g.handling || "none"}`}
    >
      {evaluation}
      {evaluation && g.handling ? " " : ""}
      {g.handling ? <strong>{g.handling}</strong> : null}
    </span>
  );
}

function Statements(props: { statements: Statement[] }) {
  const rows = [...props.statements].sort((a, b) => a.prop.localeCompare(b.prop) || a.value.localeCompare(b.value));
  if (!rows.length) return <p class="muted">No values.</p>;
  return (
    <table class="data" data-testid="statements">
      <thead>
        <tr>
          <th scope="col">Property</th>
          <th scope="col">Value</th>
          <th scope="col">Dataset</th>
          <th scope="col">Source record</th>
          <th scope="col">Imported</th>
          <th scope="col">Grading</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s, i) => (
          <tr key={i}>
            <th scope="row">{s.prop}</th>
            <td dir="auto">{s.value}</td>
            <td>{s.dataset}</td>
            <td><code>{s.record}</code></td>
            <td>{fmtDate(s.first_seen)}</td>
            <td>
              <Grading grading={s.grading} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Cluster(props: { e: Entity }) {
  const { e } = props;
  const members = e.cluster_members.filter((m) => m !== e.id);
  if (e.cluster === e.id && !members.length) return <p class="muted">Not linked to any other record (its own entity).</p>;
  return (
    <>
      <p>
        Resolved entity <code>{e.cluster}</code> joins {fmtNumber(e.cluster_members.length)} records:
      </p>
      <ul class="plain members" data-testid="cluster-members">
        {e.cluster_members.map((m) => (
          <li key={m}>
            {m === e.id ? <strong>{m} (this record)</strong> : <a href={entityHref(m)}>{m}</a>}
          </li>
        ))}
      </ul>
    </>
  );
}

function ExplainPanel(props: { e: Entity; canJudge: boolean; onJudged: () => void }) {
  const others = props.e.cluster_members.filter((m) => m !== props.e.id);
  const [other, setOther] = useState(others[0] ?? '');
  const [note, setNote] = useState('');
  const explain = useTask((signal, step, right: string) => {
    step('weighing each field');
    return explainMatch({ left: props.e.id, right }, signal);
  });
  const judge = useTask(async (signal, step, decision: 'match' | 'no-match') => {
    step('recording the judgement and re-clustering the store');
    const r = await recordJudgement({ left: props.e.id, right: other, decision, note: note || undefined }, signal);
    return { decision, ...r };
  });
  return (
    <section class="panel" aria-labelledby="explain-h">
      <h3 id="explain-h">Explain a link</h3>
      <form class="toolbar" onSubmit={(ev) => { ev.preventDefault(); if (other.trim()) explain.run(other.trim()); }}>
        <Field label="Other record id" id="other" hint={others.length ? 'A member of the cluster, or any record id from search.' : 'Any Person, Phone or Wallet record id from search.'}>
          <input id="other" list="cluster-list" value={other} onInput={(ev) => setOther((ev.target as HTMLInputElement).value)} />
          <datalist id="cluster-list">
            {others.map((m) => <option key={m} value={m} />)}
          </datalist>
        </Field>
        <button type="submit">Explain</button>
      </form>
      {explain.status !== 'idle' && (
        <TaskView task={explain} label="Explaining" cancellable>
          {(x) => <Waterfall x={x} />}
        </TaskView>
      )}
      {props.canJudge && explain.data && explain.status === 'done' && (
        <div class="judge">
          <Field label="Note for the record (optional)" id="judge-note">
            <input id="judge-note" value={note} maxLength={2000} onInput={(ev) => setNote((ev.target as HTMLInputElement).value)} />
          </Field>
          <div class="actions">
            <button type="button" onClick={() => judge.run('match')} disabled={judge.status === 'running'}>Same (match)</button>
            <button type="button" class="danger" onClick={() => judge.run('no-match')} disabled={judge.status === 'running'}>Not the same (no-match)</button>
          </div>
          {judge.status === 'running' && <Progress label="Judging" step={judge.step} startedAt={judge.startedAt} />}
          {judge.status === 'error' && <ErrorNotice error={judge.error} />}
          {judge.status === 'done' && judge.data && (
            <p class="notice" role="status">
              Recorded “{judge.data.decision}”. {judge.data.applied ? `Re-clustered: the two are ${judge.data.same_entity ? 'now one entity' : 'now separate entities'}.` : 'Not applied yet.'}{' '}
              <button type="button" class="link" onClick={props.onJudged}>Reload</button>
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function Waterfall(props: { x: Explanation }) {
  const { x } = props;
  const max = Math.max(1, ...x.steps.map((s) => Math.abs(s.weight)));
  return (
    <div data-testid="waterfall">
      <p>
        Match probability <strong>{fmtNumber(x.match_probability * 100, 1)}%</strong> (total weight {fmtNumber(x.match_weight, 2)}, threshold {fmtNumber(x.threshold, 2)}).{' '}
        <Badge kind={x.match ? 'ok' : 'warn'}>{x.match ? 'linked' : 'not linked'}</Badge>{' '}
        {x.judgement !== null && <Badge>judged {x.judgement}</Badge>}
      </p>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Agreement</th>
            <th scope="col">This record</th>
            <th scope="col">Other</th>
            <th scope="col" class="num">Weight</th>
            <th scope="col"><span class="sr-only">Bar</span></th>
          </tr>
        </thead>
        <tbody>
          {x.steps.map((s, i) => (
            <tr key={i}>
              <th scope="row">{s.field}</th>
              <td>{s.level}</td>
              <td dir="auto"><Dash v={s.left} /></td>
              <td dir="auto"><Dash v={s.right} /></td>
              <td class="num">{fmtNumber(s.weight, 2)}</td>
              <td class="bar-cell">
                <Bar value={s.weight} max={max} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Bar(props: { value: number; max: number }) {
  const w = Math.round((Math.abs(props.value) / props.max) * 50);
  const x = props.value >= 0 ? 50 : 50 - w;
  return (
    <svg viewBox="0 0 100 10" width="120" height="12" aria-hidden="true" class="bar">
      <line x1="50" y1="0" x2="50" y2="10" stroke="currentColor" stroke-width="0.5" />
      <rect x={x} y="1" width={w} height="8" class={props.value >= 0 ? 'pos' : 'neg'} />
    </svg>
  );
}
