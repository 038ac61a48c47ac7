// Time-series charts drawn by Apache ECharts, imported module by module (src/lib/echarts.ts: core,
// line and bar charts, grid/tooltip/legend/mark-line, the canvas renderer) and loaded on first use
// as a chunk of its own, so the main bundle carries none of it. ECharts styles its own elements through the CSSOM, which the
// server's Content-Security-Policy (no inline style attributes) allows. Every chart has a table
// with the same numbers as its text alternative.
import type { EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorNotice } from './common';

export interface ChartSeries {
  name: string;
  values: (number | null)[];
  kind?: 'line' | 'bar' | 'dashed';
}

/** One chart: x = period labels, one line (or bar) per series; `null` values are gaps (withheld). */
export function TimeChart(props: { title: string; periods: string[]; series: ChartSeries[]; testid: string; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<unknown>(null);
  useEffect(() => {
    let chart: EChartsType | null = null;
    let gone = false;
    const resize = () => chart?.resize();
    import('../lib/echarts').then(
      ({ init }) => {
        if (gone || !el.current) return;
        chart = init(el.current, undefined, { renderer: 'canvas', height: props.height ?? 320 });
        draw(chart, props.periods, props.series);
        el.current.dataset.drawn = 'true';
        window.addEventListener('resize', resize);
      },
      (e: unknown) => setFailed(e),
    );
    return () => {
      gone = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [props.periods, props.series, props.height]);
  return (
    <figure class="chart">
      {failed !== null && <ErrorNotice error={failed} />}
      <div ref={el} class="chart-canvas" role="img" aria-label={`${props.title}. The table below has the same numbers.`} data-testid={props.testid} />
      <details>
        <summary>Table of the chart</summary>
        <div class="table-wrap">
          <table data-testid={`${props.testid}-table`}>
            <thead>
              <tr>
                <th scope="col">Period</th>
                {props.series.map((s) => <th key={s.name} scope="col">{s.name}</th>)}
              </tr>
            </thead>
            <tbody>
              {props.periods.map((p, i) => (
                <tr key={p}>
                  <th scope="row">{p}</th>
                  {props.series.map((s) => <td key={s.name} class="num">{s.values[i] === null ? 'withheld' : fmt(s.values[i])}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function draw(chart: EChartsType, periods: string[], series: ChartSeries[]) {
  chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 48, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({
        name: s.name,
        type: s.kind === 'bar' ? 'bar' : 'line',
        data: s.values,
        showSymbol: periods.length < 60,
        connectNulls: false,
        lineStyle: s.kind === 'dashed' ? { type: 'dashed' } : undefined,
      })),
  });
}

function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
