// Shared pieces of the browser end-to-end tests (tests/e2e/*.test.mjs): a free loopback port, the
// server's health wait, a Chromium profile that refuses and records any request leaving 127.0.0.1,
// logging in through the UI, and reading/rewriting the parts of a zip (an XLSX workbook) with
// node's zlib, so a test can hand-edit a downloaded workbook the way a spreadsheet program would.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function freePort() {
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

/** Starts `kashf serve` on a free loopback port and waits for /api/v1/health; returns { server, base }. */
export async function startServer(bin, db, dir, extraArgs = []) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = path.join(dir, 'serve.log');
  const log = fs.openSync(logFile, 'w');
  const server = spawn(bin, ['--db', db, 'serve', '--host', '127.0.0.1', '--port', String(port), ...extraArgs,
    '--max-seconds', '600'], { stdio: ['ignore', log, log] });
  const end = Date.now() + 20000;
  while (Date.now() < end) {
    try {
      const r = await fetch(`${base}/api/v1/health`);
      if (r.ok) return { server, base };
    } catch {
      // not yet listening
    }
    if (server.exitCode !== null) throw new Error(`kashf serve exited with ${server.exitCode}: ${fs.readFileSync(logFile, 'utf8')}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('kashf serve did not answer /api/v1/health in time');
}

export async function stopServer(server) {
  if (!server || server.exitCode !== null) return;
  server.kill('SIGINT');
  await new Promise((r) => {
    const t = setTimeout(() => { server.kill('SIGKILL'); r(); }, 5000);
    server.on('exit', () => { clearTimeout(t); r(); });
  });
}

/** A fresh Chromium profile (own --user-data-dir under `dir`) that refuses and records in `offLoopback`
 *  any non-loopback request; console lines and page errors are collected in `console`. */
export async function openBrowser(src, chromiumPath, dir, offLoopback, options = {}) {
  const require = createRequire(path.join(src, 'web', 'package.json'));
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(dir, 'profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 }, ...options,
  });
  const console = [];
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === '127.0.0.1') return route.continue();
    offLoopback.push(route.request().url());
    return route.abort();
  });
  context.on('request', (req) => {
    const u = new URL(req.url());
    if (u.protocol !== 'data:' && u.protocol !== 'blob:' && u.hostname !== '127.0.0.1') offLoopback.push(req.url());
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console.push(`pageerror: ${e.message}`));
  return { context, page, console };
}

export async function loginAs(page, base, user, password) {
  await page.goto(`${base}/`);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('who').waitFor();
}

/** Every part of a zip file as { name -> Buffer } (stored and deflated entries; APPNOTE.TXT 4.3). */
export function readZip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) --eocd;
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const parts = new Map();
  for (let i = 0; i < count; ++i) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('damaged central directory');
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + csize);
    parts.set(name, method === 0 ? Buffer.from(data) : zlib.inflateRawSync(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return parts;
}

/** A zip of `parts` ({ name -> Buffer|string }), every entry deflated. */
export function writeZip(parts) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, body] of parts) {
    const data = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
    const packed = zlib.deflateRawSync(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += head.length + nameBuf.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.size, 8);
  end.writeUInt16LE(parts.size, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** Sets cell `ref` of a worksheet's XML to an inline string, the way a spreadsheet program rewrites it. */
export function setCell(sheetXml, ref, text) {
  const re = new RegExp(`<c r="${ref}"[^>]*?(/>|>.*?</c>)`);
  if (!re.test(sheetXml)) throw new Error(`cell ${ref} not in the sheet`);
  const safe = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return sheetXml.replace(re, `<c r="${ref}" t="inlineStr"><is><t>${safe}</t></is></c>`);
}
