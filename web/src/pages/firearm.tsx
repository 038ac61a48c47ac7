// One firearm: Protocol markings, lifecycle events, chain of custody with the diversion points (where
// it left lawful hands), trace requests; for firearms officers, the next lifecycle event (only those
// the lifecycle rules allow from the current state) and a new ITI tracing request.
import { useState } from 'preact/hooks';
import { createTraceRequest, getFirearm, getFirearmReference, recordFirearmEvent, type RecordFirearmEventBody } from '../api/generated/operations';
import type { FirearmDetail, TraceRequest } from '../api/generated/schemas';
import { Badge, Dash, ErrorNotice, Field, KeyValues, PageTitle, TaskView } from '../components/common';
import { StateBadge } from './firearms';
import { Timeline, firearmEvents } from './timeline';
import { can, useMe } from '../lib/session';
import { useLoad, useTask } from '../lib/task';
import { navigate } from '../lib/router';

export function FirearmPage(props: { params: Record<string, string> }) {
  const id = props.params.id;
  const me = useMe();
  const t = useLoad((signal) => getFirearm({ id: Number(id) }, signal), [id]);
  return (
    <TaskView task={t} label="Loading the firearm">
      {(d) => (
        <>
          <PageTitle title={`Firearm ${d.firearm.serial}`} sub={<>Number {d.firearm.id} · <StateBadge state={d.firearm.state} lawful={d.custody.steps.length ? d.custody.steps[d.custody.steps.length - 1].lawful : undefined} /></>} />
          <div class="grid-2">
            <section aria-labelledby="mark-h">
              <h2 id="mark-h">Markings and record</h2>
              <p class="markings" data-testid="markings">{d.markings || '—'}</p>
              <KeyValues rows={[
                ['Serial', d.firearm.serial], ['Maker', d.firearm.make], ['Model', d.firearm.model], ['Type', d.firearm.type],
                ['Calibre', d.firearm.calibre], ['Bore class', d.firearm.bore_class], ['Country of manufacture', d.firearm.country_of_manufacture?.toUpperCase()],
                ['Place of manufacture', d.firearm.place_of_manufacture], ['Import mark', [d.firearm.import_country?.toUpperCase(), d.firearm.import_year].filter(Boolean).join(' ')],
                ['State stock mark', d.firearm.state_stock_mark], ['Licence', d.firearm.licence_number],
              ]} />
            </section>
            <section aria-labelledby="custody-h">
              <h2 id="custody-h">Chain of custody</h2>
              {d.custody.no_lawful_record && <p class="error">No lawful record: this firearm never appears in lawful hands in the register.</p>}
              <ol class="custody" data-testid="custody">
                {d.custody.steps.map((s, i) => (
                  <li key={i} class={s.lawful ? 'lawful' : 'unlawful'}>
                    <Badge kind={s.lawful ? 'ok' : 'warn'}>{s.lawful ? 'lawful' : 'not lawful'}</Badge> <strong>{s.state.replace(/_/g, ' ')}</strong>{' '}
                    <span class="muted">{s.from ?? '?'} – {s.to ?? 'now'}</span>
                    <div class="small"><Dash v={[s.holder, s.place, s.event, s.document].filter(Boolean).join(' · ')} /></div>
                  </li>
                ))}
              </ol>
              <h3>Diversion points</h3>
              {d.custody.diversions.length ? (
                <ul class="plain" data-testid="diversions">
                  {d.custody.diversions.map((v, i) => (
                    <li key={i} class="diversion">
                      <Badge kind="warn">{v.date}</Badge> {v.from_state.replace(/_/g, ' ')} → {v.to_state.replace(/_/g, ' ')} ({v.event})
                      {v.last_lawful_holder && <> · last lawful holder: {v.last_lawful_holder}</>}
                      {v.explanation && <div class="small muted">{v.explanation}</div>}
                    </li>
                  ))}
                </ul>
              ) : <p class="muted">None recorded.</p>}
            </section>
          </div>
          <section aria-labelledby="life-h">
            <h2 id="life-h">Lifecycle</h2>
            <Timeline events={firearmEvents(d)} />
            {can(me, 'write_firearms') && <RecordEvent d={d} onDone={() => t.run()} />}
          </section>
          <section aria-labelledby="trace-h">
            <h2 id="trace-h">Trace requests</h2>
            <TraceTable items={d.trace_requests} />
            {can(me, 'write_traces') && <NewTrace d={d} />}
          </section>
        </>
      )}
    </TaskView>
  );
}

