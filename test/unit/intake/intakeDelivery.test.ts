/**
 * An incident an alert declares is told to the channels its severity
 * notifies, as a person's declaration is: by `incident intake` (once, not
 * again when the same alert fires again) and by `incident intake serve`
 * (after the sender has its answer, before the receiver stops).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChatReceivers, type ChatReceivers } from '../../harness/chatReceivers';
import { PROJECT_ROOT } from '../../harness/projectPaths';
import { writePlan } from '../cli/deliveryFixture';
import { incident } from '../cli/runCli';
import { emptyRepo } from '../git/repoBuilder';
import { buildCli, startReceiver, STORE } from './receiverProcess';

const FIRING = join(PROJECT_ROOT, 'test', 'fixtures', 'intake', 'alertmanager', 'firing-two-alerts.json');
const severity = (title: string) => ({ title, definition: `${title} incidents`, notify: ['ops-slack'] });

function planFor(repo: string): void {
  writePlan(repo, {
    version: 1,
    channels: [
      { name: 'ops-slack', audience: 'ops', reach: '#ops', delivery: { kind: 'slack' } },
      { name: 'quiet-slack', audience: 'nobody', reach: '#quiet', delivery: { kind: 'slack', secret: 'ops-slack' } },
    ],
    severities: { SEV1: severity('Critical'), SEV2: severity('Major'), SEV3: severity('Minor'), SEV4: severity('Low') },
  });
}

const deliveriesIn = (repo: string) =>
  (JSON.parse(readFileSync(join(repo, STORE), 'utf8')) as { incidents: { deliveries?: { channel: string; event: string; state: string }[] }[] }).incidents.flatMap(
    (record) => record.deliveries ?? [],
  );

describe('alert intake delivers the declaration it makes', function () {
  this.timeout(120_000);
  let receivers: ChatReceivers;
  before(() => buildCli());
  beforeEach(async () => {
    receivers = await startChatReceivers();
    process.env.INCIDENT_SECRET_OPS_SLACK = receivers.urls.slack;
    process.env.INCIDENT_MACHINE_ID = 'intake-machine';
  });
  afterEach(async () => {
    delete process.env.INCIDENT_SECRET_OPS_SLACK;
    delete process.env.INCIDENT_MACHINE_ID;
    await receivers.stop();
  });

  it('incident intake: the declaration reaches the notified channel once; the same alert again sends nothing', async () => {
    const repo = emptyRepo('intake-deliver-');
    planFor(repo);
    const first = await incident(repo, 'intake', '--file', FIRING);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(receivers.count('slack'), 1, 'one declaration, to ops-slack only');
    assert.match(JSON.stringify(receivers.accepted[0].body), /Incident declared/);
    assert.deepEqual(
      deliveriesIn(repo).map((record) => [record.channel, record.event, record.state]),
      [['ops-slack', 'declared', 'sent']],
    );
    const again = await incident(repo, 'intake', '--file', FIRING);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(receivers.count('slack'), 1, 'the incident was not declared again');
    assert.ok(!readFileSync(join(repo, STORE), 'utf8').includes(receivers.tokens.slack), 'no secret in the store');
  });

  it('incident intake --no-deliver leaves the declaration pending for incident deliver', async () => {
    const repo = emptyRepo('intake-deliver-');
    planFor(repo);
    const taken = await incident(repo, 'intake', '--no-deliver', '--file', FIRING);
    assert.equal(taken.code, 0, taken.stderr);
    assert.equal(receivers.count('slack'), 0);
    assert.match(taken.stderr, /1 delivery\(ies\) pending; "incident deliver" sends them/);
    assert.match((await incident(repo, 'deliver')).stdout, /declared → ops-slack: sent/);
    assert.equal(receivers.count('slack'), 1);
  });

  it('incident intake serve: the sender gets its answer and the declaration is delivered once', async () => {
    const repo = emptyRepo('intake-serve-deliver-');
    planFor(repo);
    const receiver = await startReceiver(repo, { env: { INCIDENT_SECRET_OPS_SLACK: receivers.urls.slack, INCIDENT_MACHINE_ID: 'intake-machine' } });
    try {
      const answer = await receiver.post('/alertmanager', JSON.parse(readFileSync(FIRING, 'utf8')));
      assert.equal(answer.status, 200, answer.text);
      const deadline = Date.now() + 60_000;
      while (receivers.count('slack') < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await receiver.stop('SIGTERM');
    }
    assert.equal(receivers.count('slack'), 1);
    assert.deepEqual(
      deliveriesIn(repo).map((record) => [record.channel, record.state]),
      [['ops-slack', 'sent']],
    );
    assert.ok(!receiver.log.join('\n').includes(receivers.tokens.slack), 'no secret in the log');
  });
});
