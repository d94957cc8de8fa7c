// Mocha's spec reporter, plus a JSON file of the counts so the test driver
// (scripts/test-all.mjs) can print one summary line for every layer, including
// the suite that runs inside VS Code's extension host.
// The file path comes from INCIDENT_TEST_RESULTS; without it this is plain spec.
'use strict';
const Mocha = require('mocha');
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');

class ResultReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failures = [];
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, error) => {
      failures.push(`${test.fullTitle()}: ${error && error.message}`);
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.INCIDENT_TEST_RESULTS;
      if (!file) return;
      const stats = runner.stats || { passes: 0, failures: 0, pending: 0 };
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending, failures }, null, 2));
    });
  }
}

module.exports = ResultReporter;
