// Browser test of learning from analysts on the Network page (issue 14, point 3): an analyst labels
// the selected node of the drawing and more nodes by id as known organisers (each with a reason),
// sees them listed, is told clearly when a node or a label is wrong, runs "Learn" and sees the
// unlabelled nodes ranked with the features behind each score and the cross-validated precision
// beside degree and PageRank (the same figures the API gives); removing a label updates the list,
// and every change is in the audit log with who, which node, which label and why. An uploaded truth
// file (issue 14, point 6) is scored: Kashf's ranking beside degree and PageRank, as the API gives it.
// Run by tests/e2e/run.sh (env KASHF_BIN, KASHF_SRC, KASHF_CHROMIUM).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, World, assertCleanConsole } from './harness.mjs';

const w = new World('network-learn');
const LABELLED = 6;
let organisers = []; // the top organiser-scored actors, labelled through the UI

before(async () => {
  const sim = path.join(w.tmp, 'sim');
  execFileSync(BIN, ['simulate', '--out', sim, '--records', '3000', '--seed', '7'], { stdio: 'pipe', timeout: 120000 });
  w.kashf('init');
  for (const ds of ['punjab-police-fir', 'fia-ahtc-cases', 'transactions', 'call-records']) {
    const file = fs.readdirSync(path.join(sim, 'data')).find((f) => f.startsWith(`${ds}.`));
    w.kashf('-q', 'ingest', '-m', path.join(sim, 'mappings', `${ds}.yaml`), path.join(sim, 'data', file));
  }
  w.kashf('-q', 'resolve');
  w.kashf('case', 'keygen', '--key-file', w.keyFile);
  await w.start();
  const roles = await w.api('demo-analyst', 'GET', `/network/roles?role=organiser&limit=${LABELLED + 2}`);
  assert.equal(roles.status, 200, JSON.stringify(roles.json));
  organisers = roles.json.items.filter((r) => !r.victim).map((r) => r.id).slice(0, LABELLED);
  assert.equal(organisers.length, LABELLED, 'the simulated network has enough scored actors');
});

after(() => w.stop());

/** Every audit entry (as the administrator, page by page). */
async function auditEntries() {
  const out = [];
  for (let after = 0; ;) {
    const r = await w.api('demo-admin', 'GET', `/audit?after=${after}&limit=1000`);
    assert.equal(r.status, 200);
    out.push(...r.json.items);
    if (r.json.next_after === null) return out;
    after = r.json.next_after;
  }
}

