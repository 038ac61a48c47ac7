// Timeline: the dated events of an entity (its payments, calls, cases and travel from the network,
// and dated values from its records), of a case (recruitment, transit, exploitation, NRM stages,
// referrals, consents) or of a firearm (lifecycle events, trace requests), in date order.
import { useState } from 'preact/hooks';
import { getCase, getEgoNetwork, getEntity, getFirearm } from '../api/generated/operations';
import type { Case, FirearmDetail } from '../api/generated/schemas';
import { Badge, Field, fmtAmount, PageTitle, TaskView } from '../components/common';
import { normaliseGraph } from '../lib/graph';
import { href, navigate, entityHref } from '../lib/router';
import { can, useMe } from '../lib/session';
import { useLoad } from '../lib/task';

export interface TimelineEvent {
  date: string; // YYYY-MM-DD
  kind: string;
  title: string;
  detail?: string;
  link?: string;
}

const ISO = /^(\d{4}-\d{2}-\d{2})/;

export function TimelinePage(props: { query: URLSearchParams }) {
  const me = useMe();
  const kinds: [string, string][] = [];
  if (can(me, 'read_network')) kinds.push(['entity', 'Entity']);
  if (can(me, 'read_cases')) kinds.push(['case', 'Case']);
  if (can(me, 'read_firearms')) kinds.push(['firearm', 'Firearm']);
  const given = kinds.find(([k]) => props.query.get(k));
  const [kind, setKind] = useState(given?.[0] ?? kinds[0]?.[0] ?? '');
  const [id, setId] = useState(given ? props.query.get(given[0]) ?? '' : '');
  const subject = given ? { kind: given[0], id: props.query.get(given[0]) ?? '' } : null;

  const t = useLoad(async (signal, step) => (subject ? loadEvents(subject.kind, subject.id, signal, step) : null), [subject?.kind, subject?.id]);

  return (
    <>
      <PageTitle title="Timeline" sub="Events in date order." />
      <form class="toolbar" onSubmit={(e) => { e.preventDefault(); if (id.trim()) navigate(href('/timeline', { [kind]: id.trim() })); }}>
        <Field label="Of" id="tl-kind">
          <select id="tl-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
            {kinds.map(([k, l]) => <option key={k} value={k}>{l}</option>)}
          </select>
        </Field>
        <Field label="Id" id="tl-id" hint={kind === 'case' ? 'e.g. case-000042' : kind === 'firearm' ? 'Firearm number' : 'Entity or cluster id, from search, the network or the money trail'}>
          <input id="tl-id" value={id} required onInput={(e) => setId((e.target as HTMLInputElement).value)} />
        </Field>
        <button type="submit">Show timeline</button>
      </form>
      {subject && (
        <TaskView task={t} label="Collecting events" cancellable>
          {(events) => events && <Timeline events={events} />}
        </TaskView>
      )}
    </>
  );
}

async function loadEvents(kind: string, id: string, signal: AbortSignal, step: (s: string) => void): Promise<TimelineEvent[]> {
  if (kind === 'case') {
    step('reading the case');
    return caseEvents(await getCase({ case_id: id }, signal));
  }
  if (kind === 'firearm') {
    step('reading the firearm record');
    return firearmEvents(await getFirearm({ id: Number(id) }, signal));
  }
  step('reading the entity');
  const e = await getEntity({ id }, signal);
  const out: TimelineEvent[] = [];
  for (const s of e.statements) {
    const m = ISO.exec(s.value);
    if (m) out.push({ date: m[1], kind: 'record', title: `${s.prop}`, detail: `${s.dataset} · ${s.record}` });
  }
  step('collecting dated links from the network');
  try {
    const g = normaliseGraph(await getEgoNetwork({ id, depth: 1, limit: 2000 }, signal));
    const cap = new Map(g.nodes.map((n) => [n.key, n]));
    const self = g.nodes.find((n) => n.hops === 0)?.key ?? e.id;
    for (const ed of g.edges) {
      const m = ed.date ? ISO.exec(ed.date) : null;
      if (!m) continue;
      const otherKey = ed.source === self ? ed.target : ed.source;
      const other = cap.get(otherKey);
      const dir = ed.source === self ? 'to' : 'from';
      const who = other?.caption ?? otherKey;
      const title = ed.relation === 'payment'
        ? `Payment ${dir} ${who}: ${fmtAmount(ed.amount, ed.currency)}${ed.channel ? ` (${ed.channel})` : ''}`
        : `${ed.relation} ${dir === 'to' ? 'with' : 'from'} ${who}`;
      out.push({ date: m[1], kind: ed.relation, title, detail: ed.agency, link: other && !other.victim ? entityHref(other.id) : undefined });
    }
  } catch {
    // the network is optional here: records' own dates still make a timeline
  }
  return out;
}

