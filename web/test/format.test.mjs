// Unit tests of web/src/lib/format.ts (display of stored codes), transpiled with esbuild.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { importTs, web } from './ts-module.mjs';

const f = await importTs('src/lib/format.ts');

test('CTDC age bands read as ranges with an en dash, every band of the reference table', () => {
  const tsv = fs.readFileSync(path.join(web, '..', 'data/reference/ctdc_age_bands.tsv'), 'utf8');
  const bands = tsv.split('\n').filter((l) => l.trim() && !l.startsWith('#')).slice(1).map((l) => l.split('\t'));
  assert.ok(bands.length >= 9);
  for (const [label, min, max] of bands) {
    const shown = f.codeLabel(label);
    assert.ok(!shown.includes('--'), `${label} shown as ${shown}`);
    assert.equal(shown, Number(max) >= 200 ? `${min}+` : `${min}–${max}`);
  }
});

test('other codes: underscores become spaces, single hyphens and words stay', () => {
  assert.equal(f.codeLabel('legal_aid'), 'legal aid');
  assert.equal(f.codeLabel('12987-4558663-7'), '12987-4558663-7');
  assert.equal(f.codeLabel('a--b'), 'a--b');
  assert.equal(f.codeLabel('male'), 'male');
});
