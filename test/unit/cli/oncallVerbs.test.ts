import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ICAL from 'ical.js';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const A = 'Ana Díaz <ana@example.com>';
const B = 'Ben Okafor <ben@example.com>';
const C = 'Chen Wei <chen@example.com>';
const K = 'Kim Wu <kim@example.com>';
const FIXTURES = join(resolve(__dirname, '..', '..', '..', '..'), 'test', 'fixtures', 'intake');
const DAY_MS = 86_400_000;

const payments = {
  name: 'payments',
  members: [A, B, C],
  shift: '1w',
  handoff: '09:00',
  start: '2026-11-30',
  layers: [{ name: 'primary' }, { name: 'secondary', offset: 1 }],
  overrides: [{ person: K, from: '2026-12-24', until: '2026-12-27', note: 'swap with Ana' }],
};

function repoWithPlan(plan: Record<string, unknown>, text?: string): string {
  const repo = tempRepo();
  mkdirSync(join(repo, '.incidents'));
  writeFileSync(join(repo, '.incidents', 'plan.json'), text ?? `${JSON.stringify({ version: 1, ...plan }, null, 2)}\n`);
  return repo;
}
const rotationsPlan = (extra: Record<string, unknown> = {}) => ({ oncall: { timeZone: 'Europe/Berlin', rotations: [payments] }, ...extra });

describe('incident oncall', () => {
  it('prints one line per rotation and layer: who, until when, in the plan zone; --json the same as data', async () => {
    const repo = repoWithPlan(rotationsPlan());
    const now = await incident(repo, 'oncall', '--at', '2026-12-09 12:00');
    assert.deepEqual([now.code, now.stderr], [0, '']);
    assert.deepEqual(now.stdout.split('\n'), [`payments primary: ${B} until Mon 14 Dec 09:00 (Europe/Berlin)`, `payments secondary: ${C} until Mon 14 Dec 09:00 (Europe/Berlin)`]);
    const christmas = await incident(repo, 'oncall', '--at', '2026-12-25T12:00Z', '--rotation', 'payments');
    assert.equal(christmas.stdout.split('\n')[0], `payments primary: ${K} until Sun 27 Dec 00:00 (Europe/Berlin) [override: swap with Ana]`);
    const json = JSON.parse((await incident(repo, 'oncall', '--at', '2026-12-09 12:00', '--json')).stdout);
    assert.deepEqual(json[0], {
      rotation: 'payments',
      layer: 'primary',
      person: B,
      from: '2026-12-07T08:00:00.000Z',
      until: '2026-12-14T08:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
  });

  it('refuses a time it cannot read, an unknown rotation (naming the known ones) and stray options, in one line, exit 1', async () => {
    const repo = repoWithPlan(rotationsPlan());
    const bad = await incident(repo, 'oncall', '--at', 'next tuesday');
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr.split('\n').length, 1);
    assert.match(bad.stderr, /^incident: --at: "next tuesday" is not a time; give now, in 2h/);
    const unknown = await incident(repo, 'oncall', '--rotation', 'paymnets');
    assert.deepEqual([unknown.code, unknown.stderr], [1, 'incident: no rotation "paymnets" in the plan; its rotations: payments']);
    assert.equal((await incident(repo, 'oncall', '--ics', 'nope', '--out', join(repo, 'x.ics'))).stderr, 'incident: no rotation "nope" in the plan; its rotations: payments');
    assert.match((await incident(repo, 'oncall', '--ics', 'payments')).stderr, /--ics needs --out FILE/);
    assert.match((await incident(repo, 'oncall', '--ics', 'payments', '--out', join(repo, 'x.ics'), '--weeks', '0')).stderr, /--weeks takes a whole number of weeks from 1 to 104/);
    assert.match((await incident(repo, 'oncall', '--weeks', '3')).stderr, /--out and --weeks go with --ics ROTATION/);
    assert.match((await incident(repo, 'oncall', '--ics', 'payments', '--out', repo)).stderr, /cannot write .*: it is a folder/);
    const none = await incident(tempRepo(), 'oncall');
    assert.deepEqual([none.code, none.stdout], [0, 'The plan has no on-call rotations: add an "oncall" block to .incidents/plan.json ("incident plan check" checks it).']);
    assert.match((await incident(repo, 'oncall', '--help')).stdout, /Usage: incident oncall \[--at TIME\][\s\S]*Global options/);
  });

  it('--ics writes the shifts as an iCalendar file that a kept parser reads back, the same events when made again later', async () => {
    const repo = repoWithPlan(rotationsPlan());
    const file = join(repo, 'payments.ics');
    const written = await incident(repo, 'oncall', '--ics', 'payments', '--out', file, '--at', '2026-12-09 12:00', '--weeks', '3');
    assert.deepEqual([written.code, written.stdout], [0, `Wrote 10 shifts of payments to ${file}.`]);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^BEGIN:VCALENDAR\r\n/, 'CRLF line ends, as RFC 5545 says');
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
    const rows = events.map((event) => [event.summary, event.startDate.toJSDate().toISOString(), event.endDate.toJSDate().toISOString()]);
    // From the start of the shift in progress (Mon 7 Dec 09:00 Berlin) for three weeks; the override cuts C's week.
    assert.deepEqual(
      rows.filter((row) => String(row[0]).startsWith('payments primary')),
      [
        [`payments primary: ${B}`, '2026-12-07T08:00:00.000Z', '2026-12-14T08:00:00.000Z'],
        [`payments primary: ${C}`, '2026-12-14T08:00:00.000Z', '2026-12-21T08:00:00.000Z'],
        [`payments primary: ${A}`, '2026-12-21T08:00:00.000Z', '2026-12-23T23:00:00.000Z'],
        [`payments primary: ${K}`, '2026-12-23T23:00:00.000Z', '2026-12-26T23:00:00.000Z'],
        [`payments primary: ${A}`, '2026-12-26T23:00:00.000Z', '2026-12-28T08:00:00.000Z'],
        [`payments primary: ${B}`, '2026-12-28T08:00:00.000Z', '2026-12-30T11:00:00.000Z'],
      ],
    );
    assert.equal(events.find((event) => event.summary.includes(K))?.description, 'Override: swap with Ana');
    assert.equal(new Set(events.map((event) => event.uid)).size, events.length);
    const later = join(repo, 'later.ics');
    await incident(repo, 'oncall', '--ics', 'payments', '--out', later, '--at', '2026-12-10 12:00', '--weeks', '3');
    const uids = (path: string) => new ICAL.Component(ICAL.parse(readFileSync(path, 'utf8'))).getAllSubcomponents('vevent').map((event) => event.getFirstPropertyValue('uid'));
    assert.deepEqual(uids(later).slice(0, 3), uids(file).slice(0, 3), 'a calendar made a day later names the same shifts');
  });

  it('a one-minute shift of 10,000 members stops the calendar at its bound and says so', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `Person ${i} <p${i}@example.com>`);
    const repo = repoWithPlan({ oncall: { rotations: [{ name: 'busy', members: many, shift: '1m', start: '2026-01-01' }] } });
    const file = join(repo, 'busy.ics');
    const written = await incident(repo, 'oncall', '--ics', 'busy', '--out', file);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stderr, /too short to list every one; the calendar stops after 5000 events/);
    assert.equal(new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8'))).getAllSubcomponents('vevent').length, 5000);
    assert.match((await incident(repo, 'oncall')).stdout, /^busy primary: Person \d+ <p\d+@example\.com> until /);
  });
});

