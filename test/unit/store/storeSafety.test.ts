import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addTimelineEvent } from '../../../src/core/lifecycle/timeline';
import { emptyDocument, IncidentStore } from '../../../src/store/incidentStore';
import { lockDirectory, releaseHeldLocks, releaseLocksOnSignals, StoreLock } from '../../../src/store/storeLock';
import { formatStore } from '../../../src/store/stableFormat';
import { anIncident, ctx, minutesAfter } from '../core/builders';
import { incident as cli } from '../cli/runCli';
import { tempRepo } from './tempRepo';

let notesMade = 0;
/** A note with an id and time of its own, so notes on two branches are two events. */
const note = (text: string) => (i: Parameters<typeof addTimelineEvent>[0]) => addTimelineEvent(i, { kind: 'note', text }, ctx(minutesAfter(++notesMade)));
const other = () => ({ ...anIncident({ title: 'Other' }), id: 'INC-2B3C4D5E' });

function storeWithText(text: string): IncidentStore {
  const store = new IncidentStore(tempRepo());
  mkdirSync(join(store.root, '.incidents'));
  writeFileSync(store.file, text);
  return store;
}

describe('the store keeps what it does not own', () => {
  it('passes unknown fields of records through any write, even one to another incident', async () => {
    const raw = JSON.parse(formatStore({ ...emptyDocument(), incidents: [anIncident(), other()], deploys: [] }));
    raw.incidents[0].pagerDutyId = 'PD-42';
    raw.incidents[0].roles.onCallSchedule = 'primary';
    raw.incidents[0].timeline[0].source = 'slack';
    raw.incidents[1].customerTier = { name: 'gold', accounts: [1, 2] };
    const store = storeWithText(`${JSON.stringify(raw, null, 2)}\n`);
    await store.update('INC-2B3C4D5E', note('a change to the other incident'));
    await store.update('INC-1A2B3C4D', note('a change to this one'));
    const written = JSON.parse(readFileSync(store.file, 'utf8'));
    assert.equal(written.incidents[0].pagerDutyId, 'PD-42');
    assert.equal(written.incidents[0].roles.onCallSchedule, 'primary');
    assert.equal(written.incidents[0].timeline.find((e: { kind: string }) => e.kind === 'declared').source, 'slack');
    assert.deepEqual(written.incidents[1].customerTier, { name: 'gold', accounts: [1, 2] });
    assert.equal(written.incidents[1].timeline.at(-1).text, 'a change to the other incident');
  });

  it('passes unknown top-level keys through writes and merges', async () => {
    const raw = JSON.parse(formatStore({ ...emptyDocument(), incidents: [anIncident()] }));
    raw.future = { a: 1 };
    const store = storeWithText(JSON.stringify(raw));
    await store.update('INC-1A2B3C4D', note('a write'));
    assert.deepEqual(JSON.parse(readFileSync(store.file, 'utf8')).future, { a: 1 });
    const base = formatStore({ ...emptyDocument(), incidents: [anIncident()] });
    const theirs = JSON.stringify({ ...JSON.parse(base), fromTheirs: true });
    const dir = store.root;
    const [b, o, t] = ['base', 'ours', 'theirs'].map((name, i) => {
      const path = join(dir, `${name}.json`);
      writeFileSync(path, [base, readFileSync(store.file, 'utf8'), theirs][i]);
      return path;
    });
    assert.equal((await cli(dir, 'merge', b, o, t)).code, 0);
    const merged = JSON.parse(readFileSync(o, 'utf8'));
    assert.equal(merged.fromTheirs, true);
    assert.deepEqual(merged.future, { a: 1 });
  });

  it('reads a store that starts with a byte-order mark', async () => {
    const store = storeWithText(`\ufeff${formatStore({ ...emptyDocument(), incidents: [anIncident()] })}`);
    assert.equal(store.read().kind, 'loaded');
    await store.update('INC-1A2B3C4D', note('after the BOM'));
    assert.match(readFileSync(store.file, 'utf8'), /^\{/);
  });

  it('names an id that appears twice, on reads and writes, instead of silently changing only the first', async () => {
    const raw = JSON.parse(formatStore({ ...emptyDocument(), incidents: [anIncident()] }));
    raw.incidents.push({ ...raw.incidents[0], title: 'DUP' });
    const store = storeWithText(JSON.stringify(raw));
    const listed = await cli(store.root, 'list');
    assert.equal(listed.code, 0);
    assert.equal(listed.stdout.split('\n').filter((line) => line.includes('INC-1A2B3C4D')).length, 1);
    assert.match(listed.stderr, /incident INC-1A2B3C4D: appears 2 times; keep one/);
    const noted = await cli(store.root, 'note', 'INC-1A2B3C4D', 'x');
    assert.equal(noted.code, 2);
    assert.match(noted.stderr, /appears 2 times/);
  });

  it('keeps the mode, owner and group of the store file', async function () {
    const store = new IncidentStore(tempRepo());
    await store.add(anIncident());
    chmodSync(store.file, 0o600);
    const isRoot = process.getuid?.() === 0;
    if (isRoot) chownSync(store.file, 0, 4242); // Only root can give a file a group it is not in.
    await store.update('INC-1A2B3C4D', note('after chmod'));
    const stats = statSync(store.file);
    assert.equal((stats.mode & 0o777).toString(8), '600');
    if (isRoot) assert.equal(stats.gid, 4242);
    assert.match(readFileSync(store.file, 'utf8'), /after chmod/);
  });

  it('refuses to write a store the user made read-only, and changes nothing', async () => {
    const store = new IncidentStore(tempRepo());
    await store.add(anIncident());
    chmodSync(store.file, 0o444);
    const before = readFileSync(store.file, 'utf8');
    await assert.rejects(store.update('INC-1A2B3C4D', note('must not land')), /incidents\.json is read-only \(mode 0444\); nothing was changed. Make it writable \(chmod u\+w\)/);
    assert.equal(readFileSync(store.file, 'utf8'), before);
    assert.equal((statSync(store.file).mode & 0o777).toString(8), '444');
    const viaCli = await cli(store.root, 'note', 'INC-1A2B3C4D', 'nor this');
    assert.equal(viaCli.code, 2);
    assert.match(viaCli.stderr, /read-only/);
  });

  it('creates no postmortems folder inside a folder made read-only', async () => {
    const store = new IncidentStore(tempRepo());
    await store.add(anIncident());
    chmodSync(join(store.root, '.incidents'), 0o555);
    try {
      const result = await cli(store.root, 'postmortem', 'INC-1A2B3C4D');
      assert.equal(result.code, 2);
      assert.match(result.stderr, /folder .*\.incidents is read-only \(mode 0555\)/);
      assert.equal(statSync(join(store.root, '.incidents', 'postmortems'), { throwIfNoEntry: false }), undefined);
    } finally {
      chmodSync(join(store.root, '.incidents'), 0o755);
    }
  });

  it('refuses a store file that is a symbolic link, even one to a file inside the repository', async () => {
    const store = new IncidentStore(tempRepo());
    mkdirSync(join(store.root, '.incidents'));
    writeFileSync(join(store.root, 'elsewhere.json'), formatStore({ ...emptyDocument(), incidents: [anIncident()] }));
    symlinkSync(join(store.root, 'elsewhere.json'), store.file);
    const read = store.read();
    assert.ok(read.kind === 'unusable');
    assert.match(read.error.message, /\.incidents\/incidents\.json is a symbolic link to .*elsewhere\.json/);
    await assert.rejects(store.update('INC-1A2B3C4D', note('x')), /symbolic link/);
    assert.doesNotMatch(readFileSync(join(store.root, 'elsewhere.json'), 'utf8'), /"x"/);
  });

  it('says who holds the lock and since when when a change times out waiting for it', async () => {
    const store = new IncidentStore(tempRepo(), undefined, { timeoutMs: 300 });
    await store.add(anIncident());
    const held = await StoreLock.acquire(store.file);
    try {
      await assert.rejects(store.update('INC-1A2B3C4D', note('x')), (error: Error) => {
        assert.match(error.message, new RegExp(`locked by pid ${process.pid} on .+ since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC; nothing was changed`));
        return true;
      });
    } finally {
      held.release();
    }
    await store.update('INC-1A2B3C4D', note('after release'));
  });
});

describe('the store lock', () => {
  it('is given back by releaseHeldLocks (what the CLI does on SIGINT and SIGTERM), and only our own', async () => {
    const store = new IncidentStore(tempRepo());
    await store.add(anIncident());
    await StoreLock.acquire(store.file);
    assert.ok(statSync(lockDirectory(store.file), { throwIfNoEntry: false }));
    releaseHeldLocks();
    assert.equal(statSync(lockDirectory(store.file), { throwIfNoEntry: false }), undefined);
    await store.update('INC-1A2B3C4D', note('the lock is free again'));
  });
});

describe('signals in the command line', () => {
  it('are handled only while a lock is held, so a process stuck in a computation still ends on SIGTERM', async () => {
    const store = new IncidentStore(tempRepo());
    await store.add(anIncident());
    const before = process.listenerCount('SIGTERM');
    releaseLocksOnSignals();
    assert.equal(process.listenerCount('SIGTERM'), before, 'no handler while no lock is held');
    const lock = await StoreLock.acquire(store.file);
    assert.equal(process.listenerCount('SIGTERM'), before + 1, 'a handler that gives the lock back while one is held');
    assert.equal(process.listenerCount('SIGINT') > 0, true);
    lock.release();
    assert.equal(process.listenerCount('SIGTERM'), before);
  });
});

describe('reads name every record they leave out', () => {
  it('warns on stderr in list, show and metrics, and show of the bad record says why', async () => {
    const raw = JSON.parse(formatStore({ ...emptyDocument(), incidents: [anIncident(), other()] }));
    raw.incidents[1].severity = 'SEV9';
    const store = storeWithText(JSON.stringify(raw));
    for (const args of [['list'], ['list', '--json'], ['show', 'INC-1A2B3C4D'], ['metrics']]) {
      const result = await cli(store.root, ...args);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /warning: left out, could not be read: incident INC-2B3C4D5E: severity/, args.join(' '));
    }
    const listed = await cli(store.root, 'list', '--json');
    assert.deepEqual(
      JSON.parse(listed.stdout).map((i: { id: string }) => i.id),
      ['INC-1A2B3C4D'],
      'stdout stays clean JSON',
    );
    const shown = await cli(store.root, 'show', 'inc-2b3c4d5e');
    assert.equal(shown.code, 2);
    assert.match(shown.stderr, /incident INC-2B3C4D5E: severity.*Fix or remove that record by hand/);
    assert.doesNotMatch(shown.stderr, /no incident/);
  });
});

