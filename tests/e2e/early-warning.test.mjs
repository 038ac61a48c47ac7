// Browser tests of the early-warning workbench (issue 17): a civil-society partner (role cso)
// submits a report through the form and sees it, its own reports and public counts only; the
// report counts drive an ECharts trend chart and the district choropleth of Pakistan; an analyst
// reviews and links the report; the Alerts page lists alerts and explains one with its chart, and
// an analyst acknowledges it. Run by tests/e2e/run.sh (env KASHF_BIN, KASHF_SRC, KASHF_CHROMIUM).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { World, assertCleanConsole, expectRefusal, sections } from './harness.mjs';

const w = new World('early-warning');
const TEXT = 'Synthetic: a broker in the bazaar offers factory jobs in Oman for a fee of PKR 250000';

function daysAgo(n) {
  return new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);
}

before(async () => {
  w.kashf('init');
  w.kashf('firearm', 'simulate', '--count', '300', '--seed', '3');
  w.kashf('case', 'keygen', '--key-file', w.keyFile);
  w.kashf('case', 'simulate', '--count', '200', '--seed', '1', '--key-file', w.keyFile, '--user', 'e2e-setup', '--agency', 'nrm-secretariat');
  await w.start();
  // An emerging threat: today, the first seizure of a calibre in a district that had seizures
  // before (a new-category alert once the detectors run).
  const gun = await w.api('demo-firearms', 'POST', '/firearms', { serial: 'EW-E2E-0001', type: 'rifle', calibre: '14.5x114mm', make: 'Synthetic Arms' });
  assert.equal(gun.status, 201, JSON.stringify(gun.json));
  const seizure = await w.api('demo-firearms', 'POST', `/firearms/${gun.json.firearm.id}/events`,
    { kind: 'seized', date: daysAgo(0), district: 'Quetta', seizure_context: 'border crossing' });
  assert.equal(seizure.status, 201, JSON.stringify(seizure.json));
  // Earlier reports of the partner: a burst in Gujrat, a few elsewhere.
  const seed = [['Gujrat', 5, 'suspicious_job_offer_abroad'], ['Gujrat', 12, 'recruitment_in_village'], ['Gujrat', 20, 'missing_person'],
    ['Lahore', 40, 'weapons_offered_online'], ['Karachi East', 70, 'weapons_offered_online'], ['Quetta', 100, 'irregular_crossing']];
  for (const [district, ago, category] of seed) {
    const r = await w.api('demo-cso', 'POST', '/reports', { date: daysAgo(ago), district, category, text: `seeded synthetic report ${ago}` });
    assert.equal(r.status, 201, JSON.stringify(r.json));
  }
});

after(() => w.stop());