export function caseEvents(c: Case): TimelineEvent[] {
  const out: TimelineEvent[] = [{ date: c.registration_date, kind: 'case', title: 'Case registered', detail: c.agency }];
  for (const e of c.events) out.push({ date: e.date, kind: e.kind, title: `${e.kind[0]?.toUpperCase()}${e.kind.slice(1)}`, detail: [e.city, e.country].filter(Boolean).join(', ') });
  for (const s of c.nrm.stages) out.push({ date: s.date, kind: 'nrm', title: `NRM stage: ${s.stage.replace(/_/g, ' ')}`, detail: [s.authority, s.note].filter(Boolean).join(' · ') });
  for (const r of c.referrals) out.push({ date: r.date, kind: 'referral', title: `Referral ${r.direction}: ${r.service}`, detail: r.provider });
  for (const k of c.consents) out.push({ date: k.date, kind: 'consent', title: `Consent ${k.granted ? 'given' : 'withdrawn'}: ${k.purpose.replace(/_/g, ' ')}` });
  if (c.due_date) out.push({ date: c.due_date, kind: 'deadline', title: `Deadline of stage ${c.current_stage.replace(/_/g, ' ')}` });
  return out;
}

export function firearmEvents(f: FirearmDetail): TimelineEvent[] {
  const out: TimelineEvent[] = f.events.map((e) => ({
    date: e.date, kind: e.kind, title: e.kind.replace(/_/g, ' '),
    detail: [e.holder, e.place, e.district, e.agency, e.document].filter(Boolean).join(' · '),
  }));
  for (const d of f.custody.diversions) out.push({ date: d.date, kind: 'diversion', title: `Diversion: ${d.from_state} → ${d.to_state}`, detail: d.explanation });
  for (const t of f.trace_requests) out.push({ date: t.date, kind: 'trace', title: `Trace request to ${t.requested_party}`, detail: t.status, link: `/traces/${encodeURIComponent(t.id)}` });
  return out;
}

export function Timeline(props: { events: TimelineEvent[] }) {
  const events = props.events.filter((e) => ISO.test(e.date)).sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
  if (!events.length) return <p class="notice">No dated events.</p>;
  const t0 = Date.parse(events[0].date), t1 = Date.parse(events[events.length - 1].date);
  const span = Math.max(1, t1 - t0);
  const kinds = [...new Set(events.map((e) => e.kind))];
  let year = '';
  return (
    <section data-testid="timeline" aria-label="Timeline">
      <svg viewBox="0 0 1000 60" class="strip" role="img" aria-label={`${events.length} events from ${events[0].date} to ${events[events.length - 1].date}`}>
        <line x1="10" y1="30" x2="990" y2="30" class="axis" />
        {events.map((e, i) => {
          const x = 10 + (980 * (Date.parse(e.date) - t0)) / span;
          return <circle key={i} cx={x} cy={30} r="5" class={`tl-dot k${kinds.indexOf(e.kind) % 8}`}><title>{`${e.date} ${e.title}`}</title></circle>;
        })}
        <text x="10" y="55" class="tick">{events[0].date}</text>
        <text x="990" y="55" class="tick end">{events[events.length - 1].date}</text>
      </svg>
      <ol class="timeline">
        {events.map((e, i) => {
          const y = e.date.slice(0, 4);
          const head = y !== year;
          year = y;
          return (
            <li key={i} class={head ? 'year-start' : ''}>
              {head && <h3 class="year">{y}</h3>}
              <time dateTime={e.date}>{e.date}</time> <Badge kind={`k${kinds.indexOf(e.kind) % 8}`}>{e.kind}</Badge>{' '}
              {e.link ? <a href={e.link} dir="auto">{e.title}</a> : <span dir="auto">{e.title}</span>}
              {e.detail && <span class="muted"> — {e.detail}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
