// Administration: users (create, change role or agency, disable), agencies, and the hash-chained
// audit log with its verification. Administrators see who did what to which record id; they do not
// see entities, firearms, cases or identities.
import { useState } from 'preact/hooks';
import { createAgency, createUser, listAgencies, listAuditEntries, listUsers, updateUser, verifyAudit, type UpdateUserBody } from '../api/generated/operations';
import type { Agency, Role } from '../api/generated/schemas';
import { Badge, ErrorNotice, Field, fmtDate, PageTitle, Pager, TaskView } from '../components/common';
import { ROLE_LABELS } from '../lib/sections';
import { can, useMe } from '../lib/session';
import { useLoad, useTask } from '../lib/task';

export function AdminPage() {
  const me = useMe();
  const tabs: [string, string][] = [];
  if (can(me, 'manage_accounts')) tabs.push(['users', 'Users'], ['agencies', 'Agencies']);
  if (can(me, 'read_audit')) tabs.push(['audit', 'Audit log']);
  const [tab, setTab] = useState(tabs[0]?.[0] ?? '');
  return (
    <>
      <PageTitle title="Administration" />
      <div role="tablist" class="tabs" aria-label="Administration">
        {tabs.map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} class={tab === id ? 'active' : ''} onClick={() => setTab(id)}>{label}</button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'users' && <Users />}
        {tab === 'agencies' && <Agencies />}
        {tab === 'audit' && <Audit />}
      </div>
    </>
  );
}

const ROLES: Role[] = ['administrator', 'analyst', 'firearms_officer', 'case_worker', 'researcher', 'assessor', 'reviewer', 'cso'];