describe('learning from analysts', () => {
  test('analyst labels nodes in the workbench, learns a ranking with its explanation and CV precision, removes a label', async () => {
    const { context, page, console } = await w.openBrowser();
    try {
      await w.login(page, 'demo-analyst');
      // The selected node of the drawing: its detail carries the label form.
      await page.goto(`${w.base}/network?focus=${encodeURIComponent(organisers[0])}`);
      await page.getByTestId('ego').waitFor({ timeout: 60000 });
      await page.locator(`.node-list button[data-key="${organisers[0]}"]`).click();
      const selectedForm = page.getByTestId('label-selected-form');
      await selectedForm.waitFor();
      await page.locator('#label-selected-word').fill('organiser');
      await page.locator('#label-selected-reason').fill('named by an informant');
      await selectedForm.getByRole('button', { name: 'Label node' }).click();
      await page.getByTestId('label-selected-saved').waitFor({ timeout: 30000 });
      const table = page.getByTestId('labelled-nodes');
      await table.locator(`tr[data-node="${organisers[0]}"]`).waitFor();

      // More nodes by id, in the panel.
      const byId = page.getByTestId('label-by-id-form');
      for (const [i, id] of organisers.slice(1).entries()) {
        await page.locator('#label-by-id-node').fill(id);
        await page.locator('#label-by-id-word').fill('organiser');
        await page.locator('#label-by-id-reason').fill(`case ${i + 12}`);
        await byId.getByRole('button', { name: 'Label node' }).click();
        await table.locator(`tr[data-node="${id}"]`).waitFor({ timeout: 30000 });
      }
      assert.equal(await table.locator('tbody tr').count(), LABELLED);
      assert.match(await table.locator(`tr[data-node="${organisers[0]}"]`).innerText(), /organiser[\s\S]*demo-analyst[\s\S]*named by an informant/);

      // Bad inputs: clear messages, nothing stored.
      await page.locator('#label-by-id-node').fill('E-no-such-node');
      await byId.getByRole('button', { name: 'Label node' }).click();
      await byId.getByRole('alert').getByText(/no node 'E-no-such-node'/).waitFor();
      await page.locator('#label-by-id-node').fill(organisers[0]);
      await page.locator('#label-by-id-word').fill('two words');
      await byId.getByRole('button', { name: 'Label node' }).click();
      await byId.getByRole('alert').getByText(/use one word/).waitFor();
      assert.equal(await table.locator('tbody tr').count(), LABELLED);

      // Learn: the ranking with its explaining features, and the CV figure beside the baselines.
      await page.locator('#learn-label').selectOption('organiser');
      await page.getByRole('button', { name: 'Learn', exact: true }).click();
      const ranking = page.getByTestId('learned-ranking');
      await ranking.waitFor({ timeout: 120000 });
      const api = await w.api('demo-analyst', 'GET', '/network/learn?label=organiser&limit=20');
      assert.equal(api.status, 200, JSON.stringify(api.json));
      assert.equal(api.json.positives, LABELLED);
      const rows = ranking.locator('tbody tr');
      assert.equal(await rows.count(), api.json.ranked.length);
      assert.ok(api.json.ranked.length > 0, 'unlabelled nodes are ranked');
      for (let i = 0; i < api.json.ranked.length; ++i) {
        const id = await rows.nth(i).getAttribute('data-node');
        assert.equal(id, api.json.ranked[i].id, `rank ${i + 1} as the API ranks it`);
        assert.ok(!organisers.includes(id), 'a labelled node is not ranked');
        const text = await rows.nth(i).innerText();
        const top = api.json.ranked[i].features[0].feature;
        assert.ok(text.includes(top), `rank ${i + 1} names its top feature ${top}: ${text}`);
        assert.match(text, /\([+-]?[\d.]+\)/, 'each feature with its contribution');
      }
      const pct = (x) => `${Math.round(x * 100)} %`;
      assert.equal(await page.getByTestId('cv-r-precision').innerText(), pct(api.json.cv_r_precision));
      assert.equal(await page.getByTestId('degree-r-precision').innerText(), pct(api.json.degree_r_precision));
      assert.equal(await page.getByTestId('pagerank-r-precision').innerText(), pct(api.json.pagerank_r_precision));

      // Remove one label in the list.
      await table.locator(`tr[data-node="${organisers[LABELLED - 1]}"]`).getByRole('button', { name: 'Remove' }).click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=labelled-nodes] tbody tr').length === n, LABELLED - 1, { timeout: 30000 });
      const listed = await w.api('demo-analyst', 'GET', '/network/labels');
      assert.equal(listed.json.labels.organiser, LABELLED - 1);

      // The audit log holds each change: who, which node, which label, why.
      const entries = await auditEntries();
      const adds = entries.filter((e) => e.action === 'network.label.add' && e.actor === 'demo-analyst');
      assert.deepEqual(new Set(adds.map((e) => e.subject)), new Set(organisers));
      assert.ok(adds.some((e) => e.subject === organisers[0] && e.detail === 'label=organiser reason=named by an informant'));
      assert.ok(entries.some((e) => e.action === 'network.label.remove' && e.subject === organisers[LABELLED - 1] && /label=organiser/.test(e.detail)));
      assert.ok(entries.some((e) => e.action === 'network.learn' && e.subject === 'organiser'));
      assert.deepEqual(w.offLoopback, []);
      assertCleanConsole(console, [400, 401, 403, 404]); // the refused inputs
    } finally {
      await context.close();
    }
  });

  test('analyst evaluates the rankings against an uploaded truth file', async () => {
    const truthFile = path.join(w.tmp, 'truth.csv');
    const rows = organisers.slice(0, 3).map((id) => `${id},organiser`);
    fs.writeFileSync(truthFile, ['id,role', ...rows, 'NO-SUCH-NODE-9,broker', ''].join('\n'));
    const { context, page, console } = await w.openBrowser();
    try {
      await w.login(page, 'demo-analyst');
      await page.goto(`${w.base}/network`);
      const panel = page.locator('section[aria-labelledby="truth-h"]');
      await panel.waitFor({ timeout: 30000 });
      await page.locator('#truth-file').setInputFiles(truthFile);
      await panel.getByText('truth.csv loaded.').waitFor();
      await page.locator('#truth-k').fill('5');
      // A row naming no node is refused, named.
      await panel.getByRole('button', { name: 'Evaluate' }).click();
      await panel.getByRole('alert').getByText(/NO-SUCH-NODE-9/).waitFor({ timeout: 60000 });
      // Skipping it, the rankings are scored.
      await page.locator('#truth-skip').check();
      await panel.getByRole('button', { name: 'Evaluate' }).click();
      await page.getByTestId('truth-result').waitFor({ timeout: 60000 });
      const api = await w.api('demo-analyst', 'POST', '/network/evaluate',
        { truth: fs.readFileSync(truthFile, 'utf8'), k: 5, skip_unknown: true });
      assert.equal(api.status, 200, JSON.stringify(api.json));
      assert.equal(api.json.unknown, 1);
      const organiser = api.json.labels.find((l) => l.label === 'organiser');
      assert.deepEqual(organiser.rankings.map((r) => r.ranking).slice(1), ['degree', 'pagerank']);
      for (const r of organiser.rankings) {
        const text = await page.getByTestId(`truth-organiser-${r.ranking}`).innerText();
        assert.ok(text.includes(r.precision_at_k.toFixed(2)) && text.includes(r.r_precision.toFixed(2)), `${r.ranking}: ${text}`);
      }
      assert.equal(await page.getByTestId('truth-verdict-organiser').innerText(), `organiser: ${organiser.verdict}`);
      assert.deepEqual(w.offLoopback, []);
      assertCleanConsole(console, [400, 401]); // the refused unknown row; the session check before login
    } finally {
      await context.close();
    }
  });
});
