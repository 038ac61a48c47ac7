// Browser end-to-end tests of the Kashf workbench: every role logs in through the UI and the test
// checks what it may and may not see, logout, the wrong-password message, that no request leaves
// 127.0.0.1, and that a revealed victim identity never reaches the URL, the console or browser
// storage. Run by tests/e2e/run.sh <kashf> <source dir> (env KASHF_BIN, KASHF_SRC, KASHF_CHROMIUM).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBrowser as openBrowserIn, startServer, stopServer } from './toolkit.mjs';

const BIN = process.env.KASHF_BIN;
const SRC = process.env.KASHF_SRC;
const CHROMIUM = process.env.KASHF_CHROMIUM || '/usr/bin/chromium';
if (!BIN || !SRC) throw new Error('set KASHF_BIN and KASHF_SRC (tests/e2e/run.sh does)');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kashf-e2e-'));
const db = path.join(tmp, 'kashf.db');
const keyFile = path.join(tmp, 'victim.key');
let server = null;
let base = '';
let logins = {};
const offLoopback = []; // every request the browser tried to send anywhere but 127.0.0.1
const shared = {}; // facts found by one test and checked by a later one

function kashf(...args) {
  return execFileSync(BIN, ['--db', db, ...args], { cwd: tmp, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 120000 });
}

/** API call as a user (bearer token), for facts the UI test then checks. */
async function apiAs(user, method, p, body) {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user, password: logins[user].password }) });
  assert.equal(login.status, 200, `API login of ${user}`);
  const { token } = await login.json();
  const r = await fetch(`${base}/api/v1${p}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined });
  await fetch(`${base}/api/v1/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  return { status: r.status, json: await r.json().catch(() => null) };
}

before(async () => {
  const sim = path.join(tmp, 'sim');
  execFileSync(BIN, ['simulate', '--out', sim, '--records', '3000', '--seed', '7'], { stdio: 'pipe', timeout: 120000 });
  kashf('init');
  for (const ds of ['punjab-police-fir', 'fia-ahtc-cases', 'sindh-police-register', 'customs-seizures', 'transactions', 'call-records']) {
    const file = fs.readdirSync(path.join(sim, 'data')).find((f) => f.startsWith(`${ds}.`));
    kashf('-q', 'ingest', '-m', path.join(sim, 'mappings', `${ds}.yaml`), path.join(sim, 'data', file));
  }
  kashf('resolve');
  kashf('firearm', 'simulate', '--count', '400', '--seed', '3');
  kashf('case', 'keygen', '--key-file', keyFile);
  kashf('case', 'simulate', '--count', '300', '--seed', '1', '--key-file', keyFile, '--user', 'e2e-setup', '--agency', 'nrm-secretariat');
  const loginsFile = path.join(tmp, 'logins.json');
  kashf('user', 'demo', '--out', loginsFile);
  for (const l of JSON.parse(fs.readFileSync(loginsFile, 'utf8'))) logins[l.username] = l;

  ({ server, base } = await startServer(BIN, db, tmp, ['--static', path.join(SRC, 'web', 'dist'), '--key-file', keyFile]));
});

