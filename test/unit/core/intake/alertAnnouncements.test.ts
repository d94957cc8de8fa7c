import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alertAnnouncements, alertAudience, firstMemory, isAlertOpened, leadingAlert, mitigationSuggestions, samePerson } from '../../../../src/core/intake/alertAnnouncements';
import { openableAlertLink } from '../../../../src/core/intake/alertLinks';
import { applyNotification } from '../../../../src/core/intake/applyNotification';
import { decideAlert } from '../../../../src/core/intake/intakeRules';
import { readNotification } from '../../../../src/core/intake/payloads/detect';
import { changeStatus } from '../../../../src/core/lifecycle/lifecycle';
import { assignRole } from '../../../../src/core/lifecycle/changes';
import { defaultPlan, planSchema, type ResponsePlan } from '../../../../src/core/plan/plan';
import { STORE_SCHEMA_VERSION, type Incident, type StoreDocument } from '../../../../src/core/record/schema';
import { anIncident, ctx } from '../builders';
import { aNotification, anAlert } from './alertBuilders';

const FIXTURES = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'intake', 'alertmanager-real');
const payload = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
const EMPTY: StoreDocument = { version: STORE_SCHEMA_VERSION, incidents: [], deploys: [] };
const DANA = 'Dana Ortiz <dana@example.com>';

/** The store after Alertmanager's notifications, as intake writes them. */
function afterAlerts(plan: ResponsePlan, ...bodies: unknown[]): StoreDocument {
  return bodies.reduce<StoreDocument>((document, body) => {
    const notification = readNotification(body);
    return applyNotification(document, notification, decideAlert(notification, plan)).document;
  }, EMPTY);
}

const alertIncident = (plan: ResponsePlan = defaultPlan(), ...bodies: unknown[]): Incident => afterAlerts(plan, ...(bodies.length ? bodies : [payload('firing')])).incidents[0];
const withRoster = (roles: Record<string, string[]>, severities?: Record<string, unknown>) => planSchema.parse({ version: 1, roles, ...(severities && { severities }) });

