/** An intake rule may name one of the plan's incident types (issue 31): the incident an alert opens has it, with what the type gives that the rule leaves out. */
import * as assert from 'node:assert/strict';
import { applyNotification } from '../../../../src/core/intake/applyNotification';
import { decideAlert, decideForAlert } from '../../../../src/core/intake/intakeRules';
import { planSchema } from '../../../../src/core/plan/plan';
import { STORE_SCHEMA_VERSION, type StoreDocument } from '../../../../src/core/record/schema';
import { aNotification, anAlert, aPlan } from './alertBuilders';

const TYPES = [
  { id: 'vendor', title: 'Vendor outage', definition: 'A provider is down.', category: 'performance', severity: 'SEV2', runbooks: ['call-the-vendor.md'] },
  { id: 'data-loss', title: 'Data loss', definition: 'Data gone.', category: 'security' },
];
const EMPTY: StoreDocument = { version: STORE_SCHEMA_VERSION, incidents: [], deploys: [] };

describe('intake rules that name a type', () => {
  it("give the type's category, severity and runbooks where the rule says nothing, and the rule's own where it does", () => {
    const plan = aPlan(
      {
        rules: [
          { name: 'stripe', match: { 'labels.service': 'stripe' }, type: 'vendor', runbooks: ['payments-down.md'] },
          { name: 'backups', match: { 'labels.service': 'backups' }, type: 'data-loss', severity: 'SEV1', category: 'security' },
        ],
      },
      { types: TYPES },
    );
    const stripe = decideForAlert(anAlert({ labels: { service: 'stripe' } }), plan);
    assert.deepEqual(
      [stripe.type, stripe.category, stripe.severity, stripe.runbooks],
      ['vendor', 'performance', 'SEV2', ['.incidents/runbooks/payments-down.md', '.incidents/runbooks/call-the-vendor.md']],
    );
    assert.doesNotMatch(stripe.reason, /default severity/, "the type's severity is not the default rule's");
    const backups = decideForAlert(anAlert({ labels: { service: 'backups', severity: 'warning' } }), plan);
    assert.deepEqual([backups.type, backups.category, backups.severity], ['data-loss', 'security', 'SEV1']);
    const other = decideForAlert(anAlert({ labels: { service: 'search' } }), plan);
    assert.equal(other.type, undefined);

    const notification = aNotification([anAlert({ labels: { service: 'stripe' } })]);
    const applied = applyNotification(EMPTY, notification, decideAlert(notification, plan));
    const opened = applied.document.incidents[0];
    assert.deepEqual([opened.type, opened.category, opened.severity], ['vendor', 'performance', 'SEV2']);
  });

  it('a rule naming a type the plan does not define is refused where it is named', () => {
    const result = planSchema.safeParse({ version: 1, types: TYPES, intake: { rules: [{ name: 'r', type: 'payments' }] } });
    assert.equal(result.success, false);
    assert.deepEqual(result.success ? [] : result.error.issues.map((issue) => [issue.path.join('.'), issue.message]), [
      ['intake.rules.0.type', `"payments" is not one of the plan's types`],
    ]);
    const none = planSchema.safeParse({ version: 1, intake: { rules: [{ name: 'r', type: 'vendor' }] } });
    assert.match(none.success ? '' : none.error.issues[0].message, /the plan has no "types" block/);
  });
});
