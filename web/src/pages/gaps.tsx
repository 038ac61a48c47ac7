// Legislative gap analysis: the matrix of requirements × jurisdictions as a heat map by status, with
// completeness and a score per chapter, and a drill-down to one cell (the obligation, the cited
// provisions' excerpts, the justification, the evidence from operations, every version and the
// comments). Assessors edit a cell, reviewers approve its current version, assessors, reviewers and
// civil-society partners comment (the server checks each role again). The workshop workbook is
// exported and imported here too, with the import's report of changes, conflicts and errors.
import { useState } from 'preact/hooks';
import {
  commentGapAssessment, exportGapWorkbook, getGapAssessment, getGapReport, importGapWorkbook, listGapCatalogues,
  reviewGapAssessment, saveGapAssessments,
} from '../api/generated/operations';
import type { GapAssessment, GapCatalogue, GapCompliance, GapReport, GapWorkbookImportReport } from '../api/generated/schemas';
import { Badge, Dash, ErrorNotice, Field, PageTitle, TaskView, fmtNumber } from '../components/common';
import { can, useMe } from '../lib/session';
import { useLoad, useTask } from '../lib/task';

export const STATUS_LABELS: Record<GapCompliance, string> = {
  met: 'met',
  partly_met: 'partly met',
  not_met: 'not met',
  not_applicable: 'not applicable',
  not_assessed: 'not yet assessed',
};
const STATUSES = Object.keys(STATUS_LABELS) as GapCompliance[];

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${fmtNumber(100 * x)} %`);
const today = () => new Date().toISOString().slice(0, 10);

/** "instrument s.section; ..." as the CLI and the workbook write it. */
export function citations(a: Pick<GapAssessment, 'provisions'>): string {
  return a.provisions.map((p) => (p.section ? `${p.instrument} s.${p.section}` : p.instrument)).join('; ');
}

function parseCitations(text: string): { instrument: string; section: string }[] {
  return text.split(';').map((s) => s.trim()).filter(Boolean).map((s) => {
    const m = /^(\S+)\s+s\.\s*(.+)$/.exec(s);
    return m ? { instrument: m[1], section: m[2].trim() } : { instrument: s, section: '' };
  });
}

export function GapsPage() {
  const [catalogue, setCatalogue] = useState('');
  const [selected, setSelected] = useState<{ jurisdiction: string; requirement: string } | null>(null);
  const [version, setVersion] = useState(0); // bumped after a change to reload the matrix
  const cats = useLoad((signal) => listGapCatalogues(signal), []);
  const report = useLoad((signal) => getGapReport({ catalogue: catalogue || undefined }, signal), [catalogue, version]);
  const reload = () => setVersion((v) => v + 1);
  return (
    <>
      <PageTitle title="Legislative gaps" sub="National and provincial law against the UN Protocols, with evidence from operations" />
      <TaskView task={cats} label="Loading the requirement catalogues">
        {(c) => (
          <div class="tabs" role="tablist" aria-label="Catalogue">
            <button type="button" role="tab" aria-selected={catalogue === ''} class={catalogue === '' ? 'active' : ''} onClick={() => setCatalogue('')}>
              All catalogues
            </button>
            {c.items.map((k) => (
              <button key={k.id} type="button" role="tab" aria-selected={catalogue === k.id} class={catalogue === k.id ? 'active' : ''} onClick={() => setCatalogue(k.id)}>
                {k.short_name}
              </button>
            ))}
          </div>
        )}
      </TaskView>
      <WorkbookPanel catalogue={catalogue} onImported={reload} />
      <TaskView task={report} label="Loading the assessments">
        {(r) => (
          <>
            {r.illustrative && <p class="notice" data-testid="illustrative">Illustrative: {r.illustrative_note || 'to be verified against the law’s text.'}</p>}
            <div class="gaps-layout">
              <div>
                <HeatMap report={r} catalogues={cats.data?.items ?? []} selected={selected} onSelect={setSelected} />
                <Scores report={r} />
              </div>
              <aside class="side gaps-side" aria-label="Cell detail">
                {selected ? (
                  <CellDetail key={`${selected.jurisdiction}/${selected.requirement}/${version}`} {...selected} onChanged={reload} />
                ) : (
                  <p class="muted">Choose a cell of the matrix to see the provisions, the justification and the evidence.</p>
                )}
              </aside>
            </div>
          </>
        )}
      </TaskView>
    </>
  );
}

function HeatMap(props: {
  report: GapReport;
  catalogues: GapCatalogue[];
  selected: { jurisdiction: string; requirement: string } | null;
  onSelect: (s: { jurisdiction: string; requirement: string }) => void;
}) {
  const r = props.report;
  const cell = new Map<string, GapAssessment>();
  for (const c of r.cells) cell.set(`${c.requirement}|${c.jurisdiction}`, c);
  const shown = props.catalogues.filter((c) => r.catalogues.some((k) => k.id === c.id));
  return (
    <section aria-labelledby="matrix-h">
      <h2 id="matrix-h">Matrix</h2>
      <ul class="legend" aria-label="Legend">
        {STATUSES.map((s) => (
          <li key={s}><span class={`heat-swatch heat-${s}`} aria-hidden="true" /> {STATUS_LABELS[s]}</li>
        ))}
        <li><span aria-hidden="true">↑</span> inherited from the jurisdiction deferred to</li>
      </ul>
      <div class="heat-wrap">
        <table class="data heat" data-testid="gap-matrix">
          <thead>
            <tr>
              <th scope="col">Requirement</th>
              {r.jurisdictions.map((j) => <th key={j.id} scope="col" title={j.level}>{j.name}</th>)}
            </tr>
          </thead>
          {shown.map((cat) => (
            <tbody key={cat.id}>
              <tr class="heat-group"><th colSpan={r.jurisdictions.length + 1} scope="colgroup">{cat.title} <span class="muted small">version {cat.version}</span></th></tr>
              {cat.requirements.map((req) => (
                <tr key={req.id}>
                  <th scope="row" class="heat-req" title={req.obligation}>
                    {req.id} <span class="muted small">Art. {req.article}</span>
                  </th>
                  {r.jurisdictions.map((j) => {
                    const a = cell.get(`${req.id}|${j.id}`);
                    const status = a?.status ?? 'not_assessed';
                    const active = props.selected?.jurisdiction === j.id && props.selected.requirement === req.id;
                    return (
                      <td key={j.id} class={`heat-${status}${active ? ' heat-active' : ''}`}>
                        <button type="button" class="heat-cell" data-cell={`${req.id}|${j.id}`} data-status={status}
                          aria-label={`${req.id} in ${j.name}: ${STATUS_LABELS[status]}${a?.inherited_from ? ` (inherited from ${a.inherited_from})` : ''}`}
                          aria-pressed={active} onClick={() => props.onSelect({ jurisdiction: j.id, requirement: req.id })}>
                          {STATUS_LABELS[status]}{a?.inherited_from ? ' ↑' : ''}
                          {a?.reviewed_by ? <span class="sr-only"> reviewed</span> : null}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}

function Scores(props: { report: GapReport }) {
  const r = props.report;
  return (
    <section aria-labelledby="scores-h">
      <h2 id="scores-h">Completeness and score per chapter</h2>
      <p class="muted small">Score: (met + ½ partly met) ÷ (assessed − not applicable). Completeness: assessed ÷ requirements.</p>
      <table class="data" data-testid="gap-scores">
        <thead>
          <tr><th scope="col">Jurisdiction</th><th scope="col">Chapter</th><th scope="col">Completeness</th><th scope="col">Score</th><th scope="col">met / partly / not met / n.a.</th></tr>
        </thead>
        <tbody>
          {r.summaries.flatMap((s) => s.chapters.map((c) => (
            <tr key={`${s.jurisdiction}/${c.catalogue}/${c.chapter}`}>
              <td>{s.name}</td>
              <td>{c.title}</td>
              <td><Meter value={c.completeness} /> {pct(c.completeness)}</td>
              <td><Meter value={c.score ?? 0} /> {pct(c.score)}</td>
              <td>{c.met} / {c.partly_met} / {c.not_met} / {c.not_applicable}</td>
            </tr>
          )))}
        </tbody>
      </table>
      {r.summaries.map((s) => s.narrative && <p key={s.jurisdiction} class="small"><strong>{s.name}.</strong> {s.narrative}</p>)}
    </section>
  );
}

function Meter(props: { value: number }) {
  return <span class="meter" aria-hidden="true"><span style={{ width: `${Math.round(100 * Math.max(0, Math.min(1, props.value)))}%` }} /></span>;
}

function CellDetail(props: { jurisdiction: string; requirement: string; onChanged: () => void }) {
  const me = useMe();
  const t = useLoad((signal) => getGapAssessment({ jurisdiction: props.jurisdiction, requirement: props.requirement }, signal), [props.jurisdiction, props.requirement]);
  return (
    <TaskView task={t} label="Loading the cell">
      {(d) => {
        const a = d.assessment;
        return (
          <div data-testid="gap-detail">
            <h2>{d.requirement.id} · {props.jurisdiction}</h2>
            <p class="small muted">Art. {d.requirement.article} · {d.requirement.force}</p>
            <p>{d.requirement.obligation}</p>
            <p class="small"><strong>Evidence in law:</strong> {d.requirement.evidence_in_law}</p>
            <p>
              <span class={`badge heat-${a.status}`} data-testid="detail-status">{STATUS_LABELS[a.status]}</span>{' '}
              {a.version > 0 && <span class="muted small">version {a.version}, {a.assessed_by} on {a.assessed_on}</span>}{' '}
              {a.reviewed_by ? <Badge kind="ok">reviewed by {a.reviewed_by}</Badge> : a.version > 0 && <Badge kind="warn">not reviewed</Badge>}
            </p>
            {a.inherited_from && <p class="notice small">Inherited from {a.inherited_from}. {a.note}</p>}
            {a.illustrative && <p class="small muted">Illustrative: to be verified against the law’s text.</p>}
            <h3>Justification</h3>
            <p data-testid="detail-justification"><Dash v={a.justification} /></p>
            <h3>Provisions cited</h3>
            {d.provisions.length ? (
              <ul class="plain" data-testid="detail-provisions">
                {d.provisions.map((p) => (
                  <li key={`${p.instrument}/${p.section}`}>
                    <strong>{p.title}</strong>{p.section && <> s.{p.section}</>}{p.heading && <> — {p.heading}</>}
                    {p.excerpt && <blockquote class="small">{p.excerpt}</blockquote>}
                  </li>
                ))}
              </ul>
            ) : <p class="muted">None.</p>}
            <h3>Evidence from operations</h3>
            {d.evidence.length ? (
              <ul class="plain" data-testid="detail-evidence">
                {d.evidence.map((m) => (
                  <li key={m.id}>
                    <strong>{m.title}</strong>: {m.share === null ? <span class="muted">{m.note || 'no data'}</span> : <>{pct(m.share)} ({fmtNumber(m.count)} of {fmtNumber(m.base)})</>}
                    <div class="small muted">{m.reading}</div>
                  </li>
                ))}
              </ul>
            ) : <p class="muted">No measure is linked to this requirement.</p>}
            {can(me, 'assess_gaps') && <EditCell a={a} catalogueVersion={a.catalogue_version} onSaved={() => { t.run(); props.onChanged(); }} />}
            {can(me, 'review_gaps') && a.version > 0 && !a.reviewed_by && !a.inherited_from && (
              <Review a={a} onDone={() => { t.run(); props.onChanged(); }} />
            )}
            <h3>History</h3>
            {d.history.length ? (
              <ol class="small" data-testid="detail-history">
                {d.history.map((h) => (
                  <li key={h.version}>v{h.version} {STATUS_LABELS[h.status]} — {h.assessed_by} on {h.assessed_on}{h.reviewed_by && `, reviewed by ${h.reviewed_by}`}</li>
                ))}
              </ol>
            ) : <p class="muted small">Never assessed here.</p>}
            <h3>Comments</h3>
            {d.comments.length ? (
              <ul class="plain small" data-testid="detail-comments">
                {d.comments.map((c, i) => <li key={i}><strong>{c.author}</strong> <span class="muted">({c.role}, {c.on})</span>: {c.text}</li>)}
              </ul>
            ) : <p class="muted small">No comments.</p>}
            {can(me, 'comment_gaps') && <AddComment jurisdiction={props.jurisdiction} requirement={props.requirement} onDone={() => t.run()} />}
          </div>
        );
      }}
    </TaskView>
  );
}

function EditCell(props: { a: GapAssessment; catalogueVersion: string; onSaved: () => void }) {
  const a = props.a;
  const [status, setStatus] = useState<GapCompliance>(a.status);
  const [provisions, setProvisions] = useState(citations(a));
  const [justification, setJustification] = useState(a.justification);
  const save = useTask(async (signal) => {
    const r = await saveGapAssessments({
      items: [{ requirement: a.requirement, jurisdiction: a.jurisdiction, catalogue_version: props.catalogueVersion, status,
        provisions: parseCitations(provisions), justification: justification.trim(), assessed_on: today() }],
    }, signal);
    props.onSaved();
    return r;
  });
  return (
    <details class="panel" open={false}>
      <summary>Edit this assessment</summary>
      <form class="stack" onSubmit={(e) => { e.preventDefault(); save.run(); }}>
        <Field label="Status" id="gap-status">
          <select id="gap-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value as GapCompliance)}>
            {STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
          </select>
        </Field>
        <Field label="Provisions" id="gap-provisions" hint="instrument s.section; several separated by ;">
          <input id="gap-provisions" value={provisions} onInput={(e) => setProvisions((e.target as HTMLInputElement).value)} />
        </Field>
        <Field label="Justification" id="gap-justification">
          <textarea id="gap-justification" rows={3} value={justification} onInput={(e) => setJustification((e.target as HTMLTextAreaElement).value)} />
        </Field>
        <div class="actions"><button type="submit" disabled={save.status === 'running'}>Save as a new version</button></div>
        {save.status === 'error' && <ErrorNotice error={save.error} />}
        {save.status === 'done' && <p class="notice" role="status">Saved.</p>}
      </form>
    </details>
  );
}

function Review(props: { a: GapAssessment; onDone: () => void }) {
  const review = useTask(async (signal) => {
    const r = await reviewGapAssessment({ jurisdiction: props.a.jurisdiction, requirement: props.a.requirement }, { version: props.a.version }, signal);
    props.onDone();
    return r;
  });
  return (
    <div class="actions">
      <button type="button" onClick={() => review.run()} disabled={review.status === 'running'}>Approve version {props.a.version}</button>
      {review.status === 'error' && <ErrorNotice error={review.error} />}
    </div>
  );
}

function AddComment(props: { jurisdiction: string; requirement: string; onDone: () => void }) {
  const [text, setText] = useState('');
  const send = useTask(async (signal) => {
    const r = await commentGapAssessment({ jurisdiction: props.jurisdiction, requirement: props.requirement }, { text: text.trim() }, signal);
    setText('');
    props.onDone();
    return r;
  });
  return (
    <form class="stack" onSubmit={(e) => { e.preventDefault(); if (text.trim()) send.run(); }}>
      <Field label="Add a comment" id="gap-comment">
        <textarea id="gap-comment" rows={2} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      </Field>
      <div class="actions"><button type="submit" disabled={send.status === 'running' || !text.trim()}>Comment</button></div>
      {send.status === 'error' && <ErrorNotice error={send.error} />}
    </form>
  );
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function WorkbookPanel(props: { catalogue: string; onImported: () => void }) {
  const me = useMe();
  const [file, setFile] = useState<File | null>(null);
  const exp = useTask(async (signal) => {
    const w = await exportGapWorkbook({ catalogue: props.catalogue || undefined }, signal);
    const bin = atob(w.content_base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; ++i) bytes[i] = bin.charCodeAt(i);
    const url = URL.createObjectURL(new Blob([bytes], { type: w.content_type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = w.filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
    return w.filename;
  });
  const imp = useTask(async (signal) => {
    if (!file) throw new Error('no file');
    const content = toBase64(new Uint8Array(await file.arrayBuffer()));
    const r = await importGapWorkbook({ filename: file.name, content_base64: content }, signal);
    props.onImported();
    return r;
  });
  return (
    <details class="panel" data-testid="workbook-panel">
      <summary>Workshop workbook</summary>
      <p class="small muted">
        Export the assessments as an Excel workbook for a workshop: one sheet per catalogue, a drop-down list for the status, requirement
        columns protected (without a password). Import it back: every change is listed; a cell changed in Kashf since the export is
        shown as a conflict and not applied.
      </p>
      <div class="actions">
        <button type="button" onClick={() => exp.run()} disabled={exp.status === 'running'}>Export workbook</button>
        {exp.status === 'done' && <span class="muted small" role="status">Downloaded {exp.data}</span>}
      </div>
      {exp.status === 'error' && <ErrorNotice error={exp.error} />}
      {can(me, 'assess_gaps') && (
        <form class="toolbar" onSubmit={(e) => { e.preventDefault(); if (file) imp.run(); }}>
          <Field label="Filled-in workbook (.xlsx)" id="gap-workbook-file">
            <input id="gap-workbook-file" type="file" accept=".xlsx" onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
          </Field>
          <button type="submit" disabled={!file || imp.status === 'running'}>Import workbook</button>
        </form>
      )}
      {imp.status === 'error' && <ErrorNotice error={imp.error} />}
      {imp.data && imp.status === 'done' && <ImportReport r={imp.data} />}
    </details>
  );
}

function Values(props: { v: { status: string; provisions: string; justification: string; version: number } }) {
  return <>{props.v.status} · <Dash v={props.v.provisions} /> · <Dash v={props.v.justification} /> <span class="muted">(v{props.v.version})</span></>;
}

function ImportReport(props: { r: GapWorkbookImportReport }) {
  const r = props.r;
  return (
    <div data-testid="workbook-report">
      <p role="status">
        {r.rows} requirement rows read: <strong>{r.changes.length} changed</strong>, {r.unchanged} unchanged,{' '}
        <strong>{r.conflicts.length} conflicts</strong>, <strong>{r.errors.length} errors</strong>.
      </p>
      {r.changes.length > 0 && (
        <table class="data small" data-testid="workbook-changes">
          <thead><tr><th scope="col">Cell</th><th scope="col">Requirement</th><th scope="col">Jurisdiction</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
          <tbody>{r.changes.map((c) => <tr key={`${c.sheet}!${c.cell}`}><td>{c.sheet}!{c.cell}</td><td>{c.requirement}</td><td>{c.jurisdiction}</td><td><Values v={c.before} /></td><td><Values v={c.after} /></td></tr>)}</tbody>
        </table>
      )}
      {r.conflicts.length > 0 && (
        <table class="data small" data-testid="workbook-conflicts">
          <caption>Conflicts: changed in Kashf since the export, not applied</caption>
          <thead><tr><th scope="col">Cell</th><th scope="col">Requirement</th><th scope="col">Base (exported)</th><th scope="col">Theirs (workbook)</th><th scope="col">Ours (Kashf now)</th></tr></thead>
          <tbody>{r.conflicts.map((c) => <tr key={`${c.sheet}!${c.cell}`}><td>{c.sheet}!{c.cell}</td><td>{c.requirement} · {c.jurisdiction}</td><td><Values v={c.base} /></td><td><Values v={c.theirs} /></td><td><Values v={c.ours} /></td></tr>)}</tbody>
        </table>
      )}
      {r.errors.length > 0 && (
        <table class="data small" data-testid="workbook-errors">
          <caption>Errors: not imported</caption>
          <thead><tr><th scope="col">Where</th><th scope="col">Requirement</th><th scope="col">Jurisdiction</th><th scope="col">Problem</th></tr></thead>
          <tbody>{r.errors.map((e, i) => <tr key={i}><td>{e.sheet}{e.cell && `!${e.cell}`}</td><td><Dash v={e.requirement} /></td><td><Dash v={e.jurisdiction} /></td><td>{e.message}</td></tr>)}</tbody>
        </table>
      )}
    </div>
  );
}
