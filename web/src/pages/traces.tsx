// Trace requests (ITI): the list with a status filter, one request with its answers, and for
// firearms officers the answer form (outcome, last lawful holder, diversion point).
import { useState } from 'preact/hooks';
import { answerTraceRequest, getFirearm, getFirearmReference, getTraceRequest, listTraceRequests, type AnswerTraceRequestBody, type ListTraceRequestsParams } from '../api/generated/operations';
import { Badge, ErrorNotice, Field, KeyValues, PageTitle, Pager, TaskView } from '../components/common';
import { TraceTable } from './firearm';
import { can, useMe } from '../lib/session';
import { useLoad, useTask } from '../lib/task';

type TraceStatus = NonNullable<ListTraceRequestsParams['status']>;

export function TracesPage() {
  const [status, setStatus] = useState<TraceStatus | ''>('');
  const [offset, setOffset] = useState(0);
  const t = useLoad((signal) => listTraceRequests({ status: status || undefined, limit: 50, offset }, signal), [status, offset]);
  return (
    <>
      <PageTitle title="Trace requests" sub="Requests sent to identify the origin of illicit firearms, and their answers." />
      <Field label="Status" id="trace-status">
        <select id="trace-status" value={status} onChange={(e) => { setOffset(0); setStatus((e.target as HTMLSelectElement).value as TraceStatus | ''); }}>
          <option value="">All</option><option value="open">Open</option><option value="answered">Answered</option>
        </select>
      </Field>
      <TaskView task={t} label="Loading trace requests">
        {(p) => (
          <>
            <TraceTable items={p.items} />
            <Pager offset={p.offset} limit={50} next={p.next_offset} onPage={setOffset} />
          </>
        )}
      </TaskView>
    </>
  );
}

export function TracePage(props: { params: Record<string, string> }) {
  const id = props.params.id;
  const me = useMe();
  const t = useLoad(async (signal, step) => {
    step('reading the request');
    const r = await getTraceRequest({ request_id: id }, signal);
    step('reading the firearm');
    const f = await getFirearm({ id: r.firearm_id }, signal).catch(() => null);
    return { r, f };
  }, [id]);
  return (
    <TaskView task={t} label="Loading the trace request">
      {({ r, f }) => (
        <>
          <PageTitle title={`Trace request ${r.id}`} sub={<Badge kind={r.status === 'answered' ? 'ok' : 'warn'}>{r.status}</Badge>} />
          <div class="grid-2">
            <section aria-labelledby="req-h">
              <h2 id="req-h">Request</h2>
              <KeyValues rows={[
                ['Date', r.date], ['Requesting agency', r.requesting_agency], ['Requested party', r.requested_party],
                ['Why illicit', r.illicit_reason], ['Legal basis', r.legal_basis], ['Markings', r.markings], ['Type', r.type],
                ['Calibre', r.calibre], ['Intended use', r.intended_use],
              ]} />
              <p><a href={`/firearms/${r.firearm_id}`}>Firearm {f?.firearm.serial ?? r.firearm_id}</a></p>
            </section>
            <section aria-labelledby="chain-h">
              <h2 id="chain-h">Chain of custody and diversion points</h2>
              {f ? (
                <ol class="custody">
                  {f.custody.steps.map((s, i) => (
                    <li key={i} class={s.lawful ? 'lawful' : 'unlawful'}>
                      <Badge kind={s.lawful ? 'ok' : 'warn'}>{s.lawful ? 'lawful' : 'not lawful'}</Badge> {s.state.replace(/_/g, ' ')}{' '}
                      <span class="muted">{s.from ?? '?'} – {s.to ?? 'now'} {s.holder ? `· ${s.holder}` : ''}</span>
                    </li>
                  ))}
                  {f.custody.diversions.map((d, i) => (
                    <li key={`d${i}`} class="diversion"><Badge kind="warn">diversion {d.date}</Badge> {d.explanation || `${d.from_state} → ${d.to_state}`}</li>
                  ))}
                </ol>
              ) : <p class="muted">The firearm record could not be read.</p>}
            </section>
          </div>
          <section aria-labelledby="ans-h">
            <h2 id="ans-h">Answers</h2>
            {r.answers?.length ? (
              <table class="data" data-testid="answers">
                <thead><tr><th scope="col">Date</th><th scope="col">Responder</th><th scope="col">Outcome</th><th scope="col">Last lawful holder</th><th scope="col">Diversion point</th><th scope="col">Text</th></tr></thead>
                <tbody>
                  {r.answers.map((a) => (
                    <tr key={a.id}><td>{a.date}</td><td>{a.responder}</td><td><Badge kind={a.outcome === 'origin_established' ? 'ok' : ''}>{a.outcome.replace(/_/g, ' ')}</Badge></td>
                      <td>{a.last_lawful_holder || '—'}</td><td>{a.diversion_point || '—'}</td><td>{a.text || '—'}</td></tr>
                  ))}
                </tbody>
              </table>
            ) : <p class="muted">No answer yet.</p>}
            {can(me, 'write_traces') && <Answer id={r.id} onDone={() => t.run()} />}
          </section>
        </>
      )}
    </TaskView>
  );
}

function Answer(props: { id: string; onDone: () => void }) {
  const ref = useLoad((signal) => getFirearmReference(signal), []);
  const [v, setV] = useState<Record<string, string>>({ date: new Date().toISOString().slice(0, 10), responder: '', outcome: 'origin_established', last_lawful_holder: '', diversion_point: '', text: '' });
  const save = useTask(async (signal) => {
    const given = (k: string) => v[k].trim() || undefined;
    const body: AnswerTraceRequestBody = {
      date: v.date.trim(), responder: v.responder.trim(), outcome: v.outcome as AnswerTraceRequestBody['outcome'],
      last_lawful_holder: given('last_lawful_holder'), diversion_point: given('diversion_point'), text: given('text'),
    };
    await answerTraceRequest({ request_id: props.id }, body, signal);
    props.onDone();
    return true;
  });
  const set = (k: string) => (e: Event) => setV({ ...v, [k]: (e.target as HTMLInputElement).value });
  const outcomes = ref.data?.trace_outcomes ?? ['origin_established', 'partial', 'not_traceable', 'no_record'];
  return (
    <details class="panel">
      <summary>Record an answer</summary>
      <form class="form-grid" onSubmit={(e) => { e.preventDefault(); save.run(); }}>
        <Field label="Date" id="a-date"><input id="a-date" type="date" required value={v.date} onInput={set('date')} /></Field>
        <Field label="Responder" id="a-resp"><input id="a-resp" required value={v.responder} onInput={set('responder')} /></Field>
        <Field label="Outcome" id="a-out">
          <select id="a-out" value={v.outcome} onChange={set('outcome')}>{outcomes.map((o) => <option key={o} value={o}>{o.replace(/_/g, ' ')}</option>)}</select>
        </Field>
        <Field label="Last lawful holder" id="a-holder"><input id="a-holder" value={v.last_lawful_holder} onInput={set('last_lawful_holder')} /></Field>
        <Field label="Diversion point" id="a-div"><input id="a-div" value={v.diversion_point} onInput={set('diversion_point')} /></Field>
        <Field label="Text" id="a-text"><textarea id="a-text" value={v.text} maxLength={10000} onInput={set('text')} /></Field>
        <div class="actions"><button type="submit" disabled={save.status === 'running'}>Record answer</button></div>
      </form>
      {save.status === 'error' && <ErrorNotice error={save.error} />}
    </details>
  );
}
