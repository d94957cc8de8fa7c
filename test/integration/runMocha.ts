/**
 * Shared body of the suites' `run()` entry points (the format
 * @vscode/test-electron and the code-server driver both load).
 */
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function runMochaIn(dir: string): Promise<void> {
  // The counting reporter lives in scripts/ (plain CommonJS) so the driver can
  // print one summary for every layer; tests run from out/test/integration/….
  const projectRoot = resolve(__dirname, '..', '..', '..');
  const mocha = new Mocha({
    ui: 'bdd',
    color: !process.env.NO_COLOR,
    timeout: 30_000,
    forbidOnly: true,
    // The reporter is a CommonJS file in scripts/, found at run time from where this compiled file lies.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    reporter: require(join(projectRoot, 'scripts', 'mocha-result-reporter.cjs')),
  });
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(join(dir, file));
  }
  return new Promise((resolvePromise, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolvePromise()));
  });
}
