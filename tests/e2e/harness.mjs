// Shared harness of the browser tests (tests/e2e/*.test.mjs): a temporary store made by the
// `kashf` binary, `kashf serve` on a free loopback port with the built workbench, Debian's Chromium
// driven by playwright-core with every non-loopback request refused and recorded, and helpers to
// log in through the UI or call the API as a demo user. Env: KASHF_BIN, KASHF_SRC, KASHF_CHROMIUM.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const BIN = process.env.KASHF_BIN;
export const SRC = process.env.KASHF_SRC;
const CHROMIUM = process.env.KASHF_CHROMIUM || '/usr/bin/chromium';
if (!BIN || !SRC) throw new Error('set KASHF_BIN and KASHF_SRC (tests/e2e/run.sh does)');
const require = createRequire(path.join(SRC, 'web', 'package.json'));
const { chromium } = require('playwright-core');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A store in a fresh temporary directory and, after start(), a server over it. */
export class World {
  constructor(name) {
    this.tmp = fs.mkdtempSync(path.join(os.tmpdir(), `kashf-${name}-`));
    this.db = path.join(this.tmp, 'kashf.db');
    this.keyFile = path.join(this.tmp, 'victim.key');
    this.base = '';
    this.logins = {};
    this.offLoopback = []; // every request the browser tried to send anywhere but 127.0.0.1
    this.server = null;
  }

  /** Runs `kashf --db <store> ...args` and returns its standard output. */
  kashf(...args) {
    return execFileSync(BIN, ['--db', this.db, ...args], { cwd: this.tmp, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 120000 });
  }

  /** Creates the demo users (one per role) and serves the store and web/dist on a free loopback port. */
  async start() {
    const loginsFile = path.join(this.tmp, 'logins.json');
    this.kashf('user', 'demo', '--out', loginsFile);
    for (const l of JSON.parse(fs.readFileSync(loginsFile, 'utf8'))) this.logins[l.username] = l;
    const port = await freePort();
    this.base = `http://127.0.0.1:${port}`;
    const log = fs.openSync(path.join(this.tmp, 'serve.log'), 'w');
    this.server = spawn(BIN, ['--db', this.db, 'serve', '--host', '127.0.0.1', '--port', String(port), '--static', path.join(SRC, 'web', 'dist'),
      '--key-file', this.keyFile, '--max-seconds', '600'], { stdio: ['ignore', log, log] });
    const end = Date.now() + 20000;
    while (Date.now() < end) {
      try {
        if ((await fetch(`${this.base}/api/v1/health`)).ok) return;
      } catch {
        // not yet listening
      }
      if (this.server.exitCode !== null) throw new Error(`kashf serve exited: ${fs.readFileSync(path.join(this.tmp, 'serve.log'), 'utf8')}`);
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error('kashf serve did not answer /api/v1/health in time');
  }

  async stop() {
    if (this.server && this.server.exitCode === null) {
      this.server.kill('SIGINT');
      await new Promise((r) => {
        const t = setTimeout(() => { this.server.kill('SIGKILL'); r(); }, 5000);
        this.server.on('exit', () => { clearTimeout(t); r(); });
      });
    }
    if (!process.env.KASHF_E2E_KEEP) fs.rmSync(this.tmp, { recursive: true, force: true });
    else console.log(`kept ${this.tmp}`);
  }

  /** A fresh Chromium profile that refuses and records any non-loopback request; console lines collected. */
  async openBrowser() {
    const profile = fs.mkdtempSync(path.join(this.tmp, 'profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 },
    });
    const lines = [];
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.hostname === '127.0.0.1') return route.continue();
      this.offLoopback.push(route.request().url());
      return route.abort();
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
    return { context, page, console: lines };
  }

  async login(page, user) {
    await page.goto(`${this.base}/`);
    await page.getByLabel('User name').fill(user);
    await page.getByLabel('Password').fill(this.logins[user].password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('who').waitFor();
  }

  /** One API call as a demo user (own session, logged out after). */
  async api(user, method, p, body) {
    const login = await fetch(`${this.base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: user, password: this.logins[user].password }) });
    assert.equal(login.status, 200, `API login of ${user}`);
    const { token } = await login.json();
    const r = await fetch(`${this.base}/api/v1${p}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined });
    await fetch(`${this.base}/api/v1/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    return { status: r.status, json: await r.json().catch(() => null) };
  }
}

export async function sections(page) {
  await page.getByTestId('who').waitFor();
  return page.locator('nav[aria-label="Sections"] a').allInnerTexts();
}

export async function expectRefusal(page, url) {
  await page.goto(url);
  await page.getByTestId('refusal').waitFor({ timeout: 10000 });
}

/** Errors in the console would include CSP violations (inline styles or scripts, foreign hosts). Failed
 *  loads with the `expected` HTTP statuses (refusals the test provokes) are not errors. */
export function assertCleanConsole(lines, expected = [401, 403, 404]) {
  const failedLoad = /Failed to load resource: the server responded with a status of (\d+)/;
  const bad = lines.filter((l) => /^(error|pageerror)/.test(l) && !expected.includes(Number(failedLoad.exec(l)?.[1])));
  assert.deepEqual(bad, [], 'console errors');
}
