/** A realistic incident from declaration to retrospective, built only with the domain's own changes. */
import { addActionItem, assignRole, linkCommit, postStatusUpdate, setActionItemStatus, setRootCause, setWhys } from '../../../src/core/lifecycle/changes';
import { tickChecklist } from '../../../src/core/plan/checklist';
import { recordDeploy } from '../../../src/core/lifecycle/deploys';
import { changeStatus } from '../../../src/core/lifecycle/lifecycle';
import { STORE_SCHEMA_VERSION, type StoreDocument } from '../../../src/core/record/schema';
import { addTimelineEvent } from '../../../src/core/lifecycle/timeline';
import { anIncident, ctx, minutesAfter } from './builders';

const ANA = 'Ana Lima <ana@example.com>';
const DANA = 'Dana Ortiz <dana@example.com>';
const BAD_SHA = '3f2a1b9c'.padEnd(40, '0');
const FIX_SHA = '9e8d7c6b'.padEnd(40, '1');

export function realisticStore(): StoreDocument {
  const at = (minutes: number, who = DANA) => ctx(minutesAfter(minutes), who);
  let incident = anIncident({ title: 'Checkout returns 500 for EU cards', severity: 'SEV1' });
  incident = {
    ...incident,
    summary: 'Card payments from EU issuers failed with HTTP 500 after release v41.',
    impact: 'About 18% of checkouts failed for 52 minutes; no data was lost or exposed.',
    startedAt: minutesAfter(-6).toISOString(),
  };
  incident = assignRole(incident, 'commander', DANA, at(2));
  incident = assignRole(incident, 'patcher', ANA, at(3));
  incident = tickChecklist(incident, 'availability', true, at(4));
  incident = changeStatus(incident, 'triaged', at(5));
  incident = addTimelineEvent(
    incident,
    { kind: 'evidence', text: 'src/pay/round.ts:41 at 3f2a1b9c\nconst cents = Math.round(amount * 100) | 0;', data: { file: 'src/pay/round.ts', startLine: 41, endLine: 41 } },
    at(12, ANA),
  );
  incident = linkCommit(incident, { sha: BAD_SHA, subject: 'Round amounts in integer cents', author: ANA, committedAt: minutesAfter(-90).toISOString() }, 'cause', at(15, ANA));
  incident = postStatusUpdate(incident, { audience: 'customers', text: 'Some EU card payments fail; we are rolling back.', nextUpdateBy: minutesAfter(45) }, at(16));
  incident = addTimelineEvent(incident, { kind: 'decision', text: 'Roll back to v40 instead of a forward fix.' }, at(18));
  incident = changeStatus(incident, 'mitigated', at(30));
  incident = linkCommit(incident, { sha: FIX_SHA, subject: 'Use decimal cents | fix EU rounding', author: ANA, committedAt: minutesAfter(40).toISOString() }, 'fix', at(41, ANA));
  incident = changeStatus(incident, 'resolved', at(46));
  incident = setWhys(
    incident,
    ['Payments returned 500.', 'The rounding threw for amounts over 2^31 cents.', 'Bitwise OR truncates to 32 bits.', 'No test covered large EU amounts.'],
    at(60),
  );
  incident = setRootCause(incident, 'A bitwise OR used to truncate floats overflowed for large amounts in <EUR>.', at(61));
  incident = addActionItem(
    incident,
    { title: 'Property test for amounts up to 10^12 cents', owner: ANA, due: '2026-12-04', ticket: 'https://tracker.example.com/PAY-812' },
    { ...at(62), newId: () => 'act-prop-test' },
  );
  incident = addActionItem(incident, { title: 'Alert on 5xx rate | per issuer country', owner: DANA, due: '2026-12-11' }, { ...at(63), newId: () => 'act-5xx-alert' });
  incident = setActionItemStatus(incident, 'act-prop-test', 'done', at(90), FIX_SHA);
  let document: StoreDocument = { version: STORE_SCHEMA_VERSION, incidents: [incident], deploys: [] };
  document = recordDeploy(document, { environment: 'production', ref: 'v41', sha: BAD_SHA, status: 'succeeded', incidentIds: [] }, at(-10)).document;
  document = recordDeploy(document, { environment: 'production', ref: 'v40', sha: '1'.repeat(40), status: 'rolled-back', incidentIds: [incident.id] }, at(28)).document;
  document = recordDeploy(document, { environment: 'production', ref: 'v42', sha: FIX_SHA, status: 'succeeded', incidentIds: [incident.id] }, at(44)).document;
  return document;
}
