// Alerts (issue 17): what the early-warning detectors flagged, with the explanation an analyst
// needs to act: the observed count against the expected one and the alarm threshold over the
// series' history (an ECharts chart), the baseline window, the breakdown cell, the detector and
// the records behind the spike. Analysts acknowledge, dismiss with a reason or escalate to a case;
// the server audits every decision.
import { useMemo, useState } from 'preact/hooks';
import { acknowledgeAlert, dismissAlert, escalateAlert, getAlert, listAlerts, runAlerts } from '../api/generated/operations';
import type { Alert, AlertDetail } from '../api/generated/schemas';
import { TimeChart, type ChartSeries } from '../components/charts';
import { Badge, ErrorNotice, Field, fmtDate, fmtNumber, KeyValues, PageTitle, Pager, TaskView } from '../components/common';
import { can, useMe } from '../lib/session';
import { useLoad, useTask } from '../lib/task';

type State = Alert['state'];
const STATES: (State | '')[] = ['open', 'acknowledged', 'escalated', 'dismissed', ''];

export function AlertsPage() {
  const me = useMe();
  const [state, setState] = useState<State | ''>('open');
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const list = useLoad((signal) => listAlerts({ ...(state ? { state } : {}), offset, limit: 50 }, signal), [state, offset, version]);
  const run = useTask(async (signal, step) => {
    step('evaluating every configured series');
    const r = await runAlerts({ today: new Date().toISOString().slice(0, 10) }, signal);
    setVersion((v) => v + 1);
    return r;
  });
  return (
    <>
      <PageTitle title="Alerts" sub="Counts above what the detectors expected, and new categories (a first calibre in a district, a new transit country)." />
      <div class="toolbar">
        <Field label="Show" id="alert-state">
          <select id="alert-state" value={state} onChange={(e) => { setState((e.target as HTMLSelectElement).value as State | ''); setOffset(0); }}>
            {STATES.map((s) => <option key={s} value={s}>{s || 'all'}</option>)}
          </select>
        </Field>
        {can(me, 'decide_alerts') && (
          <button type="button" class="secondary" onClick={() => run.run()} disabled={run.status === 'running'} data-testid="run-alerts">
            Run the detectors now
          </button>
        )}
      </div>
      {run.status === 'running' && <p class="muted">Evaluating…</p>}
      {run.status === 'error' && <ErrorNotice error={run.error} />}
      {run.status === 'done' && run.data && (
        <p class="notice" role="status">
          {run.data.series_evaluated} series evaluated, {run.data.new_alerts.length} new alert(s).
          {run.data.notes.length > 0 && ` ${run.data.notes.join(' ')}`}
        </p>
      )}
      <div class="split">
        <section class="panel" aria-labelledby="alert-list-h">
          <h2 id="alert-list-h">Alerts</h2>
          <TaskView task={list} label="Loading alerts">
            {(page) => (
              <>
                {page.items.length === 0 && <p class="muted">No {state || ''} alerts.</p>}
                <ul class="plain alert-list" data-testid="alert-list">
                  {page.items.map((a) => (
                    <li key={a.id} class={selected === a.id ? 'selected' : ''}>
                      <button type="button" class="link" onClick={() => setSelected(a.id)} aria-pressed={selected === a.id}>
                        <Badge kind={a.state}>{a.state}</Badge> {a.kind === 'new_category' ? 'New' : 'Spike'}: {a.series}
                        {a.cell && a.cell !== 'total' ? ` · ${a.cell}` : ''} · {fmtDate(a.period_start)} · {a.observed} vs {fmtNumber(a.expected, 1)}
                      </button>
                    </li>
                  ))}
                </ul>
                <Pager offset={page.offset} limit={page.limit} next={page.next_offset} onPage={setOffset} />
              </>
            )}
          </TaskView>
        </section>
        {selected && <AlertPanel id={selected} onDecided={() => setVersion((v) => v + 1)} />}
      </div>
    </>
  );
}

