// Configuration for `vscode-test` (@vscode/test-cli), for machines that can
// download VS Code (e.g. GitHub Actions): `npm run test:electron`.
// The same suites run here inside code-server (`npm test`), where VS Code
// cannot be downloaded. Run `node scripts/build.mjs` first.
import { defineConfig } from '@vscode/test-cli';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createWorkspace } = require('./out/test/harness/workspaceFixture.js');

const common = {
  version: 'stable',
  mocha: { ui: 'bdd', timeout: 30000, forbidOnly: true },
};

export default defineConfig([
  {
    ...common,
    label: 'trusted',
    files: 'out/test/integration/*.test.js',
    workspaceFolder: createWorkspace({ prefix: 'incident-electron-trusted-' }),
    launchArgs: ['--disable-workspace-trust'],
  },
  {
    ...common,
    label: 'untrusted',
    files: 'out/test/integration/untrusted/*.test.js',
    workspaceFolder: createWorkspace({ prefix: 'incident-electron-untrusted-' }),
  },
]);
