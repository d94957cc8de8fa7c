/**
 * Incidents opened by alerts, in a real extension host: an Alertmanager
 * notification is taken into the workspace's store by another process (what
 * a teammate's receiver and team sync, or `incident intake` in a terminal,
 * leave in the file), and the editor announces the incident once, marks its
 * row with a bell, and lists its alerts under it. The plan's commander
 * roster decides who is told.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPlan } from '../../src/core/plan/plan';
import { IncidentStore } from '../../src/store/incidentStore';
import { takeAlert } from '../../src/workflows/alertIntake';
import { PROJECT_ROOT } from '../harness/projectPaths';
import { activateExtension, eventually, workspaceFolder } from './extensionHelpers';

const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'intake', 'alertmanager-real');

interface AlertBody {
  groupKey: string;
  alerts: { status: string; labels: Record<string, string>; startsAt: string; endsAt: string; fingerprint: string }[];
}

/** A notification Alertmanager sent, its alerts started `minutesAgo` (a resolved one ended a minute ago) and renamed, so each test has its own group and incident. */
function notification(fixture: string, name: string, minutesAgo: number): AlertBody {
  const body = JSON.parse(readFileSync(join(FIXTURES, `${fixture}.json`), 'utf8')) as AlertBody;
  const startsAt = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const endsAt = new Date(Date.now() - 60_000).toISOString();
  return {
    ...body,
    groupKey: body.groupKey.replace('HighErrorRate', name),
    alerts: body.alerts.map((alert) => ({
      ...alert,
      startsAt,
      ...(alert.status === 'resolved' && { endsAt }),
      fingerprint: `${name}-${alert.fingerprint}`,
      labels: { ...alert.labels, alertname: name },
    })),
  };
}

/** Takes the notification into the workspace's store as a receiver on another machine would; returns the incident's id. */
async function intake(body: AlertBody): Promise<string> {
  const store = new IncidentStore(workspaceFolder().fsPath);
  const taken = await takeAlert({ store, plan: () => defaultPlan(), trackedFiles: async () => [] }, body, 'alertmanager');
  assert.ok(taken.incidentId, taken.reason);
  return taken.incidentId;
}

describe('incidents opened by alerts in VS Code', function () {
  this.timeout(90_000);

  it('announces one arriving in the store once, with Open and Take Command, and shows its alerts under its bell row', async () => {
    const api = await activateExtension();
    const started = new Date(Date.now() - 4 * 60_000);
    const id = await intake(notification('firing', 'HighErrorRate', 4));
    const announced = () => api.alertAnnouncements().filter((shown) => shown.incidentId === id && shown.kind === 'announcement');
    const [shown] = await eventually(() => (announced().length ? announced() : undefined), 'the announcement', 30_000);
    assert.deepEqual(shown, { kind: 'announcement', incidentId: id, message: `SEV1 from alert HighErrorRate on checkout (${id})`, buttons: ['Open', 'Take Command'], calm: false });

    const row = await eventually(() => api.activeIncidentItem(id), 'the row');
    assert.deepEqual([row.icon, row.iconColor], ['bell', 'charts.red']);
    assert.match(row.description ?? '', new RegExp(`^alert · ([^·]+ left|overdue [^·]+) · detected · ${id}$`));
    assert.match(row.tooltip ?? '', /\nOpened by alert HighErrorRate from alertmanager: 1 firing, 0 resolved\n/);

    // The second instance of the group joins, the first repeats: the same incident, not announced again.
    await intake(notification('firing-grouped', 'HighErrorRate', 4));
    const children = await eventually(
      async () => {
        const rows = await api.activeIncidentChildren(id);
        return rows && rows.filter((child) => child.icon === 'bell-dot').length === 2 ? rows : undefined;
      },
      'two alert rows',
      30_000,
    );
    assert.deepEqual(
      children.slice(0, 2).map((child) => [child.label, child.description, child.iconColor]),
      [
        ['HighErrorRate', 'firing · instance=web-1:8080 · 2 notifications', 'charts.red'],
        ['HighErrorRate', 'firing · instance=web-2:8080 · 1 notification', 'charts.red'],
      ],
    );
    assert.match(
      children[0].tooltip ?? '',
      /^Alert HighErrorRate from alertmanager\nFiring since \d{4}-\d\d-\d\d \d\d:\d\d UTC\nLabels: alertname=HighErrorRate, service=checkout/,
    );
    assert.match(children[0].tooltip ?? '', new RegExp(`Firing since ${started.toISOString().slice(0, 10)}`));
    assert.match(children[1].tooltip ?? '', /instance=web-2:8080/);
    // A later change to the store (the resolution) runs the check again: still one announcement.
    await intake(notification('resolved', 'HighErrorRate', 4));
    await eventually(async () => ((await api.activeIncidentChildren(id))?.[0]?.icon === 'bell-slash' ? true : undefined), 'the resolved alerts', 30_000);
    // Every alert resolved: mitigated is suggested, once, and the status is left to a person.
    const suggested = await eventually(() => api.alertAnnouncements().find((s) => s.incidentId === id && s.kind === 'mitigation'), 'the suggestion to mark it mitigated', 30_000);
    assert.deepEqual(suggested, {
      kind: 'mitigation',
      incidentId: id,
      message: `Every alert of ${id} has resolved. If the impact has stopped, mark it mitigated.`,
      buttons: ['Mark Mitigated', 'Open'],
      calm: true,
    });
    const another = await intake(notification('firing', 'LatencyHigh', 2));
    await eventually(() => (api.alertAnnouncements().some((s) => s.incidentId === another) ? true : undefined), 'the next announcement', 30_000);
    assert.equal(announced().length, 1, 'announced once');
    assert.equal(api.alertAnnouncements().filter((s) => s.incidentId === id && s.kind === 'mitigation').length, 1, 'mitigated suggested once');
    assert.equal((await api.activeIncidentItem(id)) !== undefined, true, 'still active: an alert never moves the status');
  });

  it("tells only the plan's commander roster when it names people: nobody else, and them by email", async () => {
    const api = await activateExtension();
    const plan = join(workspaceFolder().fsPath, '.incidents', 'plan.json');
    const writePlan = (commanders: string[]) => writeFileSync(plan, JSON.stringify({ version: 1, roles: { commander: commanders } }));
    try {
      writePlan(['Sam Lee <sam@example.com>']);
      const notMine = await intake(notification('firing', 'DiskFull', 3));
      await eventually(() => api.activeIncidentItem(notMine), 'the row of the incident not announced here', 30_000);
      // Dana (this workspace's git identity) on the roster by her email alone.
      writePlan(['Sam Lee <sam@example.com>', 'dana@example.com']);
      const mine = await intake(notification('firing', 'QueueStuck', 3));
      await eventually(() => (api.alertAnnouncements().some((s) => s.incidentId === mine) ? true : undefined), 'the announcement to a commander on the roster', 30_000);
      // Checks run in order, so the first one has been decided by now.
      assert.equal(
        api.alertAnnouncements().some((s) => s.incidentId === notMine),
        false,
        'not announced to someone off the roster',
      );
    } finally {
      rmSync(plan, { force: true });
    }
  });
});
