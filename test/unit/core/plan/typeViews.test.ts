/**
 * Where an incident's type and fields show (issue 31): the postmortem, the
 * public status page (public fields only), the handoff brief (required fields
 * still empty, as open items), the regulatory clocks a type switches on or
 * off, and the Markdown agents read.
 */
import * as assert from 'node:assert/strict';
import { effectivePlan, planSchema } from '../../../../src/core/plan/plan';
import { answerTypeQuestion, changeType, setTypeField } from '../../../../src/core/lifecycle/typeFields';
import { postStatusUpdate } from '../../../../src/core/lifecycle/changes';
import { typeView } from '../../../../src/core/plan/fieldValues';
import { renderPostmortem } from '../../../../src/core/retrospective/postmortem';
import { renderStatusPage } from '../../../../src/core/statusPage/renderStatusPage';
import { handoffBrief } from '../../../../src/core/communication/handoff';
import { regulatoryClocks } from '../../../../src/core/clocks/regulatory';
import { dueAlerts } from '../../../../src/core/clocks/alerts';
import { resolvePolicy } from '../../../../src/core/clocks/sla';
import { incidentMarkdown } from '../../../../src/agent/incidentMarkdown';
import { buildPanelState } from '../../../../src/protocol/incidentPanelState';
import { STORE_SCHEMA_VERSION } from '../../../../src/core/record/schema';
import type { Incident } from '../../../../src/core/record/schema';
import { anIncident, ctx, minutesAfter } from '../builders';

const plan = effectivePlan(
  planSchema.parse({
    version: 1,
    regulatory: [{ id: 'gdpr-72h', title: 'Tell the data protection authority', after: '72h' }],
    types: [
      {
        id: 'data-loss',
        title: 'Data loss',
        definition: 'Data gone.',
        category: 'regression',
        regulatory: true,
        questions: [{ id: 'backup-verified', text: 'Has the last backup been restored somewhere safe?' }],
        fields: [
          { id: 'records-lost', title: 'Records lost', kind: 'number', required: true },
          { id: 'region', title: 'Region', kind: 'choice', choices: ['eu', 'us'], public: true },
          { id: 'root-table', title: 'Internal table', kind: 'text' },
          { id: 'owner', title: 'Data owner', kind: 'person', required: true },
        ],
      },
      { id: 'pen-test', title: 'Pen test finding', definition: 'Found by our testers.', category: 'security', regulatory: false },
    ],
  }),
  undefined,
);

function typedIncident(): Incident {
  let incident = changeType(anIncident({ title: 'Orders table truncated' }), plan, 'data-loss', ctx(minutesAfter(1)));
  incident = setTypeField(incident, plan, 'region', 'eu', ctx(minutesAfter(2)));
  incident = setTypeField(incident, plan, 'root-table', 'orders_v2 <script>', ctx(minutesAfter(3)));
  incident = setTypeField(incident, plan, 'owner', 'Ana Lima <ana@example.com>', ctx(minutesAfter(4)));
  return postStatusUpdate(incident, { audience: 'customers', text: 'Some orders placed today are missing; we are restoring them.' }, ctx(minutesAfter(5)));
}

