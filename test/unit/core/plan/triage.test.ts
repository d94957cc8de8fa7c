import * as assert from 'node:assert/strict';
import { checkedItems, checklistQuestions, tickChecklist, triageVerdict } from '../../../../src/core/plan/checklist';
import { statusMessage } from '../../../../src/core/communication/messages';
import { formatDuration } from '../../../../src/core/clocks/durations';
import { clockSummary, nextUpdateDue, resolvePolicy, slaClocks } from '../../../../src/core/clocks/sla';
import { changeSeverity, postStatusUpdate } from '../../../../src/core/lifecycle/changes';
import { changeStatus } from '../../../../src/core/lifecycle/lifecycle';
import type { Category, ChecklistItemId } from '../../../../src/core/record/schema';
import { anIncident, ctx, minutesAfter, T0 } from '../builders';

describe('triage checklist', () => {
  it('asks the CIA questions in the words of the category and leads with its emphasis', () => {
    const security = checklistQuestions('security');
    assert.deepEqual(
      security.map((q) => q.id),
      ['confidentiality', 'integrity', 'availability'],
    );
    assert.equal(security.find((q) => q.emphasized)?.id, 'confidentiality');
    assert.equal(checklistQuestions('performance').find((q) => q.emphasized)?.id, 'availability');
    assert.notEqual(checklistQuestions('regression')[2].question, security[2].question);
  });

  it('says "this is an incident" as soon as one box is ticked, and suggests category and severity', () => {
    assert.equal(triageVerdict(new Set(), 'regression').isIncident, false);
    const leak = triageVerdict(new Set(['confidentiality']), 'regression');
    assert.equal(leak.isIncident, true);
    assert.equal(leak.suggestedCategory, 'security');
    assert.equal(leak.suggestedSeverity, 'SEV1');
  });

  it('keeps the declared category unless confidentiality is ticked', () => {
    const suggestion = (ticks: ChecklistItemId[], declared: Category) => {
      const verdict = triageVerdict(new Set(ticks), declared);
      return `${verdict.suggestedSeverity}, ${verdict.suggestedCategory}`;
    };
    assert.equal(suggestion(['availability'], 'regression'), 'SEV2, regression');
    assert.equal(suggestion(['integrity', 'availability'], 'regression'), 'SEV1, regression');
    assert.equal(suggestion(['integrity'], 'performance'), 'SEV2, performance');
    assert.equal(suggestion(['availability'], 'security'), 'SEV2, security');
    assert.equal(suggestion(['confidentiality', 'availability'], 'performance'), 'SEV1, security');
    assert.match(triageVerdict(new Set(['availability']), 'regression').text, /Suggested: SEV2, regression\.$/);
  });

  it('records ticks with author and time, and ignores a tick that changes nothing', () => {
    const ticked = tickChecklist(anIncident(), 'availability', true, ctx(minutesAfter(2), 'Sam'));
    assert.deepEqual(ticked.checklist.availability, { checked: true, by: 'Sam', at: minutesAfter(2).toISOString() });
    assert.equal(ticked.timeline.at(-1)?.kind, 'checklist');
    assert.deepEqual([...checkedItems(ticked)], ['availability']);
    assert.equal(tickChecklist(ticked, 'availability', true, ctx()), ticked);
  });
});

