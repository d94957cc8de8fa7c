import * as assert from 'node:assert/strict';
import { postStatusUpdate } from '../../../../src/core/lifecycle/changes';
import { audienceKind, closureMessage, declarationMessage, incidentMessage, messagePlan, suggestedMessageKind } from '../../../../src/core/communication/messages';
import { defaultPlan } from '../../../../src/core/plan/plan';
import { anIncident, ctx, minutesAfter } from '../builders';
import { realisticStore } from '../realisticIncident';

describe('ready-to-paste messages', () => {
  it("announce a declaration with who leads, in Markdown and in Slack's bold", () => {
    const incident = anIncident({ title: 'Search is slow', severity: 'SEV2', category: 'performance', commander: 'Ana Lima <ana@example.com>' });
    assert.equal(declarationMessage(incident, 'markdown').split('\n')[0], '**Incident declared: [SEV2] Search is slow** (INC-1A2B3C4D)');
    assert.equal(declarationMessage(incident, 'slack').split('\n')[0], '*Incident declared: [SEV2] Search is slow* (INC-1A2B3C4D)');
    assert.match(declarationMessage(incident, 'markdown'), /Commander: Ana Lima <ana@example.com>/);
  });

  it('close with how long it lasted, the root cause and the fixing commits', () => {
    const incident = realisticStore().incidents[0];
    const text = closureMessage(incident, 'markdown');
    assert.match(text, /^\*\*Resolved: \[SEV1\] Checkout returns 500 for EU cards\*\* \(INC-1A2B3C4D\)\nResolved 2026-11-23 10:46 UTC after 52m/);
    assert.match(text, /\*\*Root cause\*\*: A bitwise OR/);
    assert.match(text, /\*\*Fixed by\*\*: 9e8d7c6b Use decimal cents/);
    assert.match(text, /with 2 action item\(s\)\.$/);
  });

  it('paste into Slack as written (no "&lt;" entities on the clipboard), with mentions made inert, and leave Markdown text alone', () => {
    const incident = anIncident({ title: 'Refunds <@here> & retries > 3 @channel', commander: 'Dana Ortiz <dana@example.com>' });
    const slack = declarationMessage(incident, 'slack');
    assert.match(slack, /^\*Incident declared: \[SEV1\] Refunds <\u2060@\u2060here> & retries > 3 @\u2060channel\*/);
    assert.match(slack, /Commander: Dana Ortiz <dana@example\.com>/);
    assert.ok(!/&lt;|&gt;|&amp;/.test(slack), slack);
    assert.match(declarationMessage(incident, 'markdown'), /Refunds <@here> & retries > 3/);
  });

  it('suggest the message that fits the moment', () => {
    const fresh = anIncident();
    assert.equal(suggestedMessageKind(fresh), 'declaration');
    assert.equal(suggestedMessageKind(realisticStore().incidents[0]), 'closure');
    assert.equal(incidentMessage(fresh, 'status', 'slack').split('\n')[0], '*[SEV1] Checkout returns 500* (INC-1A2B3C4D)');
  });
});

