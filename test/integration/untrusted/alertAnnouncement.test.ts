import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyNotification } from '../../../src/core/intake/applyNotification';
import { decideAlert } from '../../../src/core/intake/intakeRules';
import { readNotification } from '../../../src/core/intake/payloads/detect';
import { defaultPlan } from '../../../src/core/plan/plan';
import type { StoreDocument } from '../../../src/core/record/schema';
import { PROJECT_ROOT } from '../../harness/projectPaths';
import { activateExtension, eventually, workspaceFolder } from '../extensionHelpers';

describe('an alert-opened incident in Restricted Mode', function () {
  this.timeout(60_000);

  it('is announced with Open only: taking command writes, which waits for trust', async () => {
    const api = await activateExtension();
    const file = join(workspaceFolder().fsPath, '.incidents', 'incidents.json');
    const original = readFileSync(file, 'utf8');
    const body = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'intake', 'alertmanager-real', 'firing.json'), 'utf8')) as { alerts: { startsAt: string }[] };
    body.alerts[0].startsAt = new Date(Date.now() - 60_000).toISOString();
    const notification = readNotification(body);
    const { document, incidentId } = applyNotification(JSON.parse(original) as StoreDocument, notification, decideAlert(notification, defaultPlan()));
    try {
      // What a git pull leaves in the file; nothing in this window writes it.
      writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
      const shown = await eventually(() => api.alertAnnouncements().find((s) => s.incidentId === incidentId), 'the announcement', 30_000);
      assert.deepEqual(shown.buttons, ['Open']);
      assert.equal(shown.message, `SEV1 from alert HighErrorRate on checkout (${incidentId})`);
    } finally {
      writeFileSync(file, original);
    }
    await eventually(() => (api.activeIncidentRows().some((row) => row.includes(incidentId ?? '-')) ? undefined : true), 'the store as it was');
  });
});
