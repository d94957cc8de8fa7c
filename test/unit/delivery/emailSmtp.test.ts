/**
 * Email through a real SMTP server on 127.0.0.1 (test/harness/smtpServer.ts):
 * STARTTLS and a login, the message received, parsed and read back; what a
 * customer receives from a store full of secrets; a title that tries to add
 * headers; implicit TLS; no plain-text fallback when STARTTLS is missing.
 */
import * as assert from 'node:assert/strict';
import type { EmailContent } from '../../../src/core/delivery/emailMessage';
import { postStatusUpdate } from '../../../src/core/lifecycle/changes';
import { sendEmail } from '../../../src/workflows/delivery/emailSender';
import { startSmtpServer, type SmtpTestServer } from '../../harness/smtpServer';
import { anIncident, ctx, minutesAfter } from '../core/builders';
import { SECRET_MARKERS, secretStore } from '../core/statusPage/statusPageStores';
import { OUTSIDE_CHANNELS } from '../core/delivery/deliveryStores';
import { channelFor, composedEmail, SMTP_PASSWORD, SMTP_USER } from './smtpChannel';

const LINK_TEMPLATE = 'https://status.example.com/incidents/{{id}}';
const LINK = 'https://status.example.com/incidents/INC-1A2B3C4D';

describe('email through a real SMTP server on 127.0.0.1', function () {
  this.timeout(60_000);
  let server: SmtpTestServer;
  before(async () => {
    server = await startSmtpServer({ user: SMTP_USER, password: SMTP_PASSWORD });
  });
  after(() => server.stop());

  const send = (content: EmailContent, channel = channelFor(server)) => sendEmail(channel, content, SMTP_PASSWORD, { timeoutMs: 15_000, tls: { ca: server.ca } });
  const lastReceived = () => server.received.at(-1);

  it('sends over STARTTLS with a login, and the server receives the subject, both parts and the link', async () => {
    let incident = anIncident({ title: 'Checkout returns 500', commander: 'Ana Lima <ana@example.com>' });
    incident = postStatusUpdate(incident, { audience: 'stakeholders', text: 'Rolled back v41 & watching <errors>.', nextUpdateBy: minutesAfter(45) }, ctx(minutesAfter(15)));
    const content = composedEmail(incident, 'update', { link: LINK_TEMPLATE });
    const result = await send(content);

    assert.ok(result.ok, JSON.stringify(result));
    assert.match(result.response, /^250 /);
    assert.deepEqual(result.rejected, []);
    const got = lastReceived();
    assert.ok(got, 'the server received the message');
    assert.equal(got.secure, true, 'over TLS');
    assert.equal(got.user, SMTP_USER, 'logged in');
    assert.equal(got.mailFrom, 'incidents@example.com');
    assert.deepEqual(got.rcptTo, ['oncall@example.com', 'leads@example.com']);
    const mail = got.parsed;
    assert.equal(mail.messageId, result.messageId);
    assert.equal(mail.subject, '[SEV1] INC-1A2B3C4D update (detected): Checkout returns 500');
    assert.deepEqual(mail.from?.value, [{ name: 'Incidents', address: 'incidents@example.com' }]);
    assert.deepEqual(
      [mail.to].flat().flatMap((to) => to?.value.map((address) => address.address)),
      ['oncall@example.com', 'leads@example.com'],
    );
    assert.equal(mail.text, content.text, 'the plain part arrives as written');
    assert.match(mail.text ?? '', /Rolled back v41 & watching <errors>\./);
    assert.match(mail.text ?? '', /Next update by: 2026-11-23 10:45 UTC/);
    assert.match(mail.text ?? '', new RegExp(`Open the incident record: ${LINK}`));
    assert.equal(typeof mail.html, 'string');
    assert.match(mail.html as string, /Rolled back v41 &amp; watching &lt;errors&gt;\./);
    assert.match(mail.html as string, new RegExp(`<a href="${LINK}">`));
  });

  it('delivers to customers nothing of a store full of secrets, and a hostile title adds no header', async () => {
    let [incident] = secretStore().incidents;
    incident = {
      ...incident,
      title: 'SECRET-TITLE\r\nBcc: victim@example.net\r\nX-Injected: yes\n\nbody',
    };
    incident = postStatusUpdate(incident, { audience: 'customers', text: 'Hostile\r\nX-Injected: yes\u0000\x1b[2J' }, ctx(minutesAfter(3000)));
    const customer = await send(composedEmail(incident, 'update', { to: OUTSIDE_CHANNELS[0], link: LINK_TEMPLATE }), channelFor(server, { to: ['customers@example.org'] }));
    assert.ok(customer.ok, JSON.stringify(customer));
    const raw = lastReceived()?.raw.toString('utf8') ?? '';
    const leaked = [...SECRET_MARKERS, 'secret-email', 'security'].filter((marker) => raw.toLowerCase().includes(marker.toLowerCase()));
    assert.deepEqual(leaked, [], 'nothing secret in the raw message, headers included');
    assert.match(lastReceived()?.parsed.text ?? '', /Some requests fail\./);

    const team = await send(composedEmail(incident, 'update'));
    assert.ok(team.ok, JSON.stringify(team));
    const mail = lastReceived()?.parsed;
    assert.ok(mail);
    assert.equal(mail.headers.has('x-injected'), false, 'no header from the title');
    assert.equal(mail.headers.has('bcc'), false);
    assert.match(mail.subject ?? '', /^\[SEV1\] INC-5ECRET00 update \(triaged\): SECRET-TITLE Bcc: victim@example\.net X-Injected: yes body$/);
    assert.deepEqual(lastReceived()?.rcptTo, ['oncall@example.com', 'leads@example.com'], 'no recipient added');
  });

  it('speaks TLS from the first byte in tls mode', async () => {
    const implicit = await startSmtpServer({ user: SMTP_USER, password: SMTP_PASSWORD, implicitTls: true });
    try {
      const result = await sendEmail(channelFor(implicit, { tls: 'tls' }), composedEmail(anIncident(), 'declared'), SMTP_PASSWORD, {
        timeoutMs: 15_000,
        tls: { ca: implicit.ca },
      });
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(implicit.received[0]?.secure, true);
    } finally {
      await implicit.stop();
    }
  });

  it('talks plain text in tls "none" mode to a server on this machine', async () => {
    const local = await startSmtpServer({ user: SMTP_USER, password: SMTP_PASSWORD, plainLogin: true });
    try {
      const result = await sendEmail(channelFor(local, { tls: 'none' }), composedEmail(anIncident(), 'declared'), SMTP_PASSWORD, { timeoutMs: 15_000 });
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(local.received[0]?.secure, false, 'no STARTTLS although the server offers it');
      assert.equal(local.received[0]?.user, SMTP_USER);
    } finally {
      await local.stop();
    }
  });

  it('never falls back to plain text when the server offers no STARTTLS, and never logs in there', async () => {
    const plain = await startSmtpServer({ user: SMTP_USER, password: SMTP_PASSWORD, offerStartTls: false });
    try {
      const result = await sendEmail(channelFor(plain), composedEmail(anIncident(), 'declared'), SMTP_PASSWORD, { timeoutMs: 15_000, tls: { ca: plain.ca } });
      assert.equal(result.ok, false);
      assert.ok(!result.ok);
      assert.equal(result.retryable, false, result.reason);
      assert.match(result.reason, /^Email not sent: TLS with the SMTP server 127\.0\.0\.1:\d+ failed/);
      assert.equal(plain.connections, 1, 'it did reach the server');
      assert.equal(plain.logins, 0, 'no password sent in plain text');
      assert.equal(plain.received.length, 0);
    } finally {
      await plain.stop();
    }
  });

  it('refuses a certificate it was not told to trust', async () => {
    const result = await sendEmail(channelFor(server), composedEmail(anIncident(), 'declared'), SMTP_PASSWORD, { timeoutMs: 15_000 });
    assert.ok(!result.ok);
    assert.equal(result.retryable, false);
    assert.match(result.reason, /TLS with the SMTP server .* failed: .*certificate/i);
  });
});
