// Unit tests of web/src/lib/graph.ts: the network answer normaliser and the merging of parallel links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTs } from './ts-module.mjs';

const g = await importTs('src/lib/graph.ts');

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

const call = (source, target, date) => ({ source, target, relation: 'call', date });
const pay = (source, target, amount, date, currency) => ({ source, target, relation: 'payment', amount, date, currency });

test('parallel links: one group per directed pair and kind, undirected kinds by unordered pair', () => {
  const edges = [
    ...Array.from({ length: 40 }, (_, i) => call('a', 'b', `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`)),
    call('b', 'a', '2024-02-01'),
    { source: 'a', target: 'b', relation: 'travel', date: '2024-03-01', weight: 1 },
    { source: 'b', target: 'a', relation: 'travel', date: '2024-03-05', weight: 1 },
    { source: 'a', target: 'c', relation: 'involvement', weight: 1 },
  ];
  const groups = g.mergeLinks(edges);
  assert.deepEqual(groups.map((x) => [x.relation, x.source, x.target, x.directed, x.count]), [
    ['call', 'a', 'b', true, 40],
    ['call', 'b', 'a', true, 1],
    ['travel', 'a', 'b', false, 2],
    ['involvement', 'a', 'c', false, 1],
  ]);
  assert.equal(groups.reduce((s, x) => s + x.links.length, 0), edges.length, 'every link is listed under its group');
  assert.equal(groups[0].label, '40 calls');
  assert.equal(groups[0].first, '2024-01-01');
  assert.equal(groups[0].last, '2024-01-28');
  assert.equal(groups[1].label, '', 'a single link needs no count');
  assert.equal(groups[2].label, '2 journeys');
  assert.ok(groups[0].links.every((l, i, a) => i === 0 || a[i - 1].date <= l.date), 'links in date order');
});

test('a symmetric tie sent as two mirrored halves counts once; distinct ties do not merge', () => {
  const half = (s, t, date) => ({ source: s, target: t, relation: 'family', date, agency: 'x', weight: 0.5 });
  const [fam] = g.mergeLinks([half('p', 'q', '2023-05-01'), half('q', 'p', '2023-05-01'), half('p', 'q', '2023-06-01'), half('q', 'p', '2023-06-01'), half('q', 'p', '2023-07-01')]);
  assert.equal(fam.count, 3);
  assert.equal(fam.directed, false);
});

test('money: totals per currency, count and date range in the label, width by amount on a log scale', () => {
  const edges = [
    ...Array.from({ length: 22 }, (_, i) => pay('s', 't', 100000, `2024-04-${String(i + 1).padStart(2, '0')}`, 'PKR')),
    pay('s', 't', 500, '2024-05-01', 'USD'),
    pay('t', 'u', 22000, '2024-05-02'),  // currency not recorded: a bare number, never assumed to be PKR
    pay('u', 'v', 1, '2024-05-03'),
  ];
  const [st, tu, uv] = g.mergeLinks(edges);
  assert.equal(st.count, 23);
  assert.deepEqual(st.totals, [{ currency: 'PKR', amount: 2200000 }, { currency: 'USD', amount: 500 }]);
  assert.equal(st.label, 'PKR 2.2M + USD 500 · 23×\n2024-04-01 – 2024-05-01');
  assert.equal(tu.label, '22k\n2024-05-02');
  assert.equal(st.width, g.LINK_WIDTH.max, 'the largest total is the widest');
  assert.ok(tu.width > g.LINK_WIDTH.min && tu.width < st.width, `100x smaller is thinner (${tu.width})`);
  assert.equal(uv.width, g.LINK_WIDTH.min, 'tiny amounts are clamped to the thinnest line');
});

test('a call record standing for 40 calls counts 40; meeting halves count once', () => {
  const data = g.normaliseGraph({
    nodes: [{ id: 'a', node: 0 }, { id: 'b', node: 1 }],
    edges: [
      { from: 0, to: 1, relation: 'call', date: '2024-01-02', count: 40, seconds: 3600 },
      { from: 0, to: 1, relation: 'call', date: '2024-01-03' },
      { from: 0, to: 1, relation: 'meeting', date: '2024-01-05', weight: 0.5 },
      { from: 1, to: 0, relation: 'meeting', date: '2024-01-05', weight: 0.5 },
    ],
  });
  const [calls, meetings] = g.mergeLinks(data.edges);
  assert.equal(calls.count, 41);
  assert.equal(calls.messages, 0);
  assert.equal(calls.label, '41 calls');
  assert.equal(meetings.relation, 'meeting');
  assert.equal(meetings.count, 1);
});

test('text messages are shown apart from calls, never added into the calls', () => {
  const data = g.normaliseGraph({
    nodes: [{ id: 'a', node: 0 }, { id: 'b', node: 1 }],
    edges: [
      { from: 0, to: 1, relation: 'call', date: '2024-01-02', count: 3, messages: 5 },
      { from: 0, to: 1, relation: 'call', date: '2024-01-03', count: 0, messages: 4 },
      { from: 1, to: 0, relation: 'call', date: '2024-01-04', count: 0, messages: 2 },
    ],
  });
  const [ab, ba] = g.mergeLinks(data.edges);
  assert.equal(ab.messages, 9);
  assert.equal(ab.count, 12, 'the line is as wide as every contact');
  assert.equal(ab.label, '3 calls · 9 messages');
  assert.equal(ba.label, '2 messages');
});

test('width of non-money links grows with the log of the count and is clamped', () => {
  assert.equal(g.linkWidth({ count: 1, totals: [] }, 0), g.LINK_WIDTH.min);
  assert.equal(g.linkWidth({ count: 4, totals: [] }, 0), g.LINK_WIDTH.min + 2);
  assert.equal(g.linkWidth({ count: 10000, totals: [] }, 0), g.LINK_WIDTH.max);
  assert.ok(g.linkWidth({ count: 8, totals: [] }, 0) > g.linkWidth({ count: 2, totals: [] }, 0));
});

test('compact amounts', () => {
  assert.deepEqual([950, 48500, 2150000, 12500000, 3.2e9].map(g.compactNumber), ['950', '48.5k', '2.15M', '12.5M', '3.2B']);
});

test('flow layout: columns by hop from the start, rows centred and ordered by their neighbours, the unreached last', () => {
  const node = (key) => ({ key, id: key, caption: key, kind: 'person', victim: false });
  const data = {
    nodes: ['b2', 'start', 'a1', 'b1', 'a2', 'alone'].map(node),
    edges: [pay('start', 'a1', 1), pay('start', 'a2', 1), pay('a2', 'b2', 1), pay('a1', 'b1', 1)],
  };
  const at = g.flowPositions(data, 'start');
  assert.deepEqual(at.get('start'), { x: 0, y: 0 });
  assert.deepEqual([at.get('a1').x, at.get('a2').x, at.get('b1').x, at.get('b2').x, at.get('alone').x], [1, 1, 2, 2, 3].map((c) => c * g.COLUMN));
  assert.equal(at.get('a1').y + at.get('a2').y, 0, 'a column is centred');
  assert.equal(Math.abs(at.get('a1').y - at.get('a2').y), g.ROW);
  assert.equal(Math.sign(at.get('b1').y), Math.sign(at.get('a1').y), 'b1 on the side of its payer a1 (no crossing)');
  assert.equal(Math.sign(at.get('b2').y), Math.sign(at.get('a2').y));
});
