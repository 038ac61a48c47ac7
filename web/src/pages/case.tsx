// One survivor case (HTCDS v2 shape, no identity): NRM stages with the current deadline, events,
// referrals, consents, offences; actions for the case worker (next NRM stage, deadline extension,
// consent, referral). The identity is shown only after an explicit reveal with a purpose, which the
// server checks (own agency, key present, consent) and audits; the page keeps it in component state
// only, hides it again after two minutes, and never logs or stores it.
import { useEffect, useState } from 'preact/hooks';
import { extendCaseStage, getCase, getNrmReference, moveCaseStage, recordConsent, recordReferral, revealIdentity, type RecordReferralBody } from '../api/generated/operations';
import type { Case, Identity, NrmReference } from '../api/generated/schemas';
import { Badge, Dash, ErrorNotice, Field, KeyValues, PageTitle, Progress, TaskView, humanise } from '../components/common';
import { Due } from './cases';
import { Timeline, caseEvents } from './timeline';
import { can, useMe } from '../lib/session';
import { useLoad, useTask } from '../lib/task';

export function CasePage(props: { params: Record<string, string> }) {
  const id = props.params.id;
  const me = useMe();
  const t = useLoad(async (signal, step) => {
    step('reading the case');
    const c = await getCase({ case_id: id }, signal);
    step('reading the NRM stages');
    const nrm = await getNrmReference(signal);
    return { c, nrm };
  }, [id]);
  return (
    <TaskView task={t} label="Loading the case">
      {({ c, nrm }) => {
        const vc = c.victim_context as Record<string, unknown>;
        const stage = nrm.stages.find((s) => s.id === c.current_stage);
        const done = new Set(c.nrm.stages.map((s) => s.stage));
        return (
          <>
            <PageTitle title={`Case ${c.id}`} sub={<>{c.agency} · registered {c.registration_date} · <Badge>{humanise(c.current_stage)}</Badge></>} />
            {can(me, 'reveal_identity') && <Reveal caseId={c.id} nrm={nrm} keyConfigured={me.identity_key_configured} />}
            <section aria-labelledby="nrm-h" class="panel">
              <h2 id="nrm-h">National Referral Mechanism</h2>
              <p>Current stage: <strong>{stage?.name ?? humanise(c.current_stage)}</strong>. Deadline: <Due date={c.due_date} />{c.nrm.extensions ? ` (extended ${c.nrm.extensions}×)` : ''}</p>
              <ol class="stages" data-testid="nrm-stages">
                {nrm.stages.map((s) => (
                  <li key={s.id} class={s.id === c.current_stage ? 'current' : done.has(s.id) ? 'done' : ''} aria-current={s.id === c.current_stage ? 'step' : undefined}>
                    {s.name}{s.deadline_days ? <span class="muted"> ({s.deadline_days} days)</span> : null}
                  </li>
                ))}
              </ol>
              {can(me, 'write_cases') && <Actions c={c} nrm={nrm} onDone={() => t.run()} />}
            </section>
            <div class="grid-2">
              <section aria-labelledby="person-h">
                <h2 id="person-h">Person and victim context</h2>
                <KeyValues rows={[
                  ['Sex', c.person.sex], ['Age at registration', c.person.age_at_registration],
                  ['Citizenship', [c.person.citizenship, ...c.person.additional_citizenships]],
                  ['Languages', [c.person.primary_language, c.person.secondary_language].filter(Boolean)],
                  ['Education', c.person.education], ['Marital status', c.person.marital_status],
                  ['Children', c.person.number_of_children < 0 ? '' : c.person.number_of_children],
                  ['Case status', c.case.status], ['Case owner', c.case.owner], ['Closure reason', c.case.closure_reason],
                  ['Trafficking status', vc.trafficking_status], ['Decided by', vc.status_decided_by], ['Age when trafficked', vc.age_when_trafficked],
                  ['Recruiter relation', vc.recruiter_relation], ['Recruitment', vc.recruitment_methods], ['Recruited via', vc.recruitment_platforms],
                  ['Means of control', vc.means_of_control], ['Exploitation', vc.exploitation_types], ['Labour sector', vc.labour_sector],
                  ['Sexual exploitation', vc.sexual_exploitation_types], ['Vulnerabilities', vc.vulnerabilities],
                  ['Months trafficked', vc.months_trafficked], ['Perpetrators', c.perpetrators.map((p) => p.roles.join(' + '))], ['Route', c.route],
                  ['Offences', c.offences], ['Support plan', c.support_objectives.length ? c.support_objectives.map((o) => `${humanise(o.service)} ${o.start_date}→${o.target_date} (${humanise(o.status)})`) : c.support_plan],
                ]} />
              </section>
              <section aria-labelledby="ref-h">
                <h2 id="ref-h">Referrals and consent</h2>
                {c.referrals.length ? (
                  <table class="data"><thead><tr><th scope="col">Date</th><th scope="col">Direction</th><th scope="col">Service</th><th scope="col">Provider</th><th scope="col">Case worker</th><th scope="col">Outcome</th><th scope="col">Identity shared</th></tr></thead>
                    <tbody>{c.referrals.map((r, i) => <tr key={i}><td>{r.date}</td><td>{r.direction}</td><td>{humanise(r.service)}</td><td>{r.provider}</td><td>{r.case_worker || '—'}</td><td>{r.outcome ? humanise(r.outcome) : '—'}</td><td><Dash v={r.identity_shared} /></td></tr>)}</tbody></table>
                ) : <p class="muted">No referrals.</p>}
                <h3>Consent in force</h3>
                <ul class="plain" data-testid="consents">
                  {latestConsents(c).map((k) => <li key={k.purpose}><Badge kind={k.granted ? 'ok' : 'warn'}>{k.granted ? 'given' : 'refused'}</Badge> {humanise(k.purpose)} <span class="muted">({k.date})</span></li>)}
                  {!c.consents.length && <li class="muted">No consent recorded.</li>}
                </ul>
              </section>
            </div>
            <section aria-labelledby="tl-h">
              <h2 id="tl-h">Timeline</h2>
              <Timeline events={caseEvents(c)} />
            </section>
          </>
        );
      }}
    </TaskView>
  );
}

