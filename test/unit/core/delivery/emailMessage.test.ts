/** A composed message as an email: subject, text and HTML from composeMessage, one-line subject, escaped HTML, safe links, nothing internal for outside readers. */
import * as assert from 'node:assert/strict';
import { composeMessage, composeTestMessage, type IncidentEvent, type MessageInput } from '../../../../src/core/delivery/deliveryMessage';
import { emailMessage, safeLink, SUBJECT_MAX } from '../../../../src/core/delivery/emailMessage';
import { postStatusUpdate } from '../../../../src/core/lifecycle/changes';
import { changeStatus } from '../../../../src/core/lifecycle/lifecycle';
import type { Incident } from '../../../../src/core/record/schema';
import { anIncident, ctx, minutesAfter } from '../builders';
import { SECRET_MARKERS, secretStore } from '../statusPage/statusPageStores';
import { channel, deliveryPlan, LINKS, OUTSIDE_CHANNELS, TEAM_CHANNELS } from './deliveryStores';

const NOW = minutesAfter(30);
const RECORD_LINK = 'https://github.com/acme/shop/blob/main/.incidents/incidents.json#INC-1A2B3C4D';
const EVENTS: IncidentEvent[] = ['declared', 'update', 'resolved', 'closed'];

/** A SEV1 the team has mitigated, with an update for the team that promises the next one. */
function mitigated(title = 'Checkout returns 500'): Incident {
  let incident = anIncident({ title, commander: 'Ana Lima <ana@example.com>' });
  incident = changeStatus(incident, 'triaged', ctx(minutesAfter(2)));
  incident = changeStatus(incident, 'mitigated', ctx(minutesAfter(20)));
  return postStatusUpdate(incident, { audience: 'internal', text: 'Rolled back v41; error rate is back to normal.', nextUpdateBy: minutesAfter(50) }, ctx(minutesAfter(21)));
}

/** The email of this event of the incident to a channel (the team's by default); an update's is the latest's unless named. */
function email(incident: Incident, event: IncidentEvent, extra: Partial<MessageInput> = {}) {
  const updateId = event === 'update' ? incident.updates.at(-1)?.id : undefined;
  return emailMessage(composeMessage({ incident, event, channel: TEAM_CHANNELS[0], plan: deliveryPlan(), now: NOW, ...(updateId ? { updateId } : {}), ...extra }));
}

