/**
 * `npm run test:electron`: the same suites through @vscode/test-electron's
 * `runTests`, which downloads VS Code (works on GitHub Actions, not on our CI
 * machines, whose network reaches only package registries).
 */
import { runTests } from '@vscode/test-electron';
import { join } from 'node:path';
import { PROJECT_ROOT, RESULTS_DIR } from './projectPaths';
import { createWorkspace } from './workspaceFixture';

async function main(): Promise<void> {
  for (const suite of [
    { name: 'trusted', index: join(PROJECT_ROOT, 'out', 'test', 'integration', 'index'), trustArgs: ['--disable-workspace-trust'] },
    { name: 'untrusted', index: join(PROJECT_ROOT, 'out', 'test', 'integration', 'untrusted', 'index'), trustArgs: [] },
  ]) {
    const workspace = createWorkspace({ prefix: `incident-electron-${suite.name}-` });
    await runTests({
      extensionDevelopmentPath: PROJECT_ROOT,
      extensionTestsPath: suite.index,
      launchArgs: [workspace, '--disable-extensions', ...suite.trustArgs],
      extensionTestsEnv: { INCIDENT_TEST_RESULTS: join(RESULTS_DIR, `electron-${suite.name}.json`) },
    });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
