// Browser end-to-end tests of the workbench's Gaps page (legislative gap analysis, issue 18): the
// heat map of requirements × jurisdictions agrees with the API, the drill-down shows the provision
// excerpt and justification, an assessor edits a cell, a reviewer approves it, a civil-society
// partner comments (and can do neither of the others), and the workshop workbook goes round trip:
// exported through the UI, hand-edited (the sheet XML inside the zip, as a spreadsheet program
// would), imported through the UI with a conflict shown as base/theirs/ours and never applied, an
// invalid status reported by cell and not stored, and an encrypted workbook refused.
// Run by tests/e2e/run.sh <kashf> <source dir> (env KASHF_BIN, KASHF_SRC, KASHF_CHROMIUM).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loginAs, openBrowser, readZip, setCell, startServer, stopServer, writeZip } from './toolkit.mjs';

const BIN = process.env.KASHF_BIN;
const SRC = process.env.KASHF_SRC;
const CHROMIUM = process.env.KASHF_CHROMIUM || '/usr/bin/chromium';
if (!BIN || !SRC) throw new Error('set KASHF_BIN and KASHF_SRC (tests/e2e/run.sh does)');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kashf-e2e-gaps-'));
const db = path.join(tmp, 'kashf.db');
const PASSWORD = 'e2e-gaps-Passphrase-42';
const USERS = { assessor: 'gaps-assessor', reviewer: 'gaps-reviewer', cso: 'gaps-cso' };
const offLoopback = [];
let server = null;
let base = '';
const world = {}; // catalogue, requirements and jurisdictions the test works on, found through the API

function kashf(args, input) {
  return execFileSync(BIN, ['--db', db, ...args], { cwd: tmp, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 120000 });
}

