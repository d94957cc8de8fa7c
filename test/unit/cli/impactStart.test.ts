import * as assert from 'node:assert/strict';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const show = async (repo: string, id: string) => JSON.parse((await incident(repo, 'show', id, '--json')).stdout);

describe('incident started, and declare --started: when the impact began', () => {
  it('declare --started records the start, and plain declare records none (the declaration stands for it)', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'Checkout 500s', '--category', 'regression', '--severity', 'SEV1', '--started', '2026-11-23 09:40')).stdout;
    assert.equal((await show(repo, id)).startedAt, '2026-11-23T09:40:00.000Z');
    assert.match((await incident(repo, 'show', id)).stdout, /; impact began 2026-11-23 09:40 UTC; commander Dana Ortiz/);
    const plain = (await incident(repo, 'declare', '--title', 'Disk full', '--category', 'performance', '--severity', 'SEV3')).stdout;
    assert.equal((await show(repo, plain)).startedAt, undefined);
  });

  it('incident started ID TIME sets it later, on the timeline, and time to detect is measured from it', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'Checkout 500s', '--category', 'regression', '--severity', 'SEV1')).stdout;
    const before = await incident(repo, 'metrics', '--json');
    assert.equal(JSON.parse(before.stdout).impactStartKnown, 0);
    const started = await incident(repo, 'started', id, '45m', 'ago');
    assert.equal(started.code, 0, started.stderr);
    const recorded = await show(repo, id);
    assert.equal(started.stdout, `${id}: impact began ${recorded.startedAt}`);
    assert.equal(Date.parse(recorded.declaredAt) - Date.parse(recorded.startedAt) >= 44 * 60_000, true);
    assert.match(recorded.timeline.at(-1).text, /^Impact began \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    assert.ok(recorded.changedAt.startedAt, 'stamped for merges');
    const metrics = JSON.parse((await incident(repo, 'metrics', '--json')).stdout);
    assert.equal(metrics.impactStartKnown, 1);
    assert.equal(metrics.overall.detect.count, 1);
  });

  it('refuses a start after the declaration, in the future or not a time: exit 1, one line, nothing changed', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'Checkout 500s', '--category', 'regression', '--severity', 'SEV1', '--started', '2h ago')).stdout;
    const before = await show(repo, id);
    for (const [args, reason] of [
      [[id], /^incident: say when the impact began: incident started INC-\w+ TIME$/],
      [[id, 'soon'], /^incident: the time: "soon" is not a time; give now, 30m ago/],
      [[id, '2999-01-01 00:00'], /is in the future; give a time that has passed$/],
      [[id, 'now'], /the impact cannot have begun after INC-\w+ was declared \(.*\); give an earlier time/],
      [['INC-00000000', '1h ago'], /no incident INC-00000000/],
    ] as const) {
      const refused = await incident(repo, 'started', ...args);
      assert.equal(refused.code, 1, args.join(' '));
      assert.match(refused.stderr, reason);
      assert.equal(refused.stderr.split('\n').length, 1);
    }
    assert.deepEqual(await show(repo, id), before);
  });
});
