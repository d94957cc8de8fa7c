import * as assert from 'node:assert/strict';
import { defaultPlan, planSchema, PLAN_VERSION } from '../../../../src/core/plan/plan';
import { joinIncidents } from '../../../../src/core/merge/merge';
import { incidentTriage, recordTriage, tickTriageQuestion, triageOutcome, unknownTriageIds } from '../../../../src/core/plan/triage';
import { anIncident, ctx, minutesAfter } from '../builders';

const plan = defaultPlan();

describe('"Are we having an incident?": triage before declaring', () => {
  it('with no box ticked says so and suggests nothing', () => {
    const outcome = triageOutcome(plan, []);
    assert.equal(outcome.isIncident, false);
    assert.deepEqual([outcome.suggestedCategory, outcome.suggestedSeverity, outcome.ticked], [undefined, undefined, []]);
    assert.match(outcome.text, /^No box ticked: nothing here says an incident is under way, and nothing was recorded\.$/);
  });

  it('with one box ticked says declare, with that question suggestion', () => {
    const outcome = triageOutcome(plan, ['unauthorised-access']);
    assert.equal(outcome.isIncident, true);
    assert.deepEqual([outcome.suggestedSeverity, outcome.suggestedCategory], ['SEV1', 'security']);
    assert.equal(outcome.text, '1 box ticked: this is an incident; declare one, SEV1 security suggested (by "Has someone reached data or systems they are not allowed to?").');
  });

  it('takes the highest severity ticked, and the category named most among the questions of that severity (ties: the plan order)', () => {
    // SEV2 performance and SEV2 regression tie at the top; the SEV3 regression below them does not count; the plan lists regression first.
    const tie = triageOutcome(plan, ['backups-affected', 'performance-degraded', 'data-corrupted']);
    assert.deepEqual([tie.suggestedSeverity, tie.suggestedCategory, tie.decidedBy?.id], ['SEV2', 'regression', 'data-corrupted']);
    const majority = triageOutcome(plan, ['performance-degraded', 'monitoring-missed', 'data-corrupted', 'logs-anomalous', 'availability-in-doubt']);
    assert.deepEqual([majority.suggestedSeverity, majority.suggestedCategory], ['SEV2', 'regression'], 'two SEV2 regression against one SEV2 performance and one SEV2 security');
    const reordered = planSchema.parse({
      version: PLAN_VERSION,
      categories: [...plan.categories].reverse(),
    });
    assert.equal(triageOutcome(reordered, ['performance-degraded', 'data-corrupted']).suggestedCategory, 'performance', 'the plan order breaks the tie');
    assert.deepEqual(
      triageOutcome(plan, ['monitoring-missed', 'abusive-traffic']).ticked.map((q) => q.id),
      ['abusive-traffic', 'monitoring-missed'],
      'ticked questions in the plan order, whatever order they were ticked in',
    );
  });

  it('leaves to the person what no ticked question suggests', () => {
    const onlySeverity = triageOutcome(plan, ['monitoring-raised']);
    assert.deepEqual([onlySeverity.isIncident, onlySeverity.suggestedSeverity, onlySeverity.suggestedCategory], [true, 'SEV3', undefined]);
    const bare = planSchema.parse({
      version: PLAN_VERSION,
      triage: { confidentiality: [], integrity: [], availability: [{ id: 'pager', text: 'Did the pager go off?' }] },
    });
    const outcome = triageOutcome(bare, ['pager']);
    assert.deepEqual([outcome.isIncident, outcome.suggestedSeverity, outcome.suggestedCategory], [true, undefined, undefined]);
    assert.equal(outcome.text, '1 box ticked: this is an incident; declare one.');
  });

  it('names the ids that are not questions of the plan', () => {
    assert.deepEqual(unknownTriageIds(plan, ['logs-missing', 'logs-mising', '']), ['logs-mising', '']);
  });

  it('carries each tick into the new incident: a checklist event at its time by its author, and the box of its group', () => {
    const declaredAt = minutesAfter(10);
    const incident = anIncident({ category: 'security', severity: 'SEV1' }, declaredAt);
    const ana = 'Ana Lima <ana@example.com>';
    const bo = 'Bo Chen <bo@example.com>';
    const recorded = recordTriage(incident, plan, [
      { id: 'logs-anomalous', by: bo, at: minutesAfter(3) },
      { id: 'unauthorised-change', by: ana, at: minutesAfter(2) },
      { id: 'abusive-traffic', by: ana, at: minutesAfter(4) },
      { id: 'no-such-question', by: ana, at: minutesAfter(5) },
    ]);
    const events = recorded.timeline.filter((event) => event.kind === 'checklist');
    assert.deepEqual(
      events.map((event) => [event.at, event.author, event.data?.triage, event.data?.item]),
      [
        [minutesAfter(2).toISOString(), ana, 'unauthorised-change', 'integrity'],
        [minutesAfter(3).toISOString(), bo, 'logs-anomalous', 'integrity'],
        [minutesAfter(4).toISOString(), ana, 'abusive-traffic', 'availability'],
      ],
    );
    assert.equal(events[0].text, 'Triage before declaring, integrity: yes to "Has data been changed by someone or something not allowed to change it?"');
    assert.deepEqual(recorded.checklist.integrity, { checked: true, by: ana, at: minutesAfter(2).toISOString() }, 'the first tick of the group ticks the box');
    assert.deepEqual(recorded.checklist.availability, { checked: true, by: ana, at: minutesAfter(4).toISOString() });
    assert.equal(recorded.checklist.confidentiality, undefined);
    assert.equal(recorded.updatedAt, incident.updatedAt, 'earlier ticks do not move the last change back');
  });
});