/** An API session of one user (bearer token). */
async function api(user) {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user, password: PASSWORD }) });
  assert.equal(r.status, 200, `API login of ${user}`);
  const { token } = await r.json();
  const call = async (method, p, body) => {
    const res = await fetch(`${base}/api/v1${p}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, json: await res.json().catch(() => null) };
  };
  return { call, close: () => call('POST', '/auth/logout') };
}

async function cellOf(requirement, jurisdiction) {
  const s = await api(USERS.assessor);
  const r = await s.call('GET', `/gaps/assessments/${jurisdiction}/${requirement}`);
  await s.close();
  assert.equal(r.status, 200);
  return r.json.assessment;
}

/** Column letters of zero-based column `c`. */
function columnName(c) {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

before(async () => {
  kashf(['init']);
  kashf(['user', 'demo', '--out', path.join(tmp, 'logins.json')]); // creates the demo agencies too
  for (const [role, name] of Object.entries(USERS)) kashf(['user', 'add', name, '--role', role, '--agency', 'fia-hq', '--password-stdin'], `${PASSWORD}\n`);
  ({ server, base } = await startServer(BIN, db, tmp, ['--static', path.join(SRC, 'web', 'dist')]));

  const s = await api(USERS.assessor);
  const cats = (await s.call('GET', '/gaps/catalogues')).json.items;
  const countries = (await s.call('GET', '/gaps/jurisdictions')).json.items;
  world.catalogue = cats.find((c) => c.requirements.length >= 3) ?? cats[0];
  world.jurisdictions = countries.flatMap((c) => c.jurisdictions.map((j) => j.id));
  assert.ok(world.jurisdictions.length >= 2, 'at least two jurisdictions in the reference data');
  world.req = world.catalogue.requirements.slice(0, 3).map((r) => r.id);
  const [j0, j1] = world.jurisdictions;
  // Cite a real section of an instrument of j0 when the reference data has one.
  const instrument = countries.flatMap((c) => c.instruments).find((i) => i.jurisdiction === j0 && !i.repealed && i.sections.length);
  world.citation = instrument ? { instrument: instrument.id, section: instrument.sections[0].number } : null;
  world.excerpt = instrument?.sections[0].excerpt ?? '';
  const item = (requirement, jurisdiction, status, justification, provisions = []) => ({
    requirement, jurisdiction, catalogue_version: world.catalogue.version, status, justification, provisions, assessed_on: '2026-01-15',
  });
  const saved = await s.call('POST', '/gaps/assessments', { items: [
    item(world.req[0], j0, 'met', 'offence and penalty in the ordinance', world.citation ? [world.citation] : []),
    item(world.req[1], j0, 'not_met', 'no marking rule at all'),
    item(world.req[2], j1, 'partly_met', 'import marking only'),
  ] });
  assert.equal(saved.status, 201, JSON.stringify(saved.json));
  await s.close();
});

after(async () => {
  await stopServer(server);
  if (!process.env.KASHF_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(`kept ${tmp}`);
});

describe('gaps page', () => {
  test('the heat map agrees with the API; drill-down shows excerpt and justification; an assessor edits a cell', async () => {
    const { context, page, console } = await openBrowser(SRC, CHROMIUM, tmp, offLoopback);
    try {
      await loginAs(page, base, USERS.assessor, PASSWORD);
      await page.locator('nav[aria-label="Sections"] a[data-section="gaps"]').click();
      await page.getByTestId('gap-matrix').waitFor();
      const s = await api(USERS.assessor);
      const report = (await s.call('GET', '/gaps/report')).json;
      await s.close();
      const requirements = report.catalogues.length; // at least one row group per catalogue
      assert.ok(requirements >= 1);
      assert.equal(await page.locator('[data-testid=gap-matrix] button.heat-cell').count(), report.cells.length, 'one cell per requirement × jurisdiction');
      for (const c of report.cells.filter((x) => x.status !== 'not_assessed').slice(0, 10))
        assert.equal(await page.locator(`button[data-cell="${c.requirement}|${c.jurisdiction}"]`).getAttribute('data-status'), c.status, `${c.requirement} ${c.jurisdiction}`);
      assert.ok((await page.getByTestId('gap-scores').locator('tbody tr').count()) > 0, 'chapter scores');

      const [j0] = world.jurisdictions;
      await page.locator(`button[data-cell="${world.req[0]}|${j0}"]`).click();
      const detail = page.getByTestId('gap-detail');
      await detail.waitFor();
      assert.equal(await page.getByTestId('detail-justification').innerText(), 'offence and penalty in the ordinance');
      if (world.excerpt) assert.match(await page.getByTestId('detail-provisions').innerText(), new RegExp(world.excerpt.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

      await detail.getByText('Edit this assessment').click();
      await page.getByLabel('Status').selectOption('partly_met');
      await page.getByLabel('Justification').fill('penalty below the Protocol minimum');
      await page.getByRole('button', { name: 'Save as a new version' }).click();
      await page.locator(`button[data-cell="${world.req[0]}|${j0}"][data-status="partly_met"]`).waitFor();
      const a = await cellOf(world.req[0], j0);
      assert.equal(a.status, 'partly_met');
      assert.equal(a.assessed_by, USERS.assessor);
      assert.equal(a.version, 2);
      assert.deepEqual(offLoopback, []);
      assert.deepEqual(console.filter((l) => /^pageerror/.test(l)), []);
    } finally {
      await context.close();
    }
  });

  test('a reviewer approves the current version and cannot edit', async () => {
    const { context, page } = await openBrowser(SRC, CHROMIUM, tmp, offLoopback);
    try {
      await loginAs(page, base, USERS.reviewer, PASSWORD);
      await page.goto(`${base}/gaps`);
      const [j0] = world.jurisdictions;
      await page.locator(`button[data-cell="${world.req[0]}|${j0}"]`).click();
      await page.getByTestId('gap-detail').waitFor();
      assert.equal(await page.getByText('Edit this assessment').count(), 0, 'no edit form for a reviewer');
      assert.equal(await page.locator('#gap-workbook-file').count(), 0, 'no workbook import for a reviewer');
      await page.getByRole('button', { name: /^Approve version 2$/ }).click();
      await page.getByTestId('gap-detail').getByText(`reviewed by ${USERS.reviewer}`).first().waitFor();
      assert.equal((await cellOf(world.req[0], j0)).reviewed_by, USERS.reviewer);
    } finally {
      await context.close();
    }
  });

  test('a civil-society partner comments but neither edits nor approves', async () => {
    const { context, page } = await openBrowser(SRC, CHROMIUM, tmp, offLoopback);
    try {
      await loginAs(page, base, USERS.cso, PASSWORD);
      await page.goto(`${base}/gaps`);
      const [, j1] = world.jurisdictions;
      await page.locator(`button[data-cell="${world.req[2]}|${j1}"]`).click();
      await page.getByTestId('gap-detail').waitFor();
      assert.equal(await page.getByText('Edit this assessment').count(), 0);
      assert.equal(await page.getByRole('button', { name: /^Approve/ }).count(), 0);
      await page.getByLabel('Add a comment').fill('Shelters report that import marks are rarely checked.');
      await page.getByRole('button', { name: 'Comment' }).click();
      await page.getByTestId('detail-comments').getByText('import marks are rarely checked').waitFor();
      // The server refuses what the page does not offer.
      const s = await api(USERS.cso);
      const refused = await s.call('POST', '/gaps/assessments', { items: [{ requirement: world.req[2], jurisdiction: j1,
        catalogue_version: world.catalogue.version, status: 'met' }] });
      await s.close();
      assert.equal(refused.status, 403);
    } finally {
      await context.close();
    }
  });

  test('workshop workbook: export, hand-edit, import with a conflict, an invalid cell and a valid change', async () => {
    const { context, page, console } = await openBrowser(SRC, CHROMIUM, tmp, offLoopback, { acceptDownloads: true });
    try {
      await loginAs(page, base, USERS.assessor, PASSWORD);
      await page.goto(`${base}/gaps`);
      await page.getByRole('tab', { name: world.catalogue.short_name }).click();
      await page.getByTestId('gap-matrix').waitFor();
      await page.getByTestId('workbook-panel').locator('summary').click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export workbook' }).click()]);
      const file = path.join(tmp, 'exported.xlsx');
      await download.saveAs(file);
      const parts = readZip(fs.readFileSync(file));
      const book = parts.get('xl/workbook.xml').toString('utf8');
      assert.match(book, /name="_kashf"[^>]*state="hidden"/, 'hidden metadata sheet');
      // Sheets: Read me, the catalogue, Instruments, _kashf.
      const sheetPart = 'xl/worksheets/sheet2.xml';
      let xml = parts.get(sheetPart).toString('utf8');
      assert.match(xml, /<dataValidation type="list"/);
      assert.match(xml, /<sheetProtection/);
      const [j0, j1] = world.jurisdictions;
      const statusCol = (j) => columnName(5 + 3 * world.jurisdictions.indexOf(j));
      const row = (req) => 3 + world.catalogue.requirements.findIndex((r) => r.id === req);
      xml = setCell(xml, `${statusCol(j0)}${row(world.req[1])}`, 'partly met'); // will conflict
      xml = setCell(xml, `${statusCol(j1)}${row(world.req[0])}`, 'mostly met'); // invalid
      xml = setCell(xml, `${statusCol(j1)}${row(world.req[2])}`, 'not met'); // valid change
      parts.set(sheetPart, xml);
      const edited = path.join(tmp, 'edited.xlsx');
      fs.writeFileSync(edited, writeZip(parts));
      // Meanwhile in Kashf someone re-assesses the first of those cells.
      const s = await api(USERS.assessor);
      const meanwhile = await s.call('POST', '/gaps/assessments', { items: [{ requirement: world.req[1], jurisdiction: j0,
        catalogue_version: world.catalogue.version, status: 'not_applicable', justification: 'a provincial matter' }] });
      assert.equal(meanwhile.status, 201);
      await s.close();

      await page.locator('#gap-workbook-file').setInputFiles(edited);
      await page.getByRole('button', { name: 'Import workbook' }).click();
      const report = page.getByTestId('workbook-report');
      await report.waitFor();
      assert.match(await report.locator('[role=status]').innerText(), /1 changed.*1 conflicts.*1 errors/s);
      const conflict = await page.getByTestId('workbook-conflicts').innerText();
      assert.match(conflict, /not met/); // base (exported)
      assert.match(conflict, /partly met/); // theirs (workbook)
      assert.match(conflict, /not applicable/); // ours (Kashf now)
      assert.match(await page.getByTestId('workbook-errors').innerText(), /mostly met/);
      assert.match(await page.getByTestId('workbook-changes').innerText(), new RegExp(world.req[2]));

      assert.equal((await cellOf(world.req[1], j0)).status, 'not_applicable', 'the conflict was not applied');
      assert.equal((await cellOf(world.req[2], j1)).status, 'not_met', 'the valid change was stored');
      assert.notEqual((await cellOf(world.req[0], j1)).status, 'mostly met');
      await page.locator(`button[data-cell="${world.req[2]}|${j1}"][data-status="not_met"]`).waitFor();

      // An encrypted workbook (an OLE compound file, not a zip) is refused with advice.
      const locked = path.join(tmp, 'locked.xlsx');
      fs.writeFileSync(locked, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]));
      await page.locator('#gap-workbook-file').setInputFiles(locked);
      await page.getByRole('button', { name: 'Import workbook' }).click();
      await page.getByTestId('workbook-panel').getByText(/password-protected/).waitFor();
      assert.deepEqual(offLoopback, []);
      assert.deepEqual(console.filter((l) => /^pageerror/.test(l)), []);
    } finally {
      await context.close();
    }
  });
});