function Users() {
  const me = useMe();
  const [offset, setOffset] = useState(0);
  const list = useLoad((signal) => listUsers({ limit: 100, offset }, signal), [offset]);
  const agencies = useLoad((signal) => listAgencies({ limit: 500 }, signal), []);
  const change = useTask(async (signal, step, username: string, patch: UpdateUserBody) => {
    step('saving');
    await updateUser({ username }, patch);
    if (!signal.aborted) list.run();
    return username;
  });
  return (
    <section aria-label="Users">
      <TaskView task={list} label="Loading users">
        {(p) => (
          <>
            <table class="data" data-testid="users">
              <thead><tr><th scope="col">User</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Agency</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
              <tbody>
                {p.items.map((u) => (
                  <tr key={u.username}>
                    <td>{u.username}</td>
                    <td>{u.full_name || '—'}</td>
                    <td>
                      <label class="sr-only" for={`role-${u.username}`}>Role of {u.username}</label>
                      <select id={`role-${u.username}`} value={u.role} disabled={u.username === me.user.username}
                        onChange={(e) => change.run(u.username, { role: (e.target as HTMLSelectElement).value as Role })}>
                        {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
                      </select>
                      {u.all_agencies && <Badge>all agencies</Badge>}
                    </td>
                    <td>{u.agency}</td>
                    <td>{u.disabled ? <Badge kind="warn">disabled</Badge> : <Badge kind="ok">active</Badge>}</td>
                    <td>
                      {u.username !== me.user.username && (
                        <button type="button" class="secondary" onClick={() => change.run(u.username, { disabled: !u.disabled })}>
                          {u.disabled ? 'Enable' : 'Disable'}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager offset={p.offset} limit={100} next={p.next_offset} onPage={setOffset} />
          </>
        )}
      </TaskView>
      {change.status === 'error' && <ErrorNotice error={change.error} />}
      <NewUser agencies={agencies.data?.items ?? []} onDone={() => list.run()} />
    </section>
  );
}

function NewUser(props: { agencies: Agency[]; onDone: () => void }) {
  const blank = { username: '', full_name: '', role: 'analyst' as Role, agency: '', all_agencies: false };
  const [v, setV] = useState(blank);
  const [password, setPassword] = useState('');
  const save = useTask(async (signal) => {
    const r = await createUser({ ...v, all_agencies: v.role === 'case_worker' ? v.all_agencies : undefined }, signal);
    setPassword(r.password ?? '');
    setV(blank);
    props.onDone();
    return r.user;
  });
  return (
    <details class="panel">
      <summary>Add a user</summary>
      <form class="form-grid" autocomplete="off" onSubmit={(e) => { e.preventDefault(); save.run(); }}>
        <Field label="User name" id="u-name" hint="a-z, 0-9, . _ -"><input id="u-name" required pattern="[a-z0-9._\-]{2,64}" value={v.username} onInput={(e) => setV({ ...v, username: (e.target as HTMLInputElement).value })} /></Field>
        <Field label="Full name" id="u-full"><input id="u-full" value={v.full_name} onInput={(e) => setV({ ...v, full_name: (e.target as HTMLInputElement).value })} /></Field>
        <Field label="Role" id="u-role">
          <select id="u-role" value={v.role} onChange={(e) => setV({ ...v, role: (e.target as HTMLSelectElement).value as Role })}>
            {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </select>
        </Field>
        <Field label="Agency" id="u-agency">
          <select id="u-agency" required value={v.agency} onChange={(e) => setV({ ...v, agency: (e.target as HTMLSelectElement).value })}>
            <option value="">Choose…</option>
            {props.agencies.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.id})</option>)}
          </select>
        </Field>
        {v.role === 'case_worker' && (
          <div class="field checkbox">
            <input id="u-all" type="checkbox" checked={v.all_agencies} onChange={(e) => setV({ ...v, all_agencies: (e.target as HTMLInputElement).checked })} />
            <label for="u-all">National NRM coordinator (sees every agency’s cases)</label>
          </div>
        )}
        <div class="actions"><button type="submit">Add user</button></div>
      </form>
      {save.status === 'error' && <ErrorNotice error={save.error} />}
      {password && (
        <p class="notice" role="status">
          Generated password (shown once; give it to the user over a safe channel): <code>{password}</code>{' '}
          <button type="button" class="link" onClick={() => setPassword('')}>Hide</button>
        </p>
      )}
    </details>
  );
}

function Agencies() {
  const list = useLoad((signal) => listAgencies({ limit: 500 }, signal), []);
  const [v, setV] = useState({ id: '', name: '', country: 'PAK' });
  const save = useTask(async (signal) => {
    const r = await createAgency(v, signal);
    setV({ id: '', name: '', country: 'PAK' });
    list.run();
    return r;
  });
  return (
    <section aria-label="Agencies">
      <TaskView task={list} label="Loading agencies">
        {(p) => (
          <table class="data" data-testid="agencies">
            <thead><tr><th scope="col">Id</th><th scope="col">Name</th><th scope="col">Country</th><th scope="col">Created</th></tr></thead>
            <tbody>{p.items.map((a) => <tr key={a.id}><td>{a.id}</td><td>{a.name}</td><td>{a.country || '—'}</td><td>{fmtDate(a.created)}</td></tr>)}</tbody>
          </table>
        )}
      </TaskView>
      <details class="panel">
        <summary>Add an agency</summary>
        <form class="toolbar" onSubmit={(e) => { e.preventDefault(); save.run(); }}>
          <Field label="Id" id="a-id"><input id="a-id" required pattern="[a-z0-9._\-]{2,64}" value={v.id} onInput={(e) => setV({ ...v, id: (e.target as HTMLInputElement).value })} /></Field>
          <Field label="Name" id="a-name"><input id="a-name" required value={v.name} onInput={(e) => setV({ ...v, name: (e.target as HTMLInputElement).value })} /></Field>
          <Field label="Country (ISO alpha-3)" id="a-country"><input id="a-country" maxLength={3} value={v.country} onInput={(e) => setV({ ...v, country: (e.target as HTMLInputElement).value })} /></Field>
          <button type="submit">Add agency</button>
        </form>
        {save.status === 'error' && <ErrorNotice error={save.error} />}
      </details>
    </section>
  );
}

function Audit() {
  const [after, setAfter] = useState(0);
  const [history, setHistory] = useState<number[]>([]);
  const t = useLoad((signal) => listAuditEntries({ after, limit: 100 }, signal), [after]);
  const verify = useTask((signal, step) => {
    step('recomputing the hash chain');
    return verifyAudit(signal);
  });
  return (
    <section aria-label="Audit log">
      <div class="toolbar">
        <button type="button" onClick={() => verify.run()}>Verify the chain</button>
        {verify.status !== 'idle' && (
          <TaskView task={verify} label="Verifying" cancellable>
            {(v) => v.intact
              ? <Badge kind="ok">intact: {v.entries} entries</Badge>
              : <Badge kind="warn">broken at entry {v.first_bad_entry}: {v.problem}</Badge>}
          </TaskView>
        )}
      </div>
      <TaskView task={t} label="Loading audit entries">
        {(p) => (
          <>
            <table class="data" data-testid="audit">
              <thead><tr><th scope="col" class="num">#</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">Agency</th><th scope="col">Action</th><th scope="col">Record</th><th scope="col">Detail</th></tr></thead>
              <tbody>{p.items.map((e) => (
                <tr key={e.seq}><td class="num">{e.seq}</td><td>{fmtDate(e.at)}</td><td>{e.actor}</td><td>{e.agency}</td>
                  <td><Badge kind={/denied|refused|failed/.test(e.action) ? 'warn' : ''}>{e.action}</Badge></td><td><code>{e.subject}</code></td><td class="small">{e.detail}</td></tr>
              ))}</tbody>
            </table>
            <nav class="pager" aria-label="Audit pages">
              <button type="button" class="secondary" disabled={!history.length} onClick={() => { const h = [...history]; setAfter(h.pop() ?? 0); setHistory(h); }}>Earlier</button>
              <button type="button" class="secondary" disabled={p.next_after === null} onClick={() => { setHistory([...history, after]); setAfter(p.next_after ?? after); }}>Later</button>
            </nav>
          </>
        )}
      </TaskView>
    </section>
  );
}
