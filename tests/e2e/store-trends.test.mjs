// Browser test of the statement store's early-warning sources on the Trends page (issue 17): an
// analyst picks FIRs by district, payments by channel and journeys by route (Travel records of the
// FIA case list) and sees each drawn with the same cells and counts the API gives, record ids
// included for the analyst; a researcher and a civil-society partner (cso), roles that see aggregates
// only, get the same series with small counts withheld and never a record id.
// Run by tests/e2e/run.sh (env KASHF_BIN, KASHF_SRC, KASHF_CHROMIUM).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, World, assertCleanConsole } from './harness.mjs';

const w = new World('store-trends');

before(async () => {
  const sim = path.join(w.tmp, 'sim');
  execFileSync(BIN, ['simulate', '--out', sim, '--records', '3000', '--seed', '7'], { stdio: 'pipe', timeout: 120000 });
  w.kashf('init');
  for (const ds of ['punjab-police-fir', 'fia-ahtc-cases', 'transactions']) {
    const file = fs.readdirSync(path.join(sim, 'data')).find((f) => f.startsWith(`${ds}.`));
    w.kashf('-q', 'ingest', '-m', path.join(sim, 'mappings', `${ds}.yaml`), path.join(sim, 'data', file));
  }
  w.kashf('case', 'keygen', '--key-file', w.keyFile);
  await w.start();
});

after(() => w.stop());

/** The series as the API gives it to `user` (monthly, as the page asks). */
async function apiSeries(user, source, by) {
  const r = await w.api(user, 'GET', `/trends?source=${source}&period=month&by=${by}`);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json;
}

/** Picks source and breakdown on the Trends page and waits until the chart's table shows `want`'s
 *  total and largest cells (the page draws at most six). Returns the table's header cells. */
async function showSeries(page, source, by, want) {
  await page.getByLabel('Source').selectOption(source);
  await page.getByLabel('Break down by').selectOption(by);
  const expected = ['Period', 'total', ...want.cells.slice(0, 6).map((c) => c.cell)];
  const table = page.locator('[data-testid=trend-chart-table]');
  for (let tries = 0; ; ++tries) {
    const headers = await table.locator('thead th').allTextContents().catch(() => []);
    if (JSON.stringify(headers) === JSON.stringify(expected)) break;
    assert.ok(tries < 150, `${source} by ${by}: table headers ${JSON.stringify(headers)}, expected ${JSON.stringify(expected)}`);
    await page.waitForTimeout(200);
  }
  await page.locator('[data-testid=trend-chart][data-drawn=true]').waitFor({ timeout: 30000 });
  return table;
}

/** The table's data column `index` (0 = total) as numbers (null where withheld). */
async function column(table, index) {
  const rows = await table.locator('tbody tr').all();
  const out = [];
  for (const row of rows) {
    const text = ((await row.locator('td').nth(index).textContent()) ?? '').trim();
    out.push(text === 'withheld' ? null : Number(text.replace(/,/g, '')));
  }
  return out;
}

describe('store sources on the Trends page', () => {
  test('analyst: FIRs by district, payments by channel and journeys by route, as the API counts them', async () => {
    const { context, page, console } = await w.openBrowser();
    try {
      await w.login(page, 'demo-analyst');
      await page.locator('nav[aria-label="Sections"] a[data-section="trends"]').click();

      const firs = await apiSeries('demo-analyst', 'fir', 'district');
      // The police FIRs name their district; the FIA list's cases (also FIR-source records) do not.
      const named = firs.cells.findIndex((c) => c.cell !== 'unknown' && c.cell !== 'other');
      assert.ok(named >= 0 && named < 6 && firs.cells.length >= 3, 'FIRs of several districts');
      let table = await showSeries(page, 'fir', 'district', firs);
      assert.deepEqual(await column(table, named + 1), firs.cells[named].counts, `FIRs of ${firs.cells[named].cell} per month`);
      assert.ok(Array.isArray(firs.cells[0].records), 'the analyst gets the records behind each count');

      const pays = await apiSeries('demo-analyst', 'payment', 'payment_channel');
      const channels = pays.cells.map((c) => c.cell);
      for (const ch of ['bank', 'wallet', 'hawala']) assert.ok(channels.includes(ch), `channel ${ch} in ${channels}`);
      table = await showSeries(page, 'payment', 'payment_channel', pays);
      assert.deepEqual(await column(table, 0), pays.total.counts, 'payments per month');

      const routes = await apiSeries('demo-analyst', 'travel', 'route');
      assert.ok(routes.cells.length >= 2, `several routes: ${routes.cells.map((c) => c.cell)}`);
      assert.match(routes.cells[0].cell, /^PAK>[A-Z]{3}/, 'routes as alpha-3 country codes from Pakistan');
      const counted = routes.total.counts.reduce((a, n) => a + n, 0);
      assert.equal(routes.cells.reduce((a, c) => a + c.total, 0), counted, 'every journey on one route');
      table = await showSeries(page, 'travel', 'route', routes);
      assert.deepEqual(await column(table, 1), routes.cells[0].counts, `journeys on ${routes.cells[0].cell} per month`);
      const someRecord = routes.cells[0].records.flat()[0];
      assert.match(someRecord, /^fia-ahtc-cases\.Travel\./, 'a journey is a Travel record of the FIA list');
      assert.equal(await page.getByText(someRecord).count(), 0, 'the page draws counts, not record ids');
      assertCleanConsole(console);
    } finally {
      await context.close();
    }
  });

  test('researcher and cso: the same series with small counts withheld and no record ids', async () => {
    const analyst = await apiSeries('demo-analyst', 'travel', 'route');
    for (const user of ['demo-researcher', 'demo-cso']) {
      for (const [source, by] of [['fir', 'district'], ['payment', 'payment_channel'], ['travel', 'route'], ['travel', 'transit_country']]) {
        const s = await apiSeries(user, source, by);
        assert.ok(s.small_cell_k > 1, `${user} ${source}: the small-cell rule applies`);
        assert.equal(s.total.records, undefined, `${user} ${source}: no records in the total`);
        for (const c of s.cells) {
          assert.equal(c.records, undefined, `${user} ${source} ${c.cell}: no records`);
          for (const n of c.counts) assert.ok(n === null || n === 0 || n >= s.small_cell_k, `${user} ${source} ${c.cell}: ${n} not withheld`);
        }
        assert.ok(!/\.(Travel|Case|Payment)\./.test(JSON.stringify(s)), `${user} ${source}: no entity id anywhere`);
      }
    }
    assert.ok(analyst.total.counts.some((n) => n > 0 && n < 11), 'the analyst sees small monthly counts the others do not');

    const { context, page, console } = await w.openBrowser();
    try {
      await w.login(page, 'demo-cso');
      await page.locator('nav[aria-label="Sections"] a[data-section="trends"]').click();
      const routes = await apiSeries('demo-cso', 'travel', 'route');
      const table = await showSeries(page, 'travel', 'route', routes);
      assert.ok((await table.locator('td', { hasText: 'withheld' }).count()) > 0, 'small monthly counts shown as withheld');
      await page.getByText(/withheld \(small-cell rule\)/).waitFor();
      assertCleanConsole(console);
    } finally {
      await context.close();
    }
  });
});
