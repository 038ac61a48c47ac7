// Civil-society early-warning reports (issue 17). A partner (role cso) fills in the form (date,
// district, category from the reference table, free text, optional contact) and sees its own
// reports; an analyst (read_reports) reviews every report with its text and contact and links it to
// an entity or a case. Nobody else reaches this page; the server enforces the same rule.
import { useState } from 'preact/hooks';
import { getReportReference, linkReport, listMyReports, listReports, submitReport } from '../api/generated/operations';
import type { CsoReport, ReportReference } from '../api/generated/schemas';
import { ErrorNotice, Field, fmtDate, PageTitle, Pager, TaskView } from '../components/common';
import { can, useMe } from '../lib/session';
import { useLoad, useTask } from '../lib/task';

export function ReportsPage() {
  const me = useMe();
  const ref = useLoad((signal) => getReportReference(signal), []);
  const [version, setVersion] = useState(0);
  return (
    <>
      <PageTitle title="Early-warning reports" sub="Reports from civil-society partners and community monitors. Free text and contact are need-to-know." />
      <TaskView task={ref} label="Loading categories and districts">
        {(reference) => (
          <>
            {can(me, 'submit_reports') && <ReportForm reference={reference} onSubmitted={() => setVersion((v) => v + 1)} />}
            {can(me, 'submit_reports') && <ReportList reference={reference} mine version={version} />}
            {can(me, 'read_reports') && <ReportList reference={reference} mine={false} version={version} />}
          </>
        )}
      </TaskView>
    </>
  );
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function ReportForm(props: { reference: ReportReference; onSubmitted: () => void }) {
  const [date, setDate] = useState(today());
  const [district, setDistrict] = useState('');
  const [category, setCategory] = useState('');
  const [text, setText] = useState('');
  const [contact, setContact] = useState('');
  const submit = useTask(async (signal) => {
    const r = await submitReport({ date, district, category, text, ...(contact ? { contact } : {}) }, signal);
    setText('');
    setContact('');
    props.onSubmitted();
    return r;
  });
  const domains = [...new Set(props.reference.categories.map((c) => c.domain))];
  return (
    <section class="panel" aria-labelledby="report-form-h">
      <h2 id="report-form-h">Submit a report</h2>
      <form data-testid="report-form" onSubmit={(e) => { e.preventDefault(); submit.run(); }}>
        <div class="toolbar">
          <Field label="Date observed" id="report-date">
            <input id="report-date" type="date" required max={today()} value={date} onInput={(e) => setDate((e.target as HTMLInputElement).value)} />
          </Field>
          <Field label="District" id="report-district" hint="Type to search the district list">
            <input id="report-district" list="report-districts" required value={district} autoComplete="off"
              onInput={(e) => setDistrict((e.target as HTMLInputElement).value)} />
            <datalist id="report-districts">
              {props.reference.districts.map((d) => <option key={d.name} value={d.name}>{d.province}</option>)}
            </datalist>
          </Field>
          <Field label="Category" id="report-category">
            <select id="report-category" required value={category} onChange={(e) => setCategory((e.target as HTMLSelectElement).value)}>
              <option value="">Choose…</option>
              {domains.map((d) => (
                <optgroup key={d} label={d}>
                  {props.reference.categories.filter((c) => c.domain === d).map((c) => <option key={c.code} value={c.code}>{c.label}</option>)}
                </optgroup>
              ))}
            </select>
          </Field>
        </div>
        <Field label="What did you see or hear?" id="report-text" hint="Do not name victims. Analysts with the need to know read this.">
          <textarea id="report-text" required maxLength={4000} rows={5} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        </Field>
        <Field label="Contact (optional)" id="report-contact" hint="How an analyst may reach you about this report">
          <input id="report-contact" maxLength={200} value={contact} onInput={(e) => setContact((e.target as HTMLInputElement).value)} />
        </Field>
        <button type="submit" disabled={submit.status === 'running'}>Submit report</button>
      </form>
      {submit.status === 'error' && <ErrorNotice error={submit.error} />}
      {submit.status === 'done' && submit.data && (
        <p class="notice" role="status" data-testid="report-submitted">
          Report {submit.data.id} stored ({submit.data.district}, {label(props.reference, submit.data.category)}).
        </p>
      )}
    </section>
  );
}

function label(reference: ReportReference, code: string): string {
  return reference.categories.find((c) => c.code === code)?.label ?? code;
}

function ReportList(props: { reference: ReportReference; mine: boolean; version: number }) {
  const [offset, setOffset] = useState(0);
  const [linked, setLinked] = useState(0);
  const list = useLoad(
    (signal) => (props.mine ? listMyReports({ offset, limit: 20 }, signal) : listReports({ offset, limit: 20 }, signal)),
    [offset, props.mine, props.version, linked],
  );
  const id = props.mine ? 'my-reports' : 'all-reports';
  return (
    <section class="panel" aria-labelledby={`${id}-h`} data-testid={id}>
      <h2 id={`${id}-h`}>{props.mine ? 'Your reports' : 'All partners’ reports'}</h2>
      <TaskView task={list} label="Loading reports">
        {(page) => (
          <>
            {page.items.length === 0 && <p class="muted">No reports yet.</p>}
            <ul class="plain">
              {page.items.map((r) => (
                <li key={r.id} class="card" data-testid="report-item">
                  <ReportView reference={props.reference} report={r} />
                  {!props.mine && <LinkForm report={r} onLinked={() => setLinked((n) => n + 1)} />}
                </li>
              ))}
            </ul>
            <Pager offset={page.offset} limit={page.limit} next={page.next_offset} onPage={setOffset} />
          </>
        )}
      </TaskView>
    </section>
  );
}

function ReportView(props: { reference: ReportReference; report: CsoReport }) {
  const r = props.report;
  return (
    <>
      <h3>
        #{r.id} · {fmtDate(r.date)} · {r.district} ({r.province}) · {label(props.reference, r.category)}
      </h3>
      <p class="pre">{r.text}</p>
      <p class="muted small">
        {r.contact ? `Contact: ${r.contact} · ` : ''}submitted by {r.submitted_by} ({r.agency})
        {r.links.length > 0 && ` · linked to ${r.links.map((l) => `${l.kind} ${l.target}`).join(', ')}`}
      </p>
    </>
  );
}

function LinkForm(props: { report: CsoReport; onLinked: () => void }) {
  const [kind, setKind] = useState<'entity' | 'case'>('entity');
  const [target, setTarget] = useState('');
  const link = useTask(async (signal) => {
    const r = await linkReport({ report_id: props.report.id }, { kind, target }, signal);
    setTarget('');
    props.onLinked();
    return r;
  });
  const fid = `link-${props.report.id}`;
  return (
    <form class="toolbar" onSubmit={(e) => { e.preventDefault(); link.run(); }}>
      <Field label="Link to" id={`${fid}-kind`}>
        <select id={`${fid}-kind`} value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as 'entity' | 'case')}>
          <option value="entity">entity</option>
          <option value="case">case</option>
        </select>
      </Field>
      <Field label="Id" id={`${fid}-target`}>
        <input id={`${fid}-target`} required maxLength={64} value={target} onInput={(e) => setTarget((e.target as HTMLInputElement).value)} />
      </Field>
      <button type="submit" class="secondary">Link</button>
      {link.status === 'error' && <ErrorNotice error={link.error} />}
    </form>
  );
}