describe("the plan's questions on a declared incident", () => {
  const ana = 'Ana Lima <ana@example.com>';

  it('tick one question and its group box with it, on the timeline; the last one unticked unticks the box', () => {
    const incident = anIncident({ category: 'performance', severity: 'SEV2' });
    const ticked = tickTriageQuestion(incident, plan, 'performance-degraded', true, ctx(minutesAfter(3), ana));
    assert.deepEqual(ticked.triage, { 'performance-degraded': { checked: true, by: ana, at: minutesAfter(3).toISOString() } });
    assert.deepEqual(ticked.checklist.availability, { checked: true, by: ana, at: minutesAfter(3).toISOString() });
    assert.equal(ticked.timeline.at(-1)?.text, 'Ticked availability: Has performance dropped below what users can reasonably work with?');
    assert.equal(tickTriageQuestion(ticked, plan, 'performance-degraded', true, ctx(minutesAfter(4))), ticked, 'no change, nothing written');
    const both = tickTriageQuestion(ticked, plan, 'backups-affected', true, ctx(minutesAfter(5)));
    const one = tickTriageQuestion(both, plan, 'performance-degraded', false, ctx(minutesAfter(6)));
    assert.equal(one.checklist.availability?.checked, true, 'another availability question is still ticked');
    const none = tickTriageQuestion(one, plan, 'backups-affected', false, ctx(minutesAfter(7)));
    assert.equal(none.checklist.availability?.checked, false);
    assert.throws(() => tickTriageQuestion(incident, plan, 'no-such', true, ctx()), /not a question of the triage checklist/);
  });

  it("keep each tick from both sides when replicas are joined, and show an old store's group boxes", () => {
    const base = anIncident({ category: 'security', severity: 'SEV1' });
    const a = tickTriageQuestion(base, plan, 'device-lost', true, ctx(minutesAfter(1), ana));
    const b = tickTriageQuestion(base, plan, 'logs-missing', true, ctx(minutesAfter(2)));
    assert.deepEqual(Object.keys(joinIncidents(a, b).triage ?? {}).sort(), ['device-lost', 'logs-missing']);
    // A store from before the plan: the box ticked, no question.
    const old = { ...base, checklist: { integrity: { checked: true, by: ana, at: minutesAfter(1).toISOString() } } };
    const [, integrity] = incidentTriage(old, plan);
    assert.deepEqual([integrity.group, integrity.box?.by, integrity.questions.length, integrity.questions.some((q) => q.tick)], ['integrity', ana, 5, false]);
  });

  it('are ticked by the triage before declaring', () => {
    const recorded = recordTriage(anIncident(), plan, [{ id: 'device-lost', by: ana, at: minutesAfter(1) }]);
    assert.equal(recorded.triage?.['device-lost']?.checked, true);
  });
});