function AlertPanel(props: { id: string; onDecided: () => void }) {
  const me = useMe();
  const [version, setVersion] = useState(0);
  const alert = useLoad((signal) => getAlert({ alert_id: props.id }, signal), [props.id, version]);
  const decided = () => {
    setVersion((v) => v + 1);
    props.onDecided();
  };
  return (
    <section class="panel" aria-labelledby="alert-h" data-testid="alert-detail">
      <TaskView task={alert} label="Loading the alert">
        {(a) => (
          <>
            <h2 id="alert-h">
              {a.kind === 'new_category' ? 'New category' : 'Spike'} in {a.series}
              {a.cell && a.cell !== 'total' ? ` (${a.cell})` : ''} <Badge kind={a.state}>{a.state}</Badge>
            </h2>
            <p data-testid="alert-explanation">{a.explanation}</p>
            <AlertChart alert={a} />
            <KeyValues rows={[
              ['Period', `${fmtDate(a.period_start)} (${a.period})`],
              ['Observed', a.observed],
              ['Expected', fmtNumber(a.expected, 2)],
              ['Threshold', fmtNumber(a.threshold, 2)],
              ['Detector', `${a.detector} (statistic ${fmtNumber(a.statistic, 2)})`],
              ['Baseline', `${fmtDate(a.baseline_from)} – ${fmtDate(a.baseline_to)}`],
              ['Records behind it', a.records.length ? a.records.join(', ') : '—'],
              ['Decision', a.state === 'open' ? '—' : `${a.state} by ${a.decided_by ?? '?'} ${a.decided_at ? fmtDate(a.decided_at) : ''}${a.reason ? ` — ${a.reason}` : ''}${a.case_id ? ` → case ${a.case_id}` : ''}`],
            ]} />
            {can(me, 'decide_alerts') && a.state === 'open' && <Decide alert={a} onDecided={decided} />}
          </>
        )}
      </TaskView>
    </section>
  );
}

function AlertChart(props: { alert: AlertDetail }) {
  const history = props.alert.history;
  const { periods, series } = useMemo(() => {
    const h = history ?? [];
    const periods = h.map((p) => p.period_start);
    const series: ChartSeries[] = [
      { name: 'observed', values: h.map((p) => p.observed), kind: 'bar' },
      { name: 'expected', values: h.map((p) => p.expected ?? null) },
      { name: 'threshold', values: h.map((p) => p.threshold ?? null), kind: 'dashed' },
    ];
    return { periods, series };
  }, [history]);
  if (periods.length === 0) return <p class="muted">No history for this alert's series.</p>;
  return <TimeChart title="Observed against expected and the alarm threshold" periods={periods} series={series} testid="alert-chart" height={260} />;
}

function Decide(props: { alert: AlertDetail; onDecided: () => void }) {
  const [ackNote, setAckNote] = useState('');
  const [reason, setReason] = useState('');
  const [caseId, setCaseId] = useState('');
  const [note, setNote] = useState('');
  const id = props.alert.id;
  const act = useTask(async (signal, _step, what: 'ack' | 'dismiss' | 'escalate') => {
    if (what === 'ack') await acknowledgeAlert({ alert_id: id }, { note: ackNote }, signal);
    else if (what === 'dismiss') await dismissAlert({ alert_id: id }, { reason }, signal);
    else await escalateAlert({ alert_id: id }, { case_id: caseId, ...(note ? { note } : {}) }, signal);
    props.onDecided();
    return what;
  });
  return (
    <div class="decide" data-testid="alert-decide">
      <h3>Decide</h3>
      <form class="toolbar" onSubmit={(e) => { e.preventDefault(); act.run('ack'); }}>
        <Field label="What will be done" id="ack-note">
          <input id="ack-note" required maxLength={2000} value={ackNote} onInput={(e) => setAckNote((e.target as HTMLInputElement).value)} />
        </Field>
        <button type="submit">Acknowledge</button>
      </form>
      <form class="toolbar" onSubmit={(e) => { e.preventDefault(); act.run('dismiss'); }}>
        <Field label="Reason to dismiss" id="dismiss-reason">
          <input id="dismiss-reason" required maxLength={500} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </Field>
        <button type="submit" class="secondary">Dismiss</button>
      </form>
      <form class="toolbar" onSubmit={(e) => { e.preventDefault(); act.run('escalate'); }}>
        <Field label="Escalate to case" id="escalate-case">
          <input id="escalate-case" required maxLength={64} value={caseId} onInput={(e) => setCaseId((e.target as HTMLInputElement).value)} />
        </Field>
        <Field label="Note (optional)" id="escalate-note">
          <input id="escalate-note" maxLength={500} value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
        </Field>
        <button type="submit" class="secondary">Escalate</button>
      </form>
      {act.status === 'error' && <ErrorNotice error={act.error} />}
    </div>
  );
}
