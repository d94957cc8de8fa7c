/**
 * The webview bundles as shipped (`build.mjs webview --production`) against
 * their goals: what a webview downloads and parses before it can draw.
 * KB here is 1,000 bytes, the stricter reading of the goals.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');
const BUNDLES = [
  { name: 'incident panel (dist/webview/main.js)', file: 'main.js', goalKb: 150 },
  { name: 'metrics dashboard (dist/webview/metrics.js)', file: 'metrics.js', goalKb: 300 },
];

execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'webview', '--production'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
console.log('bundle                                          size (KB)   goal (KB)   ratio');
for (const { name, file, goalKb } of BUNDLES) {
  const kb = statSync(join(PROJECT_ROOT, 'dist', 'webview', file)).size / 1000;
  console.log(`${name.padEnd(47)} ${kb.toFixed(1).padStart(9)}   ${`< ${goalKb}`.padStart(9)}   ${(kb / goalKb).toFixed(2).padStart(5)}x  ${kb < goalKb ? 'met' : 'NOT met'}`);
}