describe('which alert-opened incidents a person is told about', () => {
  it('knows an incident an alert opened: alerts on it, declared by the intake; not one a person declared, even with alerts', () => {
    const opened = alertIncident();
    assert.equal(isAlertOpened(opened), true);
    assert.equal(isAlertOpened(anIncident()), false);
    assert.equal(isAlertOpened({ ...anIncident(), alerts: opened.alerts }), false, 'declared by a person, alerts attached later');
    assert.equal(isAlertOpened({ ...opened, alerts: [] }), false);
  });

  it('names an incident by the first of its alerts still firing', () => {
    const notification = aNotification([
      anAlert({ fingerprint: 'a1', state: 'resolved', startsAt: '2026-11-23T09:00:00.000Z', endsAt: '2026-11-23T09:30:00.000Z', labels: { alertname: 'Early' } }),
      anAlert({ fingerprint: 'a2', startsAt: '2026-11-23T10:05:00.000Z', labels: { alertname: 'Later' } }),
      anAlert({ fingerprint: 'a3', startsAt: '2026-11-23T10:01:00.000Z', labels: { alertname: 'First firing' } }),
    ]);
    const incident = applyNotification(EMPTY, notification, decideAlert(notification, defaultPlan())).document.incidents[0];
    assert.equal(leadingAlert(incident)?.name, 'First firing');
  });

  it('compares people by email when both have one, else by name; two emails are two people', () => {
    assert.equal(samePerson(DANA, 'dana@example.com'), true);
    assert.equal(samePerson(DANA, ' dana ortiz '), true);
    assert.equal(samePerson(DANA, 'DANA@example.com'), true);
    assert.equal(samePerson(DANA, 'Dana Ortiz <dana@other.example>'), false);
    assert.equal(samePerson(DANA, 'Sam Lee <sam@example.com>'), false);
    assert.equal(samePerson('', DANA), false);
  });

  it("tells everyone when the plan names no commander; else the commander roster and the people the severity's notify names (a role there stands for its roster)", () => {
    assert.equal(alertAudience(defaultPlan(), { severity: 'SEV1' }), 'everyone');
    const plan = withRoster(
      { commander: [DANA], communicator: ['Bo Chen <bo@example.com>'] },
      { ...defaultPlan().severities, SEV1: { ...defaultPlan().severities.SEV1, notify: ['communicator', 'Ana <ana@example.com>', '#incident-command'] } },
    );
    assert.deepEqual(alertAudience(plan, { severity: 'SEV1' }), [DANA, 'Bo Chen <bo@example.com>', 'Ana <ana@example.com>', '#incident-command']);
    assert.deepEqual(alertAudience(plan, { severity: 'SEV3' }), [DANA]);
  });

  it("tells whoever is on call in the severity's rotation (each layer) and its notify list, not the rest of the roster", () => {
    const SAM = 'Sam Lee <sam@example.com>';
    const plan = planSchema.parse({
      version: 1,
      roles: { commander: [DANA, SAM] },
      severities: { ...defaultPlan().severities, SEV1: { ...defaultPlan().severities.SEV1, rotation: 'payments', notify: ['Ana <ana@example.com>'] } },
      oncall: {
        rotations: [
          {
            name: 'payments',
            members: [SAM, DANA],
            shift: '1w',
            handoff: '09:00',
            start: '2026-01-05',
            layers: [{ name: 'primary' }],
            overrides: [{ person: SAM, from: '2026-11-01', until: '2026-12-01' }],
          },
        ],
      },
    });
    assert.deepEqual(alertAudience(plan, { severity: 'SEV1' }, new Date('2026-11-20T12:00:00Z')), [SAM, 'Ana <ana@example.com>']);
    assert.deepEqual(alertAudience(plan, { severity: 'SEV3' }, new Date('2026-11-20T12:00:00Z')), [DANA, SAM], 'a severity routed nowhere: the roster');
    const byRule = { ...plan, intake: { rules: [{ name: 'payments-low', match: {}, rotation: 'payments' }] } };
    assert.deepEqual(alertAudience(byRule, { severity: 'SEV3', rule: 'payments-low' }, new Date('2026-11-20T12:00:00Z')), [SAM], "an intake rule's rotation: its on-call person");
  });

  it('remembers what the store holds the first time, without announcing it', () => {
    const document = afterAlerts(defaultPlan(), payload('firing'));
    const memory = firstMemory([...document.incidents, anIncident()]);
    assert.deepEqual(memory.seen, [document.incidents[0].id]);
    assert.deepEqual(alertAnnouncements(document.incidents, memory, defaultPlan(), DANA), { announce: [], memory, changed: false });
  });

  it('announces an alert-opened incident once: a later change to it, or the remembered memory after a reload, says nothing again', () => {
    const before = [anIncident()];
    const memory = firstMemory(before);
    const document = afterAlerts(defaultPlan(), payload('firing'));
    const first = alertAnnouncements([...before, ...document.incidents], memory, defaultPlan(), DANA);
    assert.deepEqual(
      first.announce.map((incident) => incident.id),
      [document.incidents[0].id],
    );
    assert.equal(first.changed, true);
    const grown = afterAlerts(defaultPlan(), payload('firing'), payload('firing-grouped'));
    const again = alertAnnouncements([...before, ...grown.incidents], first.memory, defaultPlan(), DANA);
    assert.deepEqual(again.announce, []);
    const reloaded = alertAnnouncements(grown.incidents, JSON.parse(JSON.stringify(first.memory)), defaultPlan(), DANA);
    assert.deepEqual(reloaded.announce, []);
  });

  it('remembers without announcing an incident already resolved when it arrives, and one the roster does not give this person', () => {
    const open = alertIncident();
    const resolved = changeStatus(assignRole(open, 'commander', DANA, ctx()), 'resolved', ctx());
    const quiet = alertAnnouncements([resolved], { seen: [] }, defaultPlan(), DANA);
    assert.deepEqual([quiet.announce, quiet.memory.seen], [[], [open.id]]);

    const roster = withRoster({ commander: ['Sam Lee <sam@example.com>'] });
    const notMine = alertAnnouncements([open], { seen: [] }, roster, DANA);
    assert.deepEqual([notMine.announce, notMine.memory.seen], [[], [open.id]]);
    const nobody = alertAnnouncements([open], { seen: [] }, roster, '');
    assert.equal(nobody.announce.length, 1, 'someone the editor cannot name (Restricted Mode) is told');
    const sams = alertAnnouncements([open], { seen: [] }, roster, 'Sam Lee <SAM@example.com>');
    assert.deepEqual(
      sams.announce.map((incident) => incident.id),
      [open.id],
    );
  });

  it('announces a drill an alert opened, as it would a real one (the editor marks it a drill)', () => {
    const drillPlan = planSchema.parse({ version: 1, intake: { rules: [{ name: 'game-day', match: { 'labels.alertname': 'HighErrorRate' }, drill: true }] } });
    const drill = alertIncident(drillPlan);
    assert.equal(drill.drill, true);
    assert.equal(alertAnnouncements([drill], { seen: [] }, drillPlan, DANA).announce.length, 1);
  });
});