function latestConsents(c: Case) {
  const m = new Map<string, Case['consents'][number]>();
  for (const k of [...c.consents].sort((a, b) => a.date.localeCompare(b.date))) m.set(k.purpose, k);
  return [...m.values()];
}

const REVEAL_SECONDS = 120;

function Reveal(props: { caseId: string; nrm: NrmReference; keyConfigured?: boolean }) {
  const purposes = [...(props.nrm.reveal_purposes_besides_consent ?? ['case_management']), ...props.nrm.consent_purposes.map((p) => p.id)];
  const [purpose, setPurpose] = useState(purposes[0] ?? 'case_management');
  const [confirming, setConfirming] = useState(false);
  const [who, setWho] = useState<Identity | null>(null);
  const [left, setLeft] = useState(0);
  const reveal = useTask(async (signal, step) => {
    step('decrypting (recorded in the audit log)');
    const r = await revealIdentity({ case_id: props.caseId }, { purpose }, signal);
    setWho(r.identity);
    setLeft(REVEAL_SECONDS);
    return true;
  });
  useEffect(() => {
    if (!who) return;
    const t = window.setInterval(() => setLeft((s) => {
      if (s <= 1) {
        setWho(null);
        return 0;
      }
      return s - 1;
    }), 1000);
    return () => window.clearInterval(t);
  }, [who]);
  useEffect(() => () => setWho(null), [props.caseId]);

  return (
    <section class="panel identity-panel" aria-labelledby="id-h">
      <h2 id="id-h">Survivor identity</h2>
      {props.keyConfigured === false && <p class="notice">This server runs without the identity key: identities stay sealed.</p>}
      {!who && !confirming && (
        <div class="toolbar">
          <Field label="Purpose" id="reveal-purpose">
            <select id="reveal-purpose" value={purpose} onChange={(e) => setPurpose((e.target as HTMLSelectElement).value)}>
              {purposes.map((p) => <option key={p} value={p}>{humanise(p)}</option>)}
            </select>
          </Field>
          <button type="button" onClick={() => setConfirming(true)}>Reveal identity…</button>
        </div>
      )}
      {confirming && !who && (
        <div role="alertdialog" aria-labelledby="confirm-h" class="confirm">
          <p id="confirm-h"><strong>Reveal this survivor’s identity for “{humanise(purpose)}”?</strong> The reveal is recorded in the audit log with your name. It is hidden again after {REVEAL_SECONDS / 60} minutes.</p>
          <button type="button" onClick={() => { setConfirming(false); reveal.run(); }}>Yes, reveal</button>{' '}
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>Cancel</button>
        </div>
      )}
      {reveal.status === 'running' && <Progress label="Revealing" step={reveal.step} startedAt={reveal.startedAt} />}
      {reveal.status === 'error' && <ErrorNotice error={reveal.error} />}
      {who && (
        <div class="revealed" data-testid="identity">
          <KeyValues rows={[['Name', [who.first_name, who.middle_name, who.second_name].filter(Boolean).join(' ') || who.full_name], ['Father’s name', who.father_name], ['National id', who.national_id], ['Date of birth', who.date_of_birth], ['Phone', who.phone], ['Email', who.email],
            ['Address', [who.address_street, who.address_city, who.address_state, who.address_postal_code, who.address_country].filter(Boolean).join(', ')]]} />
          <p class="muted small">Hidden in {left} s.</p>
          <button type="button" class="secondary" onClick={() => setWho(null)}>Hide now</button>
        </div>
      )}
    </section>
  );
}