describe('a delivered message as an email', () => {
  it('carries the id, severity, state, the next update, who leads and the link back, in the subject, the text and the HTML', () => {
    const sent = email(mitigated(), 'update');
    assert.equal(sent.subject, '[SEV1] INC-1A2B3C4D update (mitigated): Checkout returns 500');
    for (const part of [sent.text, sent.html]) {
      assert.match(part, /Rolled back v41; error rate is back to normal\./);
      assert.match(part, /Incident:(<\/strong>)? INC-1A2B3C4D/);
      assert.match(part, /Status:(<\/strong>)? mitigated/);
      assert.equal(part.split('2026-11-23 10:50 UTC').length, 2, 'the next update, once');
      assert.match(part, /Commander:(<\/strong>)? Ana Lima/);
    }
    assert.match(sent.text, /^Next update by: 2026-11-23 10:50 UTC$/m);
    assert.match(sent.text, new RegExp(`^Open the incident record: ${RECORD_LINK}$`, 'm'));
    assert.match(sent.html, new RegExp(`<a href="${RECORD_LINK}">${RECORD_LINK}</a>`));
    assert.match(sent.html, /<h1[^>]*>Update: \[SEV1\] Checkout returns 500 \(INC-1A2B3C4D\)<\/h1>/);
    assert.match(sent.html, /<strong>Severity:<\/strong> SEV1/);
  });

  it('carries the words of the update it delivers, not those of a later one', () => {
    const first = mitigated();
    const later = postStatusUpdate(first, { audience: 'internal', text: 'Error rate rising again; rolling forward.', nextUpdateBy: minutesAfter(70) }, ctx(minutesAfter(40)));
    const sent = email(later, 'update', { updateId: first.updates[0].id, now: minutesAfter(41) });
    for (const part of [sent.text, sent.html]) {
      assert.match(part, /Rolled back v41; error rate is back to normal\./);
      assert.doesNotMatch(part, /rolling forward/);
      assert.match(part, /Posted 2026-11-23 10:21 UTC by Dana Ortiz/);
    }
    assert.match(email(later, 'update').text, /Error rate rising again; rolling forward\./);
  });

  it('names the moment in the subject: declared, update (state), resolved, closed, update overdue; a drill says so first', () => {
    const incident = mitigated();
    assert.match(email(incident, 'declared').subject, /^\[SEV1\] INC-1A2B3C4D declared: Checkout returns 500$/);
    assert.match(email(incident, 'resolved').subject, /^\[SEV1\] INC-1A2B3C4D resolved: /);
    assert.match(email(incident, 'closed').subject, /^\[SEV1\] INC-1A2B3C4D closed: /);
    assert.match(email(incident, 'overdue', { now: minutesAfter(55) }).subject, /^\[SEV1\] INC-1A2B3C4D update overdue: /);
    assert.match(email({ ...incident, drill: true }, 'update').subject, /^\[DRILL\] \[SEV1\] /);
    const customers = mitigated();
    const toCustomers = postStatusUpdate(customers, { audience: 'customers', text: 'Card payments work again.' }, ctx(minutesAfter(22)));
    assert.match(email(toCustomers, 'update', { channel: OUTSIDE_CHANNELS[0] }).subject, /^\[SEV1\] INC-1A2B3C4D update \(monitoring\): Card payments work again\.$/);
    assert.equal(emailMessage(composeTestMessage(channel('ops', 'responders'), NOW)).subject, 'Test message from Incident Responder for "ops"');
  });

  it('gives customers nothing of a store full of secrets but the update written for them, in every kind of message', () => {
    const [incident] = secretStore().incidents;
    const customerUpdate = incident.updates.find((update) => update.audience === 'customers')!;
    for (const outside of OUTSIDE_CHANNELS)
      for (const event of EVENTS) {
        const sent = email(incident, event, { channel: outside, updateId: customerUpdate.id });
        const all = `${sent.subject}\n${sent.text}\n${sent.html}`;
        const leaked = [...SECRET_MARKERS, 'SECRET-NOTIFY', 'vp@example.com', 'security', 'github.com'].filter((marker) => all.toLowerCase().includes(marker.toLowerCase()));
        assert.deepEqual(leaked, [], `${outside.name}/${event}: ${all}`);
        assert.match(sent.subject, /: Some requests fail\.$/, 'titled by the first update written for customers');
        assert.match(sent.text, /Some requests fail\. We are investigating\./);
        assert.match(sent.text, /^Incident: INC-5ECRET00$/m);
        assert.match(sent.text, new RegExp(`^Status page: ${LINKS.publicUrl.replace('{{id}}', 'INC-5ECRET00').replace(/[.#/]/g, '\\$&')}$`, 'm'));
      }
    // The same store does reach the team: the check above can fail.
    assert.match(email(incident, 'declared').text, /SECRET-TITLE[^]*SECRET-COMMANDER/);
  });

  it('titles a customer email neutrally before anyone has written to customers, and never with the incident title', () => {
    const sent = email(anIncident({ title: 'Leaked token for Acme Corp' }), 'declared', { channel: OUTSIDE_CHANNELS[0] });
    assert.equal(sent.subject, '[SEV1] INC-1A2B3C4D declared: Service incident');
    assert.doesNotMatch(`${sent.text}${sent.html}`, /Leaked|Acme|Dana|Ortiz/);
  });

  it('keeps the subject one clipped line whatever the title holds: no CR, LF, control or bidi character to start a header', () => {
    const hostile = `Pay\r\nBcc: victim@example.com\r\nX-Injected: yes\u2028\u0085\x1b[2J \u202eevil\u202c <script>alert(1)</script> ${'long '.repeat(60)}`;
    const sent = email(mitigated(hostile), 'update');
    // eslint-disable-next-line no-control-regex -- finding control characters is what this check is for
    assert.doesNotMatch(sent.subject, /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
    assert.ok(sent.subject.length <= SUBJECT_MAX, `${sent.subject.length} characters`);
    assert.match(sent.subject, /^\[SEV1\] INC-1A2B3C4D update \(mitigated\): Pay Bcc: victim@example\.com X-Injected: yes \[2J evil <script>.*…$/);
    assert.doesNotMatch(sent.html, /<script>/);
    assert.match(sent.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    // eslint-disable-next-line no-control-regex -- as above
    assert.doesNotMatch(sent.text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('links back only to an http(s) page without credentials in its address', () => {
    assert.equal(safeLink(RECORD_LINK), RECORD_LINK);
    assert.equal(safeLink('javascript:alert(1)'), undefined);
    assert.equal(safeLink('https://user:pass@status.example.com/'), undefined);
    assert.equal(safeLink('not a url'), undefined);
    for (const incidentUrl of ['javascript:alert({{id}})', 'https://user:pass@example.com/{{id}}']) {
      const sent = email(mitigated(), 'update', { plan: { ...deliveryPlan(), links: { incidentUrl } } });
      assert.doesNotMatch(`${sent.text}${sent.html}`, /javascript|user:pass|Open the incident record|<a /);
    }
  });
});
