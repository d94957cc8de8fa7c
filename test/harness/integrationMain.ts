/**
 * `npm run test:integration`: the mocha suite of test/integration runs in the
 * real node extension host of code-server, twice: in a trusted workspace
 * (test/integration/*.test.ts) and in an untrusted one (test/integration/untrusted/).
 * Counts go to .test-results/integration-*.json; the exit code is non-zero when
 * any test failed or a suite did not finish.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS_DIR, codeServerEntry, PROJECT_ROOT, RESULTS_DIR } from './projectPaths';
import { runExtensionTests } from './runExtensionTests';
import { createWorkspace } from './workspaceFixture';

const SUITES = [
  { name: 'trusted', trusted: true, index: join(PROJECT_ROOT, 'out', 'test', 'integration', 'index') },
  { name: 'untrusted', trusted: false, index: join(PROJECT_ROOT, 'out', 'test', 'integration', 'untrusted', 'index') },
];

async function main(): Promise<number> {
  const entry = await codeServerEntry();
  let worst = 0;
  for (const suite of SUITES) {
    const resultsFile = join(RESULTS_DIR, `integration-${suite.name}.json`);
    rmSync(resultsFile, { force: true });
    // Both name the merge driver in .gitattributes, as a fresh clone of a team's repository does: the trusted suite is offered its install, the untrusted one is not.
    const workspace = createWorkspace({ prefix: `incident-it-${suite.name}-`, mergeDriverNamed: true });
    console.log(`\n[integration] ${suite.name} workspace: ${workspace}`);
    const code = await runExtensionTests({
      codeServerEntry: entry,
      extensionPath: PROJECT_ROOT,
      testsPath: suite.index,
      workspace,
      trusted: suite.trusted,
      env: { INCIDENT_TEST_RESULTS: resultsFile, NO_COLOR: '1' },
      logFile: join(ARTIFACTS_DIR, `integration-${suite.name}.log`),
      verbose: process.env.INCIDENT_TEST_VERBOSE === '1',
    });
    console.log(`[integration] ${suite.name} suite exited with ${code}`);
    worst = Math.max(worst, code);
  }
  return worst;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
