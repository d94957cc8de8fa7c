/**
 * Two processes of one clone syncing at the same moment (`incident intake
 * serve` sharing an alert while someone runs `incident sync` or `incident
 * deliver` there) both fetch into the same private ref; git refuses the
 * second ref update ("cannot lock ref"). The fetch is tried again rather than
 * failing the sync. Shown with a real git daemon on 127.0.0.1 and the ref's
 * lock held by "another process" (this test) during the first fetch only.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GitCommand, type BoundedRunOptions, type GitProcessResult } from '../../../src/git/gitCommand';
import { checkSyncTarget, fetchSyncBranch, readPrivateRef } from '../../../src/git/syncBranch';
import { runGit } from '../../harness/gitServers';
import { team, type Team } from '../sync/syncTeam';

/** git, except that the first fetch runs while the private ref's lock file is held, as a concurrent fetch holds it. */
class RacedGit extends GitCommand {
  fetches: GitProcessResult[] = [];
  constructor(
    dir: string,
    private readonly lockFile: string,
  ) {
    super(dir);
  }
  override async runBounded(args: readonly string[], options: BoundedRunOptions): Promise<GitProcessResult> {
    if (args[0] !== 'fetch') return super.runBounded(args, options);
    const first = this.fetches.length === 0;
    if (first) {
      mkdirSync(dirname(this.lockFile), { recursive: true });
      writeFileSync(this.lockFile, '');
    }
    try {
      const result = await super.runBounded(args, options);
      this.fetches.push(result);
      return result;
    } finally {
      if (first) rmSync(this.lockFile, { force: true });
    }
  }
}

describe('sync fetch racing another process of the same clone', function () {
  this.timeout(60_000);
  let crew: Team;
  afterEach(() => crew?.server.stop());

  it('fetches again when git could not lock the private ref, and gets the remote tip', async () => {
    crew = await team();
    const clone = await crew.clone('a');
    await runGit(clone.dir, ['push', '--quiet', 'origin', 'HEAD:refs/heads/incident-log']);
    const tip = (await runGit(crew.bare, ['rev-parse', 'refs/heads/incident-log'])).trim();
    const target = await checkSyncTarget(new GitCommand(clone.dir), 'origin', 'incident-log');
    const raced = new RacedGit(clone.dir, join(clone.dir, '.git', target.privateRef) + '.lock');

    assert.equal(await fetchSyncBranch(raced, target, { timeoutMs: 15_000 }), tip);
    assert.ok(raced.fetches.length >= 2, 'tried again');
    assert.notEqual(raced.fetches[0].exitCode, 0);
    assert.match(raced.fetches[0].stderr, /cannot lock ref/, 'the first fetch met the lock, as a concurrent one does');
    assert.equal(await readPrivateRef(new GitCommand(clone.dir), target), tip);
  });
});
