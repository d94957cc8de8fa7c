import * as assert from 'node:assert/strict';
import { audienceBrief, executiveBrief, technicalBrief } from '../../../../src/core/communication/briefs';
import { MESSAGE_FORMATS } from '../../../../src/core/communication/messages';
import { ANA, HANDOFF_AT, handoffPlan, handoffStore } from './handoffIncident';

const incident = () => handoffStore().incidents[0];

describe('audience briefs', () => {
  for (const format of MESSAGE_FORMATS) {
    it(`the executive brief in ${format} says impact, customer effect, ETA and the next update, on the stakeholders' channel and cadence`, () => {
      const brief = executiveBrief(incident(), handoffPlan(), format, HANDOFF_AT);
      const bold = (text: string) => (format === 'slack' ? `*${text}*` : `**${text}**`);
      assert.ok(brief.startsWith(`${bold('Executive brief: [SEV1] Checkout returns 500 for EU cards')} (INC-1A2B3C4D)\n`));
      assert.ok(brief.includes(`${bold('Impact')}: About 18% of checkouts failed for 52 minutes; no data was lost or exposed.`));
      assert.ok(brief.includes(`${bold('Customer effect')}: Some HUF payments fail again; the team is on it. Other currencies work. (told to customers 2026-11-23 11:52 UTC)`));
      assert.ok(brief.includes(`${bold('ETA')}: a forward fix by 14:00 UTC (as of 2026-11-23 11:50 UTC)`));
      assert.match(brief, /Next update.*: 2026-11-23 12:20 UTC \(in 20m\) in stakeholders \(A message to the people who depend on the service .*\), then every 1h$/m);
    });

    it(`the executive brief in ${format} leaves out the investigation: evidence, commits, hypotheses and asks`, () => {
      const brief = executiveBrief(incident(), handoffPlan(), format, HANDOFF_AT);
      for (const internal of ['Math.round', 'src/pay/round.ts', '3f2a1b9c', '9e8d7c6b', 'Round amounts in integer cents', 'HUF, which has no minor unit', 'acquirer API', ANA])
        assert.ok(!brief.includes(internal), `"${internal}" is not in the executive brief`);
    });

    it(`the technical brief in ${format} says the conditions, actions, needs and open tasks, for the responders' channel`, () => {
      const brief = technicalBrief(incident(), handoffPlan(), format, HANDOFF_AT);
      const item = format === 'slack' ? '• ' : '- ';
      assert.ok(brief.includes(`${item}Evidence: src/pay/round.ts:41 at 3f2a1b9c`));
      assert.ok(brief.includes(`${item}Suspected cause: 3f2a1b9c Round amounts in integer cents`));
      assert.ok(brief.includes(`${item}Severity SEV1 · Category regression · Checklist: availability`));
      assert.ok(brief.includes(`${item}2026-11-23 11:44 action: Disabled HUF at checkout behind the currency flag`));
      assert.ok(brief.includes(`${item}a payments engineer who knows the acquirer API`));
      assert.ok(brief.includes(`${item}Roll back to the last good release`));
      assert.ok(!brief.slice(brief.indexOf('Open tasks')).includes('Freeze deploys'), 'a done task is not open');
      assert.match(brief, /Next update.*: 2026-11-23 12:20 UTC \(in 20m\) in incident-command \(.*\), then every 1h$/m);
    });
  }

  it('keeps user text as written for pasting into Slack (mentions made inert), and leaves Markdown as written', () => {
    const record = { ...incident(), impact: 'Payments <@here> & refunds fail' };
    assert.ok(audienceBrief(record, handoffPlan(), 'executive', 'slack', HANDOFF_AT).includes('Payments <\u2060@\u2060here> & refunds fail'));
    assert.ok(audienceBrief(record, handoffPlan(), 'executive', 'markdown', HANDOFF_AT).includes('Payments <@here> & refunds fail'));
  });

  it('says when the service was restored instead of an ETA, and that no update is due once resolved', () => {
    const mitigated = executiveBrief({ ...incident(), status: 'mitigated' }, handoffPlan(), 'markdown', HANDOFF_AT);
    assert.ok(mitigated.includes('**ETA**: service restored 2026-11-23 10:30 UTC; the underlying cause is being fixed'));
    const resolved = executiveBrief({ ...incident(), status: 'resolved', resolvedAt: HANDOFF_AT.toISOString() }, handoffPlan(), 'markdown', HANDOFF_AT);
    assert.ok(resolved.includes('**ETA**: resolved 2026-11-23 12:00 UTC'));
    assert.ok(resolved.includes('**Next update**: none due: the incident is resolved'));
  });

  it('has no ETA without an "ETA:" note, and then names the resolution target', () => {
    const record = { ...incident(), timeline: incident().timeline.filter((event) => !event.text.startsWith('ETA:')) };
    assert.ok(executiveBrief(record, handoffPlan(), 'markdown', HANDOFF_AT).includes('**ETA**: not known yet; the resolution target is 2026-11-23 11:00 UTC (overdue 1h 00m)'));
  });
});
