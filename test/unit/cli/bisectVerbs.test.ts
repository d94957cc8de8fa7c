import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokenHistory, TELLS, userState } from '../git/bisectHistories';
import { emptyRepo, git } from '../git/repoBuilder';
import { bisectNotes, declared, eventually, leftWorktrees, liveProcessesOfGroup, shown, startBisect, worktreeAdminFolders } from './bisectCli';
import { incident } from './runCli';

/** The store is ours to write; everything else of the clone must stay as it was. */
const STORE_FOLDER = '.incidents';

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
    const run = startBisect(repo, [id, '--run', `sleep 0.2; ${TELLS}`, '--good', history.root, '--bad', history.tip]);
    await run.reached(1);
    run.kill('SIGINT');
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
    const run = startBisect(repo, [id, '--run', `sleep 0.2; ${TELLS}`, '--good', history.root, '--bad', history.tip]);
    await run.reached(1);
    run.kill('SIGKILL');
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

  it("keeps the registration of the responder's own linked worktree whose folder is away (an unplugged drive) and removes the one a killed bisect left, folder gone too", async () => {
    const repo = emptyRepo();
    const history = brokenHistory(repo, 25, 40);
    const id = await declared(repo);
    const drive = realpathSync(mkdtempSync(join(tmpdir(), 'incident-drive-')));
    const theirs = join(drive, 'hotfix');
    git(repo, ['worktree', 'add', '--quiet', '-b', 'hotfix', theirs, history.tip]);
    renameSync(theirs, `${theirs}-unplugged`);
    // A bisect killed mid-run, whose temp folder was then cleaned (a restart): only its registration is left.
    const run = startBisect(repo, [id, '--run', `sleep 0.2; ${TELLS}`, '--good', history.root, '--bad', history.tip]);
    await run.reached(1);
    run.kill('SIGKILL');
    await run.exited;
    const [left] = leftWorktrees(repo);
    assert.ok(left, 'a killed run leaves its worktree behind');
    rmSync(left.slice('worktree '.length), { recursive: true, force: true });
    const next = await incident(repo, 'bisect', id, '--run', TELLS, '--good', history.root, '--bad', history.tip);
    assert.equal(next.code, 0, next.stderr);
    assert.deepEqual(leftWorktrees(repo), []);
    assert.deepEqual(worktreeAdminFolders(repo), ['hotfix']);
    assert.ok(git(repo, ['worktree', 'list', '--porcelain']).includes(`worktree ${theirs}\n`), "the responder's worktree is still registered");
    // The drive is back: the worktree works as before.
    renameSync(`${theirs}-unplugged`, theirs);
    assert.equal(git(theirs, ['rev-parse', '--abbrev-ref', 'HEAD']).trim(), 'hotfix');
    assert.doesNotMatch(git(repo, ['worktree', 'list', '--porcelain']), /prunable/);
  });

  it('a bisect whose process was killed mid-step stops at its next step: the command never runs again', async () => {
    const repo = emptyRepo();
    const history = brokenHistory(repo, 26, 60);
    const id = await declared(repo);
    const scratch = mkdtempSync(join(tmpdir(), 'incident-orphan-'));
    const runs = join(scratch, 'runs');
    const group = join(scratch, 'group');
    const release = join(scratch, 'release');
    // Runs 1 and 2 check the ends; run 3, git bisect run's first step, writes its process group (git's) and waits to be released.
    const command = [
      `echo run >> ${runs}`,
      `if [ "$(wc -l < ${runs})" -eq 3 ]; then sed 's/^.*) //' /proc/$$/stat | cut -d' ' -f3 > ${group}.tmp && mv ${group}.tmp ${group}; while [ ! -f ${release} ]; do sleep 0.05; done; fi`,
      TELLS,
    ].join('; ');
    const run = startBisect(repo, [id, '--run', command, '--good', history.root, '--bad', history.tip]);
    await eventually(() => readable(group), 'the first step to start');
    run.kill('SIGKILL');
    assert.equal((await run.exited).signal, 'SIGKILL');
    writeFileSync(release, '');
    const gitGroup = Number(readFileSync(group, 'utf8'));
    await eventually(() => liveProcessesOfGroup(gitGroup).length === 0, 'the orphaned git bisect run to end');
    assert.equal(readFileSync(runs, 'utf8'), 'run\n'.repeat(3));
  });
});

const readable = (path: string) => {
  try {
    return readFileSync(path, 'utf8').trim() !== '';
  } catch {
    return false;
  }
};
