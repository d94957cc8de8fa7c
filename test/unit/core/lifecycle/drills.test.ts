/**
 * Drills (practice incidents): declared with a flag that the store keeps and
 * a join never loses, marked in every text a person reads, reminded like a
 * real incident, and left out of metrics unless asked for, with a report of
 * their own.
 */
import * as assert from 'node:assert/strict';
import { dueAlerts } from '../../../../src/core/clocks/alerts';
import { changeSeverity, renameIncident } from '../../../../src/core/lifecycle/changes';
import { changeStatus } from '../../../../src/core/lifecycle/lifecycle';
import { joinIncidents, joinStores } from '../../../../src/core/merge/merge';
import { MESSAGE_FORMATS, incidentMessage } from '../../../../src/core/communication/messages';
import { computeMetrics } from '../../../../src/core/retrospective/metrics';
import { renderPostmortem } from '../../../../src/core/retrospective/postmortem';
import { STORE_SCHEMA_VERSION, type Incident, type StoreDocument } from '../../../../src/core/record/schema';
import { resolvePolicy } from '../../../../src/core/clocks/sla';
import { formatStore } from '../../../../src/store/stableFormat';
import { anIncident, ctx, minutesAfter, T0 } from '../builders';

const aDrill = (overrides: Partial<Parameters<typeof anIncident>[0]> = {}, at: Date = T0): Incident => anIncident({ drill: true, ...overrides }, at);
/** Acknowledged (triaged) `minutes` after its declaration. */
const acknowledged = (incident: Incident, minutes: number): Incident =>
  changeStatus({ ...incident, roles: { ...incident.roles, commander: 'Sam' } }, 'triaged', ctx(minutesAfter(minutes, new Date(incident.declaredAt))));
const store = (...incidents: Incident[]): StoreDocument => ({ version: STORE_SCHEMA_VERSION, incidents, deploys: [] });

describe('declaring a drill', () => {
  it('sets the drill flag and says "drill" in the declared event; a real incident has no flag at all', () => {
    const drill = aDrill();
    assert.equal(drill.drill, true);
    assert.equal(drill.timeline[0].kind, 'declared');
    assert.equal(drill.timeline[0].text, 'Declared SEV1 regression drill (practice, not a real incident): Checkout returns 500');
    const real = anIncident();
    assert.equal('drill' in real, false);
    assert.equal(real.timeline[0].text, 'Declared SEV1 regression incident: Checkout returns 500');
  });

  it('writes "drill": true after the status, and a store of real incidents keeps the bytes it had', () => {
    const realText = formatStore(store(anIncident()));
    assert.ok(!realText.includes('"drill"'), 'no drill key on a real incident');
    assert.equal(formatStore(JSON.parse(realText) as StoreDocument), realText);
    const drillText = formatStore(store(aDrill()));
    assert.match(drillText, /"status": "detected",\n {6}"drill": true,\n/);
    assert.equal(formatStore(JSON.parse(drillText) as StoreDocument), drillText);
  });

  it('stays a drill through a join of two replicas that each changed it, in either order', () => {
    const declared = aDrill();
    const ours = changeSeverity(declared, 'SEV2', ctx(minutesAfter(1)));
    const theirs = renameIncident(declared, 'Game day: checkout down', ctx(minutesAfter(2)));
    for (const joined of [joinIncidents(ours, theirs), joinIncidents(theirs, ours)]) {
      assert.equal(joined.drill, true);
      assert.equal(joined.severity, 'SEV2');
      assert.equal(joined.title, 'Game day: checkout down');
    }
    assert.equal(formatStore(joinStores(store(ours), store(theirs))), formatStore(joinStores(store(theirs), store(ours))));
    assert.ok(formatStore(joinStores(store(ours), store(theirs))).includes('"drill": true'));
  });
});