describe('messages for an audience outside the company', () => {
  const SAM = 'Sam Rivera <sam.rivera@example.com>';
  function incidentFullOfPeople() {
    let incident = realisticStore().incidents[0];
    incident = {
      ...incident,
      status: 'mitigated',
      resolvedAt: undefined,
      impact: 'Ana Lima saw 18% of EU checkouts fail; mail ana@example.com for details.',
      roles: { ...incident.roles, communicator: SAM, scribe: 'Kim Park <kim@example.com>', responders: ['lee'] },
    };
    incident = postStatusUpdate(incident, { audience: 'internal', text: 'Dana Ortiz thinks the v41 rounding change by Ana Lima is the cause' }, ctx(minutesAfter(70)));
    incident = postStatusUpdate(incident, { audience: 'Customers', text: 'Payments work again; Sam Rivera will post the next update.' }, ctx(minutesAfter(71), SAM));
    return incident;
  }
  const PEOPLE = [/Ana/, /Lima/, /Dana/, /Ortiz/, /Sam\b/, /Rivera/, /Kim/, /@/, /example\.com/, /rounding change/, /Commander/];

  it('name no person, no email and no internal update, whatever the message kind and format', () => {
    const incident = incidentFullOfPeople();
    for (const kind of ['declaration', 'status', 'closure'] as const) {
      for (const format of ['markdown', 'slack'] as const) {
        const text = incidentMessage(incident, kind, format, 'external');
        for (const person of PEOPLE) assert.doesNotMatch(text, person, `${kind} in ${format}: ${text}`);
      }
    }
    assert.match(incidentMessage(incident, 'status', 'markdown', 'external'), /to Customers\): Payments work again; the team will post the next update\./);
  });

  it('take their audience from the latest update unless told, and list which audiences are external in one place', () => {
    const incident = incidentFullOfPeople();
    assert.deepEqual(['customers', 'Customers', 'public', 'status page', 'Status-Page', 'statuspage'].map(audienceKind), Array(6).fill('external'));
    assert.deepEqual(['internal', 'stakeholders', 'executives', 'leadership'].map(audienceKind), Array(4).fill('internal'));
    assert.doesNotMatch(incidentMessage(incident, 'status', 'markdown'), /Rivera|@/);
    assert.match(incidentMessage(incident, 'status', 'markdown', 'internal'), /Commander: Dana Ortiz <dana@example.com>/);
  });

  it('count an audience as external when its words say so (customers, clients, status page, partners, users…), however it is written', () => {
    const outside = ['Customers (EU)', 'clients', 'status-page.io', 'External partners', 'users', 'Customer', 'Public', 'StatusPage', 'everyone', 'Key client accounts', 'partner'];
    for (const audience of outside) {
      assert.equal(audienceKind(audience), 'external', audience);
      const incident = postStatusUpdate(incidentFullOfPeople(), { audience, text: 'Payments work again.' }, ctx(minutesAfter(72)));
      for (const kind of ['declaration', 'status', 'closure'] as const) {
        const text = incidentMessage(incident, kind, 'markdown');
        for (const person of PEOPLE) assert.doesNotMatch(text, person, `${audience}, ${kind}: ${text}`);
      }
    }
    assert.deepEqual(['internal', 'engineering', 'stakeholders', 'executives', 'Leadership', 'on-call'].map(audienceKind), Array(6).fill('internal'));
  });
});

describe('messages name whom the response plan says to tell', () => {
  const tell = ['Ana Lima <ana@example.com>', '#exec-oncall'];
  const sev1 = anIncident({ severity: 'SEV1', title: 'Checkout down' });

  it("in the team's declaration and status messages, after the commander", () => {
    const declaration = incidentMessage(sev1, 'declaration', 'markdown', 'internal', { tell });
    assert.match(declaration, /\nCommander: not yet assigned\nTo be told \(SEV1, per the response plan\): Ana Lima <ana@example\.com>, #exec-oncall\n/);
    assert.match(
      incidentMessage(sev1, 'status', 'slack', 'internal', { tell }),
      /To be told \(SEV1, per the response plan\): Ana Lima <ana@example\.com>, #exec-oncall/,
      'as written, to paste into Slack',
    );
    assert.doesNotMatch(incidentMessage(sev1, 'declaration', 'markdown', 'internal'), /To be told/, 'nobody named: no line');
  });

  it('never in a message for customers or outside readers', () => {
    for (const kind of ['declaration', 'status', 'closure'] as const)
      assert.doesNotMatch(incidentMessage(sev1, kind, 'markdown', 'external', { tell }), /To be told|ana@|exec-oncall/);
  });
});

describe("messages use the plan's channel for responders", () => {
  it("names where responders meet in the team's declaration, from the plan", () => {
    const incident = anIncident({ severity: 'SEV1' });
    const plan = messagePlan(defaultPlan(), incident);
    assert.deepEqual(plan, { tell: [], respondersChannel: 'The team chat channel #incident-command: announcements only, discussion in threads' });
    assert.match(
      incidentMessage(incident, 'declaration', 'markdown', 'internal', plan),
      /\nJoin the response in The team chat channel #incident-command: announcements only, discussion in threads; updates follow here\.$/,
    );
    assert.match(
      incidentMessage(incident, 'declaration', 'markdown', 'internal'),
      /\nJoin the response in the incident channel; updates follow here\.$/,
      'no plan: the words as before',
    );
    assert.doesNotMatch(incidentMessage(incident, 'declaration', 'markdown', 'external', plan), /incident-command/, 'customers are not sent to the team channel');
  });
});
