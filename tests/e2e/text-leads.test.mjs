// Browser test of text leads on the entity page (issue 19, point 5): an ad whose body spells out a
// phone number is shown as written with the number highlighted and linked to the phone's entity;
// the phone's page lists the ad that names it; a search for the number as typed finds the phone.
// Run by tests/e2e/run.sh (env KASHF_BIN, KASHF_SRC, KASHF_CHROMIUM).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SRC, World, assertCleanConsole } from './harness.mjs';

const w = new World('text-leads');
let ad = '';
let phone = '';

before(async () => {
  const ads = path.join(w.tmp, 'ads.jsonl');
  fs.writeFileSync(ads, `${JSON.stringify({
    ad_id: 'A1', platform: 'olx', title: 'Kalakov for sale', price: '200000', posted: '2024-03-12', place: 'Kohat',
    contact: '', url: 'https://olx.com.pk/item/1',
    body: 'asli maal, 2 lakh, rabta zero three zero zero five five five one two three four',
  })}\n`);
  w.kashf('init');
  w.kashf('-q', 'ingest', '-m', path.join(SRC, 'mappings', 'text', 'ads.yaml'), ads);
  w.kashf('case', 'keygen', '--key-file', w.keyFile);
  await w.start();
  // The number as anyone would type it finds the phone; the phone names the ad.
  const hits = await w.api('demo-analyst', 'GET', '/search?q=03005551234');
  assert.equal(hits.status, 200, JSON.stringify(hits.json));
  phone = hits.json.items.find((h) => h.schema === 'Phone').id;
  const e = await w.api('demo-analyst', 'GET', `/entities/${encodeURIComponent(phone)}`);
  ad = e.json.named_in[0].document;
});

after(() => w.stop());

describe('text leads', () => {
  test('the ad shows its spelt-out phone highlighted and linked; the phone lists the ad', async () => {
    const { context, page, console } = await w.openBrowser();
    try {
      await w.login(page, 'demo-analyst');
      await page.goto(`${w.base}/entity?id=${encodeURIComponent(ad)}`);
      const body = page.getByTestId('text-bodyText');
      await body.waitFor({ timeout: 30000 });
      const mark = body.locator('mark[data-kind="phone"]');
      assert.equal(await mark.innerText(), 'zero three zero zero five five five one two three four');
      assert.match(await body.innerText(), /^asli maal, 2 lakh, rabta zero three/m);
      await mark.click();
      await page.getByTestId('named-in').waitFor({ timeout: 30000 });
      assert.ok(page.url().includes(encodeURIComponent(phone)), page.url());
      assert.ok(await page.getByTestId('named-in').locator(`a[href*="${encodeURIComponent(ad)}"]`).count() === 1);
      assert.deepEqual(w.offLoopback, []);
      assertCleanConsole(console, [401]);
    } finally {
      await context.close();
    }
  });
});