after(async () => {
  await stopServer(server);
  if (!process.env.KASHF_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(`kept ${tmp}`);
});

/** A fresh Chromium profile that refuses and records any non-loopback request (tests/e2e/toolkit.mjs). */
function openBrowser() {
  return openBrowserIn(SRC, CHROMIUM, tmp, offLoopback);
}

async function login(page, user, password = logins[user].password) {
  await page.goto(`${base}/`);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

async function sections(page) {
  await page.getByTestId('who').waitFor();
  return page.locator('nav[aria-label="Sections"] a').allInnerTexts();
}

/** Opens a section through the top bar, as a user would. */
async function openSection(page, id) {
  await page.locator(`nav[aria-label="Sections"] a[data-section="${id}"]`).click();
}

async function expectRefusal(page, urlPath) {
  await page.goto(`${base}${urlPath}`);
  await page.getByTestId('refusal').waitFor({ timeout: 10000 });
}

/** Errors in the console would include CSP violations (inline styles or scripts, foreign hosts). */
function assertCleanConsole(lines) {
  // refusals the test provokes (and the session check before login) are logged by Chromium as failed loads
  const bad = lines.filter((l) => /^(error|pageerror)/.test(l) && !/Failed to load resource: the server responded with a status of 40[134]/.test(l));
  assert.deepEqual(bad, [], 'console errors');
}

/** Lines a link-analysis chart should draw for these links: one per (pair, kind), per direction for directed kinds. */
function expectedLines(edges) {
  const lines = new Map();
  for (const e of edges) {
    const rel = String(e.relation).toLowerCase();
    const directed = rel === 'payment' || rel === 'call';
    const [a, b] = directed ? [e.from, e.to] : [e.from, e.to].sort();
    lines.set(`${rel}|${a}|${b}`, directed);
  }
  return { lines: lines.size, directed: [...lines.values()].filter(Boolean).length };
}

/** One API login for several reads (each read is audited as usual). */
async function apiSession(user) {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user, password: logins[user].password }) });
  assert.equal(login.status, 200, `API login of ${user}`);
  const { token } = await login.json();
  const headers = { Authorization: `Bearer ${token}` };
  return {
    get: async (p) => {
      const r = await fetch(`${base}/api/v1${p}`, { headers });
      assert.equal(r.status, 200, `GET ${p}`);
      return r.json();
    },
    close: () => fetch(`${base}/api/v1/auth/logout`, { method: 'POST', headers }),
  };
}

/** The distinct payments of a money-trail answer's paths (a payment on several paths counts once). */
function uniquePayments(trail) {
  const seen = new Set();
  return trail.paths.flatMap((p) => p.hops).filter((h) => {
    const k = `${h.from.id}|${h.to.id}|${h.date}|${h.amount}`;
    return seen.has(k) ? false : seen.add(k);
  });
}

/** What the drawing reports it drew (data attributes of [data-testid=graph], set once laid out). */
async function drawn(page) {
  const g = page.locator('[data-testid=graph][data-ready=true]');
  await g.waitFor({ timeout: 60000 });
  const n = async (k) => Number(await g.getAttribute(`data-${k}`));
  return { nodes: await n('nodes'), edges: await n('edges'), arrows: await n('arrows'), links: await n('links') };
}

/** A screenshot of a drawing with its legend; into $KASHF_SCREENSHOTS (relative to the source dir, e.g. docs/img)
 *  when set, else the temp dir. */
async function screenshot(page, name) {
  const dir = process.env.KASHF_SCREENSHOTS ? path.resolve(SRC, process.env.KASHF_SCREENSHOTS) : tmp;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  await page.locator('.graph-box').first().screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 5000, `${name} has content`);
}

const ALL = ['Search', 'Network', 'Money trail', 'Routes map', 'Timeline', 'Firearms', 'Cases', 'Dashboards', 'Alerts', 'Trends', 'Reports',
  'Gaps', 'Administration'];
function assertSections(got, expected) {
  assert.deepEqual(got, ALL.filter((s) => expected.includes(s)), 'sections in the top bar');
}

