#!/usr/bin/env node
// `npm test`: every test layer, in order, with one summary at the end.
//   0. lint (ESLint, including the layer rule); skipped when INCIDENT_TEST_LAYERS
//      names layers without "lint"
//   1. build (esbuild) and type-check (tsc --noEmit, strict)
//   2. unit tests in plain Node (mocha); the intake tests need Debian's prometheus-alertmanager
//   3. package the .vsix (vsce)
//   4. integration tests inside VS Code's extension host (code-server), trusted and untrusted
//   5. e2e tests in Chromium against code-server with the .vsix installed (screenshots)
// Each mocha run writes its counts to .test-results/<layer>.json; the last line
// is "N passed, N failed" for CI. Exit code 1 when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const RESULTS = '.test-results';
const started = Date.now();
const only = process.env.INCIDENT_TEST_LAYERS?.split(',');
const wants = (layer) => !only || only.includes(layer);

function step(title, command, args, env = {}) {
  console.log(`\n━━ ${title} ━━ ${command} ${args.join(' ')}`);
  const t0 = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`━━ ${title}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds} s`);
  return ok;
}

function mocha(layer, config) {
  return step(`${layer} tests`, process.execPath, [join('node_modules', 'mocha', 'bin', 'mocha.js'), '--config', config], {
    INCIDENT_TEST_RESULTS: join(RESULTS, `${layer}.json`),
  });
}

rmSync(RESULTS, { recursive: true, force: true });
const failedSteps = [];
const must = (title, ok) => {
  if (!ok) failedSteps.push(title);
  return ok;
};

// A lint error fails the run but does not stop it: the test layers still report.
if (wants('lint')) must('lint', step('lint', 'npm', ['run', '--silent', 'lint']));
if (!must('build', step('build', process.execPath, ['scripts/build.mjs']))) finish();
if (!must('typecheck', step('typecheck', 'npm', ['run', '--silent', 'typecheck']))) finish();
if (wants('unit')) {
  warnIfMissing(
    process.env.ALERTMANAGER_PATH ?? '/usr/bin/prometheus-alertmanager',
    "the intake tests start a real Alertmanager: install Debian's prometheus-alertmanager (apt-get install prometheus-alertmanager, as .ci/run does) or set ALERTMANAGER_PATH",
  );
  must('unit', mocha('unit', '.mocharc.unit.json'));
}
const needsVsix = wants('e2e');
if (needsVsix) must('package', step('package', 'npm', ['run', '--silent', 'package']));
if (wants('integration')) must('integration', step('integration tests (VS Code extension host in code-server)', process.execPath, ['out/test/harness/integrationMain.js']));
if (wants('e2e') && !failedSteps.includes('package')) {
  rmSync(join('test-artifacts', 'e2e'), { recursive: true, force: true });
  must('e2e', mocha('e2e', '.mocharc.e2e.json'));
}
finish();

/** A missing program the tests need: said once before the layer runs, where it is easy to see; its tests then fail saying the same. */
function warnIfMissing(path, what) {
  if (!existsSync(path)) console.log(`\n!! ${path} not found: ${what}`);
}

function finish() {
  const layers = existsSync(RESULTS)
    ? readdirSync(RESULTS)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  let passed = 0;
  let failed = 0;
  console.log('\n━━ summary ━━');
  for (const file of layers) {
    const result = JSON.parse(readFileSync(join(RESULTS, file), 'utf8'));
    passed += result.passed;
    failed += result.failed;
    console.log(`  ${file.replace('.json', '').padEnd(22)} ${String(result.passed).padStart(4)} passed ${String(result.failed).padStart(3)} failed`);
    for (const failure of result.failures) console.log(`      ✘ ${failure}`);
  }
  if (failedSteps.length) console.log(`  failed steps: ${failedSteps.join(', ')}`);
  const screenshots = existsSync('test-artifacts/e2e') ? readdirSync('test-artifacts/e2e').filter((f) => f.endsWith('.png')) : [];
  if (screenshots.length) console.log(`  screenshots: ${screenshots.map((f) => `test-artifacts/e2e/${f}`).join(', ')}`);
  console.log(`  took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  // A step that failed without a mocha report (build, a suite that did not load) counts as one failure.
  const unreported = failedSteps.filter((s) => !layers.some((f) => f.startsWith(s))).length;
  console.log(`${passed} passed, ${failed + unreported} failed`);
  process.exit(failed + failedSteps.length > 0 ? 1 : 0);
}
