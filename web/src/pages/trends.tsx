// Trends (issue 17): count series by week or month from seizures, survivors' cases (read_trends;
// victim series of aggregate-only roles come with small cells withheld by the server), the store's
// FIRs, payments and journeys (routes; read_trends) and civil-society reports (read_report_aggregates), as an ECharts line chart of the total and the
// largest breakdown cells, and a district choropleth of the same source.
import { useMemo, useState } from 'preact/hooks';
import { getReportSeries, getTrend } from '../api/generated/operations';
import { DistrictChoropleth } from '../components/choropleth';
import { TimeChart, type ChartSeries } from '../components/charts';
import { Field, PageTitle, TaskView } from '../components/common';
import { humanise } from '../components/common';
import { can, useMe } from '../lib/session';
import { useLoad } from '../lib/task';

type Source = 'seizure' | 'victim' | 'fir' | 'payment' | 'travel' | 'report';
type Interval = 'week' | 'month';

/** A series from either endpoint, in one shape. */
interface Series {
  periods: string[];
  total: (number | null)[];
  cells: { key: string; counts: (number | null)[]; total: number | null }[];
  notes: string[];
}

const BREAKDOWNS: Record<Source, string[]> = {
  seizure: ['district', 'province', 'firearm_type', 'calibre', 'make', 'seizure_place', 'agency'],
  victim: ['victim_sex', 'age_band', 'exploitation_type', 'route', 'transit_country', 'district', 'province'],
  fir: ['offence', 'district', 'province', 'agency'],
  payment: ['payment_channel', 'agency', 'district', 'province'],
  travel: ['route', 'origin_country', 'transit_country', 'destination_country', 'district', 'province', 'agency'],
  report: ['category', 'district', 'province'],
};

const SOURCE_LABELS: Record<Source, string> = {
  seizure: 'firearm seizures',
  victim: 'survivors (cases)',
  fir: 'FIRs and cases (records)',
  payment: 'payments (records)',
  travel: 'journeys: routes (records)',
  report: 'civil-society reports',
};

/** What one count is, for the map's legend. */
const UNITS: Record<Source, string> = {
  seizure: 'seizures',
  victim: 'survivors',
  fir: 'FIRs and cases',
  payment: 'payments',
  travel: 'travellers',
  report: 'reports',
};

const MAX_LINES = 6;

async function loadSeries(source: Source, period: Interval, by: string, signal: AbortSignal): Promise<Series> {
  if (source === 'report') {
    const s = await getReportSeries({ interval: period, ...(by ? { by: by as 'district' | 'province' | 'category' } : {}) }, signal);
    const total = s.periods.map((_, i) => s.cells.reduce((a, c) => a + (c.counts[i] ?? 0), 0));
    return { periods: s.periods, total, cells: by ? s.cells : [], notes: s.warnings };
  }
  const t = await getTrend({ source, period, ...(by ? { by } : {}) }, signal);
  const notes = [...t.warnings];
  if (t.small_cell_k > 0) notes.push(`Counts from 1 to ${t.small_cell_k - 1} are withheld (small-cell rule).`);
  return { periods: t.period_starts, total: t.total.counts, cells: t.cells.map((c) => ({ key: c.cell, counts: c.counts, total: c.total })), notes };
}

export function TrendsPage() {
  const me = useMe();
  const sources: Source[] = [
    ...(can(me, 'read_trends') ? (['seizure', 'victim', 'fir', 'payment', 'travel'] as Source[]) : []),
    ...(can(me, 'read_report_aggregates') ? (['report'] as Source[]) : []),
  ];
  const [source, setSource] = useState<Source>(sources[0] ?? 'report');
  const [period, setPeriod] = useState<Interval>('month');
  const [by, setBy] = useState('district');
  const series = useLoad((signal, step) => {
    step('counting');
    return loadSeries(source, period, by, signal);
  }, [source, period, by]);
  const map = useLoad((signal, step) => {
    step('counting by district');
    return loadSeries(source, 'month', 'district', signal);
  }, [source]);
  return (
    <>
      <PageTitle title="Trends" sub="Counts over time, whole and broken down; the map shades each district by its count over the whole period." />
      <section class="panel" aria-labelledby="trend-h">
        <h2 id="trend-h">Series</h2>
        <div class="toolbar">
          <Field label="Source" id="trend-source">
            <select id="trend-source" value={source} onChange={(e) => {
              const s = (e.target as HTMLSelectElement).value as Source;
              setSource(s);
              if (!BREAKDOWNS[s].includes(by)) setBy('');
            }}>
              {sources.map((s) => <option key={s} value={s}>{SOURCE_LABELS[s]}</option>)}
            </select>
          </Field>
          <Field label="Period" id="trend-period">
            <select id="trend-period" value={period} onChange={(e) => setPeriod((e.target as HTMLSelectElement).value as Interval)}>
              <option value="week">week</option>
              <option value="month">month</option>
            </select>
          </Field>
          <Field label="Break down by" id="trend-by">
            <select id="trend-by" value={by} onChange={(e) => setBy((e.target as HTMLSelectElement).value)}>
              <option value="">nothing (total only)</option>
              {BREAKDOWNS[source].map((d) => <option key={d} value={d}>{humanise(d)}</option>)}
            </select>
          </Field>
        </div>
        <TaskView task={series} label="Loading the series" cancellable>
          {(s) => <SeriesChart series={s} title={`${source} by ${by || 'total'} per ${period}`} />}
        </TaskView>
      </section>
      <section class="panel" aria-labelledby="trend-map-h">
        <h2 id="trend-map-h">By district</h2>
        <TaskView task={map} label="Loading district counts">
          {(s) => <DistrictMap series={s} source={source} />}
        </TaskView>
      </section>
    </>
  );
}

function SeriesChart(props: { series: Series; title: string }) {
  const s = props.series;
  const lines = useMemo<ChartSeries[]>(
    () => [{ name: 'total', values: s.total }, ...s.cells.slice(0, MAX_LINES).map((c) => ({ name: c.key, values: c.counts }))],
    [s],
  );
  if (s.periods.length === 0) return <p class="muted">No records in this series yet.</p>;
  return (
    <>
      <TimeChart title={props.title} periods={s.periods} series={lines} testid="trend-chart" />
      {s.cells.length > MAX_LINES && <p class="muted small">The {MAX_LINES} largest of {s.cells.length} cells are drawn; the table lists them too.</p>}
      {s.notes.map((n) => <p key={n} class="notice">{n}</p>)}
    </>
  );
}

function DistrictMap(props: { series: Series; source: Source }) {
  const counts = useMemo(() => {
    const out: Record<string, number> = {};
    for (const c of props.series.cells) if (c.total !== null && c.key !== 'unknown' && c.key !== 'other') out[c.key] = c.total;
    return out;
  }, [props.series]);
  const unit = UNITS[props.source];
  return <DistrictChoropleth title={`${unit} by district`} counts={counts} unit={unit} />;
}
