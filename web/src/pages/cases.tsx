// Case worker's list: their agency's survivor cases (a national coordinator sees every agency's)
// with NRM stage and deadline, the overdue ones, look-up by national id (sent in a POST body, never
// in a URL), and registration of a new case with its identity (sealed by the server).
import { useState } from 'preact/hooks';
import { findCasesByNationalId, listCases, listOverdueCases, registerCase } from '../api/generated/operations';
import { Badge, ErrorNotice, Field, PageTitle, Pager, TaskView, humanise } from '../components/common';
import { navigate } from '../lib/router';
import { can, useMe } from '../lib/session';
import { useLoad, useTask } from '../lib/task';

const PAGE = 25;

export function daysUntil(date: string | null | undefined): number | null {
  if (!date) return null;
  const d = Date.parse(`${date}T00:00:00Z`);
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((d - today) / 86400000);
}

export function Due(props: { date: string | null | undefined }) {
  const n = daysUntil(props.date);
  if (n === null) return <span class="muted">no deadline</span>;
  if (n < 0) return <Badge kind="warn">{props.date} · {-n} days overdue</Badge>;
  return <span>{props.date} <span class="muted">({n} days left)</span></span>;
}

export function CasesPage() {
  const me = useMe();
  const [offset, setOffset] = useState(0);
  const list = useLoad((signal) => listCases({ summary: true, limit: PAGE, offset }, signal).then((p) => ({ ...p, items: p.items.filter((c) => typeof c !== 'string') })), [offset]);
  const overdue = useLoad((signal) => listOverdueCases({ limit: 20 }, signal), []);
  return (
    <>
      <PageTitle title="Cases" sub={me.user.all_agencies ? 'Every agency’s cases (national coordinator).' : `Cases of ${me.user.agency}. Other agencies’ cases are not visible.`} />
      <FindByNationalId />
      <section aria-labelledby="overdue-h" class="panel">
        <h2 id="overdue-h">Past their NRM deadline</h2>
        <TaskView task={overdue} label="Checking deadlines">
          {(p) => p.items.length ? (
            <table class="data" data-testid="overdue">
              <thead><tr><th scope="col">Case</th><th scope="col">Stage</th><th scope="col">Due</th><th scope="col" class="num">Days overdue</th></tr></thead>
              <tbody>{p.items.map((o) => (
                <tr key={o.case_id}><td><a href={`/cases/${encodeURIComponent(o.case_id)}`}>{o.case_id}</a></td><td>{humanise(o.stage)}</td><td>{o.due_date}</td><td class="num">{o.days_overdue}</td></tr>
              ))}</tbody>
            </table>
          ) : <p class="muted">None overdue.</p>}
        </TaskView>
      </section>
      <section aria-labelledby="list-h">
        <h2 id="list-h">All cases</h2>
        <TaskView task={list} label="Loading cases">
          {(p) => (
            <>
              <table class="data" data-testid="case-list">
                <caption>{p.total ?? p.items.length} cases</caption>
                <thead><tr><th scope="col">Case</th><th scope="col">Agency</th><th scope="col">Registered</th><th scope="col">NRM stage</th><th scope="col">Deadline</th><th scope="col">Status</th><th scope="col">Exploitation</th></tr></thead>
                <tbody>
                  {p.items.map((c) => (
                    <tr key={c.id}>
                      <td><a href={`/cases/${encodeURIComponent(c.id)}`}>{c.id}</a></td>
                      <td>{c.agency}</td>
                      <td>{c.registration_date}</td>
                      <td>{humanise(c.current_stage)}</td>
                      <td><Due date={c.due_date} /></td>
                      <td>{humanise(c.trafficking_status)}</td>
                      <td>{(c.exploitation_types ?? []).map(humanise).join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager offset={p.offset} limit={PAGE} next={p.next_offset} onPage={setOffset} />
            </>
          )}
        </TaskView>
      </section>
      {can(me, 'write_cases') && <Register />}
    </>
  );
}

function FindByNationalId() {
  const [nid, setNid] = useState('');
  const find = useTask(async (signal, step) => {
    step('looking up the blind index');
    const value = nid;
    setNid('');
    return findCasesByNationalId({ national_id: value }, signal);
  });
  return (
    <section class="panel" aria-labelledby="find-h">
      <h2 id="find-h">Find a case by national id</h2>
      <form class="toolbar" onSubmit={(e) => { e.preventDefault(); if (nid.trim()) find.run(); }}>
        <Field label="CNIC or other national id" id="nid" hint="Sent in the request body only; not kept in the page, the address bar or logs.">
          <input id="nid" value={nid} autocomplete="off" maxLength={64} inputMode="numeric" onInput={(e) => setNid((e.target as HTMLInputElement).value)} />
        </Field>
        <button type="submit">Find</button>
      </form>
      {find.status !== 'idle' && (
        <TaskView task={find} label="Searching">
          {(r) => r.items.length ? (
            <ul class="plain" data-testid="nid-results">{r.items.map((id) => <li key={id}><a href={`/cases/${encodeURIComponent(id)}`}>{id}</a></li>)}</ul>
          ) : <p class="notice">No case of your agency has this national id.</p>}
        </TaskView>
      )}
    </section>
  );
}

function Register() {
  const blank = { registration_date: new Date().toISOString().slice(0, 10), sex: 'unknown', age: '', citizenship: 'PAK', status: 'possible', exploitation: 'forced_labour', language: '', marital_status: '', education: '', first_name: '', middle_name: '', second_name: '', father_name: '', national_id: '', date_of_birth: '', phone: '' };
  const [v, setV] = useState(blank);
  const save = useTask(async (signal) => {
    const given = (x: string) => (x.trim() ? x : undefined);
    const body = {
      case: {
        registration_date: v.registration_date,
        person: { sex: v.sex, age_at_registration: v.age ? Number(v.age) : undefined, citizenship: v.citizenship, primary_language: v.language, marital_status: v.marital_status, education: v.education },
        victim_context: { trafficking_status: v.status, exploitation_types: [v.exploitation] },
      },
      identity: { first_name: given(v.first_name), middle_name: given(v.middle_name), second_name: given(v.second_name), father_name: given(v.father_name), national_id: given(v.national_id), date_of_birth: given(v.date_of_birth), phone: given(v.phone) },
    };
    const c = await registerCase(body, signal);
    setV(blank);
    navigate(`/cases/${encodeURIComponent(c.id)}`);
    return c;
  });
  const set = (k: keyof typeof blank) => (e: Event) => setV({ ...v, [k]: (e.target as HTMLInputElement).value });
  return (
    <details class="panel">
      <summary>Register a new case</summary>
      <form class="form-grid" autocomplete="off" onSubmit={(e) => { e.preventDefault(); save.run(); }}>
        <Field label="Registration date" id="c-date"><input id="c-date" type="date" required value={v.registration_date} onInput={set('registration_date')} /></Field>
        <Field label="Sex" id="c-sex"><select id="c-sex" value={v.sex} onChange={set('sex')}>{['female', 'male', 'other', 'unknown'].map((s) => <option key={s}>{s}</option>)}</select></Field>
        <Field label="Age at registration" id="c-age"><input id="c-age" type="number" min={0} max={120} value={v.age} onInput={set('age')} /></Field>
        <Field label="Citizenship (ISO alpha-3)" id="c-cit"><input id="c-cit" maxLength={3} value={v.citizenship} onInput={set('citizenship')} /></Field>
        <Field label="Trafficking status" id="c-status"><select id="c-status" value={v.status} onChange={set('status')}><option>possible</option><option>actual</option></select></Field>
        <Field label="Exploitation" id="c-expl"><select id="c-expl" value={v.exploitation} onChange={set('exploitation')}>{['forced_labour', 'sexual_exploitation', 'forced_marriage', 'other'].map((s) => <option key={s} value={s}>{humanise(s)}</option>)}</select></Field>
        <Field label="Primary language (ISO 639-3)" id="c-lang"><input id="c-lang" maxLength={3} value={v.language} onInput={set('language')} /></Field>
        <Field label="Marital status" id="c-marital"><select id="c-marital" value={v.marital_status} onChange={set('marital_status')}>{['', 'single', 'married', 'divorced', 'separated', 'widowed', 'unknown'].map((s) => <option key={s} value={s}>{s ? humanise(s) : '—'}</option>)}</select></Field>
        <Field label="Education" id="c-edu"><select id="c-edu" value={v.education} onChange={set('education')}>{['', 'none', 'primary', 'lower_secondary', 'upper_secondary', 'vocational', 'tertiary', 'unknown'].map((s) => <option key={s} value={s}>{s ? humanise(s) : '—'}</option>)}</select></Field>
        <fieldset class="identity">
          <legend>Identity (encrypted by the server; shown again only through “Reveal identity”)</legend>
          <Field label="First name" id="c-name"><input id="c-name" required dir="auto" value={v.first_name} onInput={set('first_name')} /></Field>
          <Field label="Middle name" id="c-middle"><input id="c-middle" dir="auto" value={v.middle_name} onInput={set('middle_name')} /></Field>
          <Field label="Second name" id="c-second"><input id="c-second" dir="auto" value={v.second_name} onInput={set('second_name')} /></Field>
          <Field label="Father’s name" id="c-father"><input id="c-father" dir="auto" value={v.father_name} onInput={set('father_name')} /></Field>
          <Field label="National id" id="c-nid"><input id="c-nid" value={v.national_id} onInput={set('national_id')} /></Field>
          <Field label="Date of birth" id="c-dob"><input id="c-dob" type="date" value={v.date_of_birth} onInput={set('date_of_birth')} /></Field>
          <Field label="Phone" id="c-phone"><input id="c-phone" value={v.phone} onInput={set('phone')} /></Field>
        </fieldset>
        <div class="actions"><button type="submit" disabled={save.status === 'running'}>Register case</button></div>
      </form>
      {save.status === 'error' && <ErrorNotice error={save.error} />}
    </details>
  );
}