function Actions(props: { c: Case; nrm: NrmReference; onDone: () => void }) {
  const { c, nrm } = props;
  const stage = nrm.stages.find((s) => s.id === c.current_stage);
  const next = stage?.next ?? [];
  const today = new Date().toISOString().slice(0, 10);
  const [to, setTo] = useState(next[0] ?? '');
  const [date, setDate] = useState(today);
  const [authority, setAuthority] = useState('');
  const [purpose, setPurpose] = useState(nrm.consent_purposes[0]?.id ?? '');
  const [granted, setGranted] = useState(true);
  const [ref, setRef] = useState<Omit<RecordReferralBody, 'date'>>({ direction: 'out', service: 'shelter', provider: '' });
  const act = useTask(async (signal, step, what: string) => {
    step(what);
    const theCase = { case_id: c.id };
    if (what === 'transition') await moveCaseStage(theCase, { to, date, authority: authority || undefined }, signal);
    if (what === 'extension') await extendCaseStage(theCase, { date, authority: authority || undefined }, signal);
    if (what === 'consent') await recordConsent(theCase, { purpose, granted, date }, signal);
    if (what === 'referral') await recordReferral(theCase, { ...ref, date }, signal);
    props.onDone();
    return what;
  });
  return (
    <details class="actions-panel">
      <summary>Record a step</summary>
      <div class="form-grid">
        <Field label="Date" id="act-date"><input id="act-date" type="date" value={date} onInput={(e) => setDate((e.target as HTMLInputElement).value)} /></Field>
        <Field label="Authority (when the stage needs one)" id="act-auth">
          <input id="act-auth" list="authorities" value={authority} onInput={(e) => setAuthority((e.target as HTMLInputElement).value)} />
          <datalist id="authorities">{(nrm.stages.find((s) => s.id === to)?.authorities ?? []).map((a) => <option key={a} value={a} />)}</datalist>
        </Field>
      </div>
      <div class="toolbar">
        <Field label="Next NRM stage" id="act-to">
          <select id="act-to" value={to} onChange={(e) => setTo((e.target as HTMLSelectElement).value)}>
            {next.map((s) => <option key={s} value={s}>{nrm.stages.find((x) => x.id === s)?.name ?? humanise(s)}</option>)}
          </select>
        </Field>
        <button type="button" disabled={!to} onClick={() => act.run('transition')}>Move to stage</button>
        <button type="button" class="secondary" disabled={!c.due_date} onClick={() => act.run('extension')}>Extend deadline</button>
      </div>
      <div class="toolbar">
        <Field label="Consent purpose" id="act-purpose">
          <select id="act-purpose" value={purpose} onChange={(e) => setPurpose((e.target as HTMLSelectElement).value)}>
            {nrm.consent_purposes.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </Field>
        <div class="field checkbox">
          <input id="act-granted" type="checkbox" checked={granted} onChange={(e) => setGranted((e.target as HTMLInputElement).checked)} />
          <label for="act-granted">Consent given</label>
        </div>
        <button type="button" onClick={() => act.run('consent')}>Record consent</button>
      </div>
      <div class="toolbar">
        <Field label="Referral" id="act-dir">
          <select id="act-dir" value={ref.direction} onChange={(e) => setRef({ ...ref, direction: (e.target as HTMLSelectElement).value as RecordReferralBody['direction'] })}><option value="out">out</option><option value="in">in</option></select>
        </Field>
        <Field label="Service" id="act-svc">
          <select id="act-svc" value={ref.service} onChange={(e) => setRef({ ...ref, service: (e.target as HTMLSelectElement).value })}>
            {['shelter', 'medical', 'psychological', 'legal_aid', 'livelihood', 'education'].map((s) => <option key={s} value={s}>{humanise(s)}</option>)}
          </select>
        </Field>
        <Field label="Provider" id="act-prov"><input id="act-prov" value={ref.provider} onInput={(e) => setRef({ ...ref, provider: (e.target as HTMLInputElement).value })} /></Field>
        <button type="button" disabled={!ref.provider.trim()} onClick={() => act.run('referral')}>Record referral</button>
      </div>
      {act.status === 'running' && <Progress label="Saving" step={act.step} startedAt={act.startedAt} />}
      {act.status === 'error' && <ErrorNotice error={act.error} />}
    </details>
  );
}
