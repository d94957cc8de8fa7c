import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreDocument } from '../../../src/core/record/schema';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const PLAN = {
  version: 1,
  regulatory: [
    { id: 'early-warning', title: 'Early warning to the national CSIRT', after: '24h', to: 'CSIRT' },
    { id: 'notification', title: 'Breach notification', after: '72h', to: 'Data protection authority' },
  ],
};

async function breachRepo(): Promise<{ repo: string; id: string }> {
  const repo = tempRepo();
  mkdirSync(join(repo, '.incidents'));
  writeFileSync(join(repo, '.incidents', 'plan.json'), JSON.stringify(PLAN));
  const declared = await incident(repo, 'declare', '--title', 'Leaked token', '--category', 'security', '--severity', 'SEV2');
  assert.equal(declared.code, 0, declared.stderr);
  return { repo, id: declared.stdout };
}

describe('incident notify and the regulatory clocks in incident show', () => {
  it('show lists the clocks the plan sets for the incident, with deadline and recipient', async () => {
    const { repo, id } = await breachRepo();
    const shown = await incident(repo, 'show', id);
    assert.match(shown.stdout, /\nregulatory early-warning: Early warning to the national CSIRT: due in 2[34]h \d+m \(by \d{4}-\d\d-\d\d \d\d:\d\d UTC, to CSIRT\)\n/);
    assert.match(shown.stdout, /\nregulatory notification: Breach notification: due in 2d 2[23]h \(by .* UTC, to Data protection authority\)\n/);
    const regression = await incident(repo, 'declare', '--title', 'Slow page', '--category', 'regression', '--severity', 'SEV2');
    assert.doesNotMatch((await incident(repo, 'show', regression.stdout)).stdout, /regulatory/, 'security incidents only, by default');
  });

  it('records who told whom and when, which stops the clock', async () => {
    const { repo, id } = await breachRepo();
    const recorded = await incident(repo, 'notify', id, 'early-warning', '--to', 'CSIRT duty desk', '--at', '2099-01-01T00:00:00Z');
    assert.deepEqual([recorded.code, recorded.stderr], [1, 'incident: --at is in the future; record a notification once it has gone out']);
    const now = await incident(repo, 'notify', id, 'early-warning', '--to', 'CSIRT duty desk');
    assert.deepEqual([now.code, now.stdout], [0, `Recorded on ${id}: "Early warning to the national CSIRT" sent to CSIRT duty desk`]);
    const shown = await incident(repo, 'show', id);
    assert.match(
      shown.stdout,
      /regulatory early-warning: Early warning to the national CSIRT: sent \d{4}-\d\d-\d\d \d\d:\d\d UTC to CSIRT duty desk by Dana Ortiz <dana@example\.com>\n/,
    );
    const store = JSON.parse(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8')) as StoreDocument;
    const event = store.incidents[0].timeline.find((entry) => entry.data?.regulatory === 'early-warning');
    assert.deepEqual([event?.kind, event?.data?.to], ['action', 'CSIRT duty desk']);
  });

  it('says which clocks there are when the name is missing or wrong, and requires --to (exit 1, nothing written)', async () => {
    const { repo, id } = await breachRepo();
    const before = readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8');
    assert.deepEqual(await incident(repo, 'notify', id), { code: 1, stdout: '', stderr: 'incident: name the clock: one of early-warning, notification' });
    assert.deepEqual(await incident(repo, 'notify', id, 'final-report', '--to', 'x'), {
      code: 1,
      stdout: '',
      stderr: `incident: "final-report" is not a regulatory clock of ${id}; use one of early-warning, notification`,
    });
    assert.deepEqual(await incident(repo, 'notify', id, 'notification'), { code: 1, stdout: '', stderr: 'incident: --to is required: whom the notification went to' });
    assert.match((await incident(repo, 'notify', id, 'notification', '--to', 'DPA', '--at', 'yesterday')).stderr, /is not a time with its zone/);
    assert.equal(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8'), before);
  });
});