describe('the SLA policy is never replaced by the defaults in silence', () => {
  it('makes list, show and metrics fail with where the policy is wrong and the accepted forms', async () => {
    const raw = JSON.parse(formatStore({ ...emptyDocument(), incidents: [anIncident()] }));
    raw.policy = { targets: { SEV1: { response: '15 min', resolution: '1h' } } };
    const store = storeWithText(JSON.stringify(raw));
    for (const args of [['metrics'], ['list'], ['show', 'INC-1A2B3C4D']]) {
      const result = await cli(store.root, ...args);
      assert.equal(result.code, 2, args[0]);
      assert.match(result.stderr, /policy\.targets\.SEV1\.response is "15 min"; expected a duration like "15m", "4h", "7d", "8bh", "1bd" or "next business day"/);
    }
  });

  it('reports an unknown time zone, empty business days and inverted business hours the same way, for reads and writes', async () => {
    const cases: [unknown, RegExp][] = [
      [{ timeZone: 'Mars/Olympus' }, /policy\.timeZone is "Mars\/Olympus"; expected an IANA time zone/],
      [{ businessDays: [] }, /policy\.businessDays is \[\]; expected at least one business day/],
      [{ businessHours: { start: '09:00', end: '09:00' } }, /policy\.businessHours .*end comes after their start/],
      [{ businessHours: { start: '25:99', end: '26:00' } }, /policy\.businessHours\.start is "25:99"; expected a 24-hour time/],
    ];
    for (const [policy, message] of cases) {
      const raw = JSON.parse(formatStore({ ...emptyDocument(), incidents: [anIncident()] }));
      raw.policy = policy;
      const store = storeWithText(JSON.stringify(raw));
      for (const args of [['list'], ['list', '--json'], ['note', 'INC-1A2B3C4D', 'x']]) {
        const result = await cli(store.root, ...args);
        assert.equal(result.code, 2, `${JSON.stringify(policy)} ${args[0]}: ${result.stderr}`);
        assert.match(result.stderr, message);
      }
    }
  });

  it('names an unknown policy key instead of dropping it', () => {
    const raw = JSON.parse(formatStore({ ...emptyDocument(), incidents: [anIncident()] }));
    raw.policy = { tagrets: { SEV1: { response: '15m', resolution: '1h' } } };
    const read = storeWithText(JSON.stringify(raw)).read();
    assert.ok(read.kind === 'unusable');
    assert.match(read.error.message, /policy has a key this version does not know: "tagrets" \(a typo\?\)/);
  });
});

