import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BISECT_PREFIX, bisectPlace, markBisectWorktree, pruneAbandonedBisects } from '../../../src/git/bisectWorktree';
import { emptyRepo, git, repoWithHistory } from './repoBuilder';

/** A process id that ran and has ended. */
const deadPid = () => spawnSync('true').pid;

/** The folders git lists as linked worktrees, and whether it calls them prunable (folder gone). */
function registered(repo: string): Map<string, boolean> {
  const entries = new Map<string, boolean>();
  for (const block of git(repo, ['worktree', 'list', '--porcelain']).split('\n\n')) {
    const path = /^worktree (.+)$/m.exec(block)?.[1];
    if (path && !block.includes('\nbare')) entries.set(path, /^prunable/m.test(block));
  }
  return entries;
}

describe('bisect worktrees', () => {
  it("removes only the worktrees abandoned bisects left (marked, or named by an earlier release in the temp folder), never a responder's own whose folder is away", async () => {
    const { dir: repo } = repoWithHistory(3);
    const away = realpathSync(mkdtempSync(join(tmpdir(), 'incident-drive-')));
    const add = (path: string) => git(repo, ['worktree', 'add', '--quiet', '--detach', path, 'HEAD']);
    const gone = (path: string) => rmSync(path, { recursive: true, force: true });
    const temp = realpathSync(tmpdir());
    // An abandoned bisect of this release: marked, its process gone, its folder too (the temp folder was cleaned).
    const marked = join(temp, `${BISECT_PREFIX}INC-DEAD-${deadPid()}-abcdef`);
    add(marked);
    markBisectWorktree(marked);
    gone(marked);
    // One of an earlier release, which wrote no marker: known by its name in the temp folder; its folder still there.
    const legacy = join(temp, `${BISECT_PREFIX}INC-OLD-${deadPid()}-ghijkl`);
    add(legacy);
    // A bisect still running (this process): kept.
    const running = bisectPlace('INC-LIVE');
    add(running);
    markBisectWorktree(running);
    // The responder's own, on a drive that is unplugged: one plainly named, one that happens to look like ours but is not in the temp folder.
    const theirs = join(away, 'hotfix');
    const lookalike = join(away, `${BISECT_PREFIX}INC-MINE-${deadPid()}-mnopqr`);
    add(theirs);
    add(lookalike);
    gone(theirs);
    gone(lookalike);
    const theirsInTemp = mkdtempSync(join(temp, 'incident-mine-'));
    add(theirsInTemp);
    gone(theirsInTemp);

    const labels = await pruneAbandonedBisects(repo);

    assert.deepEqual(labels.sort(), ['INC-DEAD', 'INC-OLD']);
    const left = registered(repo);
    assert.equal(left.has(marked), false);
    assert.equal(left.has(legacy), false);
    assert.equal(left.get(running), false);
    for (const path of [theirs, lookalike, theirsInTemp]) assert.equal(left.get(path), true, `${path} is still registered`);
    rmSync(running, { recursive: true, force: true });
  });

  it('a repository without linked worktrees has nothing to remove', async () => {
    assert.deepEqual(await pruneAbandonedBisects(emptyRepo()), []);
  });
});