describe('early warning', () => {
  test('cso: submits a report through the form, sees its own reports; entities, cases, alerts and others\' reports refused', async () => {
    const { context, page, console } = await w.openBrowser();
    try {
      await w.login(page, 'demo-cso');
      assert.match(await page.getByTestId('who').innerText(), /Civil-society partner/);
      // public aggregates: routes map and dashboards (k-suppressed tables), trends; and the reports
      assert.deepEqual(await sections(page), ['Routes map', 'Dashboards', 'Trends', 'Reports', 'Gaps']);
      await page.locator('nav[aria-label="Sections"] a[data-section="reports"]').click();
      const form = page.getByTestId('report-form');
      await form.waitFor();
      await page.getByLabel('Date observed').fill(daysAgo(1));
      await page.getByLabel('District').fill('Gujrat');
      await page.getByLabel('Category').selectOption('suspicious_job_offer_abroad');
      await page.getByLabel('What did you see or hear?').fill(TEXT);
      await page.getByLabel('Contact (optional)').fill('+92 300 0000001 (synthetic)');
      await page.getByRole('button', { name: 'Submit report' }).click();
      await page.getByTestId('report-submitted').waitFor();
      assert.match(await page.getByTestId('report-submitted').innerText(), /Gujrat, Suspicious job offer abroad/);
      const mine = page.getByTestId('my-reports');
      await mine.getByText(TEXT).waitFor();
      assert.equal(await mine.getByTestId('report-item').count(), 7, 'the six seeded reports and the new one');
      assert.equal(await page.getByTestId('all-reports').count(), 0, 'no list of other partners\' reports');
      assert.ok(!page.url().includes('Oman'), 'the free text is not in the URL');

      // A bad district is refused with a message, and the text is not echoed.
      await page.getByLabel('District').fill('Atlantis');
      await page.getByLabel('What did you see or hear?').fill('synthetic second report');
      await page.getByRole('button', { name: 'Submit report' }).click();
      await page.locator('.error, [data-testid=refusal]').first().waitFor();
      assert.match(await page.locator('.error').first().innerText(), /district/);

      for (const p of ['/search', '/cases', '/alerts', '/entity?id=x', '/network']) await expectRefusal(page, `${w.base}${p}`);
      for (const [method, p] of [['GET', '/reports'], ['GET', '/reports/1'], ['GET', '/entities/x'], ['GET', '/cases'], ['GET', '/alerts'],
        ['GET', '/alerts/alert-000001'], ['POST', '/reports/1/links']]) {
        const r = await w.api('demo-cso', method, p, method === 'POST' ? { kind: 'case', target: 'case-000001' } : undefined);
        assert.equal(r.status, 403, `${method} ${p} as cso`);
      }
      assertCleanConsole(console, [400, 401, 403, 404]); // the refused district
    } finally {
      await context.close();
    }
  });

  test('trends: report counts as an ECharts chart and a district choropleth that agree with the API', async () => {
    const { context, page, console } = await w.openBrowser();
    try {
      await w.login(page, 'demo-cso');
      await page.locator('nav[aria-label="Sections"] a[data-section="trends"]').click();
      await page.getByLabel('Source').selectOption('report');
      await page.getByLabel('Break down by').selectOption('district');
      const chart = page.locator('[data-testid=trend-chart][data-drawn=true]');
      await chart.waitFor({ timeout: 30000 });
      assert.equal(await chart.locator('canvas').count() > 0, true, 'ECharts drew on a canvas');
      const series = (await w.api('demo-cso', 'GET', '/reports/series?interval=month&by=district')).json;
      const headers = await page.getByTestId('trend-chart-table').locator('thead th').allTextContents();
      assert.deepEqual(headers.slice(1, 3), ['total', series.cells[0].key], 'total and the largest district');
      assert.equal(series.cells[0].key, 'Gujrat');

      const map = page.getByTestId('choropleth');
      await map.waitFor();
      assert.ok((await map.locator('path.district').count()) > 100, 'district outlines drawn');
      const gujrat = map.locator('path[data-district="Gujrat"]');
      assert.equal(Number(await gujrat.getAttribute('data-count')), series.cells[0].total);
      assert.match(await gujrat.getAttribute('class'), /ch-5/, 'the largest count has the darkest shade');
      // Karachi's outline carries the seven Karachi districts (Karachi East has one report).
      assert.equal(Number(await map.locator('path[data-district="Karachi"]').getAttribute('data-count')), 1);
      assert.ok((await map.locator('path.unmatched').count()) > 0);
      assert.match(await page.getByTestId('unmatched-shapes').innerText(), /Haranai/);
      await gujrat.hover();
      assert.match(await page.getByTestId('choropleth-hover').innerText(), new RegExp(`Gujrat: ${series.cells[0].total} reports`));
      // 501: the page first loads its default source (seizures) from GET /trends, a stub until points 1-4 land
      assertCleanConsole(console, [401, 403, 404, 501]);
    } finally {
      await context.close();
    }
  });

  test('analyst: reads every report with its text and links one to a case', async () => {
    const { context, page, console } = await w.openBrowser();
    try {
      await w.login(page, 'demo-analyst');
      assert.ok((await sections(page)).includes('Alerts'));
      await page.locator('nav[aria-label="Sections"] a[data-section="reports"]').click();
      const all = page.getByTestId('all-reports');
      const item = all.getByTestId('report-item').filter({ hasText: 'Oman' });
      await item.waitFor();
      assert.match(await item.innerText(), /\+92 300 0000001/);
      await item.getByLabel('Link to').selectOption('case');
      await item.getByLabel('Id').fill('case-000001');
      await item.getByRole('button', { name: 'Link' }).click();
      await all.getByTestId('report-item').filter({ hasText: 'linked to case case-000001' }).waitFor();
      assert.equal(await page.getByTestId('report-form').count(), 0, 'analysts do not submit reports');
      assertCleanConsole(console);
    } finally {
      await context.close();
    }
  });

  test('alerts: list, explanation with observed vs expected chart, acknowledge', async (t) => {
    const probe = await w.api('demo-analyst', 'POST', '/alerts/run', { today: daysAgo(0) });
    if (probe.status === 501) {
      t.skip('the alerts API answers 501 (issue 17 points 1-4 not merged yet)');
      return;
    }
    assert.equal(probe.status, 200, JSON.stringify(probe.json));
    const open = (await w.api('demo-analyst', 'GET', '/alerts?state=open')).json;
    if (open.items.length === 0) {
      t.skip('the detectors raised no alert on this store');
      return;
    }
    const { context, page, console } = await w.openBrowser();
    try {
      await w.login(page, 'demo-analyst');
      await page.locator('nav[aria-label="Sections"] a[data-section="alerts"]').click();
      const list = page.getByTestId('alert-list');
      await list.locator('li').first().waitFor();
      assert.equal(await list.locator('li').count(), Math.min(50, open.items.length));
      await list.locator('li button').first().click();
      const detail = page.getByTestId('alert-detail');
      await detail.getByTestId('alert-explanation').waitFor();
      assert.equal(await detail.getByTestId('alert-explanation').innerText(), open.items[0].explanation);
      const full = (await w.api('demo-analyst', 'GET', `/alerts/${open.items[0].id}`)).json;
      if ((full.history ?? []).length > 0) {
        await detail.locator('[data-testid=alert-chart][data-drawn=true]').waitFor({ timeout: 30000 });
        const cols = await detail.getByTestId('alert-chart-table').locator('thead th').allTextContents();
        assert.deepEqual(cols, ['Period', 'observed', 'expected', 'threshold']);
      }
      await detail.getByLabel('What will be done').fill('checking the seizure with the Quetta customs post');
      await detail.getByRole('button', { name: 'Acknowledge' }).click();
      await detail.getByText('acknowledged by demo-analyst').waitFor();
      const after = (await w.api('demo-analyst', 'GET', `/alerts/${open.items[0].id}`)).json;
      assert.equal(after.state, 'acknowledged');
      assertCleanConsole(console);
    } finally {
      await context.close();
    }
  });

  test('no request left 127.0.0.1', () => {
    assert.deepEqual(w.offLoopback, []);
  });
});