describe('repair', () => {
  it('replaces the conflicted store atomically under the lock (a new file, never rewritten in place)', async () => {
    const repo = tempRepo();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    const store = new IncidentStore(repo);
    await store.add(anIncident());
    git('add', '.');
    git('commit', '-qm', 'base');
    git('checkout', '-qb', 'side');
    await store.update('INC-1A2B3C4D', note('on the side'));
    git('commit', '-qam', 'side');
    git('checkout', '-q', 'main');
    await store.update('INC-1A2B3C4D', note('on main'));
    git('commit', '-qam', 'main');
    try {
      git('merge', '-q', 'side');
    } catch {
      // Conflicted, as intended.
    }
    const conflicted = statSync(store.file).ino;
    const held = await StoreLock.acquire(store.file);
    const repairing = cli(repo, 'repair');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.match(readFileSync(store.file, 'utf8'), /^<<<<<<< /m, 'the repair waits for the lock');
    held.release();
    const repaired = await repairing;
    assert.equal(repaired.code, 0, repaired.stderr);
    assert.notEqual(statSync(store.file).ino, conflicted, 'written to a temp file and renamed over the old one');
    const text = readFileSync(store.file, 'utf8');
    assert.match(text, /on the side/);
    assert.match(text, /on main/);
  });
});
