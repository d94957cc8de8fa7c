import * as assert from 'node:assert/strict';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

describe('drills on the command line', () => {
  it('declares a drill with --drill, lists and shows it as [DRILL], and keeps it out of metrics unless --include-drills', async () => {
    const repo = tempRepo();
    const drill = (await incident(repo, 'declare', '--title', 'Game day: DB failover', '--category', 'performance', '--severity', 'SEV2', '--drill')).stdout;
    const real = (await incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1')).stdout;
    for (const id of [drill, real]) {
      assert.equal((await incident(repo, 'assign', id, 'commander', 'Ana')).code, 0);
      assert.equal((await incident(repo, 'status', id, 'triaged')).code, 0);
    }
    const stored = JSON.parse((await incident(repo, 'show', drill, '--json')).stdout);
    assert.equal(stored.drill, true);
    assert.match(stored.timeline[0].text, /^Declared SEV2 performance drill \(practice, not a real incident\): Game day: DB failover$/);
    assert.equal('drill' in JSON.parse((await incident(repo, 'show', real, '--json')).stdout), false);

    const list = (await incident(repo, 'list')).stdout.split('\n');
    assert.match(list.find((line) => line.startsWith(drill)) ?? '', / {2}\[DRILL\] Game day: DB failover$/);
    assert.match(list.find((line) => line.startsWith(real)) ?? '', / {2}Checkout down$/);
    assert.match((await incident(repo, 'show', drill)).stdout.split('\n')[0], /\[DRILL\] Game day: DB failover$/);

    const today = new Date().toISOString().slice(0, 10);
    const text = (await incident(repo, 'metrics')).stdout.split('\n');
    assert.equal(text[0], '1 incident(s)');
    assert.match(text.at(-1) ?? '', new RegExp(`^drills: 1 \\(${today}\\); time to acknowledge median \\S+, mean \\S+ \\(n=1\\)$`));
    assert.equal((await incident(repo, 'metrics', '--include-drills')).stdout.split('\n')[0], '2 incident(s), drills included');

    const json = JSON.parse((await incident(repo, 'metrics', '--json')).stdout);
    assert.equal(json.incidents, 1);
    assert.equal(json.bySeverity.SEV2.incidents, 0);
    assert.equal(json.drills.count, 1);
    assert.equal(json.drills.dates[0], stored.declaredAt);
    assert.equal(json.drills.acknowledge.count, 1);
    const included = JSON.parse((await incident(repo, 'metrics', '--json', '--include-drills')).stdout);
    assert.equal(included.incidents, 2);
    assert.equal(included.bySeverity.SEV2.incidents, 1);
    assert.equal(included.drills.count, 1);
  });

  it('says "drills: 0" when there are none, and names --drill and --include-drills in the usage', async () => {
    const repo = tempRepo();
    await incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1');
    assert.equal((await incident(repo, 'metrics')).stdout.split('\n').at(-1), 'drills: 0');
    const help = await incident(repo, '--help');
    assert.match(help.stdout + help.stderr, /--drill\b/);
    assert.match(help.stdout + help.stderr, /--include-drills/);
  });
});