describe('SLA clocks', () => {
  const policy = resolvePolicy(undefined);

  it('uses the default targets: SEV1 responds in 15 min and resolves in 1 h', () => {
    const [response, resolution] = slaClocks(anIncident(), policy, minutesAfter(10));
    assert.equal(response.deadline.toISOString(), minutesAfter(15).toISOString());
    assert.equal(response.remainingMs, 5 * 60_000);
    assert.equal(resolution.deadline.toISOString(), minutesAfter(60).toISOString());
    assert.equal(resolution.breached, false);
  });

  it('reports a breach and by how much, and stops the clock when the target is met', () => {
    const late = slaClocks(anIncident(), policy, minutesAfter(25))[0];
    assert.equal(late.breached, true);
    assert.equal(late.remainingMs, -10 * 60_000);
    const acknowledged = changeStatus(anIncident({ commander: 'Sam' }), 'triaged', ctx(minutesAfter(12)));
    const met = slaClocks(acknowledged, policy, minutesAfter(200))[0];
    assert.equal(met.breached, false);
    assert.equal(met.metAt?.toISOString(), minutesAfter(12).toISOString());
  });

  it('re-times the clocks when severity changes', () => {
    const sev3 = changeSeverity(anIncident(), 'SEV3', ctx(minutesAfter(5)));
    assert.equal(slaClocks(sev3, policy, T0)[0].deadline.toISOString(), minutesAfter(240).toISOString());
  });

  it('honours a per-repository policy override', () => {
    const custom = resolvePolicy({
      timeZone: 'UTC',
      businessDays: [1, 2, 3, 4, 5],
      businessHours: { start: '09:00', end: '17:00' },
      holidays: [],
      targets: { SEV1: { response: '5m', resolution: '30m' } },
    });
    assert.equal(slaClocks(anIncident(), custom, T0)[0].deadline.toISOString(), minutesAfter(5).toISOString());
  });

  it('derives the next update from severity, and lets an update promise its own time', () => {
    const incident = anIncident();
    assert.equal(nextUpdateDue(incident, policy)?.toISOString(), minutesAfter(30).toISOString());
    const updated = postStatusUpdate(incident, { audience: 'customers', text: 'Investigating', nextUpdateBy: minutesAfter(20) }, ctx(minutesAfter(5)));
    assert.equal(nextUpdateDue(updated, policy)?.toISOString(), minutesAfter(20).toISOString());
  });
});

describe('status messages', () => {
  it('renders Markdown and Slack flavours with the latest update', () => {
    const incident = postStatusUpdate(anIncident(), { audience: 'customers', text: 'Payments are failing in the EU' }, ctx(minutesAfter(5)));
    const markdown = statusMessage(incident, 'markdown');
    assert.match(markdown, /^\*\*\[SEV1\] Checkout returns 500\*\* \(INC-1A2B3C4D\)/);
    assert.match(markdown, /Payments are failing in the EU/);
    assert.match(statusMessage(incident, 'slack'), /^\*\[SEV1\] Checkout returns 500\* /);
  });
});

describe('clock summary', () => {
  const policy = resolvePolicy(undefined);
  it('names the clock to look at: the nearest running one, or the breached one', () => {
    assert.deepEqual(clockSummary(slaClocks(anIncident(), policy, minutesAfter(3))), { text: 'responds in 12m', breached: false });
    assert.deepEqual(clockSummary(slaClocks(anIncident(), policy, minutesAfter(40))), { text: 'response overdue 25m', breached: true });
    const acknowledged = changeStatus(anIncident({ commander: 'Sam' }), 'triaged', ctx(minutesAfter(5)));
    assert.deepEqual(clockSummary(slaClocks(acknowledged, policy, minutesAfter(85))), { text: 'resolution overdue 25m', breached: true });
    const resolved = changeStatus(acknowledged, 'resolved', ctx(minutesAfter(30)));
    assert.equal(clockSummary(slaClocks(resolved, policy, minutesAfter(300))), undefined);
  });

  it('says "<1m" for less than a minute either side of a deadline, never "0m"', () => {
    const seconds = (s: number) => new Date(T0.getTime() + s * 1000);
    assert.deepEqual(clockSummary(slaClocks(anIncident(), policy, seconds(15 * 60 + 20))), { text: 'response overdue <1m', breached: true });
    assert.deepEqual(clockSummary(slaClocks(anIncident(), policy, seconds(14 * 60 + 30))), { text: 'responds in <1m', breached: false });
    assert.equal(formatDuration(-59_999), '<1m');
    assert.equal(formatDuration(0), '<1m');
    assert.equal(formatDuration(60_000), '1m');
    assert.equal(formatDuration(-61_000), '1m');
  });
});
