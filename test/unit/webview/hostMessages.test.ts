/**
 * The webviews check what the host sends by hand (no zod in their bundles).
 * These checks must accept every message the host really sends (the same
 * messages the host's strict schemas accept) and refuse the malformed ones.
 */
import * as assert from 'node:assert/strict';
import { computeMetrics } from '../../../src/core/retrospective/metrics';
import { parseHostMessage, parseWebviewMessage } from '../../../src/protocol/incidentPanel';
import { parseMetricsHostMessage } from '../../../src/protocol/metrics';
import { takeRequestId } from '../../../src/protocol/requests';
import { buildPanelState } from '../../../src/protocol/incidentPanelState';
import { checkHostMessage } from '../../../webview-ui/src/hostMessages';
import { checkMetricsHostMessage, savedFilter } from '../../../webview-ui/src/metrics/hostMessages';
import { defaultPlan } from '../../../src/core/plan/plan';
import { anIncident } from '../core/builders';

describe('the incident panel checks what the host sends', () => {
  const incident = anIncident();
  const state = buildPanelState(incident, { version: 2, incidents: [incident], deploys: [] }, undefined);
  const withPlan = buildPanelState(incident, { version: 2, incidents: [incident], deploys: [] }, undefined, undefined, defaultPlan());

  // A typed incident with a value of a field the plan dropped, and a plan with a channel: its audience goes first.
  const typedPlan = {
    ...defaultPlan(),
    channels: [{ name: 'ops-slack', audience: 'responders', reach: '#incident-room' }],
    types: [
      {
        id: 'data-loss',
        title: 'Data loss',
        definition: 'Customer data deleted',
        category: 'security' as const,
        fields: [{ id: 'region', title: 'Region', kind: 'choice' as const, choices: ['eu', 'us'], required: true, public: true }],
        questions: [{ id: 'backup-verified', text: 'Restored a backup somewhere safe?' }],
      },
    ],
  };
  const typedIncident = { ...incident, category: 'security' as const, type: 'data-loss', fields: { region: 'eu', gone: 3 } };
  const typed = buildPanelState(typedIncident, { version: 2, incidents: [typedIncident], deploys: [] }, undefined, undefined, typedPlan);

  it("gives the panel the type's fields with their editors' needs, its questions, and the plan's audiences first", () => {
    assert.deepEqual(
      typed.view.type?.fields.map((row) => [row.id, row.kind, row.value, row.defined, row.choices]),
      [
        ['region', 'choice', 'eu', true, ['eu', 'us']],
        ['gone', 'text', '3', false, undefined],
      ],
    );
    assert.deepEqual(typed.view.type?.questions, [{ id: 'backup-verified', text: 'Restored a backup somewhere safe?' }]);
    assert.deepEqual(typed.view.audiences?.slice(0, 2), [{ audience: 'responders', description: 'ops-slack · #incident-room' }, { audience: 'stakeholders' }]);
  });

  const sent: unknown[] = [
    { type: 'state', state },
    { type: 'state', state: typed },
    { type: 'state', state: { ...state, readOnly: true, readOnlyReason: 'Restricted Mode' } },
    { type: 'missing', incidentId: 'INC-1A2B3C4D' },
    { type: 'error', message: 'cannot go to mitigated', requestId: '7' },
    { type: 'error', message: 'cannot go to mitigated' },
    { type: 'showTab', tab: 'retrospective' },
    { type: 'state', state: { ...state, incident: { ...incident, drill: true } } },
    { type: 'state', state: withPlan },
    { type: 'state', state: { ...state, newEventIds: [incident.timeline[0].id] } },
    {
      type: 'state',
      state: { ...state, incident: { ...incident, highlights: { [incident.timeline[0].id]: { on: true, by: 'Ana Lima <ana@example.com>', at: incident.declaredAt } } } },
    },
    {
      type: 'state',
      state: {
        ...state,
        incident: { ...incident, tasks: [{ id: 'task-1', text: 'Freeze deploys', done: false, createdAt: incident.declaredAt, updatedAt: incident.declaredAt }] },
      },
    },
  ];
  for (const message of sent) {
    it(`accepts ${JSON.stringify(message).slice(0, 60)}…, as the host's schema does`, () => {
      assert.equal(parseHostMessage(message).ok, true);
      assert.deepEqual(checkHostMessage(message), { ok: true, message });
    });
  }

  const malformed: Array<[string, unknown, string]> = [
    ['not an object', 'state', 'type'],
    ['null', null, 'type'],
    ['an unknown type', { type: 'runScript' }, 'type'],
    ['a state with only an id and a title', { type: 'state', state: { incident: { id: 'x', title: 'Injected' } } }, 'state.incident.severity'],
    ['a state whose severity is not one', { type: 'state', state: { ...state, incident: { ...incident, severity: 'SEV9' } } }, 'state.incident.severity'],
    ['a state without the view', { type: 'state', state: { ...state, view: undefined } }, 'state.view.stage'],
    ['a state whose timeline is not a list', { type: 'state', state: { ...state, incident: { ...incident, timeline: {} } } }, 'state.incident.timeline'],
    ['a tab that does not exist', { type: 'showTab', tab: 'settings' }, 'tab'],
    ['triage groups that are not a list', { type: 'state', state: { ...withPlan, view: { ...withPlan.view, triage: {} } } }, 'state.view.triage'],
    [
      'a triage group that is not a CIA letter',
      { type: 'state', state: { ...withPlan, view: { ...withPlan.view, triage: [{ group: 'secrecy', questions: [] }] } } },
      'state.view.triage',
    ],
    ['highlights that are a list', { type: 'state', state: { ...state, incident: { ...incident, highlights: ['event-1'] } } }, 'state.incident.highlights'],
    [
      'a highlight whose flag is text',
      { type: 'state', state: { ...state, incident: { ...incident, highlights: { 'event-1': { on: 'yes', by: 'Ana', at: incident.declaredAt } } } } },
      'state.incident.highlights',
    ],
    ['a drill flag that is not a boolean', { type: 'state', state: { ...state, incident: { ...incident, drill: 'yes' } } }, 'state.incident.drill'],
    ['tasks that are not a list', { type: 'state', state: { ...state, incident: { ...incident, tasks: { id: 'task-1' } } } }, 'state.incident.tasks'],
    ['a task without its done flag', { type: 'state', state: { ...state, incident: { ...incident, tasks: [{ id: 'task-1', text: 'x' }] } } }, 'state.incident.tasks'],
    [
      'a field of a kind the panel has no editor for',
      {
        type: 'state',
        state: { ...typed, view: { ...typed.view, type: { ...typed.view.type, fields: [{ id: 'x', title: 'X', kind: 'html', required: false, defined: true }] } } },
      },
      'state.view.type',
    ],
    ['audiences that are not a list', { type: 'state', state: { ...typed, view: { ...typed.view, audiences: 'everyone' } } }, 'state.view.audiences'],
    ['new entries that are one id, not a list', { type: 'state', state: { ...state, newEventIds: 'event-1' } }, 'state.newEventIds'],
    ['a new entry whose id is a number', { type: 'state', state: { ...state, newEventIds: [7] } }, 'state.newEventIds'],
    ['an error that is not text', { type: 'error', message: { html: '<b>' } }, 'message'],
  ];
  for (const [what, message, where] of malformed) {
    it(`refuses ${what}, naming ${where}`, () => {
      assert.deepEqual(checkHostMessage(message), { ok: false, error: `${where}: malformed` });
    });
  }
});