describe('workbench', () => {
  test('wrong password is refused with a message, and nothing is kept', async () => {
    const { context, page, console } = await openBrowser();
    try {
      await login(page, 'demo-analyst', 'not-the-password-123');
      await assert.doesNotReject(page.getByTestId('login-error').waitFor());
      assert.match(await page.getByTestId('login-error').innerText(), /Wrong user name or password/);
      assert.equal(await page.getByLabel('Password').inputValue(), '', 'password field cleared');
      assert.equal(await page.locator('[data-testid=who]').count(), 0);
      assertCleanConsole(console);
    } finally {
      await context.close();
    }
  });

  test('analyst: search, entity with provenance, firearms read, aggregates; no cases, no administration', async () => {
    const { context, page, console } = await openBrowser();
    try {
      await login(page, 'demo-analyst');
      const who = await page.getByTestId('who').innerText();
      assert.match(who, /fia-hq/);
      assert.match(who, /Analyst/);
      assertSections(await sections(page), ['Search', 'Network', 'Money trail', 'Routes map', 'Timeline', 'Firearms', 'Dashboards', 'Alerts',
        'Trends', 'Reports', 'Gaps']);

      await openSection(page, 'search');
      await page.getByLabel('Name, number or words').fill('muhammad');
      await page.getByRole('button', { name: 'Search' }).click();
      const rows = page.getByTestId('search-results').locator('tbody tr');
      await rows.first().waitFor();
      assert.ok((await rows.count()) > 0);
      const header = await page.getByTestId('search-results').locator('thead').innerText();
      assert.match(header, /Type/);
      assert.match(header, /Source dataset/);
      assert.ok(!page.url().includes('muhammad'), 'search text is not in the URL');

      await page.getByLabel('Name, number or words').fill('محمد');
      await page.getByRole('button', { name: 'Search' }).click();
      // names in Urdu script are found in the Sindh police register (written in Urdu)
      await page.getByTestId('search-results').getByRole('cell', { name: 'sindh-police-register' }).first().waitFor();
      assert.match(await page.getByTestId('search-results').locator('tbody').innerText(), /[\u0600-\u06FF]/, 'names shown in Urdu script');

      const ids = await page.getByTestId('search-results').locator('tbody tr a').evaluateAll(
        (links) => links.map((a) => new URL(a.href).searchParams.get('id')).filter(Boolean));
      assert.ok(ids.length >= 2, 'two records to compare');
      await page.getByTestId('search-results').locator('tbody tr a').first().click();
      await page.getByTestId('statements').waitFor();
      const st = await page.getByTestId('statements').innerText();
      assert.match(st, /Dataset/);
      assert.match(st, /Source record/);
      assert.match(st, /Imported/);
      assert.match(st, /Grading/);  // each value's Europol grading, or "ungraded" (never shared; docs/sharing.md)
      assert.match(st, /ungraded|[ABCX][1-4]|H[0-3]/);
      assert.match(page.url(), /\/entity\?id=/);
      shared.entityPath = new URL(page.url()).pathname + new URL(page.url()).search;
      assert.ok(await page.getByRole('heading', { name: 'Explain a link' }).isVisible(), 'analyst may explain');
      // The waterfall reads the answer's fields by the spec's names (it once read names the server never sent: NaN%).
      await page.getByLabel('Other record id').fill(ids.find((x) => x !== ids[0]));
      await page.getByRole('button', { name: 'Explain', exact: true }).click();
      await page.getByTestId('waterfall').waitFor();
      const waterfall = await page.getByTestId('waterfall').innerText();
      assert.match(waterfall, /Match probability [0-9.,]+%\s*\(total weight -?[0-9.,]+, threshold -?[0-9.,]+\)/);
      assert.match(waterfall, /\b(linked|not linked)\b/);

      await expectRefusal(page, '/cases');
      await expectRefusal(page, '/admin');

      await page.goto(`${base}/dashboards`);
      await page.getByTestId('ctdc-grid').waitFor();
      assert.ok((await page.getByTestId('ctdc-grid').locator('td[data-suppressed=true]').count()) > 0, 'small cells shown as suppressed');
      const grid = await page.getByTestId('ctdc-grid').innerText();
      assert.match(grid, /18–20/, 'age bands read as ranges');
      assert.ok(!grid.includes('--'), 'no CTDC double hyphen shown');
      await page.getByTestId('seizure-panel').locator('.kpis').waitFor();

      await page.goto(`${base}/firearms`);
      assert.equal(await page.getByText('Register a firearm').count(), 0, 'analyst cannot register firearms');
      assertCleanConsole(console);
    } finally {
      await context.close();
    }
  });

  test('analyst: network view with roles and reasons, and a money trail from the top-scored actor', async () => {
    const probe = await apiAs('demo-analyst', 'GET', '/network/roles?limit=5');
    assert.equal(probe.status, 200, 'network roles answer');
    assert.ok(probe.json.items.length > 0, 'the demo network has scored actors');
    assert.ok(probe.json.items.every((r) => Array.isArray(r.reasons?.organiser)), 'every score comes with its reasons');
    const top = probe.json.items[0].id;
    const { context, page, console } = await openBrowser();
    try {
      await login(page, 'demo-analyst');
      await page.getByTestId('who').waitFor();
      await page.goto(`${base}/network`);
      await page.getByTestId('top-roles').locator('tbody tr a').first().click();
      await page.getByTestId('ego').waitFor({ timeout: 60000 });
      await page.getByTestId('graph').locator('canvas').first().waitFor();
      await page.locator('.node-list button').first().click();
      await page.getByTestId('node-detail').waitFor();
      assert.match(await page.getByTestId('node-detail').innerText(), /organiser|broker|recruiter|transporter|peripheral|No role score/);

      // what if the top actor were removed, then the key players: the page shows the server's figures
      const cut = await apiAs('demo-analyst', 'GET', `/network/disruption?remove=${encodeURIComponent(top)}`);
      assert.equal(cut.status, 200, 'disruption answers');
      await page.goto(`${base}/network?focus=${encodeURIComponent(top)}`);
      await page.getByTestId('ego').waitFor({ timeout: 60000 });
      assert.equal(await page.locator('#disrupt-remove').inputValue(), top, 'the removal starts from the centre');
      await page.getByRole('button', { name: 'Analyse removal' }).click();
      await page.getByTestId('disruption').waitFor({ timeout: 60000 });
      const digits = (t) => t.replace(/\D/g, '');
      assert.equal(digits(await page.getByTestId('pairs-disconnected').innerText()), String(cut.json.pairs_disconnected));
      const kp = await apiAs('demo-analyst', 'GET', '/network/key-players?k=2');
      assert.equal(kp.status, 200, 'key players answer');
      const ids = kp.json.players.map((p) => p.id).join(',');
      await page.locator('#disrupt-k').fill('2');
      await page.getByRole('button', { name: 'Find key players' }).click();
      await page.waitForFunction((want) => document.querySelector('#disrupt-remove')?.value === want, ids, { timeout: 60000 });
      const afterKp = await apiAs('demo-analyst', 'GET', `/network/disruption?remove=${encodeURIComponent(ids)}`);
      await page.waitForFunction((want) => document.querySelector('[data-testid=pairs-disconnected]')?.textContent.replace(/\D/g, '') === want,
        String(afterKp.json.pairs_disconnected), { timeout: 60000 });
      // who rose among the key players' contacts after a removal date in the middle of the data
      const succ = await apiAs('demo-analyst', 'GET', `/network/succession?remove=${encodeURIComponent(ids)}&date=2022-01-01`);
      assert.equal(succ.status, 200, 'succession answers');
      await page.locator('#disrupt-date').fill('2022-01-01');
      await page.getByRole('button', { name: 'Who replaced them?' }).click();
      if (succ.json.successors.length) {
        await page.getByTestId('successors').waitFor({ timeout: 60000 });
        assert.equal(await page.getByTestId('successors').locator('tbody tr').count(), succ.json.successors.length);
      } else {
        await page.getByText('The removed had no remaining contact before the date.').waitFor({ timeout: 60000 });
      }

      await page.goto(`${base}/money?from=${encodeURIComponent(top)}`);
      await page.locator('[data-testid=trail], p.notice').first().waitFor({ timeout: 60000 });
      assertCleanConsole(console);
    } finally {
      await context.close();
    }
  });

  test('analyst: graphs draw one line per pair and kind, arrows for payments and calls, role colours, a legend; same ids on every page', async () => {
    // among the highest-scored actors: the richest ego network and the longest money trail (365 days, any amount)
    const api = await apiSession('demo-analyst');
    let ego = null, top = '', trail = { payments: [] };
    try {
      for (const r of (await api.get('/network/roles?limit=12')).items) {
        const e = await api.get(`/network/ego/${encodeURIComponent(r.id)}?depth=1&limit=300`);
        if (!ego || e.edges.length > ego.edges.length) [ego, top] = [e, r.id];
        const t = await api.get(`/network/money-trail?from=${encodeURIComponent(r.id)}&hops=3&days=365&tolerance=-1`);
        const payments = uniquePayments(t);
        if (payments.length > trail.payments.length) trail = { from: r.id, payments };
      }
    } finally {
      await api.close();
    }
    const byIndex = new Map(ego.nodes.map((n) => [n.node, n.id]));
    const egoEdges = ego.edges.filter((e) => byIndex.has(e.from) && byIndex.has(e.to));
    const want = expectedLines(egoEdges);
    assert.ok(want.lines < egoEdges.length, `the demo ego network has parallel links (${egoEdges.length} links, ${want.lines} lines)`);
    const pays = new Set(trail.payments.map((h) => `${h.from.id}|${h.to.id}`));
    assert.ok(trail.payments.length > pays.size, `the demo money trail has parallel payments (${trail.payments.length} payments, ${pays.size} pairs)`);

    const { context, page, console } = await openBrowser();
    try {
      await page.setViewportSize({ width: 1200, height: 900 });
      await login(page, 'demo-analyst');
      await page.getByTestId('who').waitFor();
      await page.goto(`${base}/network?focus=${encodeURIComponent(top)}`);
      const got = await drawn(page);
      assert.equal(got.nodes, ego.nodes.length, 'every node drawn once');
      assert.equal(got.edges, want.lines, 'one line per pair and kind (and direction for payments and calls), not one per link');
      assert.equal(got.arrows, want.directed, 'arrows on exactly the directed lines');
      assert.ok(got.links >= want.lines && got.links <= egoEdges.length, 'every link is counted under its line');
      const legend = await page.getByTestId('legend').innerText();
      assert.match(legend, /Line width/);
      for (const rel of new Set(egoEdges.map((e) => e.relation))) assert.match(legend, new RegExp(rel), `legend names ${rel}`);
      // every node the server scored is listed (and drawn) in its role's colour, none as "not scored"
      const scored = ego.nodes.filter((x) => x.role && !x.victim);
      assert.ok(scored.some((x) => x.id === top), 'the chosen actor is scored in its own ego network');
      for (const n of scored) {
        const b = page.locator(`.node-list button[data-key="${n.id}"]`);
        assert.equal(await b.getAttribute('data-colour'), n.role, `${n.id} is drawn in the colour of its role`);
        assert.notEqual(await b.locator('circle').getAttribute('fill'), '#9e9e9e', `${n.id} is not grey`);
      }
      await screenshot(page, 'ego-network.png');

      // the same cluster id opens the entity page and the timeline
      await page.goto(`${base}/entity?id=${encodeURIComponent(top)}`);
      await page.getByTestId('statements').waitFor();
      await page.goto(`${base}/timeline?entity=${encodeURIComponent(top)}`);
      await page.locator('[data-testid=timeline], p.notice').first().waitFor({ timeout: 60000 });
      assert.equal(await page.locator('.error, [role=alert]').count(), 0, 'the timeline takes the network\'s id');
      assert.equal(await page.getByTestId('timeline').count(), 1, 'the timeline of the network\'s node has events');

      { // the money trail
        await page.goto(`${base}/money?from=${encodeURIComponent(trail.from)}`);
        await page.locator('[data-testid=trail], p.notice').first().waitFor({ timeout: 60000 }); // with the default settings
        await page.evaluate(() => document.querySelector('[data-testid=graph]')?.setAttribute('data-old', ''));
        await page.locator('#days').fill('365');
        await page.locator('#tolerance').fill('-1');
        await page.locator('#hops').fill('3');
        await page.getByRole('button', { name: 'Follow the money' }).click();
        await page.locator('[data-testid=graph][data-ready=true]:not([data-old])').waitFor({ timeout: 60000 });
        const m = await drawn(page);
        assert.equal(m.edges, pays.size, 'one line per payer and payee');
        assert.equal(m.arrows, pays.size, 'every payment line has an arrow');
        assert.equal(m.links, trail.payments.length, 'every payment counted once');
        await screenshot(page, 'money-trail.png');
        // every line lists its payments (keyboard: the list of lines under the drawing)
        await page.getByText(`All ${m.edges} lines`).click();
        let listed = 0;
        for (let i = 0; i < m.edges; i++) {
          const line = page.locator('ul[aria-label=Lines] button').nth(i);
          await line.click();
          const rows = page.locator(`[data-testid=link-detail][data-line="${await line.getAttribute('data-line')}"] tbody tr`);
          await rows.first().waitFor();
          listed += await rows.count();
        }
        assert.equal(listed, trail.payments.length, 'the lines list every payment once');
      }
      assertCleanConsole(console);
    } finally {
      await context.close();
    }
  });

  test('researcher: aggregates only; entity, case and firearm pages refused', async () => {
    const { context, page, console } = await openBrowser();
    try {
      await login(page, 'demo-researcher');
      assertSections(await sections(page), ['Routes map', 'Dashboards', 'Trends']);
      await openSection(page, 'dashboards');
      await page.getByTestId('ctdc-grid').waitFor();
      assert.ok((await page.getByTestId('ctdc-grid').locator('td[data-suppressed=true]').count()) > 0);
      assert.equal(await page.locator('main a[href^="/entity"], main a[href^="/cases/"]').count(), 0, 'no link to any record');
      await expectRefusal(page, shared.entityPath ?? '/entity?id=some-entity');
      await expectRefusal(page, '/search');
      await expectRefusal(page, '/cases');
      await expectRefusal(page, '/firearms');
      await expectRefusal(page, '/network');
      await page.goto(`${base}/map`);
      await page.getByTestId('route-map').waitFor({ timeout: 30000 });
      assertCleanConsole(console);
    } finally {
      await context.close();
    }
  });

  test('case worker: own agency cases, identity only by explicit reveal; other agency, network and entities refused', async () => {
    const mine = (await apiAs('demo-caseworker', 'GET', '/cases?limit=500')).json.items;
    const all = (await apiAs('demo-coordinator', 'GET', '/cases?limit=500&summary=true')).json.items;
    const foreign = all.find((c) => c.agency !== 'fia-ahtc-lahore');
    assert.ok(mine.length > 0 && foreign, 'the data set has cases of this and of another agency');

    const { context, page, console } = await openBrowser();
    try {
      await login(page, 'demo-caseworker');
      assertSections(await sections(page), ['Routes map', 'Timeline', 'Cases']);
      await openSection(page, 'cases');
      const list = page.getByTestId('case-list');
      await list.locator('tbody tr').first().waitFor();
      const agencies = await list.locator('tbody tr td:nth-child(2)').allInnerTexts();
      assert.ok(agencies.length > 0 && agencies.every((a) => a === 'fia-ahtc-lahore'), 'only own agency cases listed');

      await expectRefusal(page, `/cases/${foreign.id}`);
      await expectRefusal(page, '/network');
      await expectRefusal(page, '/search');
      await expectRefusal(page, '/firearms');
      await expectRefusal(page, shared.entityPath ?? '/entity?id=x');

      await page.goto(`${base}/cases/${mine[0]}`);
      await page.getByTestId('nrm-stages').waitFor();
      assert.equal(await page.getByTestId('identity').count(), 0, 'identity hidden until revealed');
      await page.getByRole('button', { name: 'Reveal identity…' }).click();
      await page.getByRole('button', { name: 'Yes, reveal' }).click();
      await page.getByTestId('identity').waitFor();
      const text = await page.getByTestId('identity').innerText();
      const name = /^Name\s*\n?\s*(.+)/m.exec(text)?.[1]?.trim();  // the name parts (HTCDS v2) joined, or the full name
      assert.ok(name && name.length > 2, 'identity shown after the reveal');
      shared.victimName = name;
      const storage = await page.evaluate(() => JSON.stringify({ l: { ...localStorage }, s: { ...sessionStorage }, c: document.cookie, h: history.length }));
      assert.ok(!storage.includes(name), 'identity not in browser storage');
      assert.ok(!decodeURIComponent(page.url()).includes(name), 'identity not in the URL');
      assert.ok(!console.some((l) => l.includes(name)), 'identity not in the console');
      await page.getByRole('button', { name: 'Hide now' }).click();
      assert.equal(await page.getByTestId('identity').count(), 0);

      // a long operation (mapping the routes of many cases, one audited read each) shows progress and can be cancelled
      await page.route('**/api/v1/cases/case-*', async (route) => {
        await new Promise((r) => setTimeout(r, 250));
        await route.continue();
      });
      await openSection(page, 'map');
      await page.getByTestId('progress').waitFor();
      assert.match(await page.getByTestId('progress').innerText(), /reading case \d+ of \d+|listing your cases|loading map outlines/);
      await page.getByTestId('progress').getByRole('button', { name: 'Cancel' }).click();
      await page.getByText('Cancelled.').waitFor();
      assertCleanConsole(console);
    } finally {
      await context.close();
    }
  });

  test('national NRM coordinator (case worker, all agencies) sees every agency\'s cases', async () => {
    const { context, page, console } = await openBrowser();
    try {
      await login(page, 'demo-coordinator');
      assertSections(await sections(page), ['Routes map', 'Timeline', 'Cases']);
      await openSection(page, 'cases');
      const list = page.getByTestId('case-list');
      await list.locator('tbody tr').first().waitFor();
      const agencies = new Set(await list.locator('tbody tr td:nth-child(2)').allInnerTexts());
      assert.ok(agencies.size > 1, `cases of several agencies (${[...agencies].join(', ')})`);
      assertCleanConsole(console);
    } finally {
      await context.close();
    }
  });

  test('firearms officer: register, firearm page with custody; no cases or entities', async () => {
    const { context, page, console } = await openBrowser();
    try {
      const seized = await apiAs('demo-firearms', 'GET', '/firearms/traces?limit=1');
      const fid = seized.json?.items?.[0]?.firearm_id ?? 1;
      const detail = (await apiAs('demo-firearms', 'GET', `/firearms/${fid}`)).json;
      const serial = detail.firearm.serial;
      await login(page, 'demo-firearms');
      assertSections(await sections(page), ['Routes map', 'Timeline', 'Firearms', 'Dashboards', 'Alerts', 'Trends']);
      await openSection(page, 'firearms');
      await page.getByLabel('Serial number (partial)').fill(`${serial.slice(0, 2)}?${serial.slice(3)}`);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByTestId('firearm-results').waitFor();
      assert.match(await page.getByTestId('firearm-results').innerText(), new RegExp(serial.replace(/[^A-Za-z0-9]/g, '.')));
      assert.ok(await page.getByText('Register a firearm').isVisible(), 'officer may register');
      await page.goto(`${base}/firearms/${fid}`);
      await page.getByTestId('custody').waitFor();
      await page.getByTestId('markings').waitFor();
      assert.ok(await page.getByRole('heading', { name: 'Trace requests' }).isVisible());
      await expectRefusal(page, '/cases');
      await expectRefusal(page, '/search');
      await expectRefusal(page, shared.entityPath ?? '/entity?id=x');
      assertCleanConsole(console);
    } finally {
      await context.close();
    }
  });

  test('administrator: users and audit; no entities, cases or identities', async () => {
    const { context, page, console } = await openBrowser();
    try {
      await login(page, 'demo-admin');
      const got = await sections(page);
      assert.ok(got.includes('Administration'));
      for (const s of ['Search', 'Network', 'Money trail', 'Firearms', 'Cases', 'Timeline']) assert.ok(!got.includes(s), `no ${s}`);
      await openSection(page, 'admin');
      await page.getByTestId('users').waitFor();
      const users = await page.getByTestId('users').innerText();
      for (const u of ['demo-analyst', 'demo-researcher', 'demo-caseworker']) assert.ok(users.includes(u));
      // a change through the UI (POST with the CSRF header): add a user, whose password is shown once
      await page.getByText('Add a user').click();
      await page.getByLabel('User name').fill('e2e-second-analyst');
      await page.locator('#u-agency').selectOption('fia-hq');
      await page.getByRole('button', { name: 'Add user' }).click();
      await page.getByText(/Generated password/).waitFor();
      await page.getByTestId('users').getByRole('cell', { name: 'e2e-second-analyst', exact: true }).waitFor();
      await page.getByRole('tab', { name: 'Audit log' }).click();
      await page.getByTestId('audit').waitFor();
      await page.getByRole('button', { name: 'Verify the chain' }).click();
      await page.getByText(/intact: \d+ entries/).waitFor();
      const audit = await page.locator('main').innerText();
      if (shared.victimName) assert.ok(!audit.includes(shared.victimName), 'no victim identity in the audit view');
      await expectRefusal(page, '/cases');
      await expectRefusal(page, shared.entityPath ?? '/entity?id=x');
      await expectRefusal(page, '/firearms');
      assertCleanConsole(console);
    } finally {
      await context.close();
    }
  });

  test('logout ends the session', async () => {
    const { context, page } = await openBrowser();
    try {
      await login(page, 'demo-researcher');
      await page.getByTestId('who').waitFor();
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByText('You have logged out.').waitFor();
      await page.goto(`${base}/dashboards`);
      await page.getByLabel('User name').waitFor();
      assert.equal(await page.locator('[data-testid=who]').count(), 0, 'a reload after logout shows the login page');
      const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
      assert.equal(me, 401);
    } finally {
      await context.close();
    }
  });

  test('no request left 127.0.0.1', () => {
    assert.deepEqual(offLoopback, []);
  });
});
