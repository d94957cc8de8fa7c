import * as assert from 'node:assert/strict';
import { emailMessage, safeLink, SUBJECT_MAX, UNTITLED_PUBLIC_INCIDENT } from '../../../../src/core/delivery/emailMessage';
import { postStatusUpdate } from '../../../../src/core/lifecycle/changes';
import { changeStatus } from '../../../../src/core/lifecycle/lifecycle';
import type { Incident } from '../../../../src/core/record/schema';
import { anIncident, ctx, minutesAfter } from '../builders';
import { SECRET_MARKERS, secretStore } from '../statusPage/statusPageStores';

const LINK = 'https://status.example.com/incidents/INC-1A2B3C4D';
const KINDS = ['declaration', 'status', 'closure'] as const;

/** A SEV1 the team has mitigated, with an update for the team that promises the next one. */
function mitigated(title = 'Checkout returns 500'): Incident {
  let incident = anIncident({ title, commander: 'Ana Lima <ana@example.com>' });
  incident = changeStatus(incident, 'triaged', ctx(minutesAfter(2)));
  incident = changeStatus(incident, 'mitigated', ctx(minutesAfter(20)));
  return postStatusUpdate(incident, { audience: 'internal', text: 'Rolled back v41; error rate is back to normal.', nextUpdateBy: minutesAfter(50) }, ctx(minutesAfter(21)));
}

describe('an incident message as an email', () => {
  it('carries the id, severity, state, the next update and the link back, in the subject, the text and the HTML', () => {
    const email = emailMessage(mitigated(), 'status', 'internal', { link: LINK });
    assert.equal(email.subject, '[SEV1] INC-1A2B3C4D update (mitigated): Checkout returns 500');
    for (const part of [email.text, email.html]) {
      assert.match(part, /Rolled back v41; error rate is back to normal\./);
      assert.match(part, /Incident INC-1A2B3C4D · SEV1 · Status: mitigated/);
      assert.equal(part.split('Next update by 2026-11-23 10:50 UTC').length, 2, 'the next update, once');
      assert.match(part, /Commander: Ana Lima/);
    }
    assert.match(email.text, new RegExp(`^Details: ${LINK}$`, 'm'));
    assert.doesNotMatch(email.text, /\*\*/, 'the plain text carries no Markdown bold');
    assert.match(email.html, new RegExp(`<a href="${LINK}">${LINK}</a>`));
    assert.match(email.html, /<strong>Latest update<\/strong>/);
    assert.match(email.html, /<h1[^>]*>\[SEV1\] Checkout returns 500 \(INC-1A2B3C4D\)<\/h1>/);
  });

  it('names the moment in the subject: declared, update (state), resolved; a drill says so first', () => {
    const incident = mitigated();
    assert.match(emailMessage(incident, 'declaration', 'internal').subject, /^\[SEV1\] INC-1A2B3C4D declared: /);
    assert.match(emailMessage(incident, 'closure', 'internal').subject, /^\[SEV1\] INC-1A2B3C4D resolved: /);
    assert.match(emailMessage(incident, 'status', 'external').subject, /^\[SEV1\] INC-1A2B3C4D update \(monitoring\): /);
    assert.match(emailMessage({ ...incident, drill: true }, 'status', 'internal').subject, /^\[DRILL\] \[SEV1\] /);
  });

  it('gives customers nothing of a store full of secrets but the update written for them, in every kind of message', () => {
    const [incident] = secretStore().incidents;
    for (const kind of KINDS) {
      const email = emailMessage(incident, kind, 'external', { link: LINK, plan: { tell: ['SECRET-TELL'], respondersChannel: '#SECRET-CHANNEL' } });
      const all = `${email.subject}\n${email.text}\n${email.html}`;
      const leaked = [...SECRET_MARKERS, 'SECRET-TELL', 'SECRET-CHANNEL', 'security', '@example.com'].filter((marker) => all.toLowerCase().includes(marker.toLowerCase()));
      assert.deepEqual(leaked, [], `${kind}: ${all}`);
      assert.match(email.subject, /: Some requests fail\.$/, 'titled by the first update written for customers');
      assert.match(email.text, /Some requests fail\. We are investigating\./);
      assert.match(email.text, /Incident INC-5ECRET00 · SEV1 · Status: investigating/);
    }
  });

  it('says when the next update is due in the facts at the end when the message itself does not (a declaration)', () => {
    const email = emailMessage(mitigated(), 'declaration', 'internal');
    assert.match(email.text, /^Incident INC-1A2B3C4D · SEV1 · Status: mitigated · Next update by 2026-11-23 10:50 UTC$/m);
    assert.doesNotMatch(emailMessage({ ...mitigated(), status: 'resolved' }, 'closure', 'internal').text, /Next update/, 'nothing is due once resolved');
  });

  it('titles a customer email neutrally before anyone has written to customers, and never with the incident title', () => {
    const email = emailMessage(anIncident({ title: 'Leaked token for Acme Corp' }), 'declaration', 'external');
    assert.equal(email.subject, `[SEV1] INC-1A2B3C4D declared: ${UNTITLED_PUBLIC_INCIDENT}`);
    assert.doesNotMatch(`${email.text}${email.html}`, /Leaked|Acme|Dana|Ortiz/);
  });

  it('keeps the subject one clipped line whatever the title holds: no CR, LF, control or bidi character to start a header', () => {
    const hostile = `Pay\r\nBcc: victim@example.com\r\nX-Injected: yes\u2028\u0085\x1b[2J \u202eevil\u202c <script>alert(1)</script> ${'long '.repeat(60)}`;
    const email = emailMessage(mitigated(hostile), 'status', 'internal');
    // eslint-disable-next-line no-control-regex -- finding control characters is what this check is for
    assert.doesNotMatch(email.subject, /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
    assert.ok(email.subject.length <= SUBJECT_MAX, `${email.subject.length} characters`);
    assert.match(email.subject, /^\[SEV1\] INC-1A2B3C4D update \(mitigated\): Pay Bcc: victim@example\.com X-Injected: yes \[2J evil <script>.*…$/);
    assert.doesNotMatch(email.html, /<script>/);
    assert.match(email.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    // eslint-disable-next-line no-control-regex -- as above
    assert.doesNotMatch(email.text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('links back only to an http(s) page without credentials in its address', () => {
    assert.equal(safeLink(LINK), LINK);
    assert.equal(safeLink('javascript:alert(1)'), undefined);
    assert.equal(safeLink('https://user:pass@status.example.com/'), undefined);
    assert.equal(safeLink('not a url'), undefined);
    const email = emailMessage(mitigated(), 'status', 'internal', { link: 'javascript:alert(1)' });
    assert.doesNotMatch(`${email.text}${email.html}`, /javascript|Details|<a /);
  });
});
