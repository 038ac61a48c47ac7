// Unit tests of web/src/lib/graph.ts (the network answer normaliser), transpiled with esbuild.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const esbuild = createRequire(path.join(web, 'package.json'))('esbuild');
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kashf-web-')), 'graph.mjs');
fs.writeFileSync(out, esbuild.transformSync(fs.readFileSync(path.join(web, 'src/lib/graph.ts'), 'utf8'), { loader: 'ts', format: 'esm' }).code);
const g = await import(pathToFileURL(out).href);

test('network JSON: edges by node index, victims stay anonymous, roles with reasons', () => {
  const data = g.normaliseGraph({
    nodes: [
      { id: 'p.1', node: 0, caption: 'Asif', kind: 'person', hops: 0, role: 'broker', broker: 0.9, organiser: 0.2, peripheral: 0.1,
        reasons: { broker: ['bridges 3 communities'], organiser: [], peripheral: [] } },
      { id: 'p.2', node: 7, caption: 'Real Name', kind: 'person', victim: true, hops: 1 },
      { id: 'a.3', node: 9, caption: 'PK12', kind: 'account', hops: 1 },
    ],
    edges: [
      { from: 0, to: 7, relation: 'call', date: '2024-01-02' },
      { from: 0, to: 9, relation: 'payment', amount: 5000, channel: 'bank' },
      { from: 0, to: 42, relation: 'call' },
    ],
  });
  assert.equal(data.nodes.length, 3);
  assert.equal(data.nodes[1].caption, '[victim]');
  assert.deepEqual(data.edges.map((e) => [e.source, e.target, e.relation]), [['p.1', 'p.2', 'call'], ['p.1', 'a.3', 'payment']]);
  assert.equal(data.edges[1].amount, 5000);
  assert.equal(data.nodes[0].role.role, 'broker');
  assert.deepEqual(data.nodes[0].role.reasons.broker, ['bridges 3 communities']);
  assert.equal(g.roleClass(data.nodes[1]), 'victim');
  assert.equal(g.roleClass(data.nodes[2]), 'unscored');
});

test('OpenAPI Graph shape (source/target/schema by id) and roles joined by id', () => {
  const data = g.normaliseGraph({
    nodes: [{ id: 'x', schema: 'Person', caption: 'X' }, { id: 'y', schema: 'Phone', caption: 'Y' }],
    edges: [{ source: 'x', target: 'y', schema: 'Call' }],
  });
  assert.deepEqual(data.edges.map((e) => [e.source, e.target, e.relation]), [['x', 'y', 'Call']]);
  const n = g.attachRoles(data, [{ id: 'y', role: 'organizer', organiser: 0.8, reasons: { organiser: ['kept PKR 2M'] } }]);
  assert.equal(n, 1);
  assert.equal(data.nodes[1].role.role, 'organiser');
  assert.deepEqual(data.nodes[1].role.reasons.organiser, ['kept PKR 2M']);
  assert.deepEqual(data.nodes[1].role.reasons.broker, []);
});

test('empty or malformed answers give an empty graph', () => {
  assert.deepEqual(g.normaliseGraph(null), { nodes: [], edges: [] });
  assert.deepEqual(g.normaliseGraph({ edges: [{ from: 1, to: 2 }] }), { nodes: [], edges: [] });
});
