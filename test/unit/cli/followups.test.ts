/**
 * `incident followups` against loopback trackers on 127.0.0.1 that check
 * every request against the providers' documented shapes
 * (test/harness/trackerSchemas.ts): an action item exported once as a
 * GitHub issue, its closing read back (the item done, the timeline saying
 * so, the postmortem linking it), an export made while the tracker is down
 * made later, the token never written anywhere; GitLab and Jira the same in
 * smaller.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyRepo } from '../git/repoBuilder';
import { startTrackerServer, type TrackerServer, type TrackerSetup } from '../../harness/trackerServers';
import { writePlan } from './deliveryFixture';
import { incident } from './runCli';

const TOKEN = 'ghp_followupsTestToken0123456789abcdef';
const SECRET_VARIABLE = 'INCIDENT_SECRET_TRACKER';

interface Item {
  id: string;
  status: string;
  export?: { state: string; url?: string; issue?: string; closedAt?: string; claims?: Record<string, string>; uncertain?: boolean };
}
const stored = (repo: string) =>
  JSON.parse(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8')) as {
    incidents: { id: string; timeline: { id: string; text: string }[]; retrospective: { actionItems: Item[] } }[];
  };
const itemOf = (repo: string, itemId: string) => stored(repo).incidents[0].retrospective.actionItems.find((item) => item.id === itemId) as Item;

async function repoWith(tracker: object): Promise<{ repo: string; id: string; item: string; output: string[] }> {
  const repo = emptyRepo();
  writePlan(repo, { version: 1, tracker });
  const output: string[] = [];
  const run = async (...args: string[]) => {
    const result = await incident(repo, ...args);
    output.push(result.stdout, result.stderr);
    assert.equal(result.code, 0, result.stderr);
    return result.stdout;
  };
  const id = await run('declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV2');
  const item = await run('action', 'add', id, 'Add a canary for the payment service', '--owner', 'Sam', '--due', '2026-12-31');
  return { repo, id, item, output };
}

describe('incident followups (GitHub issues on 127.0.0.1)', function () {
  this.timeout(120_000);
  let github: TrackerServer;
  let repo: string;
  let id: string;
  let item: string;
  let output: string[];
  const keep = <T extends { stdout: string; stderr: string }>(result: T) => (output.push(result.stdout, result.stderr), result);

  beforeEach(async () => {
    github = await startTrackerServer({ kind: 'github', token: TOKEN, project: 'acme/shop' });
    ({ repo, id, item, output } = await repoWith({ kind: 'github', url: github.url, repo: 'acme/shop', labels: ['follow-up'] }));
    process.env[SECRET_VARIABLE] = TOKEN;
    process.env.INCIDENT_DELIVERY_TIMES = 'staleMs=1500,backoffMs=1';
  });
  afterEach(async () => {
    delete process.env[SECRET_VARIABLE];
    delete process.env.INCIDENT_DELIVERY_TIMES;
    await github.stop();
  });

  it('exports the item once, in the documented shape, and keeps the issue on the item', async () => {
    const first = keep(await incident(repo, 'followups', 'export', item));
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`${item} exported https://github.example/acme/shop/issues/1`));
    for (let run = 0; run < 2; run++) assert.equal(keep(await incident(repo, 'followups', 'export', item)).code, 0);
    assert.equal(keep(await incident(repo, 'followups', 'sync')).code, 0);
    assert.deepEqual(github.problems, []);
    assert.equal(github.creates, 1);
    assert.equal(github.issues[0].title, 'Add a canary for the payment service');
    assert.deepEqual(github.issues[0].labels, ['follow-up']);
    assert.match(github.issues[0].text, new RegExp(`Follow-up of incident ${id}`));
    const stored = itemOf(repo, item);
    assert.equal(stored.export?.state, 'sent');
    assert.equal(stored.export?.issue, '1');
    assert.equal(stored.status, 'open');
  });

  it('reads the closed issue back: the item is done, the timeline says so once, the postmortem links the issue', async () => {
    assert.equal(keep(await incident(repo, 'followups', 'export', item)).code, 0);
    const open = keep(await incident(repo, 'followups', 'sync'));
    assert.equal(itemOf(repo, item).status, 'open', open.stdout);
    github.close('1');
    const sync = keep(await incident(repo, 'followups', 'sync', '--json'));
    assert.equal(sync.code, 0, sync.stderr);
    assert.equal((JSON.parse(sync.stdout) as { closed: number }).closed, 1);
    assert.equal(keep(await incident(repo, 'followups', 'sync')).code, 0);
    assert.equal(itemOf(repo, item).status, 'done');
    assert.ok(itemOf(repo, item).export?.closedAt);
    const events = stored(repo).incidents[0].timeline.filter((event) => /was closed in GitHub/.test(event.text));
    assert.deepEqual(
      events.map((event) => event.text),
      ['Action item done: #1 was closed in GitHub: Add a canary for the payment service'],
    );
    assert.equal(keep(await incident(repo, 'postmortem', id)).code, 0);
    const postmortem = readFileSync(join(repo, '.incidents', 'postmortems', `${id}.md`), 'utf8');
    assert.match(postmortem, /\[#1\]\(https:\/\/github\.example\/acme\/shop\/issues\/1\)/);
    assert.deepEqual(github.problems, []);
  });

  it('asked while the tracker is down (connection refused): nothing is lost, and a later run exports it once', async () => {
    await github.stop();
    const offline = keep(await incident(repo, 'followups', 'export', item));
    assert.equal(offline.code, 0, offline.stderr);
    assert.match(offline.stdout, /waiting.*connection refused/);
    assert.equal(itemOf(repo, item).export?.state, 'pending');
    for (let run = 0; run < 7; run++) keep(await incident(repo, 'followups', 'sync'));
    assert.equal(itemOf(repo, item).export?.state, 'pending', 'offline tries never use the attempts up');
    await github.start();
    for (let run = 0; run < 20 && itemOf(repo, item).export?.state !== 'sent'; run++) keep(await incident(repo, 'followups', 'sync'));
    assert.equal(itemOf(repo, item).export?.state, 'sent');
    assert.equal(github.creates, 1);
    assert.deepEqual(github.problems, []);
  });

  it('a sending mark nobody finished becomes uncertain and is never made again by itself; --retry makes it', async () => {
    const file = join(repo, '.incidents', 'incidents.json');
    assert.equal(keep(await incident(repo, 'followups', 'export', item)).code, 0);
    // As if a machine crashed between its mark and the answer: the record back to `sending`, long ago.
    const document = JSON.parse(readFileSync(file, 'utf8')) as { incidents: { retrospective: { actionItems: Item[] } }[] };
    const record = document.incidents[0].retrospective.actionItems[0].export as Record<string, unknown>;
    Object.assign(record, { state: 'sending', sendingBy: 'elsewhere', sendingAt: '2020-01-01T00:00:00.000Z' });
    for (const key of ['sentAt', 'sentBy', 'response', 'url', 'issue']) delete record[key];
    writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
    const uncertain = keep(await incident(repo, 'followups', 'sync'));
    assert.equal(uncertain.code, 2, 'a follow-up that needs a person is news once');
    assert.equal(itemOf(repo, item).export?.uncertain, true);
    assert.match(uncertain.stdout, /uncertain/);
    assert.equal(keep(await incident(repo, 'followups', 'sync')).code, 0);
    assert.equal(github.creates, 1, 'never made again by itself');
    const retried = keep(await incident(repo, 'followups', 'export', item, '--retry'));
    assert.equal(retried.code, 0, retried.stderr);
    assert.equal(github.creates, 2);
    assert.equal(itemOf(repo, item).export?.issue, '2');
  });

  it('without the token: exit 2 naming the variable, nothing asked for; a wrong token fails the export with one line; the token is nowhere', async () => {
    delete process.env[SECRET_VARIABLE];
    const missing = keep(await incident(repo, 'followups', 'export', item));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /INCIDENT_SECRET_TRACKER/);
    assert.equal(itemOf(repo, item).export, undefined);
    process.env[SECRET_VARIABLE] = `${TOKEN}-wrong`;
    const refused = keep(await incident(repo, 'followups', 'export', item));
    assert.equal(refused.code, 2);
    assert.match(refused.stdout, /failed: .*401 from GitHub: the token was refused/);
    process.env[SECRET_VARIABLE] = TOKEN;
    assert.equal(keep(await incident(repo, 'followups', 'export', item, '--retry')).code, 0);
    github.close('1');
    keep(await incident(repo, 'followups', 'sync'));
    const texts = [...output, readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8'), execFileSync('git', ['log', '-p', '--all'], { cwd: repo, encoding: 'utf8' })].join(
      '\n',
    );
    assert.match(texts, /issues\/1/);
    assert.ok(!texts.includes(TOKEN), 'the token leaked');
  });

  it('--dry-run writes and sends nothing; help names the global options; a bad ID is one line', async () => {
    const dry = keep(await incident(repo, 'followups', 'export', item, '--dry-run'));
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /would export/);
    assert.equal(itemOf(repo, item).export, undefined);
    assert.equal(github.creates, 0);
    const help = await incident(repo, 'followups', '--help');
    assert.match(help.stdout, /Global options/);
    assert.match(help.stdout, /followups sync/);
    const bad = await incident(repo, 'followups', 'export', 'AI-nope');
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr.split('\n').length, 1);
  });
});

describe('incident followups (GitLab and Jira on 127.0.0.1)', function () {
  this.timeout(120_000);
  afterEach(() => delete process.env[SECRET_VARIABLE]);

  /** A tracker of `kind` on 127.0.0.1: the item exported once, read back open, then closed: done. `check` looks at the made issue and the item. */
  async function roundTrip(setup: TrackerSetup, tracker: object, closeAs: string, check: (server: TrackerServer, item: Item) => void): Promise<void> {
    const server = await startTrackerServer(setup);
    try {
      const { repo, item } = await repoWith({ ...tracker, url: server.url });
      process.env[SECRET_VARIABLE] = setup.token;
      const exported = await incident(repo, 'followups', 'export', item);
      assert.equal(exported.code, 0, exported.stderr);
      check(server, itemOf(repo, item));
      assert.equal((await incident(repo, 'followups', 'sync')).code, 0);
      assert.equal(itemOf(repo, item).status, 'open');
      server.close(closeAs);
      assert.equal((await incident(repo, 'followups', 'sync')).code, 0);
      assert.equal(itemOf(repo, item).status, 'done');
      assert.deepEqual(server.problems, []);
      assert.equal(server.creates, 1);
    } finally {
      await server.stop();
    }
  }

  it('GitLab: PRIVATE-TOKEN, labels as one text, state "closed" read back', () =>
    roundTrip(
      { kind: 'gitlab', token: 'glpat-followupsTest0123', project: 'acme/shop' },
      { kind: 'gitlab', project: 'acme/shop', labels: ['follow-up', 'incident'] },
      '1',
      (gitlab, item) => {
        assert.deepEqual(gitlab.issues[0].labels, ['follow-up', 'incident']);
        assert.match(item.export?.url ?? '', /gitlab\.example\/acme\/shop\/-\/issues\/1$/);
      },
    ));

  it('Jira: fields.project.key, summary and issue type, basic authentication, status category "done" read back', () =>
    roundTrip(
      { kind: 'jira', token: 'atlassian-followupsTest', project: 'OPS', email: 'bot@example.com' },
      { kind: 'jira', project: 'OPS', email: 'bot@example.com', issueType: 'Task' },
      'OPS-1',
      (jira, item) => {
        assert.equal(item.export?.issue, 'OPS-1');
        assert.equal(item.export?.url, `${jira.url}/browse/OPS-1`);
        assert.equal(jira.issues[0].title, 'Add a canary for the payment service');
      },
    ));

  it('plan check refuses a token written in the tracker block, naming where it goes', async () => {
    const repo = emptyRepo();
    writePlan(repo, { version: 1, tracker: { kind: 'github', repo: 'acme/shop', token: 'ghp_writtenInThePlan0123456789' } });
    const check = await incident(repo, 'plan', 'check');
    assert.notEqual(check.code, 0);
    assert.match(check.stdout + check.stderr, /tracker\.token: the tracker's token never goes in the plan.*INCIDENT_SECRET_TRACKER/);
    assert.ok(!(check.stdout + check.stderr).includes('ghp_writtenInThePlan0123456789'));
  });
});
