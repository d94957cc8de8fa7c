/** Stores for the status page tests: a realistic one (one past incident, two open ones) and one full of secrets, each secret a unique marker. */
import { addActionItem, assignRole, linkCommit, postStatusUpdate, setRootCause, setWhys } from '../../../../src/core/lifecycle/changes';
import { declareIncident } from '../../../../src/core/lifecycle/declare';
import { changeStatus } from '../../../../src/core/lifecycle/lifecycle';
import type { Incident, StoreDocument } from '../../../../src/core/record/schema';
import { addTimelineEvent } from '../../../../src/core/lifecycle/timeline';
import { ctx, minutesAfter } from '../builders';
import { realisticStore } from '../realisticIncident';

const SAM = 'Sam Lee <sam@example.com>';
const DAY = 24 * 60;
/** The page is built two days after the realistic incident. */
export const PAGE_NOW = minutesAfter(2 * DAY);

/** An open SEV2 on the sign-in service: told customers twice, stakeholders once. */
function signInIncident(): Incident {
  const at = (minutes: number, who = SAM) => ctx(minutesAfter(DAY + minutes), who);
  let incident: Incident = declareIncident({ title: 'Login latency for Acme Corp after the Redis failover', category: 'performance', severity: 'SEV2' }, at(0), 'INC-5SGN1NQ7');
  incident = { ...incident, service: 'Sign-in' };
  incident = assignRole(incident, 'commander', SAM, at(1));
  incident = changeStatus(incident, 'triaged', at(2));
  incident = postStatusUpdate(incident, { audience: 'Customers', text: 'Signing in is slow for some users. We are investigating.', nextUpdateBy: minutesAfter(DAY + 60) }, at(5));
  incident = postStatusUpdate(incident, { audience: 'stakeholders', text: 'Acme Corp escalated; the Redis primary failed over at 09:58.' }, at(8));
  incident = changeStatus(incident, 'communicating', at(20));
  incident = postStatusUpdate(
    incident,
    { audience: 'status page', text: 'We found the cause: a cache node restarted.\nSign-in times are recovering while the cache warms up.', nextUpdateBy: minutesAfter(DAY + 120) },
    at(40),
  );
  return incident;
}

/** An open SEV3 that never told customers anything: not on the page at all. */
function internalOnlyIncident(): Incident {
  let incident: Incident = declareIncident({ title: 'Nightly export job slow', category: 'performance', severity: 'SEV3' }, ctx(minutesAfter(DAY + 100)), 'INC-7NTRNK00');
  incident = postStatusUpdate(incident, { audience: 'internal', text: 'Export is 20 minutes late.' }, ctx(minutesAfter(DAY + 110)));
  return incident;
}

export function statusPageStore(): StoreDocument {
  const document = realisticStore();
  return { ...document, incidents: [...document.incidents, signInIncident(), internalOnlyIncident()] };
}

/** Every secret carries its own marker, so a leak names what leaked. */
export const SECRET_MARKERS = [
  'SECRET-TITLE',
  'SECRET-SUMMARY',
  'SECRET-IMPACT',
  'SECRET-DECLARER',
  'secret-email-declarer',
  'SECRET-COMMANDER',
  'secret-email-commander',
  'SECRET-RESPONDER',
  'SECRET-NOTE',
  'SECRET-EVIDENCE',
  'SECRET-DECISION',
  'SECRET-COMMIT-SUBJECT',
  'SECRET-COMMIT-AUTHOR',
  'SECRET-INTERNAL-UPDATE',
  'SECRET-STAKEHOLDER-UPDATE',
  'SECRET-UPDATE-AUTHOR',
  'SECRET-ACTION-ITEM',
  'SECRET-ACTION-OWNER',
  'SECRET-WHY',
  'SECRET-ROOT-CAUSE',
  'SECRET-DRILL-UPDATE',
  'SECRET-CATEGORY-WORDS',
] as const;

/** A store whose every field but the public updates' text holds a marker. */
export function secretStore(): StoreDocument {
  const commander = 'SECRET-COMMANDER <secret-email-commander@example.com>';
  const at = (minutes: number, who = commander) => ctx(minutesAfter(DAY + minutes), who);
  let incident: Incident = declareIncident(
    { title: 'SECRET-TITLE breach of SECRET-CATEGORY-WORDS', category: 'security', severity: 'SEV1' },
    ctx(minutesAfter(DAY), 'SECRET-DECLARER <secret-email-declarer@example.com>'),
    'INC-5ECRET00',
  );
  incident = { ...incident, summary: 'SECRET-SUMMARY', impact: 'SECRET-IMPACT' };
  incident = assignRole(incident, 'commander', commander, at(1));
  incident = assignRole(incident, 'responder', 'SECRET-RESPONDER <r@example.com>', at(2));
  incident = changeStatus(incident, 'triaged', at(3));
  incident = addTimelineEvent(incident, { kind: 'note', text: 'SECRET-NOTE' }, at(4));
  incident = addTimelineEvent(incident, { kind: 'evidence', text: 'SECRET-EVIDENCE', data: { file: 'SECRET-EVIDENCE.ts' } }, at(5));
  incident = addTimelineEvent(incident, { kind: 'decision', text: 'SECRET-DECISION' }, at(6));
  incident = linkCommit(
    incident,
    { sha: 'a'.repeat(40), subject: 'SECRET-COMMIT-SUBJECT', author: 'SECRET-COMMIT-AUTHOR <c@example.com>', committedAt: minutesAfter(DAY).toISOString() },
    'cause',
    at(7),
  );
  incident = postStatusUpdate(incident, { audience: 'internal', text: 'SECRET-INTERNAL-UPDATE' }, at(8));
  incident = postStatusUpdate(incident, { audience: 'stakeholders', text: 'SECRET-STAKEHOLDER-UPDATE' }, at(9));
  incident = postStatusUpdate(incident, { audience: 'customers', text: 'Some requests fail. We are investigating.' }, at(10, 'SECRET-UPDATE-AUTHOR <u@example.com>'));
  incident = setWhys(incident, ['SECRET-WHY'], at(11));
  incident = setRootCause(incident, 'SECRET-ROOT-CAUSE', at(12));
  incident = addActionItem(incident, { title: 'SECRET-ACTION-ITEM', owner: 'SECRET-ACTION-OWNER <o@example.com>' }, at(13));
  let drill: Incident = { ...declareIncident({ title: 'Practice', category: 'regression', severity: 'SEV1' }, at(0), 'INC-0DR1KK00'), drill: true };
  drill = postStatusUpdate(drill, { audience: 'customers', text: 'SECRET-DRILL-UPDATE' }, at(14));
  return { version: 2, incidents: [incident, drill], deploys: [] };
}
