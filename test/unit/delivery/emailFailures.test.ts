/**
 * How a send fails against a real SMTP server that misbehaves on purpose:
 * each failure is one line, says whether a retry can help (5xx no, 4xx and
 * network yes), and never holds the password, in any form, in a result,
 * an exception or anything written to the console while it ran; the server
 * quotes the password back in its refusals to prove it.
 */
import * as assert from 'node:assert/strict';
import { sendEmail, type EmailChannel, type SendEmailResult } from '../../../src/workflows/delivery/emailSender';
import { startSmtpServer, type SmtpTestServer } from '../../harness/smtpServer';
import { anIncident } from '../core/builders';
import { channelFor, composedEmail, SMTP_PASSWORD, SMTP_USER } from './smtpChannel';

const content = composedEmail(anIncident(), 'declared');
/** Every form of the password a careless server or log could show: as is, base64, and the AUTH PLAIN blob. */
const PASSWORD_FORMS = [SMTP_PASSWORD, Buffer.from(SMTP_PASSWORD).toString('base64'), Buffer.from(`\u0000${SMTP_USER}\u0000${SMTP_PASSWORD}`).toString('base64')];

describe('email failures against a misbehaving SMTP server', function () {
  this.timeout(60_000);
  let server: SmtpTestServer;
  const results: SendEmailResult[] = [];
  const written: string[] = [];
  const restore: (() => void)[] = [];

  before(async () => {
    server = await startSmtpServer({ user: SMTP_USER, password: SMTP_PASSWORD });
    server.echoSecrets = true;
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
        written.push(String(chunk));
        return write(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = write));
    }
  });
  after(async () => {
    for (const undo of restore) undo();
    await server.stop();
  });
  beforeEach(() => {
    server.behaviour = 'accept';
    server.refuseLoginsWith = undefined;
    server.refusedRecipients.clear();
  });

  async function send(channel: Partial<EmailChannel> = {}, password = SMTP_PASSWORD, timeoutMs = 15_000, target = server): Promise<SendEmailResult> {
    let result: SendEmailResult;
    try {
      result = await sendEmail(channelFor(target, channel), content, password, { timeoutMs, tls: { ca: target.ca } });
    } catch (error) {
      assert.fail(`sendEmail threw: ${String(error)}`);
    }
    results.push(result);
    return result;
  }
  const failed = (result: SendEmailResult) => {
    assert.ok(!result.ok, 'expected a failure');
    assert.doesNotMatch(result.reason, /[\r\n]/, 'one line');
    return result;
  };

  it('a wrong password is refused for good (535 is permanent: a retry would fail the same way and may lock the account)', async () => {
    const result = failed(await send({}, 'not-the-password'));
    assert.equal(result.retryable, false);
    assert.match(result.reason, /refused the login \(535\): check the user name and the password/);
    assert.equal(server.logins, 1);
  });

  it('a login refused with 454 (temporary) can be retried', async () => {
    server.refuseLoginsWith = 454;
    const result = failed(await send());
    assert.equal(result.retryable, true);
    assert.match(result.reason, /\(454\)/);
  });

  it('a refused recipient (550) is permanent; with another one accepted, the message goes and names who was refused', async () => {
    server.refusedRecipients.add('oncall@example.com').add('leads@example.com');
    const none = failed(await send());
    assert.equal(none.retryable, false);
    assert.match(none.reason, /refused the sender or the recipients \(550\)/);
    server.refusedRecipients.delete('leads@example.com');
    const some = await send();
    assert.ok(some.ok, JSON.stringify(some));
    assert.deepEqual(some.rejected, ['oncall@example.com']);
    assert.deepEqual(server.received.at(-1)?.rcptTo, ['leads@example.com']);
  });

  it('a server that is down, or drops the connection after the message, can be retried', async () => {
    const gone = await startSmtpServer({ user: SMTP_USER, password: SMTP_PASSWORD });
    await gone.stop();
    const down = failed(await send({}, SMTP_PASSWORD, 15_000, gone));
    assert.equal(down.retryable, true);
    assert.match(down.reason, /could not talk to the SMTP server 127\.0\.0\.1:\d+.*ECONNREFUSED/);

    server.behaviour = 'drop-after-data';
    const before = server.received.length;
    const dropped = failed(await send());
    assert.equal(dropped.retryable, true);
    assert.match(dropped.reason, /could not talk to the SMTP server/);
    assert.equal(server.received.length, before, 'the server kept nothing');
  });

  it('a server that stalls, before its greeting or after the message, times out and can be retried', async () => {
    for (const behaviour of ['stall-greeting', 'stall-after-data'] as const) {
      server.behaviour = behaviour;
      const connections = server.connections;
      const result = failed(await send({}, SMTP_PASSWORD, 1_500));
      assert.equal(result.retryable, true, behaviour);
      assert.match(result.reason, /did not answer within 1500 ms/, behaviour);
      assert.equal(server.connections, connections + 1, `${behaviour}: it reached the server`);
    }
  });

  it('a tls mode that does not fit the server says which setting to change, and is not retried', async () => {
    const implicitOnStartTlsPort = failed(await send({ tls: 'tls' }));
    assert.equal(implicitOnStartTlsPort.retryable, false);
    assert.match(implicitOnStartTlsPort.reason, /TLS with the SMTP server 127\.0\.0\.1:\d+ failed: wrong version number; check the channel's tls mode and port$/);
    const plainLogin = failed(await send({ tls: 'none' }));
    assert.equal(plainLogin.retryable, false);
    assert.match(plainLogin.reason, /takes a login only over TLS \(538\): use tls "starttls" or "tls"$/);
  });

  it('tls "none" is refused for a host other than this machine, before any connection', async () => {
    const result = failed(await send({ host: 'smtp.example.com', tls: 'none' }));
    assert.equal(result.retryable, false);
    assert.equal(
      result.reason,
      'Email not sent: refusing to send to smtp.example.com without TLS: tls "none" is only for a server on this machine (127.0.0.1, localhost); use "starttls" (port 587) or "tls" (port 465)',
    );
  });

  it('a set-up that cannot work says what to fix: a user without a password, a header with a line break, no recipient', async () => {
    assert.match(failed(await send({}, '')).reason, /names an SMTP user but no password was found; set the channel's secret/);
    assert.match(failed(await send({ from: 'a@example.com\r\nBcc: x@example.net' })).reason, /no valid "from" address/);
    assert.match(failed(await send({ to: [] })).reason, /at least one valid "to" address/);
    assert.match(failed(await send({ port: 0 })).reason, /port 0 is not a TCP port/);
  });

  it('never shows the password, in any form, in a result or on the console', () => {
    assert.ok(results.length >= 10, `${results.length} results checked`);
    assert.ok(
      results.some((result) => !result.ok && result.reason.includes('550')),
      'the refusals that quoted the password were seen',
    );
    const seen = [...results.map((result) => JSON.stringify(result)), ...written].join('\n');
    for (const form of PASSWORD_FORMS) assert.equal(seen.includes(form), false, 'a form of the password leaked');
  });
});
