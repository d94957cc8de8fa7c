import * as assert from 'node:assert/strict';
import { assignRole } from '../../../../src/core/lifecycle/changes';
import { changeStatus } from '../../../../src/core/lifecycle/lifecycle';
import { resolvePolicy } from '../../../../src/core/clocks/sla';
import { incidentRow, incidentTooltip, unreadableRecordsMessage } from '../../../../src/ui/views/incidentRows';
import { anIncident, ctx, minutesAfter } from '../../core/builders';
import { applyNotification } from '../../../../src/core/intake/applyNotification';
import { decideAlert } from '../../../../src/core/intake/intakeRules';
import { defaultPlan } from '../../../../src/core/plan/plan';
import { STORE_SCHEMA_VERSION } from '../../../../src/core/record/schema';
import { aNotification, anAlert } from '../../core/intake/alertBuilders';

const policy = resolvePolicy(undefined);

describe('an incident row in the Active Incidents view', () => {
  it('puts the title first, so a narrow sidebar keeps it, and the running clock, status and id after it', () => {
    const row = incidentRow(anIncident(), policy, minutesAfter(3));
    assert.equal(row.label, 'Checkout returns 500');
    assert.equal(row.description, '12m left · detected · INC-1A2B3C4D');
    assert.equal(row.clock, 'responds in 12m');
    assert.equal(row.breached, false);
  });

  it('says "overdue" when a target has passed, "<1m" under a minute', () => {
    assert.equal(incidentRow(anIncident(), policy, minutesAfter(40)).description, 'overdue 25m · detected · INC-1A2B3C4D');
    const justLate = incidentRow(anIncident(), policy, new Date(minutesAfter(15).getTime() + 10_000));
    assert.equal(justLate.label, 'Checkout returns 500');
    assert.equal(justLate.description, 'overdue <1m · detected · INC-1A2B3C4D');
    assert.equal(justLate.clock, 'response overdue <1m');
    assert.equal(justLate.breached, true);
  });

  it('shows no clock once every clock has stopped', () => {
    const triaged = changeStatus(anIncident({ commander: 'Sam' }), 'triaged', ctx(minutesAfter(5)));
    const resolved = changeStatus(triaged, 'resolved', ctx(minutesAfter(30)));
    const row = incidentRow(resolved, policy, minutesAfter(300));
    assert.equal(row.label, 'Checkout returns 500');
    assert.equal(row.clock, undefined);
    assert.equal(row.breached, false);
  });

  it('has a tooltip with id, severity, status, both clocks with their deadlines, and every role', () => {
    let incident = changeStatus(anIncident({ commander: 'Sam Lee' }), 'triaged', ctx(minutesAfter(5)));
    incident = assignRole(incident, 'scribe', 'Bo Chen', ctx(minutesAfter(6)));
    incident = assignRole(incident, 'responder', 'Ana', ctx(minutesAfter(6)));
    const tooltip = incidentTooltip(incident, policy, minutesAfter(70));
    assert.match(
      incidentTooltip(anIncident(), policy, minutesAfter(3)),
      /\nResponse: 12m left, due 2026-11-23 10:15 UTC\nResolution: 57m left, due 2026-11-23 11:00 UTC\nCommander: unassigned$/,
    );
    assert.deepEqual(tooltip.split('\n'), [
      'INC-1A2B3C4D · SEV1 · regression',
      'Checkout returns 500',
      'Status: triaged',
      'Response: met, 10m before its target',
      'Resolution: overdue 10m, due 2026-11-23 11:00 UTC',
      'Commander: Sam Lee',
      'Scribe: Bo Chen',
      'Responders: Ana',
    ]);
  });

  it('marks a drill: "DRILL" first in the description, a drill flag for its icon, and a tooltip line that says it is practice', () => {
    const drill = anIncident({ drill: true });
    const row = incidentRow(drill, policy, minutesAfter(3));
    assert.equal(row.description, 'DRILL · 12m left · detected · INC-1A2B3C4D');
    assert.equal(row.drill, true);
    assert.equal(row.label, 'Checkout returns 500');
    assert.equal(incidentTooltip(drill, policy, minutesAfter(3)).split('\n')[2], 'Drill: a practice, not a real incident');
    assert.equal(incidentRow(anIncident(), policy, minutesAfter(3)).drill, false);
    assert.ok(!incidentTooltip(anIncident(), policy, minutesAfter(3)).includes('Drill'));
  });

  it('marks an incident an alert opened: "alert" in the description, an alert flag for its bell, and a tooltip line naming the alert', () => {
    const notification = aNotification([anAlert()]);
    const applied = applyNotification({ version: STORE_SCHEMA_VERSION, incidents: [], deploys: [] }, notification, decideAlert(notification, defaultPlan()));
    const opened = applied.document.incidents[0];
    const row = incidentRow(opened, policy, minutesAfter(3));
    assert.match(row.description, new RegExp(`^alert · (overdue \\S+|\\S+ left) · detected · ${opened.id}$`));
    assert.equal(row.alert, true);
    assert.equal(incidentTooltip(opened, policy, minutesAfter(3)).split('\n')[2], 'Opened by alert HighErrorRate from alertmanager: 1 firing, 0 resolved');
    assert.match(incidentRow({ ...opened, drill: true }, policy, minutesAfter(3)).description, new RegExp(`^DRILL · alert · .* · detected · ${opened.id}$`));
    // Alerts attached to an incident a person declared do not make it alert-opened.
    const declared = { ...anIncident(), alerts: opened.alerts };
    assert.deepEqual(
      [incidentRow(declared, policy, minutesAfter(3)).alert, incidentRow(declared, policy, minutesAfter(3)).description],
      [false, '12m left · detected · INC-1A2B3C4D'],
    );
  });
});

describe("the view's message about records the store could not read", () => {
  it('counts and names every record and says the store is read-only', () => {
    assert.equal(unreadableRecordsMessage([]), undefined);
    assert.equal(
      unreadableRecordsMessage(['incident INC-BAD00001: severity: Invalid option', 'deploy #2: at: an ISO-8601 time']),
      '2 records could not be read: incident INC-BAD00001 (severity: Invalid option); deploy #2 (at: an ISO-8601 time). The store is read-only until they are fixed.',
    );
    assert.match(unreadableRecordsMessage(['policy: targets.SEV1.response: a duration'])!, /^1 record could not be read: policy \(targets\.SEV1\.response: a duration\)\./);
  });
});