describe('the metrics dashboard checks what the host sends', () => {
  const metrics = computeMetrics([anIncident()], [], undefined, { now: new Date('2026-11-24T00:00:00Z') });
  const drillMetrics = computeMetrics([anIncident({ drill: true })], [], undefined, { now: new Date('2026-11-24T00:00:00Z') });

  it("accepts the numbers the host computes and an error reply, as the host's schema does", () => {
    for (const message of [
      { type: 'metrics', filter: { range: 'all', category: 'security', severity: 'SEV1' }, metrics, computedInMs: 3 },
      { type: 'metrics', filter: { range: '30d', includeDrills: true }, metrics: drillMetrics, computedInMs: 3 },
      { type: 'error', message: 'no folder', requestId: '3' },
    ]) {
      assert.equal(parseMetricsHostMessage(message).ok, true);
      assert.deepEqual(checkMetricsHostMessage(message), { ok: true, message });
    }
  });

  const malformed: Array<[string, unknown, string]> = [
    ['a negative count', { type: 'metrics', filter: { range: 'all' }, metrics: { ...metrics, incidents: -1 }, computedInMs: 1 }, 'metrics.incidents'],
    [
      'numbers without a category',
      { type: 'metrics', filter: { range: 'all' }, metrics: { ...metrics, byCategory: { regression: metrics.byCategory.regression } }, computedInMs: 1 },
      'metrics.byCategory',
    ],
    ['a range that does not exist', { type: 'metrics', filter: { range: '7y' }, metrics, computedInMs: 1 }, 'filter.range'],
    ['a filter with a key it does not know', { type: 'metrics', filter: { range: 'all', team: 'payments' }, metrics, computedInMs: 1 }, 'filter'],
    ['a negative time', { type: 'metrics', filter: { range: 'all' }, metrics, computedInMs: -5 }, 'computedInMs'],
    ['numbers without the drills report', { type: 'metrics', filter: { range: 'all' }, metrics: { ...metrics, drills: undefined }, computedInMs: 1 }, 'metrics.drills'],
    [
      'drill dates that are not text',
      { type: 'metrics', filter: { range: 'all' }, metrics: { ...metrics, drills: { ...metrics.drills, dates: [1] } }, computedInMs: 1 },
      'metrics.drills',
    ],
    ['an "include drills" that is not a boolean', { type: 'metrics', filter: { range: 'all', includeDrills: 'yes' }, metrics, computedInMs: 1 }, 'filter.includeDrills'],
  ];
  for (const [what, message, where] of malformed) {
    it(`refuses ${what}, naming ${where}`, () => {
      assert.deepEqual(checkMetricsHostMessage(message), { ok: false, error: `${where}: malformed` });
    });
  }

  it('restores a saved filter only when it is well formed', () => {
    assert.deepEqual(savedFilter({ range: '30d', severity: 'SEV2' }), { range: '30d', severity: 'SEV2' });
    assert.deepEqual(savedFilter({ range: '30d', includeDrills: true }), { range: '30d', includeDrills: true });
    for (const saved of [undefined, 'all', { range: 'forever' }, { range: '30d', severity: 'SEV0' }]) assert.equal(savedFilter(saved), undefined);
  });
});

describe('request ids from a webview', () => {
  it('are split off the message, so its strict schema sees only the message', () => {
    assert.deepEqual(takeRequestId({ type: 'setStatus', status: 'mitigated', requestId: '12' }), { requestId: '12', message: { type: 'setStatus', status: 'mitigated' } });
    assert.deepEqual(takeRequestId({ type: 'ready' }), { message: { type: 'ready' } });
  });

  it('stay in the message when ill-formed, where the strict schema refuses them', () => {
    for (const requestId of [12, '', 'x'.repeat(33), '../../etc']) {
      const raw = { type: 'recordDeploy', requestId };
      assert.deepEqual(takeRequestId(raw), { message: raw });
      assert.equal(parseWebviewMessage(takeRequestId(raw).message).ok, false);
    }
  });
});