describe('incident plan check: the oncall block', () => {
  it('places each problem of an invalid block at file:line:column, and exits 1', async () => {
    const text = JSON.stringify(
      {
        version: 1,
        severities: undefined,
        oncall: {
          timeZone: 'Mars/Olympus',
          rotations: [
            { name: 'payments', members: [], shift: '0h', start: '2026-11-30' },
            { name: 'payments', members: [A], shift: '1w', start: '2026-11-30', overrides: [{ layer: 'tertiary', from: '2026-12-02', until: '2026-12-01' }] },
          ],
        },
        intake: { rules: [{ name: 'db', rotation: 'database' }] },
      },
      null,
      2,
    );
    const repo = repoWithPlan({}, text);
    const check = await incident(repo, 'plan', 'check');
    assert.equal(check.code, 1);
    const lines = check.stdout.split('\n');
    const at = (pattern: RegExp) => lines.find((line) => pattern.test(line));
    assert.match(at(/timeZone/) ?? '', /^\.incidents\/plan\.json:4:17: oncall\.timeZone must be an IANA time zone like "UTC" or "Europe\/Berlin"/);
    assert.match(at(/members/) ?? '', /^\.incidents\/plan\.json:8:20: oncall\.rotations\[0\]\.members must not be empty/);
    assert.match(at(/shift/) ?? '', /^\.incidents\/plan\.json:9:18: oncall\.rotations\[0\]\.shift must be a shift length like "12h"/);
    assert.match(at(/appears twice/) ?? '', /^\.incidents\/plan\.json:13:17: oncall\.rotations\[1\]\.name rotation "payments" appears twice/);
    assert.match(at(/tertiary/) ?? '', /:\d+:\d+: oncall\.rotations\[1\]\.overrides\[0\]\.layer "tertiary" is not one of this rotation's layers \(primary\)/);
    assert.match(at(/must come after/) ?? '', /:\d+:\d+: oncall\.rotations\[1\]\.overrides\[0\]\.until must come after "from" \(2026-12-02\)/);
    assert.match(check.stderr, /plan check: \d+ problem\(s\)/);
  });

  it('warns of gaps in coverage with their time ranges, without failing unless --strict', async () => {
    const inTwoWeeks = new Date(Date.now() + 14 * DAY_MS).toISOString().slice(0, 10);
    const repo = repoWithPlan({ oncall: { timeZone: 'UTC', rotations: [{ ...payments, start: inTwoWeeks, overrides: [] }] } });
    const check = await incident(repo, 'plan', 'check');
    assert.equal(check.code, 0, check.stderr);
    assert.match(
      check.stdout,
      /^\.incidents\/plan\.json:\d+:\d+: warning: oncall\.rotations\[0\] \(payments\): nobody on call in layer primary from \w{3} \d+ \w{3} \d\d:\d\d until \w{3} \d+ \w{3}( \d{4})? 09:00 \(UTC\)$/m,
    );
    assert.match(check.stdout, /plan OK: .*1 on-call rotations/);
    const strict = await incident(repo, 'plan', 'check', '--strict');
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /2 on-call warning\(s\)/);
  });
});

