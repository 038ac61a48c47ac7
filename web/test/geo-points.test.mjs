// Checks data/reference/geo-points.tsv (hand-compiled approximate points, see its header): every
// district of data/reference/pk-districts.tsv has a point, and every point lies inside (or within
// ~25 km of) its country's outline in Natural Earth 1:50m (world-atlas).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const web = path.resolve(here, '..');
const ref = path.resolve(web, '..', 'data', 'reference');
const require = createRequire(path.join(web, 'package.json'));
const { geoContains, geoDistance } = await import(require.resolve('d3-geo'));
const { feature } = await import(require.resolve('topojson-client'));
const codes = require('i18n-iso-countries/codes.json');

function tsv(file) {
  const lines = fs.readFileSync(path.join(ref, file), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const head = lines[0].split('\t');
  return lines.slice(1).map((l) => Object.fromEntries(l.split('\t').map((c, i) => [head[i], c.trim()])));
}

const points = tsv('geo-points.tsv');
const world = require('world-atlas/countries-50m.json');
const countries = feature(world, world.objects.countries).features;
const numeric = new Map(codes.map((c) => [c[1], c[2]]));

test('every district of pk-districts.tsv has exactly one point', () => {
  const districts = tsv('pk-districts.tsv');
  const pts = points.filter((p) => p.kind === 'district');
  assert.equal(pts.length, districts.length);
  for (const d of districts) {
    const p = pts.filter((x) => x.name === d.district);
    assert.equal(p.length, 1, d.district);
    assert.equal(p[0].province, d.province, d.district);
  }
});

// Islands too small for the 1:50m outlines.
const NOT_IN_OUTLINES = new Set(['Lampedusa']);

test('every point lies in its country (within 25 km of the 1:50m outline)', () => {
  for (const p of points) {
    if (NOT_IN_OUTLINES.has(p.name)) continue;
    const lonlat = [Number(p.lon), Number(p.lat)];
    assert.ok(Number.isFinite(lonlat[0]) && Number.isFinite(lonlat[1]), p.name);
    const f = countries.find((c) => String(c.id).padStart(3, '0') === numeric.get(p.country));
    assert.ok(f, `${p.country} outline for ${p.name}`);
    if (geoContains(f, lonlat)) continue;
    // small islands and coastal towns: accept points close to the outline
    let best = Infinity;
    const rings = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of rings) for (const ring of poly) for (const v of ring) best = Math.min(best, geoDistance(v, lonlat) * 6371);
    assert.ok(best < 25, `${p.name} (${p.country}) is ${best.toFixed(0)} km outside the outline`);
  }
});
