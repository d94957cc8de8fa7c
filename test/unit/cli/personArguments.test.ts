import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const show = async (repo: string, id: string) => JSON.parse((await incident(repo, 'show', id, '--json')).stdout);
const SAM = 'Sam Lee <sam@example.com>';

/** A repository where Sam Lee has committed, and an incident on which nobody holds a role yet. */
async function repoWithSam() {
  const repo = tempRepo();
  execFileSync('git', ['-c', 'user.name=Sam Lee', '-c', 'user.email=sam@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'first'], { cwd: repo });
  const id = (await incident(repo, 'declare', '--title', 'Checkout 500s', '--category', 'regression', '--severity', 'SEV1', '--no-commander')).stdout;
  return { repo, id };
}

describe('a person given on the command line is one person (the identity rule)', () => {
  it('a bare "Sam" that matches one known person is that person, with a note on stderr', async () => {
    const { repo, id } = await repoWithSam();
    const assigned = await incident(repo, 'assign', id, 'scribe', 'sam');
    assert.equal(assigned.code, 0, assigned.stderr);
    assert.equal(assigned.stdout, `${SAM} is scribe of ${id}`);
    assert.match(assigned.stderr, /"sam" is Sam Lee <sam@example\.com> \(already known\)/);
    assert.equal((await show(repo, id)).roles.scribe, SAM);
  });

  it('the same for --owner, --assign and --to, and for the declarer by email', async () => {
    const { repo, id } = await repoWithSam();
    assert.equal((await incident(repo, 'action', 'add', id, 'Add a canary', '--owner', 'Sam')).code, 0);
    assert.equal((await show(repo, id)).retrospective.actionItems[0].owner, SAM);
    const handed = await incident(repo, 'handoff', id, '--to', 'DANA@example.com', '--edit-free');
    assert.equal(handed.code, 0, handed.stderr);
    assert.equal((await show(repo, id)).roles.commander, 'Dana Ortiz <dana@example.com>');
  });

  it('a name that matches nobody is a new person as typed, without a note', async () => {
    const { repo, id } = await repoWithSam();
    const assigned = await incident(repo, 'assign', id, 'responder', 'Priya');
    assert.equal(assigned.stdout, `Priya is responder of ${id}`);
    assert.equal(assigned.stderr, '');
    const exact = await incident(repo, 'assign', id, 'patcher', 'Sam', 'Lee', '<sam@example.com>');
    assert.equal(exact.stderr, '', 'a person typed exactly as known needs no note');
  });

  it('a name that matches several people is refused with the candidates, and nothing is written', async () => {
    const { repo, id } = await repoWithSam();
    assert.equal((await incident(repo, 'assign', id, 'responder', 'Sam Park <spark@example.com>')).code, 0);
    const before = await show(repo, id);
    const refused = await incident(repo, 'assign', id, 'scribe', 'Sam');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /"Sam" could be Sam Park <spark@example\.com> or Sam Lee <sam@example\.com>;/);
    assert.equal(refused.stderr.split('\n').length, 1);
    assert.deepEqual(await show(repo, id), before);
  });
});

describe('incident declare: the declarer commands unless told otherwise', () => {
  it('makes the author the commander, acknowledged at the declaration, so triage needs no assignment', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'Queue stuck', '--category', 'performance', '--severity', 'SEV2')).stdout;
    const declared = await show(repo, id);
    assert.equal(declared.roles.commander, 'Dana Ortiz <dana@example.com>');
    assert.equal(declared.acknowledgedAt, declared.declaredAt);
    assert.equal((await incident(repo, 'status', id, 'triaged')).code, 0);
  });

  it('takes --commander by the identity rule (not acknowledged: that person has not answered yet), and --no-commander leaves it open', async () => {
    const { repo } = await repoWithSam();
    const named = await incident(repo, 'declare', '--title', 'Login loops', '--category', 'security', '--severity', 'SEV1', '--commander', 'sam');
    assert.equal(named.code, 0, named.stderr);
    assert.match(named.stderr, /"sam" is Sam Lee <sam@example\.com>/);
    const theirs = await show(repo, named.stdout);
    assert.equal(theirs.roles.commander, SAM);
    assert.equal(theirs.acknowledgedAt, undefined);
    const open = (await incident(repo, 'declare', '--title', 'Disk full', '--category', 'performance', '--severity', 'SEV3', '--no-commander')).stdout;
    assert.equal((await show(repo, open)).roles.commander, undefined);
    const both = await incident(repo, 'declare', '--title', 'x', '--category', 'performance', '--severity', 'SEV3', '--no-commander', '--commander', 'Sam');
    assert.equal(both.code, 1);
    assert.equal(both.stderr, 'incident: use --commander PERSON or --no-commander, not both');
  });
});