describe('which alert link the panel may open', () => {
  const incident = alertIncident();
  const runbook = 'https://runbooks.example.com/checkout/high-error-rate';

  it("opens an http(s) link the incident's alerts carry, exactly as stored", () => {
    const links = incident.alerts?.flatMap((alert) => alert.links.map((link) => link.url)) ?? [];
    assert.ok(links.includes(runbook));
    for (const url of links) assert.equal(openableAlertLink(incident, url), url);
  });

  it('refuses any other URL, another scheme, and a stored link that is not http(s)', () => {
    for (const url of ['https://evil.example.com/', `${runbook}?x=1`, 'command:workbench.action.terminal.new', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', ''])
      assert.equal(openableAlertLink(incident, url), undefined, url);
    const planted = { alerts: incident.alerts?.map((alert) => ({ ...alert, links: [{ title: 'Run', url: 'command:workbench.action.terminal.new' }] })) };
    assert.equal(openableAlertLink(planted, 'command:workbench.action.terminal.new'), undefined);
    assert.equal(openableAlertLink(anIncident(), runbook), undefined, 'an incident without alerts opens nothing');
  });
});

describe('suggesting mitigated when every alert has resolved', () => {
  it('suggests it once per resolution, only before mitigation, and again when the alerts fire and resolve anew', () => {
    const firing = afterAlerts(defaultPlan(), payload('firing'), payload('firing-grouped')).incidents;
    assert.deepEqual(mitigationSuggestions(firing, []).suggest, [], 'alerts still firing');
    const resolved = afterAlerts(defaultPlan(), payload('firing'), payload('firing-grouped'), payload('resolved')).incidents;
    const first = mitigationSuggestions(resolved, []);
    assert.deepEqual(
      first.suggest.map((incident) => incident.id),
      [resolved[0].id],
    );
    assert.deepEqual(mitigationSuggestions(resolved, first.suggested).suggest, [], 'once');
    const mitigated = resolved.map((incident) => changeStatus(incident, 'mitigated', ctx()));
    assert.deepEqual(mitigationSuggestions(mitigated, []).suggest, [], 'already mitigated: nothing to suggest');
    const handDeclared = [{ ...anIncident(), alerts: resolved[0].alerts }];
    assert.deepEqual(mitigationSuggestions(handDeclared, []).suggest, [], 'only incidents an alert opened');
    const again = resolved.map((incident) => ({ ...incident, alerts: incident.alerts!.map((alert) => ({ ...alert, endsAt: '2026-12-07T09:00:00.000Z' })) }));
    assert.equal(mitigationSuggestions(again, first.suggested).suggest.length, 1, 'a new resolution is suggested again');
  });
});
