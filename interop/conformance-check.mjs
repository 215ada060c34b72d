// Evaluates a `conformance server -o DIR` run against conformance-expected-failures.txt.
//
//   node conformance-check.mjs RESULTS_DIR EXPECTED_FAILURES_FILE
//
// A scenario fails when any of its checks has status FAILURE (the CLI's own definition), or when it
// left no readable checks.json. Exit 1 if a scenario that is not listed fails (or nothing ran);
// a listed scenario that passes only produces a warning.

import fs from 'node:fs';
import path from 'node:path';

const [resultsDir, expectedFile] = process.argv.slice(2);
if (!resultsDir || !expectedFile) {
  console.error('usage: node conformance-check.mjs RESULTS_DIR EXPECTED_FAILURES_FILE');
  process.exit(2);
}

const expected = new Map(); // scenario -> reason
for (const raw of fs.readFileSync(expectedFile, 'utf8').split('\n')) {
  const line = raw.trim();
  if (!line || line.startsWith('#')) continue;
  const [name, ...rest] = line.split('#');
  expected.set(name.trim(), rest.join('#').trim());
}

const results = new Map(); // scenario -> { passed, failed, warnings, failures: [] }
for (const dir of fs.readdirSync(resultsDir)) {
  const m = dir.match(/^server-(.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$/);
  if (!m) continue;
  const scenario = m[1];
  const r = { passed: 0, failed: 0, warnings: 0, failures: [] };
  try {
    const checks = JSON.parse(fs.readFileSync(path.join(resultsDir, dir, 'checks.json'), 'utf8'));
    for (const c of checks) {
      if (c.status === 'SUCCESS') r.passed++;
      else if (c.status === 'WARNING') r.warnings++;
      else if (c.status === 'FAILURE') {
        r.failed++;
        r.failures.push(`${c.id}: ${c.errorMessage ?? c.description ?? ''}`);
      }
    }
  } catch (e) {
    r.failed++;
    r.failures.push(`no readable checks.json: ${e.message}`);
  }
  results.set(scenario, r);
}

if (results.size === 0) {
  console.error(`conformance: no scenario results found in ${resultsDir}`);
  process.exit(1);
}

const unexpected = [];
const stale = [];
let passed = 0;
let expectedFailed = 0;
for (const [scenario, r] of [...results].sort(([a], [b]) => a.localeCompare(b))) {
  const failed = r.failed > 0;
  const listed = expected.has(scenario);
  let verdict;
  if (!failed && !listed) { verdict = 'PASS'; passed++; }
  else if (failed && listed) { verdict = 'XFAIL'; expectedFailed++; }
  else if (failed) { verdict = 'FAIL'; unexpected.push(scenario); }
  else { verdict = 'XPASS'; passed++; stale.push(scenario); }
  const warn = r.warnings ? `, ${r.warnings} warnings` : '';
  console.log(`  ${verdict.padEnd(5)} ${scenario}  (${r.passed} passed, ${r.failed} failed${warn})`);
  if (verdict === 'FAIL') for (const f of r.failures) console.log(`          ! ${f}`);
  if (verdict === 'XFAIL') console.log(`          expected: ${expected.get(scenario)}; got ${r.failures[0] ?? ''}`);
}

const notRun = [...expected.keys()].filter((s) => !results.has(s));
console.log('');
console.log(`conformance: ${results.size} scenarios, ${passed} passed, ${expectedFailed} expected failures, ${unexpected.length} unexpected failures`);
for (const s of stale) console.log(`WARNING: ${s} is listed in ${path.basename(expectedFile)} but passed; remove it from the list`);
for (const s of notRun) console.log(`WARNING: ${s} is listed in ${path.basename(expectedFile)} but did not run`);
if (unexpected.length) {
  console.log(`FAILED: unexpected conformance failures: ${unexpected.join(', ')}`);
  process.exit(1);
}