describe('a drill is marked wherever a person reads it', () => {
  it("starts every copy-and-paste message with [DRILL], in every format and for every audience; a real incident's does not", () => {
    const drill = { ...aDrill(), status: 'resolved' as const, resolvedAt: minutesAfter(30).toISOString() };
    for (const format of MESSAGE_FORMATS) {
      for (const kind of ['declaration', 'status', 'closure'] as const) {
        for (const audience of ['internal', 'external'] as const) {
          assert.ok(incidentMessage(drill, kind, format, audience).startsWith('[DRILL] '), `${kind} ${format} ${audience}`);
          assert.ok(!incidentMessage({ ...drill, drill: undefined }, kind, format, audience).includes('[DRILL]'), `${kind} ${format} ${audience} of a real incident`);
        }
      }
    }
  });

  it('titles the postmortem of a drill "Drill postmortem" and says so in its key facts', () => {
    const text = renderPostmortem(aDrill(), [], { generatedAt: minutesAfter(60) });
    assert.ok(text.startsWith('# Drill postmortem: Checkout returns 500 (INC-1A2B3C4D)\n'), text.slice(0, 80));
    assert.match(text, /^\| Drill \| yes: a practice, not a real incident \|$/m);
    const real = renderPostmortem(anIncident(), [], { generatedAt: minutesAfter(60) });
    assert.ok(real.startsWith('# Postmortem: Checkout returns 500'));
    assert.ok(!/drill/i.test(real));
  });

  it("reminds of a drill's clocks like a real incident's, and the reminder says [DRILL]", () => {
    const policy = resolvePolicy(undefined);
    const drillAlerts = dueAlerts(aDrill(), policy, minutesAfter(20), 5 * 60_000);
    const realAlerts = dueAlerts(anIncident(), policy, minutesAfter(20), 5 * 60_000);
    assert.deepEqual(
      drillAlerts.map((a) => a.key),
      realAlerts.map((a) => a.key),
    );
    assert.ok(drillAlerts.length > 0);
    for (const [i, alert] of drillAlerts.entries()) assert.equal(alert.message, `[DRILL] ${realAlerts[i].message}`);
  });
});

describe('metrics and drills', () => {
  const NOW = minutesAfter(60 * 24 * 10);
  const real = acknowledged(anIncident(), 10);
  const drills = [
    acknowledged({ ...aDrill({}, minutesAfter(60 * 24)), id: 'INC-2B3C4D5E' }, 4),
    acknowledged({ ...aDrill({ category: 'security' }, minutesAfter(60 * 24 * 3)), id: 'INC-3C4D5E6F' }, 8),
    { ...aDrill({}, minutesAfter(60 * 24 * 5)), id: 'INC-4D5E6F7G' },
  ];
  const all = [real, ...drills];

  it('leaves drills out of the numbers by default and reports them apart: how many, when, time to acknowledge', () => {
    const metrics = computeMetrics(all, [], undefined, { now: NOW });
    assert.equal(metrics.incidents, 1);
    assert.deepEqual(metrics.overall.acknowledge, { count: 1, medianMs: 10 * 60_000, meanMs: 10 * 60_000 });
    assert.equal(metrics.byCategory.security.incidents, 0);
    assert.equal(metrics.bySeverity.SEV1.incidents, 1);
    assert.deepEqual(metrics.drills, {
      count: 3,
      dates: drills.map((d) => d.declaredAt),
      acknowledge: { count: 2, medianMs: 6 * 60_000, meanMs: 6 * 60_000 },
    });
  });

  it('counts drills as incidents when asked, and still reports them apart', () => {
    const metrics = computeMetrics(all, [], undefined, { now: NOW, includeDrills: true });
    assert.equal(metrics.incidents, 4);
    assert.equal(metrics.overall.acknowledge.count, 3);
    assert.equal(metrics.byCategory.security.incidents, 1);
    assert.equal(metrics.drills.count, 3);
  });

  it('applies the range, category and severity filter to the drills report too', () => {
    const security = computeMetrics(all, [], undefined, { now: NOW, category: 'security' });
    assert.equal(security.drills.count, 1);
    const recent = computeMetrics(all, [], undefined, { now: NOW, since: minutesAfter(60 * 24 * 4) });
    assert.deepEqual(recent.drills.dates, [drills[2].declaredAt]);
    assert.deepEqual(recent.drills.acknowledge, { count: 0 });
  });
});
