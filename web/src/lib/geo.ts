// Offline geography for the maps: country outlines from world-atlas (Natural Earth, public domain)
// fetched from this server's own /assets/, ISO 3166 codes from i18n-iso-countries, and district /
// city points from data/reference/geo-points.tsv (approximate, see that file's header). No tile
// server, no external request.
import { geoCentroid, geoArea } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import codes from 'i18n-iso-countries/codes.json';
import world110Url from 'world-atlas/countries-110m.json?url';
import world50Url from 'world-atlas/countries-50m.json?url';
import pointsTsv from '../../../data/reference/geo-points.tsv?raw';
import countriesTsv from '../../../data/reference/countries.tsv?raw';

export interface Place {
  name: string;
  kind: 'district' | 'city';
  province: string;
  country: string; // ISO alpha-3, upper case
  lat: number;
  lon: number;
}

export type CountryFeature = Feature<Geometry, { name: string }> & { id?: string | number };

function parseTsv(text: string): Record<string, string>[] {
  const lines = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const head = lines[0].split('\t');
  return lines.slice(1).map((l) => {
    const cells = l.split('\t');
    const row: Record<string, string> = {};
    head.forEach((h, i) => (row[h] = (cells[i] ?? '').trim()));
    return row;
  });
}

export const PLACES: Place[] = parseTsv(pointsTsv).map((r) => ({
  name: r.name,
  kind: r.kind === 'district' ? 'district' : 'city',
  province: r.province,
  country: r.country.toUpperCase(),
  lat: Number(r.lat),
  lon: Number(r.lon),
}));

const placeByName = new Map<string, Place>();
for (const p of PLACES) placeByName.set(norm(p.name), p);

function norm(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, ' ').trim();
}

export function findPlace(name: string | undefined | null): Place | undefined {
  if (!name) return undefined;
  return placeByName.get(norm(name));
}

// ISO codes: alpha-2, alpha-3, numeric; plus the names of data/reference/countries.tsv.
const alpha3ByAlpha2 = new Map<string, string>();
const numericByAlpha3 = new Map<string, string>();
for (const row of codes as string[][]) {
  alpha3ByAlpha2.set(row[0], row[1]);
  numericByAlpha3.set(row[1], row[2]);
}
const alpha3ByName = new Map<string, string>();
const nameByAlpha3 = new Map<string, string>();
for (const r of parseTsv(countriesTsv)) {
  const a3 = r.alpha3.toUpperCase();
  alpha3ByName.set(norm(r.name), a3);
  nameByAlpha3.set(a3, r.name);
}

/** "PAK", "pk", "Pakistan" -> "PAK"; undefined when unknown. */
export function toAlpha3(v: string | undefined | null): string | undefined {
  if (!v) return undefined;
  const s = v.trim();
  if (/^[A-Za-z]{3}$/.test(s) && numericByAlpha3.has(s.toUpperCase())) return s.toUpperCase();
  if (/^[A-Za-z]{2}$/.test(s)) return alpha3ByAlpha2.get(s.toUpperCase());
  return alpha3ByName.get(norm(s));
}

export function countryName(alpha3: string): string {
  return nameByAlpha3.get(alpha3.toUpperCase()) ?? alpha3;
}

export interface World {
  countries: CountryFeature[];
  byAlpha3: Map<string, CountryFeature>;
  centroid: (alpha3: string) => [number, number] | undefined;
}

const cache = new Map<string, Promise<World>>();

/** Country outlines at 1:110m ('110m', whole world) or 1:50m ('50m', for Pakistan's districts). */
export function loadWorld(scale: '110m' | '50m', signal?: AbortSignal): Promise<World> {
  let p = cache.get(scale);
  if (!p) {
    const url = scale === '110m' ? world110Url : world50Url;
    p = fetch(url, { credentials: 'same-origin', signal }).then(async (r) => {
      if (!r.ok) throw new Error(`map data ${r.status}`);
      return buildWorld((await r.json()) as Topology);
    });
    p.catch(() => cache.delete(scale));
    cache.set(scale, p);
  }
  return p;
}

function buildWorld(topo: Topology): World {
  const fc = feature(topo, topo.objects.countries as GeometryCollection<{ name: string }>) as FeatureCollection<Geometry, { name: string }>;
  const countries = fc.features as CountryFeature[];
  const alpha3ByNumeric = new Map<string, string>();
  for (const [a3, numeric] of numericByAlpha3) alpha3ByNumeric.set(numeric, a3);
  const byAlpha3 = new Map<string, CountryFeature>();
  for (const f of countries) {
    const a3 = f.id !== undefined ? alpha3ByNumeric.get(String(f.id).padStart(3, '0')) : undefined;
    if (a3) byAlpha3.set(a3, f);
    else {
      const byName = toAlpha3(f.properties?.name);
      if (byName && !byAlpha3.has(byName)) byAlpha3.set(byName, f);
    }
  }
  const centroids = new Map<string, [number, number]>();
  return {
    countries,
    byAlpha3,
    centroid: (alpha3: string) => {
      const a3 = alpha3.toUpperCase();
      if (centroids.has(a3)) return centroids.get(a3);
      const f = byAlpha3.get(a3);
      if (!f) return undefined;
      const c = mainlandCentroid(f);
      centroids.set(a3, c);
      return c;
    },
  };
}

/** Centroid of the largest polygon (so France is not placed in the Atlantic by its overseas parts). */
function mainlandCentroid(f: CountryFeature): [number, number] {
  const g = f.geometry;
  if (g.type === 'MultiPolygon') {
    let best: Polygon | null = null;
    let bestArea = -1;
    for (const coords of (g as MultiPolygon).coordinates) {
      const poly: Polygon = { type: 'Polygon', coordinates: coords };
      const a = geoArea(poly);
      if (a > bestArea) {
        bestArea = a;
        best = poly;
      }
    }
    if (best) return geoCentroid(best) as [number, number];
  }
  return geoCentroid(f) as [number, number];
}

/** Where to draw a stop of a route: a known city/district point, else the country's centroid. */
export function locate(world: World, country: string | undefined, city?: string): { at: [number, number]; label: string } | undefined {
  const place = findPlace(city);
  const a3 = toAlpha3(country) ?? place?.country;
  if (place && (!a3 || place.country === a3)) return { at: [place.lon, place.lat], label: place.name };
  if (!a3) return undefined;
  const c = world.centroid(a3);
  return c ? { at: c, label: countryName(a3) } : undefined;
}