describe('routing: the on-call person as commander', () => {
  it('incident declare makes the on-call person commander when the severity says assign, proposes them otherwise', async () => {
    const alone = { ...payments, members: [K], overrides: [], layers: undefined, start: '2026-01-05' };
    const repo = repoWithPlan({
      oncall: { rotations: [alone] },
      roles: { commander: [K] },
      severities: {
        SEV1: { title: 'Critical', definition: 'Down.', rotation: 'payments', assign: true },
        SEV2: { title: 'Major', definition: 'Degraded.', rotation: 'payments' },
        SEV3: { title: 'Minor', definition: 'Some.' },
        SEV4: { title: 'Low', definition: 'None yet.' },
      },
    });
    const sev1 = await incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1', '--no-deliver');
    assert.equal(sev1.code, 0, sev1.stderr);
    assert.match(sev1.stderr, /commander: Kim Wu <kim@example\.com>, on call for payments \(primary\), per severity SEV1/);
    const shown = JSON.parse((await incident(repo, 'show', sev1.stdout, '--json')).stdout);
    assert.equal(shown.roles.commander, K);
    assert.equal(shown.acknowledgedAt, undefined, 'assigned by the plan is not an acknowledgement');
    const sev2 = await incident(repo, 'declare', '--title', 'Slow', '--category', 'performance', '--severity', 'SEV2');
    assert.match(sev2.stderr, /Kim Wu <kim@example\.com> is on call for payments \(primary\), per severity SEV2; "incident assign ID commander PERSON" hands command over/);
    assert.equal(JSON.parse((await incident(repo, 'show', sev2.stdout, '--json')).stdout).roles.commander, 'Dana Ortiz <dana@example.com>');
    const named = await incident(repo, 'declare', '--title', 'Named', '--category', 'regression', '--severity', 'SEV1', '--commander', 'Dana Ortiz <dana@example.com>');
    assert.equal(JSON.parse((await incident(repo, 'show', named.stdout, '--json')).stdout).roles.commander, 'Dana Ortiz <dana@example.com>', '--commander wins');
    const nobody = await incident(repo, 'declare', '--title', 'Nobody', '--category', 'regression', '--severity', 'SEV1', '--no-commander');
    assert.equal(JSON.parse((await incident(repo, 'show', nobody.stdout, '--json')).stdout).roles.commander, undefined, '--no-commander wins');
  });

  it('alert intake assigns the person on call when the alert fired, per the matching rule', async () => {
    // The fixture fires at 2026-12-07T04:04Z: Monday 05:04 in Berlin, before the 09:00 hand-off, so still A's first week.
    const repo = repoWithPlan({
      oncall: { timeZone: 'Europe/Berlin', rotations: [{ ...payments, overrides: [] }] },
      intake: { rules: [{ name: 'checkout', match: { 'labels.service': 'checkout' }, rotation: 'payments', assign: true }] },
    });
    const dry = await incident(repo, 'intake', '--file', join(FIXTURES, 'alertmanager-real', 'firing.json'), '--dry-run');
    assert.match(dry.stderr, /would make Ana Díaz <ana@example\.com> commander, on call for payments \(primary\), per intake rule checkout/);
    const taken = await incident(repo, 'intake', '--file', join(FIXTURES, 'alertmanager-real', 'firing.json'), '--json');
    assert.equal(taken.code, 0, taken.stderr);
    assert.match(taken.stderr, /commander: Ana Díaz <ana@example\.com>, on call for payments \(primary\), per intake rule checkout/);
    const shown = JSON.parse((await incident(repo, 'show', JSON.parse(taken.stdout).incident, '--json')).stdout);
    assert.equal(shown.roles.commander, A);
    assert.ok(shown.timeline.some((event: { kind: string; text: string }) => event.kind === 'role' && event.text === `${A} is commander`));
    // Another receiver (a teammate's clone) taking the same alert writes the same record, so their stores merge without a second assignment.
    const other = repoWithPlan(JSON.parse(readFileSync(join(repo, '.incidents', 'plan.json'), 'utf8')));
    await incident(other, 'intake', '--file', join(FIXTURES, 'alertmanager-real', 'firing.json'));
    const twin = JSON.parse((await incident(other, 'show', shown.id, '--json')).stdout);
    assert.deepEqual(twin.roles, shown.roles);
    assert.deepEqual(twin.timeline, shown.timeline);
  });
});
