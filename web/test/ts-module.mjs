// Imports one self-contained TypeScript module of web/src (no imports of its own) for the unit
// tests: transpiled with esbuild (a dependency of vite) into a temporary .mjs file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

export const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function importTs(relative) {
  const esbuild = createRequire(path.join(web, 'package.json'))('esbuild');
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kashf-web-')), `${path.basename(relative, '.ts')}.mjs`);
  fs.writeFileSync(out, esbuild.transformSync(fs.readFileSync(path.join(web, relative), 'utf8'), { loader: 'ts', format: 'esm' }).code);
  return import(pathToFileURL(out).href);
}
