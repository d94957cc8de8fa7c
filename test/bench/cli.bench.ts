/**
 * The `incident` program's start, as shipped (`build.mjs cli --production`),
 * against the physical limit measured side by side in the same run: a bare
 * `node -e 0` for `list` in a repository without a store (goal: under 2×),
 * and bare node reading and JSON.parse-ing the same file for `list` over a
 * 1,000-incident store. Each sample is a whole process, started the way a
 * shell starts it. The compile cache is node's default one (warm after the
 * first run); the last row shows what it saves.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { STORE_SCHEMA_VERSION } from '../../src/core/record/schema';
import { formatStore } from '../../src/store/stableFormat';
import { generatedHistory } from '../unit/core/merge/generatedHistory';
import { tempRepo } from '../unit/store/tempRepo';
import { timeSideBySide } from './timing';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');
const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');
const GOAL = 2;

function run(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli', '--production'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  const empty = tempRepo();
  const stored = tempRepo();
  const { incidents, deploys } = generatedHistory(1000, 5);
  mkdirSync(join(stored, '.incidents'));
  const file = join(stored, '.incidents', 'incidents.json');
  writeFileSync(file, formatStore({ version: STORE_SCHEMA_VERSION, incidents, deploys }));
  // Fill the compile cache, as any earlier run would have.
  run(empty, [CLI, 'list']);
  run(stored, [CLI, 'list', '--all']);

  const bareNode = () => run(empty, ['-e', '0']);
  const [emptyList, bare] = await timeSideBySide(21, () => run(empty, [CLI, 'list']), bareNode);
  const [storedList, bareParse] = await timeSideBySide(
    11,
    () => run(stored, [CLI, 'list', '--all']),
    () => run(stored, ['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`]),
  );
  // Where the cache pays: a verb that loads the schema library and the store's parser.
  const withoutCache = { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' };
  const [uncachedList, cachedList] = await timeSideBySide(
    11,
    () => run(stored, [CLI, 'list', '--all'], withoutCache),
    () => run(stored, [CLI, 'list', '--all']),
  );

  console.log('operation                                            ours (ms)   limit (ms)   ratio');
  const row = (name: string, ours: number, limit: number, goal = '') =>
    console.log(`${name.padEnd(52)} ${ours.toFixed(1).padStart(9)}   ${limit.toFixed(1).padStart(10)}   ${(ours / limit).toFixed(2).padStart(5)}x${goal}`);
  const verdict = emptyList / bare < GOAL ? 'met' : 'NOT met';
  row('incident list, no store vs node -e 0', emptyList, bare, `   (goal < ${GOAL}x: ${verdict})`);
  row('incident list --all, 1,000 incidents vs read+parse', storedList, bareParse);
  row('list --all, 1,000: without vs with compile cache', uncachedList, cachedList);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
