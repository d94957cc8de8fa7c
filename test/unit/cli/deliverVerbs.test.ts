/** `incident update` and `incident deliver` on one machine: every kind delivered once, opting out, retries with backoff, a 404 and a missing secret. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyRepo } from '../git/repoBuilder';
import { incident } from './runCli';
import { counts, deliveryWorld, writePlan, type DeliveryWorld } from './deliveryFixture';

const ONE_EACH = { slack: 1, teams: 1, mattermost: 1, discord: 1, webhook: 1, email: 1 };

describe('incident update and incident deliver (one machine)', function () {
  this.timeout(120_000);
  let world: DeliveryWorld;
  let repo: string;
  let id: string;
  beforeEach(async () => {
    world = await deliveryWorld();
    process.env.INCIDENT_MACHINE_ID = 'alpha';
    process.env.INCIDENT_DELIVERY_TIMES = 'backoffMs=20,staleMs=600000';
    repo = emptyRepo('incident-deliver-');
    writePlan(repo, world.plan);
    id = (await incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV2')).stdout;
  });
  afterEach(async () => {
    delete process.env.INCIDENT_MACHINE_ID;
    delete process.env.INCIDENT_DELIVERY_TIMES;
    await world.stop();
  });

  const deliveries = () =>
    (JSON.parse(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8')) as { incidents: { deliveries?: Record<string, unknown>[] }[] }).incidents[0].deliveries ?? [];

  it('delivers an update to each kind once, the record says sent, and a second run sends nothing; no secret anywhere', async () => {
    const posted = await incident(repo, 'update', id, '--audience', 'ops', 'Rolling back the 14:02 deploy');
    assert.equal(posted.code, 0, posted.stderr);
    assert.deepEqual(counts(world), ONE_EACH);
    assert.deepEqual(world.receivers.rejected, [], 'every body passed its shape check');
    assert.deepEqual(
      deliveries().map((record) => [record.channel, record.state, record.origin, record.sentBy]),
      ['slack', 'teams', 'mattermost', 'discord', 'webhook', 'email'].map((kind) => [`ops-${kind}`, 'sent', 'alpha', 'alpha']),
    );
    const again = await incident(repo, 'deliver');
    assert.equal(again.stdout, 'Nothing to deliver.');
    assert.deepEqual(counts(world), ONE_EACH);
    const email = world.smtp.received[0];
    assert.match(email.parsed.subject ?? '', new RegExp(id));
    assert.ok(email.secure && email.user === 'relay');
    execFileSync('git', ['add', '-A'], { cwd: repo });
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '-qm', 'store'], { cwd: repo });
    const everything = [
      readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8'),
      execFileSync('git', ['log', '-p', '--all'], { cwd: repo, encoding: 'utf8' }),
      posted.stdout,
      posted.stderr,
      again.stdout,
      again.stderr,
    ].join('\n');
    for (const secret of world.secrets) assert.ok(!everything.includes(secret), 'a secret leaked');
  });

  it('--no-deliver leaves the deliveries pending; incident deliver (--dry-run first) sends each once', async () => {
    const posted = await incident(repo, 'update', id, '--audience', 'ops', '--no-deliver', 'Mitigated');
    assert.equal(posted.code, 0, posted.stderr);
    assert.deepEqual(Object.values(counts(world)), [0, 0, 0, 0, 0, 0]);
    assert.deepEqual(new Set(deliveries().map((record) => record.state)), new Set(['pending']));
    const dry = await incident(repo, 'deliver', '--dry-run');
    assert.equal(dry.stdout.split('\n').filter((line) => line.endsWith('would send')).length, 6, dry.stdout);
    assert.deepEqual(Object.values(counts(world)), [0, 0, 0, 0, 0, 0]);
    const sent = await incident(repo, 'deliver', '--json');
    assert.equal(sent.code, 0, sent.stderr);
    assert.equal((JSON.parse(sent.stdout) as { sent: unknown[] }).sent.length, 6);
    await incident(repo, 'deliver');
    assert.deepEqual(counts(world), ONE_EACH);
  });

  it('a 500 is retried with backoff and then sent; a 404 is failed with its reason, not retried, until --retry', async () => {
    world.receivers.fail('slack', { status: 500 }, 1);
    world.receivers.fail('teams', { status: 404 });
    const posted = await incident(repo, 'update', id, '--audience', 'ops', 'Still investigating');
    assert.equal(posted.code, 0, 'delivery failures never fail the update');
    assert.match(posted.stderr, /not delivered: .*ops-teams: failed \(404 from Microsoft Teams: the webhook no longer exists/);
    for (let run = 0; run < 50 && counts(world).slack === 0; run++) await incident(repo, 'deliver');
    const slack = deliveries().find((record) => record.channel === 'ops-slack')!;
    assert.equal(slack.state, 'sent');
    assert.equal(slack.attempts, 2, 'one failure, then the retry');
    const teams = deliveries().find((record) => record.channel === 'ops-teams')!;
    assert.equal(teams.state, 'failed');
    assert.equal(teams.attempts, 1, 'a 404 is not retried');
    const listed = await incident(repo, 'deliver');
    assert.equal(listed.stdout, 'Nothing to deliver.');
    world.receivers.fail('teams', { status: 404 }, 0);
    const retried = await incident(repo, 'deliver', '--retry');
    assert.match(retried.stdout, /ops-teams: sent/);
    assert.deepEqual(counts(world), ONE_EACH);
  });

  it('a missing secret fails that channel and says where the secret goes; the update is saved', async () => {
    delete process.env.INCIDENT_SECRET_OPS_DISCORD;
    const posted = await incident(repo, 'update', id, '--audience', 'ops', 'Update');
    assert.equal(posted.code, 0);
    assert.match(posted.stderr, /ops-discord: failed \(no secret for channel "ops-discord": put it in the environment variable INCIDENT_SECRET_OPS_DISCORD/);
    assert.equal(counts(world).discord, 0);
    assert.equal(counts(world).slack, 1);
  });

  it("the declaration goes to the channels the severity's notify names; resolved and closed to every delivered channel", async () => {
    const severity = (title: string, notify?: string[]) => ({ title, definition: `${title} incidents`, ...(notify ? { notify } : {}) });
    const plan = world.plan as { channels: { name: string }[] };
    writePlan(repo, {
      ...plan,
      channels: [...plan.channels, { name: 'quiet', audience: 'nobody', reach: '#quiet' }],
      severities: { SEV1: severity('Critical', ['ops-slack', 'Pat <pat@example.com>', 'ops-email']), SEV2: severity('Major'), SEV3: severity('Minor'), SEV4: severity('Low') },
    });
    const declared = await incident(repo, 'declare', '--title', 'Payments down', '--category', 'regression', '--severity', 'SEV1');
    assert.equal(declared.code, 0, declared.stderr);
    assert.deepEqual(counts(world), { slack: 1, teams: 0, mattermost: 0, discord: 0, webhook: 0, email: 1 });
    assert.match(JSON.stringify(world.receivers.accepted[0].body), /Incident declared/);
    const sev1 = declared.stdout;
    await incident(repo, 'status', sev1, 'resolved');
    assert.deepEqual(counts(world), { slack: 2, teams: 1, mattermost: 1, discord: 1, webhook: 1, email: 2 });
    await incident(repo, 'status', sev1, 'resolved');
    await incident(repo, 'status', sev1, 'closed', '--no-deliver');
    assert.deepEqual(counts(world), { slack: 2, teams: 1, mattermost: 1, discord: 1, webhook: 1, email: 2 }, 'the same status again sends nothing; --no-deliver waits');
    assert.match((await incident(repo, 'deliver')).stdout, /closed → ops-webhook: sent/);
    assert.deepEqual(counts(world), { slack: 3, teams: 2, mattermost: 2, discord: 2, webhook: 2, email: 3 });
    const events = world.receivers.accepted.filter((request) => request.kind === 'webhook').map((request) => (request.body as { event: string }).event);
    assert.deepEqual(events, ['resolved', 'closed']);
  });

  it('incident deliver --test sends a marked test message and reports the answer', async () => {
    const tested = await incident(repo, 'deliver', '--test', 'ops-discord');
    assert.equal(tested.code, 0, tested.stderr);
    assert.match(tested.stdout, /Test message delivered to "ops-discord" \(answer: 11\d+\)/);
    const body = world.receivers.accepted[0].body as { content?: string; embeds?: { title?: string }[] };
    assert.match(JSON.stringify(body), /Test message from Incident Responder/);
    const unknown = await incident(repo, 'deliver', '--test', 'nowhere');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no delivered channel "nowhere"/);
  });
});