describe('types and fields in the views (postmortem, status page, handoff, clocks, agents)', () => {
  it('the postmortem names the type and lists every field, required ones left empty said so', () => {
    const incident = typedIncident();
    const text = renderPostmortem(incident, [], { generatedAt: minutesAfter(60), type: typeView(plan, incident) });
    assert.match(text, /\n\| Type \| Data loss \(data-loss\) \|\n/);
    assert.match(
      text,
      /\n## Fields\n\n\| Field \| Value \|\n\|---\|---\|\n\| Records lost \| _required, not filled in_ \|\n\| Region \| eu \|\n\| Internal table \| orders_v2 \\<script\\> \|\n\| Data owner \| Ana Lima \\<ana@example\.com\\> \|\n/,
    );
    const untyped = renderPostmortem(anIncident(), [], { generatedAt: minutesAfter(60) });
    assert.doesNotMatch(untyped, /## Fields|\| Type \|/, 'an incident without a type reads as before');
    const dropped = renderPostmortem(incident, [], { generatedAt: minutesAfter(60), type: typeView({ types: [] }, incident) });
    assert.match(dropped, /\n\| Type \| data-loss \(data-loss\) \|\n/, 'a type the plan dropped shows by its id');
    assert.match(dropped, /\| region \| eu \|/, 'and its values by their ids');
  });

  it('the status page shows only the fields marked public, escaped, and none of a type the plan dropped', () => {
    const incident = typedIncident();
    const page = renderStatusPage({ incidents: [incident] }, plan, { now: minutesAfter(10), name: 'Shop' })['index.html'];
    assert.match(page, /<dl class="fields">\n<dt>Region<\/dt><dd>eu<\/dd>\n<\/dl>/);
    assert.doesNotMatch(page, /orders_v2|Internal table|Records lost|Ana Lima|Data owner/, 'private fields never reach the page');
    const withoutTypes = renderStatusPage({ incidents: [incident] }, { ...plan, types: [] }, { now: minutesAfter(10), name: 'Shop' })['index.html'];
    assert.doesNotMatch(withoutTypes, /class="fields"|Region/);
    const hostile = setTypeField(
      incident,
      { types: [{ ...plan.types![0], fields: [{ ...plan.types![0].fields[2], public: true }] }] },
      'root-table',
      '<img src=x onerror=alert(1)>',
      ctx(minutesAfter(6)),
    );
    const hostilePage = renderStatusPage(
      { incidents: [hostile] },
      { ...plan, types: [{ ...plan.types![0], fields: [{ ...plan.types![0].fields[2], public: true }] }] },
      { now: minutesAfter(10), name: 'Shop' },
    )['index.html'];
    assert.match(hostilePage, /<dd>&lt;img src=x onerror=alert\(1\)&gt;<\/dd>/);
  });

  it('the handoff brief lists the required fields still empty as open, and says nothing of fields otherwise', () => {
    const incident = typedIncident();
    const brief = handoffBrief(incident, plan, { now: minutesAfter(30) });
    assert.match(brief, /\n## Questions of its type still open\n- \[ \] Has the last backup been restored somewhere safe\? \(incident answer INC-[0-9A-Z]{8} backup-verified\)\n/);
    assert.doesNotMatch(handoffBrief(answerTypeQuestion(incident, plan, 'backup-verified', true, ctx(minutesAfter(30))), plan, { now: minutesAfter(31) }), /Questions of its type/);
    assert.match(brief, /\n## Required fields still empty\n- \[ \] Records lost \(incident field INC-[0-9A-Z]{8} records-lost VALUE\)\n$/);
    assert.doesNotMatch(brief, /Data owner/, 'a filled required field is not open');
    const filled = setTypeField(incident, plan, 'records-lost', '12', ctx(minutesAfter(31)));
    assert.doesNotMatch(handoffBrief(filled, plan, { now: minutesAfter(32) }), /Required fields/);
    assert.doesNotMatch(handoffBrief(anIncident(), plan, { now: minutesAfter(32) }), /Required fields/);
  });

  it('a type switches the regulatory clocks on beyond their categories, or off, and a dropped type leaves the category to decide', () => {
    const dataLoss = typedIncident();
    assert.equal(dataLoss.category, 'regression');
    assert.deepEqual(
      regulatoryClocks(dataLoss, plan.regulatory, 'UTC', minutesAfter(10), plan).map((clock) => clock.id),
      ['gdpr-72h'],
      'on for a regression, by its type',
    );
    assert.deepEqual(regulatoryClocks(dataLoss, plan.regulatory, 'UTC', minutesAfter(10), {}), [], 'without the plan, the category decides as before');
    const penTest = changeType(anIncident(), plan, 'pen-test', ctx(minutesAfter(1)));
    assert.equal(penTest.category, 'security');
    assert.deepEqual(regulatoryClocks(penTest, plan.regulatory, 'UTC', minutesAfter(10), plan), [], 'off for a security incident, by its type');
    assert.deepEqual(regulatoryClocks(penTest, plan.regulatory, 'UTC', minutesAfter(10), { types: [] }).length, 1, 'a type the plan dropped: the category decides');
    const panelClocks = (incident: Incident) =>
      buildPanelState(incident, { version: STORE_SCHEMA_VERSION, incidents: [incident], deploys: [] }, undefined, undefined, plan).view.clocks.filter(
        (clock) => clock.name === 'regulatory',
      ).length;
    assert.deepEqual([panelClocks(dataLoss), panelClocks(penTest)], [1, 0], "the panel's clocks follow the type too");
    // The editor's reminders (src/ui/views/slaNotifier.ts) ask dueAlerts with the plan's types: nothing is due for a clock the type switched off.
    const regulatoryDue = (incident: Incident) =>
      dueAlerts(incident, resolvePolicy(undefined), minutesAfter(72 * 60), 60 * 60_000, plan.regulatory, plan).filter((alert) => alert.kind === 'regulatory').length;
    assert.deepEqual([regulatoryDue(dataLoss), regulatoryDue(penTest)], [1, 0], 'the reminders follow the type');
  });

  it('the Markdown agents read names the type and its fields', () => {
    const markdown = incidentMarkdown(typedIncident(), [], plan, minutesAfter(10));
    assert.match(markdown, /\n- Type: Data loss \(data-loss\)\n/);
    assert.match(
      markdown,
      /\n## Fields\n- Records lost: \(required, still empty\)\n- Region: eu\n- Internal table: orders_v2 <script>\n- Data owner: Ana Lima <ana@example\.com>\n/,
    );
  });
});
