/**
 * The realistic incident (realisticIncident.ts) at a shift's end: the fix did
 * not hold, so it was reopened, and the responders wrote hypotheses, an ask
 * and an ETA, with runbook tasks half done and a regulatory clock running.
 */
import * as assert from 'node:assert/strict';
import { assignRole, postStatusUpdate } from '../../../../src/core/lifecycle/changes';
import { changeStatus } from '../../../../src/core/lifecycle/lifecycle';
import { effectivePlan, type EffectivePlan } from '../../../../src/core/plan/plan';
import { parseRunbook } from '../../../../src/core/plan/runbook';
import type { StoreDocument } from '../../../../src/core/record/schema';
import { addRunbookTasks, setTaskDone } from '../../../../src/core/plan/tasks';
import { addTimelineEvent } from '../../../../src/core/lifecycle/timeline';
import { ctx, minutesAfter } from '../builders';
import { realisticStore } from '../realisticIncident';

export const ANA = 'Ana Lima <ana@example.com>';
export const DANA = 'Dana Ortiz <dana@example.com>';
export const SAM = 'Sam Park <sam@example.com>';
/** The moment of the hand-over: two hours after the declaration. */
export const HANDOFF_AT = minutesAfter(120);

const ROLLBACK = parseRunbook(
  '---\ntitle: Roll back a bad deploy\ncategories: [regression]\nseverities: [SEV1]\n---\n# Roll back\n\n## Steps\n- [ ] Freeze deploys\n- [ ] Roll back to the last good release\n- [ ] Watch the 5xx rate per issuer country\n',
);

/** The default plan with a contractual clock on regressions (the payment provider must hear within 24 hours). */
export function handoffPlan(): EffectivePlan {
  const plan = effectivePlan(undefined, undefined);
  return { ...plan, regulatory: [{ id: 'psp-notice', title: 'Notice to the payment provider', after: '24h', categories: ['regression'], to: 'Acquirer ops' }] };
}

export function handoffStore(): StoreDocument {
  const document = realisticStore();
  const at = (minutes: number, who = DANA) => ctx(minutesAfter(minutes), who);
  assert.ok(ROLLBACK.runbook);
  let incident = document.incidents[0];
  incident = changeStatus(incident, 'triaged', at(95));
  incident = addRunbookTasks(incident, [{ file: '.incidents/runbooks/roll-back.md', runbook: ROLLBACK.runbook }], at(96));
  incident = setTaskDone(incident, incident.tasks?.[0].id ?? '', true, at(97, ANA));
  incident = assignRole(incident, 'communicator', SAM, at(98));
  incident = addTimelineEvent(incident, { kind: 'note', text: 'Hypothesis: the v42 fix misses amounts in HUF, which has no minor unit' }, at(100, ANA));
  incident = addTimelineEvent(incident, { kind: 'note', text: 'Hypothesis: a CDN cache still serves the v41 bundle' }, at(101, ANA));
  incident = addTimelineEvent(incident, { kind: 'note', text: 'Ruled out: a CDN cache still serves the v41 bundle' }, at(106, ANA));
  incident = addTimelineEvent(incident, { kind: 'action', text: 'Disabled HUF at checkout behind the currency flag' }, at(104, ANA));
  incident = addTimelineEvent(incident, { kind: 'note', text: 'Need: a payments engineer who knows the acquirer API' }, at(108));
  incident = addTimelineEvent(incident, { kind: 'note', text: 'ETA: a forward fix by 14:00 UTC' }, at(110));
  incident = postStatusUpdate(
    incident,
    { audience: 'customers', text: 'Some HUF payments fail again; Ana Lima is on it. Other currencies work.', nextUpdateBy: minutesAfter(140) },
    at(112, SAM),
  );
  return { ...document, incidents: [incident] };
}
