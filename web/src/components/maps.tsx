// Offline SVG maps: routes (origin -> transit -> destination) over country outlines, and counts at
// Pakistani district points. Drawn with d3-geo into plain SVG elements (no inline style attributes:
// the server's Content-Security-Policy forbids them), each map with a text alternative table.
import { geoNaturalEarth1, geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, LineString, MultiPoint } from 'geojson';
import { useMemo, useState } from 'preact/hooks';
import type { World } from '../lib/geo';

export interface RouteLine {
  key: string;
  label: string;
  stops: { at: [number, number]; label: string }[];
  count: number;
}

const W = 960;
const H = 520;

export function RouteMap(props: { world: World; routes: RouteLine[]; title: string }) {
  const [hover, setHover] = useState<string | null>(null);
  const { projection, path } = useMemo(() => {
    const pts = props.routes.flatMap((r) => r.stops.map((s) => s.at));
    // Europe to East Asia always in view (the region of the routes in public reporting), widened by any stop outside it.
    const extent: MultiPoint = { type: 'MultiPoint', coordinates: [...pts, [5, -2], [120, 52]] };
    const projection: GeoProjection = geoNaturalEarth1().fitExtent([[30, 30], [W - 30, H - 30]], extent);
    return { projection, path: geoPath(projection) };
  }, [props.routes]);
  const max = Math.max(1, ...props.routes.map((r) => r.count));
  const used = new Set(props.routes.flatMap((r) => r.stops.map((s) => s.label)));
  const stops = new Map<string, [number, number]>();
  for (const r of props.routes) for (const s of r.stops) stops.set(s.label, s.at);
  return (
    <figure class="map">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${props.title}. The table below lists the same routes.`} data-testid="route-map">
        <rect x="0" y="0" width={W} height={H} class="sea" />
        {props.world.countries.map((f, i) => <path key={i} d={path(f) ?? ''} class="land" />)}
        {props.routes.map((r) => {
          const line: Feature<LineString> = { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: r.stops.map((s) => s.at) } };
          const width = 1.5 + 8 * Math.sqrt(r.count / max);
          return (
            <path key={r.key} d={path(line) ?? ''} class={`route ${hover === r.key ? 'hover' : ''}`} stroke-width={width}
              onMouseEnter={() => setHover(r.key)} onMouseLeave={() => setHover(null)}>
              <title>{`${r.label}: ${r.count}`}</title>
            </path>
          );
        })}
        {[...stops.entries()].filter(([l]) => used.has(l)).map(([label, at]) => {
          const p = projection(at);
          if (!p) return null;
          return (
            <g key={label} class="stop">
              <circle cx={p[0]} cy={p[1]} r="4" />
              <text x={p[0] + 6} y={p[1] - 6}>{label}</text>
            </g>
          );
        })}
      </svg>
      <figcaption class="muted small">Outlines: Natural Earth 1:110m via world-atlas. Stops at country centroids or approximate city points.</figcaption>
    </figure>
  );
}

export interface DistrictCount {
  name: string;
  province: string;
  at: [number, number];
  count: number;
}

export function DistrictMap(props: { world: World; points: DistrictCount[]; title: string; unit: string }) {
  const pak = props.world.byAlpha3.get('PAK');
  const { projection, path } = useMemo(() => {
    const projection = geoMercator();
    if (pak) projection.fitExtent([[20, 20], [560 - 20, 560 - 20]], pak);
    return { projection, path: geoPath(projection) };
  }, [pak]);
  const max = Math.max(1, ...props.points.map((p) => p.count));
  return (
    <figure class="map">
      <svg viewBox="0 0 560 560" role="img" aria-label={`${props.title}. The table below lists the same figures.`} data-testid="district-map">
        <rect x="0" y="0" width="560" height="560" class="sea" />
        {props.world.countries.map((f, i) => <path key={i} d={path(f) ?? ''} class={f === pak ? 'land home' : 'land'} />)}
        {props.points.map((p) => {
          const xy = projection(p.at);
          if (!xy) return null;
          return (
            <circle key={p.name} cx={xy[0]} cy={xy[1]} r={2 + 14 * Math.sqrt(p.count / max)} class={`dot prov-${slug(p.province)}`}>
              <title>{`${p.name} (${p.province}): ${p.count} ${props.unit}`}</title>
            </circle>
          );
        })}
      </svg>
      <figcaption class="muted small">Outline: Natural Earth 1:50m via world-atlas. District points are approximate headquarters locations (data/reference/geo-points.tsv).</figcaption>
    </figure>
  );
}

export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z]+/g, '-');
}
