import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Incident } from '../../../src/core/schema';
import { brokenHistory, TELLS, userState } from '../git/bisectHistories';
import { emptyRepo, git } from '../git/repoBuilder';
import { incident } from './runCli';

const CLI = join(resolve(__dirname, '..', '..', '..', '..'), 'dist', 'cli.js');
/** The store is ours to write; everything else of the clone must stay as it was. */
const STORE_FOLDER = '.incidents';

async function declared(repo: string): Promise<string> {
  const result = await incident(repo, 'declare', '--title', 'Checkout fails', '--category', 'regression', '--severity', 'SEV1');
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim();
}

async function shown(repo: string, id: string): Promise<Incident> {
  return JSON.parse((await incident(repo, 'show', id, '--json')).stdout) as Incident;
}

const bisectNotes = (record: Incident) => record.timeline.filter((event) => event.kind === 'note' && event.data?.bisect).map((event) => event.text);
const leftWorktrees = (repo: string) =>
  git(repo, ['worktree', 'list', '--porcelain'])
    .split('\n')
    .filter((line) => line.startsWith('worktree ') && line.includes('incident-bisect-'));

/** Starts `incident bisect` as its own process and resolves once it has reported `steps` steps on stderr. */
function startBisect(repo: string, args: string[], steps: number) {
  const child = spawn(process.execPath, [CLI, 'bisect', ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  const reached = new Promise<void>((done, fail) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if ((stderr.match(/bisect: step \d+/g) ?? []).length >= steps) done();
    });
    void exited.then(() => fail(new Error(`bisect ended before step ${steps}: ${stderr}`)));
  });
  return { child, exited, reached, stderr: () => stderr };
}

describe('incident bisect', function () {
  // Each test runs real bisects (a worktree, a checkout per step): seconds each, more on a busy machine.
  this.timeout(120_000);

  it('finds the first bad commit, says so on stdout with progress on stderr, and links it as the cause', async () => {
    const repo = emptyRepo();
    const history = brokenHistory(repo, 21, 30);
    const id = await declared(repo);
    const result = await incident(repo, 'bisect', id, '--run', TELLS, '--good', history.root, '--bad', history.tip);
    assert.equal(result.code, 0, result.stderr);
    const breaking = history.shas[history.breaking];
    assert.match(result.stdout, new RegExp(`^${breaking} is the first bad commit in ${history.root}\\.\\.${history.tip} \\(\\d+ step\\(s\\)\\)`));
    assert.match(result.stderr, /^bisect: roughly \d+ step\(s\) to go\nbisect: step 1, roughly \d+ left: [0-9a-f]{8} (good|bad) \(exit [01]\)/);
    const record = await shown(repo, id);
    assert.deepEqual(
      record.commits.map((commit) => [commit.sha, commit.relation]),
      [[breaking, 'cause']],
    );
    const json = await incident(repo, 'bisect', id, '--run', TELLS, '--good', history.root, '--bad', history.tip, '--json');
    assert.equal(JSON.parse(json.stdout).commit.sha, breaking);
  });

  it('a command that cannot tell good from bad exits 4 and links nothing; a bad --step-timeout or a missing --run is a usage error', async () => {
    const repo = emptyRepo();
    const history = brokenHistory(repo, 22, 12);
    const id = await declared(repo);
    const result = await incident(repo, 'bisect', id, '--run', 'true', '--good', history.root, '--bad', history.tip);
    assert.equal(result.code, 4);
    assert.match(result.stderr, /this command does not tell good from bad \(exit 0 on the bad end, 0 on the good one\); nothing was linked/);
    assert.deepEqual((await shown(repo, id)).commits, []);
    // A command that fails everywhere (a typo) shows what it said, so the person sees why.
    const typo = await incident(repo, 'bisect', id, '--run', 'echo "npm ERR! missing script: tset" >&2; exit 1', '--good', history.root, '--bad', history.tip);
    assert.equal(typo.code, 4);
    assert.match(typo.stderr, /bisect: the command's last output on the good end:\n {2}npm ERR! missing script: tset/);
    assert.equal((await incident(repo, 'bisect', id, '--good', history.root)).code, 1);
    const timeout = await incident(repo, 'bisect', id, '--run', TELLS, '--step-timeout', '0');
    assert.equal(timeout.code, 1);
    assert.match(timeout.stderr, /--step-timeout must be a positive number/);
  });

  it('Ctrl+C removes the worktree before exiting 130, and the timeline says the bisect stopped', async () => {
    const repo = emptyRepo();
    const history = brokenHistory(repo, 23, 60);
    const id = await declared(repo);
    const before = userState(repo, [STORE_FOLDER]);
    const run = startBisect(repo, [id, '--run', `sleep 0.2; ${TELLS}`, '--good', history.root, '--bad', history.tip], 1);
    await run.reached;
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    assert.equal(code, 130, run.stderr());
    assert.deepEqual(leftWorktrees(repo), []);
    assert.deepEqual(userState(repo, [STORE_FOLDER]), before);
    assert.match(bisectNotes(await shown(repo, id)).at(-1) ?? '', /^Bisect stopped after \d+ step\(s\): cancelled/);
  });

  it('killed mid-bisect (SIGKILL): the next bisect removes the worktree it left, says on the timeline that it stopped, and the clone is untouched', async () => {
    const repo = emptyRepo();
    const history = brokenHistory(repo, 24, 60);
    const id = await declared(repo);
    git(repo, ['bisect', 'start', '--no-checkout', history.tip, history.root, '--']);
    const before = userState(repo, [STORE_FOLDER]);
    const run = startBisect(repo, [id, '--run', `sleep 0.2; ${TELLS}`, '--good', history.root, '--bad', history.tip], 1);
    await run.reached;
    run.child.kill('SIGKILL');
    assert.equal((await run.exited).signal, 'SIGKILL');
    assert.equal(leftWorktrees(repo).length, 1, 'a killed run leaves its worktree behind');
    const next = await incident(repo, 'bisect', id, '--run', TELLS, '--good', history.root, '--bad', history.tip);
    assert.equal(next.code, 0, next.stderr);
    assert.deepEqual(leftWorktrees(repo), []);
    assert.deepEqual(userState(repo, [STORE_FOLDER]), before);
    const notes = bisectNotes(await shown(repo, id));
    const stopped = notes.findIndex((text) => text.startsWith('Bisect stopped: its process ended before it finished'));
    assert.ok(stopped > 0, notes.join('\n'));
    assert.match(notes.at(-1) ?? '', /is the first bad commit/);
  });
});
