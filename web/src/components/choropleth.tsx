// District choropleth of Pakistan: the district outlines of @svg-maps/pakistan.districts (public
// domain, bundled: no tiles, no network) shaded by a count per Kashf district (src/lib/districts.ts
// matches the names). Shades are five CSS classes (the Content-Security-Policy forbids inline
// styles) in equal steps up to the largest count; outlines with no matching Kashf district
// are hatched grey and named under the map, as are counts for districts the map cannot draw.
import { useMemo, useState } from 'preact/hooks';
import { canonicalDistrict, MAP_VIEWBOX, SHAPES, UNMATCHED_DISTRICTS, UNMATCHED_SHAPES } from '../lib/districts';

const STEPS = 5;

export function DistrictChoropleth(props: { title: string; counts: Record<string, number>; unit: string }) {
  const [hover, setHover] = useState<string | null>(null);
  const { byDistrict, unknown } = useMemo(() => {
    const byDistrict = new Map<string, number>();
    const unknown: [string, number][] = [];
    for (const [name, n] of Object.entries(props.counts)) {
      const d = canonicalDistrict(name);
      if (d) byDistrict.set(d, (byDistrict.get(d) ?? 0) + n);
      else unknown.push([name, n]);
    }
    return { byDistrict, unknown };
  }, [props.counts]);
  const shapeCount = (districts: string[]) => districts.reduce((a, d) => a + (byDistrict.get(d) ?? 0), 0);
  const max = Math.max(1, ...SHAPES.map((s) => shapeCount(s.districts)));
  const step = (n: number) => (n <= 0 ? 0 : Math.min(STEPS, Math.ceil((n / max) * STEPS)));
  const undrawn = UNMATCHED_DISTRICTS.filter((d) => (byDistrict.get(d) ?? 0) > 0);
  const hovered = SHAPES.find((s) => s.id === hover);
  return (
    <figure class="map choropleth">
      <svg viewBox={MAP_VIEWBOX} role="img" aria-label={`${props.title}. The table below lists the same counts.`} data-testid="choropleth">
        {SHAPES.map((s) => {
          const n = shapeCount(s.districts);
          const cls = s.districts.length === 0 ? 'unmatched' : `ch-${step(n)}`;
          return (
            <path key={s.id} d={s.path} class={`district ${cls} ${hover === s.id ? 'hover' : ''}`} data-district={s.name} data-count={n}
              onMouseEnter={() => setHover(s.id)} onMouseLeave={() => setHover(null)}>
              <title>{s.districts.length ? `${s.name}: ${n} ${props.unit}` : `${s.name}: not in Kashf's district list`}</title>
            </path>
          );
        })}
      </svg>
      <figcaption class="muted small">
        <span aria-live="polite" data-testid="choropleth-hover">
          {hovered ? `${hovered.name}: ${hovered.districts.length ? `${shapeCount(hovered.districts)} ${props.unit}` : 'no Kashf district'}` : 'Point at a district for its count.'}
        </span>
        <span class="legend">
          {Array.from({ length: STEPS + 1 }, (_, i) => (
            <span key={i} class="legend-item">
              <svg viewBox="0 0 12 12" class="legend-swatch" aria-hidden="true"><rect width="12" height="12" class={`ch-${i}`} /></svg>
              {i === 0 ? '0' : `≤ ${Math.ceil((i / STEPS) * max)}`}
            </span>
          ))}
        </span>
        District outlines: @svg-maps/pakistan.districts (public domain, districts before 2018). Outlines matching no Kashf district
        (hatched): <span data-testid="unmatched-shapes">{UNMATCHED_SHAPES.join(', ') || 'none'}</span>.
        {undrawn.length > 0 && <> Counted but not drawn: {undrawn.map((d) => `${d} (${byDistrict.get(d)})`).join(', ')}.</>}
        {unknown.length > 0 && <> Not a Kashf district: {unknown.map(([d, n]) => `${d} (${n})`).join(', ')}.</>}
      </figcaption>
      <details>
        <summary>Table of the map</summary>
        <table data-testid="choropleth-table">
          <thead><tr><th scope="col">District</th><th scope="col" class="num">{props.unit}</th></tr></thead>
          <tbody>
            {[...byDistrict.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([d, n]) => (
              <tr key={d}><th scope="row">{d}</th><td class="num">{n}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
