// Small shared pieces: progress with cancel, error and refusal notices, labelled fields, tables.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, describeError } from '../api/client';
import type { Task, TaskState } from '../lib/task';
import { codeLabel } from '../lib/format';

/** Progress of a long operation: what it is doing, how long it has taken, and a Cancel button. */
export function Progress(props: { label: string; step?: string; startedAt?: number; onCancel?: () => void }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(t);
  }, []);
  const secs = props.startedAt ? Math.max(0, (now - props.startedAt) / 1000) : 0;
  return (
    <div class="progress" role="status" aria-live="polite" data-testid="progress">
      <span class="spinner" aria-hidden="true" />
      <span>
        {props.label}
        {props.step ? ` — ${props.step}` : ''} <span class="muted">({secs.toFixed(1)} s)</span>
      </span>
      {props.onCancel && (
        <button type="button" class="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}

/** Renders a task's progress, error or cancellation; children only when it has data. */
export function TaskView<T>(props: {
  task: TaskState<T> & Pick<Task<T, []>, 'cancel'>;  // any task: its state and its Cancel
  label: string;
  cancellable?: boolean;
  children: (data: T) => ComponentChildren;
}) {
  const t = props.task;
  return (
    <>
      {(t.status === 'running' || (t.status === 'idle' && !t.data)) && (
        <Progress label={props.label} step={t.step} startedAt={t.startedAt} onCancel={props.cancellable ? t.cancel : undefined} />
      )}
      {t.status === 'error' && <ErrorNotice error={t.error} />}
      {t.status === 'cancelled' && <p class="notice">Cancelled. Change the settings and run it again.</p>}
      {t.data !== null && (t.status === 'done' || t.status === 'cancelled') && props.children(t.data)}
    </>
  );
}

export function ErrorNotice(props: { error: unknown }) {
  const e = props.error;
  if (e instanceof ApiError && !e.unsupported && (e.status === 403 || (e.status === 404 && e.code === 'not_found'))) {
    return <Refusal status={e.status} message={e.message} />;
  }
  return (
    <div class="error" role="alert">
      {describeError(e)}
    </div>
  );
}

/** Shown when the role may not see a page or record (403), or the record is not visible (404). */
export function Refusal(props: { status?: number; message?: string; section?: string }) {
  const title = props.status === 404 ? 'Not found or not visible to you' : 'Access refused';
  return (
    <div class="refusal" role="alert" data-testid="refusal">
      <h2>{title}</h2>
      <p>
        {props.status === 404
          ? 'This record does not exist, or it belongs to another agency and is not shared with you.'
          : `Your role does not allow ${props.section ? `the ${props.section} section` : 'this'}.`}{' '}
        {props.message && <span class="muted">Server: {props.message}</span>}
      </p>
      <p class="muted">Every refused access is recorded in the audit log.</p>
    </div>
  );
}

export function Field(props: { label: string; id: string; hint?: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && (
        <small id={`${props.id}-hint`} class="muted">
          {props.hint}
        </small>
      )}
    </div>
  );
}

export function Dash(props: { v: unknown }) {
  const v = props.v;
  if (v === null || v === undefined || v === '') return <span class="muted">—</span>;
  if (Array.isArray(v)) return <>{v.length ? v.join(', ') : <span class="muted">—</span>}</>;
  if (typeof v === 'boolean') return <>{v ? 'yes' : 'no'}</>;
  return <>{String(v)}</>;
}

export function Badge(props: { kind?: string; children: ComponentChildren }) {
  return <span class={`badge ${props.kind ?? ''}`}>{props.children}</span>;
}

export function KeyValues(props: { rows: [string, unknown][] }) {
  return (
    <dl class="kv">
      {props.rows.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>
            <Dash v={v} />
          </dd>
        </>
      ))}
    </dl>
  );
}

export function PageTitle(props: { title: string; sub?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${props.title} · Kashf`;
  }, [props.title]);
  return (
    <header class="page-head">
      <h1 tabIndex={-1} id="page-title">
        {props.title}
      </h1>
      {props.sub && <p class="muted">{props.sub}</p>}
    </header>
  );
}

export function Pager(props: { offset: number; limit: number; next: number | null; onPage: (offset: number) => void }) {
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" class="secondary" disabled={props.offset === 0} onClick={() => props.onPage(Math.max(0, props.offset - props.limit))}>
        Previous
      </button>
      <span class="muted">
        from {props.offset + 1}
      </span>
      <button type="button" class="secondary" disabled={props.next === null} onClick={() => props.next !== null && props.onPage(props.next)}>
        Next
      </button>
    </nav>
  );
}

export function fmtNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** An amount with its own currency ("USD 1,250"); without a recorded currency, a bare number (never a made-up PKR). */
export function fmtAmount(n: number | null | undefined, currency?: string | null): string {
  if (n === null || n === undefined) return '—';
  const num = n.toLocaleString('en-GB', { maximumFractionDigits: 0 });
  return currency ? `${currency} ${num}` : num;
}

/** Totals per currency ({PKR: 1250000, USD: 500}) as "PKR 1,250,000, USD 500"; never added across currencies. */
export function fmtTotals(t: Record<string, number> | null | undefined): string {
  const entries = Object.entries(t ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? entries.map(([currency, amount]) => fmtAmount(amount, currency)).join(', ') : '0';
}

export function fmtDate(s: string | null | undefined): string {
  if (!s) return '—';
  return s.length > 10 && s.includes('T') ? s.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : s;
}

export function humanise(code: string | null | undefined): string {
  if (!code) return '—';
  return codeLabel(code);
}
