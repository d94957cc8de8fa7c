import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const git = (repo: string, ...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const stored = (repo: string) => JSON.parse(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8'));

/** A repository with three commits, the second tagged v41. */
function repoWithHistory(): { repo: string; shas: string[] } {
  const repo = tempRepo();
  const shas: string[] = [];
  for (const [n, subject] of ['Add checkout', 'Round amounts in cents', 'Retry payment calls'].entries()) {
    writeFileSync(join(repo, `file${n}.txt`), subject);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', subject);
    shas.push(git(repo, 'rev-parse', 'HEAD'));
  }
  git(repo, 'tag', 'v41', shas[1]);
  return { repo, shas };
}

describe('incident deploy: the commit a ref names, and when it went out', function () {
  this.timeout(60_000);

  it('records the commit HEAD names (never the word HEAD), and a tag as the tag with its commit', async () => {
    const { repo, shas } = repoWithHistory();
    const head = await incident(repo, 'deploy', '--env', 'production', '--ref', 'HEAD');
    assert.equal(head.code, 0, head.stderr);
    const relative = await incident(repo, 'deploy', '--env', 'staging', '--ref', 'HEAD~2');
    assert.equal(relative.code, 0, relative.stderr);
    assert.equal((await incident(repo, 'deploy', '--env', 'production', '--ref', 'v41')).code, 0);
    const [first, second, third] = stored(repo).deploys;
    assert.deepEqual([first.ref, first.sha], [shas[2].slice(0, 12), shas[2]]);
    assert.deepEqual([second.ref, second.sha], [shas[0].slice(0, 12), shas[0]]);
    assert.deepEqual([third.ref, third.sha], ['v41', shas[1]]);
    assert.match(head.stdout, new RegExp(`^Recorded deploy \\w+: ${shas[2].slice(0, 12)} to production succeeded at `));
  });

  it('takes --at for a deploy that went out earlier, and says it on the incident timeline', async () => {
    const { repo, shas } = repoWithHistory();
    const id = (await incident(repo, 'declare', '--title', 'Checkout 500s', '--category', 'regression', '--severity', 'SEV1')).stdout;
    const deployed = await incident(repo, 'deploy', '--env', 'production', '--ref', 'v41', '--at', '2026-11-23 09:40', '--incident', id);
    assert.equal(deployed.code, 0, deployed.stderr);
    const document = stored(repo);
    assert.equal(document.deploys[0].at, '2026-11-23T09:40:00.000Z');
    assert.equal(document.deploys[0].sha, shas[1]);
    assert.equal(document.incidents[0].timeline.at(-1).text, `Deploy of v41 (${shas[1].slice(0, 8)}) to production at 2026-11-23 09:40 UTC: succeeded`);
  });

  it('refuses a ref that looks like an option, a time in the future or not a time: exit 1, one line, nothing written', async () => {
    const { repo } = repoWithHistory();
    for (const [args, reason] of [
      [['--ref', '--output=/tmp/x'], /^incident: /],
      [['--ref', '-p'], /starts with "-"/],
      [['--ref', 'HEAD', '--at', '2999-01-01 10:00'], /^incident: --at: 2999-01-01T10:00:00\.000Z is in the future; give a time that has passed$/],
      [['--ref', 'HEAD', '--at', 'yesterday'], /^incident: --at: "yesterday" is not a time; give now, 30m ago/],
      [['--ref', 'no-such-branch'], /no-such-branch/],
    ] as const) {
      const refused = await incident(repo, 'deploy', '--env', 'production', ...args);
      assert.equal(refused.code, 1, args.join(' '));
      assert.match(refused.stderr, reason);
      assert.equal(refused.stderr.split('\n').length, 1, refused.stderr);
    }
    assert.throws(() => readFileSync(join(repo, '.incidents', 'incidents.json')), /ENOENT/, 'nothing was written');
  });

  it('gives suspects from the deploys before the impact began, even when they were recorded after the declaration', async () => {
    const { repo, shas } = repoWithHistory();
    const id = (await incident(repo, 'declare', '--title', 'Checkout 500s', '--category', 'regression', '--severity', 'SEV1')).stdout;
    // Recorded after the incident was declared, as a responder does: two deploys before the impact, one after it began.
    for (const [ref, at] of [
      [shas[0], '3h ago'],
      ['v41', '2h ago'],
      ['HEAD', '10m ago'],
    ])
      assert.equal((await incident(repo, 'deploy', '--env', 'production', '--ref', ref, '--at', at)).code, 0);
    const suspectShas = async () => {
      const answer = await incident(repo, 'suspects', id, '--json');
      assert.equal(answer.code, 0, answer.stderr);
      return JSON.parse(answer.stdout).suspects.map((suspect: { sha: string }) => suspect.sha);
    };
    assert.deepEqual(await suspectShas(), [shas[2]], 'without a start, the last deploy before the declaration is the bad one');
    const started = await incident(repo, 'started', id, '1h ago');
    assert.equal(started.code, 0, started.stderr);
    assert.deepEqual(await suspectShas(), [shas[1]], 'the deploy that went out before the impact began (v41) is the bad one');
  });
});
