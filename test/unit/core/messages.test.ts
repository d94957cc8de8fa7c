import * as assert from 'node:assert/strict';
import { closureMessage, declarationMessage, incidentMessage, suggestedMessageKind } from '../../../src/core/messages';
import { anIncident } from './builders';
import { realisticStore } from './realisticIncident';

describe('ready-to-paste messages', () => {
  it('announce a declaration with who leads, in Markdown and in Slack\'s bold', () => {
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

  it('escape what Slack would read as a link or a mention, and leave Markdown text alone', () => {
    const incident = anIncident({ title: 'Refunds <@here> & retries > 3', commander: 'Ana Lima <ana@example.com>' });
    const slack = declarationMessage(incident, 'slack');
    assert.match(slack, /^\*Incident declared: \[SEV1\] Refunds &lt;@here&gt; &amp; retries &gt; 3\*/);
    assert.match(slack, /Commander: Ana Lima &lt;ana@example.com&gt;/);
    assert.match(declarationMessage(incident, 'markdown'), /Refunds <@here> & retries > 3/);
  });

  it('suggest the message that fits the moment', () => {
    const fresh = anIncident();
    assert.equal(suggestedMessageKind(fresh), 'declaration');
    assert.equal(suggestedMessageKind(realisticStore().incidents[0]), 'closure');
    assert.equal(incidentMessage(fresh, 'status', 'slack').split('\n')[0], '*[SEV1] Checkout returns 500* (INC-1A2B3C4D)');
  });
});