export function TraceTable(props: { items: TraceRequest[] }) {
  if (!props.items.length) return <p class="muted">No trace requests.</p>;
  return (
    <table class="data" data-testid="trace-table">
      <thead><tr><th scope="col">Request</th><th scope="col">Date</th><th scope="col">Firearm</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Status</th></tr></thead>
      <tbody>
        {props.items.map((r) => (
          <tr key={r.id}>
            <td><a href={`/traces/${encodeURIComponent(r.id)}`}>{r.id}</a></td>
            <td>{r.date}</td>
            <td><a href={`/firearms/${r.firearm_id}`}>{r.firearm_id}</a></td>
            <td>{r.requesting_agency}</td>
            <td>{r.requested_party}</td>
            <td><Badge kind={r.status === 'answered' ? 'ok' : 'warn'}>{r.status}</Badge></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

const EVENT_FIELDS = ['place', 'district', 'agency', 'document', 'holder', 'licence_number', 'licence_expiry', 'export_country', 'import_country',
  'transit_country', 'final_recipient', 'seizure_context', 'campaign', 'note'] as const satisfies readonly (keyof RecordFirearmEventBody)[];

function RecordEvent(props: { d: FirearmDetail; onDone: () => void }) {
  const ref = useLoad((signal) => getFirearmReference(signal), []);
  const [kind, setKind] = useState(props.d.allowed_events[0] ?? '');
  const [date, setDate] = useState(today());
  const [vals, setVals] = useState<Record<string, string>>({});
  const required = ref.data?.event_kinds.find((k) => k.kind === kind)?.requires ?? [];
  const save = useTask(async (signal) => {
    const body: RecordFirearmEventBody = { kind, date };
    for (const f of EVENT_FIELDS) if (vals[f]?.trim()) body[f] = vals[f].trim();
    const r = await recordFirearmEvent({ id: props.d.firearm.id }, body, signal);
    props.onDone();
    return r;
  });
  if (!props.d.allowed_events.length) return <p class="muted">No further lifecycle event is allowed from this state.</p>;
  return (
    <details class="panel">
      <summary>Record a lifecycle event</summary>
      <form class="form-grid" onSubmit={(e) => { e.preventDefault(); save.run(); }}>
        <Field label="Event" id="ev-kind">
          <select id="ev-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
            {props.d.allowed_events.map((k) => <option key={k} value={k}>{k.replace(/_/g, ' ')}</option>)}
          </select>
        </Field>
        <Field label="Date" id="ev-date"><input id="ev-date" type="date" required value={date} onInput={(e) => setDate((e.target as HTMLInputElement).value)} /></Field>
        {EVENT_FIELDS.map((f) => (
          <Field key={f} label={`${f.replace(/_/g, ' ')}${required.includes(f) ? ' (required)' : ''}`} id={`ev-${f}`}>
            <input id={`ev-${f}`} required={required.includes(f)} value={vals[f] ?? ''} onInput={(e) => setVals({ ...vals, [f]: (e.target as HTMLInputElement).value })} />
          </Field>
        ))}
        <div class="actions"><button type="submit" disabled={save.status === 'running'}>Record event</button></div>
      </form>
      {save.status === 'error' && <ErrorNotice error={save.error} />}
    </details>
  );
}

function NewTrace(props: { d: FirearmDetail }) {
  const [v, setV] = useState<Record<string, string>>({ date: today(), requested_party: '', illicit_reason: '', legal_basis: '', intended_use: '', markings: '' });
  const save = useTask(async (signal) => {
    const r = await createTraceRequest({
      firearm_id: props.d.firearm.id, date: v.date, requested_party: v.requested_party.trim(), illicit_reason: v.illicit_reason.trim(),
      legal_basis: v.legal_basis.trim(), intended_use: v.intended_use.trim(), markings: v.markings.trim() || undefined,
    }, signal);
    navigate(`/traces/${encodeURIComponent(r.id)}`);
    return r;
  });
  const set = (k: string) => (e: Event) => setV({ ...v, [k]: (e.target as HTMLInputElement).value });
  return (
    <details class="panel">
      <summary>Send a tracing request (ITI para. 17)</summary>
      <form class="form-grid" onSubmit={(e) => { e.preventDefault(); save.run(); }}>
        <Field label="Date" id="tr-date"><input id="tr-date" type="date" required value={v.date} onInput={set('date')} /></Field>
        <Field label="Requested party (state or manufacturer)" id="tr-party"><input id="tr-party" required value={v.requested_party} onInput={set('requested_party')} /></Field>
        <Field label="Why the firearm is illicit" id="tr-reason"><input id="tr-reason" required value={v.illicit_reason} onInput={set('illicit_reason')} /></Field>
        <Field label="Legal basis" id="tr-basis"><input id="tr-basis" required value={v.legal_basis} onInput={set('legal_basis')} /></Field>
        <Field label="Intended use of the information" id="tr-use"><input id="tr-use" required value={v.intended_use} onInput={set('intended_use')} /></Field>
        <Field label="Markings (blank: from the record)" id="tr-mark"><input id="tr-mark" value={v.markings} onInput={set('markings')} /></Field>
        <div class="actions"><button type="submit" disabled={save.status === 'running'}>Send request</button></div>
      </form>
      {save.status === 'error' && <ErrorNotice error={save.error} />}
    </details>
  );
}
