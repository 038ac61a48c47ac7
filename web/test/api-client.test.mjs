// The committed client (src/api/generated/) is what scripts/gen-api.mjs makes of docs/openapi.yaml
// today: a spec change without `npm run gen:api` fails here, and tsc (strict, in `npm run build` and
// `npm run lint`) then fails on any page using a field or operation the regenerated client lacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateClient, outDir, specPath } from '../scripts/gen-api.mjs';

/** null when equal, else the first differing line of `actual` against `expected`, both shown. */
function firstDifference(expected, actual) {
  if (expected === actual) return null;
  const e = expected.split('\n'), a = actual.split('\n');
  let i = 0;
  while (i < e.length && i < a.length && e[i] === a[i]) i++;
  return `line ${i + 1}:\n  committed: ${e[i] ?? '(end of file)'}\n  from spec: ${a[i] ?? '(end of file)'}`;
}

function differencesFromCommitted(files) {
  const problems = [];
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(outDir, name);
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const d = firstDifference(committed, text);
    if (d) problems.push(`src/api/generated/${name} differs from docs/openapi.yaml at ${d}`);
  }
  const extra = fs.readdirSync(outDir).filter((n) => !(n in files));
  for (const n of extra) problems.push(`src/api/generated/${n} is not generated from the spec`);
  return problems;
}

function specWith(edit) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kashf-spec-')), 'openapi.yaml');
  const text = fs.readFileSync(specPath, 'utf8');
  const changed = edit(text);
  assert.notEqual(changed, text, 'the edit must change the spec');
  fs.writeFileSync(file, changed);
  return file;
}

test('the committed client is generated from docs/openapi.yaml as it is (run `npm run gen:api` in web/)', () => {
  assert.deepEqual(differencesFromCommitted(generateClient()), []);
});

test('every served operation of the spec has one function, named by its operationId', () => {
  const spec = fs.readFileSync(specPath, 'utf8');
  const ids = [...spec.matchAll(/^ {6}operationId: (\w+)$/gm)].map((m) => m[1]);
  const operations = fs.readFileSync(path.join(outDir, 'operations.ts'), 'utf8');
  const functions = [...operations.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]);
  assert.ok(ids.length >= 50, `only ${ids.length} operationIds found`);
  assert.deepEqual([...functions].sort(), [...ids].sort());
});

test('a changed response field, operation name or parameter type makes the check fail', () => {
  const retyped = specWith((s) => s.replace('match_probability: {type: number}', 'match_probability: {type: string}'));
  assert.match(differencesFromCommitted(generateClient(retyped)).join('\n'), /schemas\.ts differs .*\n.*match_probability: number;\n.*match_probability: string;/);
  const dropped = specWith((s) => s.replace('      operationId: getStoreStats\n', '      operationId: getStoreStatistics\n'));
  assert.match(differencesFromCommitted(generateClient(dropped)).join('\n'), /operations\.ts differs/);
  const param = specWith((s) => s.replace('{name: k, in: query, schema: {type: integer, minimum: 1, maximum: 10, default: 3}}', '{name: k, in: query, schema: {type: string}}'));
  assert.match(differencesFromCommitted(generateClient(param)).join('\n'), /operations\.ts differs/);
});

test('what the generator cannot translate is refused with its place, not guessed', () => {
  const comma = specWith((s) => s.replace('description: "ISO alpha-2, lower case"', 'description: ISO alpha-2, lower case'));
  assert.throws(() => generateClient(comma), /components\/schemas\/FirearmInput\.country_of_manufacture: unexpected key 'lower case'/);
  const noId = specWith((s) => s.replace('      operationId: getHealth\n', ''));
  assert.throws(() => generateClient(noId), /GET \/api\/v1\/health: every operation needs an operationId/);
  const twice = specWith((s) => s.replace('operationId: getMe\n', 'operationId: getHealth\n'));
  assert.throws(() => generateClient(twice), /operationId 'getHealth' is used twice/);
  const clash = specWith((s) => s.replace('    CtdcReference:\n', '    GetCtdcReferenceResponse: {type: object}\n    CtdcReference:\n'));
  assert.throws(() => generateClient(clash), /would collide/);
});
