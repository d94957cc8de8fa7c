import * as assert from 'node:assert/strict';
import { postStatusUpdate } from '../../../../src/core/lifecycle/changes';
import { composeMessage, composeTestMessage, type DeliveryMessage } from '../../../../src/core/delivery/deliveryMessage';
import { deliveryBody, type ChatDelivery } from '../../../../src/core/delivery/deliveryBody';
import type { Channel } from '../../../../src/core/plan/plan';
import { sendToChannel, type SendOptions } from '../../../../src/workflows/delivery/sendToChannel';
import type { SendResult } from '../../../../src/workflows/delivery/sendResult';
import { verifyWebhookSignature } from '../../../../src/workflows/delivery/webhookSignature';
import { RECEIVER_KINDS, refusedUrl, startChatReceivers, type ChatReceivers, type FailureMode, type ReceiverKind } from '../../../harness/chatReceivers';
import { anIncident, ctx, minutesAfter } from '../../core/builders';
import { deliveryPlan } from '../../core/delivery/deliveryStores';

const OPTIONS: SendOptions = { timeoutMs: 10_000 };

describe('sending to chat channels, against receivers on 127.0.0.1 that check each documented shape', function () {
  this.timeout(60_000);
  let receivers: ChatReceivers;
  /** Everything printed while a test runs: a secret must not appear there either. */
  let printed: string[];
  const restore: (() => void)[] = [];

  before(async () => {
    receivers = await startChatReceivers();
  });
  after(() => receivers.stop());
  beforeEach(() => {
    printed = [];
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        printed.push(String(chunk));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = write));
    }
  });
  afterEach(() => restore.splice(0).forEach((undo) => undo()));

  const delivery = (kind: ReceiverKind): ChatDelivery => (kind === 'webhook' ? { kind, url: receivers.urls.webhook } : { kind });
  const channelOf = (kind: ReceiverKind, audience: string): Channel => ({ name: `${kind}-${audience}`, audience, reach: kind, delivery: delivery(kind) });
  const secretOf = (kind: ReceiverKind) => (kind === 'webhook' ? receivers.signingKey : receivers.urls[kind]);
  const send = (kind: ReceiverKind, message: DeliveryMessage, options: Partial<SendOptions> = {}, secret = secretOf(kind)) =>
    sendToChannel(channelOf(kind, 'stakeholders'), deliveryBody(delivery(kind), message, { deliveryId: 'd-1' }), secret, { ...OPTIONS, ...options });

  function messagesFor(channel: Channel): DeliveryMessage[] {
    let incident = anIncident({ commander: 'Ana Lima <ana@example.com>' });
    incident = postStatusUpdate(
      incident,
      { audience: channel.audience, text: 'Checkout fails for some card payments; a fix is rolling out.', nextUpdateBy: minutesAfter(60) },
      ctx(minutesAfter(5)),
    );
    const input = { incident, channel, updateId: incident.updates[0].id, plan: deliveryPlan(), now: minutesAfter(10) };
    return [...(['declared', 'update', 'resolved'] as const).map((event) => composeMessage({ ...input, event })), composeTestMessage(channel, minutesAfter(10))];
  }

  /** A failed result's reason must name no part of the secret or the URL, in one line; nothing printed may either. */
  function assertNoSecret(result: SendResult, kind: ReceiverKind): void {
    const secrets = [receivers.signingKey, ...Object.values(receivers.tokens), ...Object.values(receivers.urls).filter((url) => !url.endsWith('/webhook'))];
    const shown = `${result.ok ? '' : result.reason}\n${printed.join('')}`;
    for (const secret of secrets) assert.ok(!shown.includes(secret), `${kind}: "${shown}" holds a secret`);
    if (!result.ok) assert.doesNotMatch(result.reason, /\n|127\.0\.0\.1|\/hooks\/|\/services\//, kind);
  }

  it('delivers every kind of message to every kind, for the team and for customers, each body accepted as documented', async () => {
    for (const kind of RECEIVER_KINDS) {
      for (const audience of ['stakeholders', 'customers']) {
        for (const message of messagesFor(channelOf(kind, audience))) {
          const before = receivers.accepted.length;
          const result = await sendToChannel(channelOf(kind, audience), deliveryBody(delivery(kind), message, { deliveryId: 'd-1' }), secretOf(kind), OPTIONS);
          assert.deepEqual(receivers.rejected, [], `${kind} ${audience} ${message.event}`);
          assert.equal(result.ok, true, `${kind} ${audience} ${message.event}: ${JSON.stringify(result)}`);
          assert.equal(receivers.accepted.length, before + 1);
          assert.equal(receivers.accepted.at(-1)!.kind, kind);
        }
      }
    }
    const byKind = (kind: ReceiverKind) => receivers.accepted.filter((request) => request.kind === kind);
    assert.match(String(byKind('slack')[0].headers['user-agent']), /@slack:webhook/, "Slack's own library sent it");
    assert.ok(byKind('discord').every((request) => request.path.endsWith('?wait=true')));
    const discord = await send('discord', messagesFor(channelOf('discord', 'stakeholders'))[0]);
    assert.ok(discord.ok && /^\d{18}$/.test(discord.messageId ?? ''), JSON.stringify(discord));
  });

  it("signs our webhook so the receiver's own HMAC check passes, and a wrong key is refused without retrying", async () => {
    const message = messagesFor(channelOf('webhook', 'stakeholders'))[1];
    const good = await send('webhook', message);
    assert.ok(good.ok && good.status === 200 && /^rcv-\d+$/.test(good.messageId ?? ''), JSON.stringify(good));
    const request = receivers.accepted.at(-1)!;
    assert.match(String(request.headers['x-incident-signature']), /^sha256=[0-9a-f]{64}$/);
    assert.equal((request.body as { delivery?: string }).delivery, 'd-1');
    // What a receiver written in TypeScript calls: the same answer as the receiver's own HMAC, refusing a changed body or an old request.
    const headers = { timestamp: String(request.headers['x-incident-timestamp']), signature: String(request.headers['x-incident-signature']) };
    assert.equal(verifyWebhookSignature(receivers.signingKey, headers, request.raw, new Date()), true);
    assert.equal(verifyWebhookSignature(receivers.signingKey, headers, request.raw.replace('"version":1', '"version":2'), new Date()), false);
    assert.equal(verifyWebhookSignature(receivers.signingKey, headers, request.raw, new Date(Date.now() + 10 * 60_000)), false);
    const wrong = await send('webhook', message, {}, 'another-key-of-32-characters-xx');
    assert.deepEqual(wrong, { ok: false, status: 401, reason: '401 from the signed webhook: the webhook refused the request: set the channel secret again', retryable: false });
    assertNoSecret(wrong, 'webhook');
  });

  const failures: { mode: FailureMode; retryable: boolean; reason: RegExp }[] = [
    { mode: { status: 500 }, retryable: true, reason: /^500 from \S.*: a server error there; it will be retried$/ },
    { mode: { status: 503 }, retryable: true, reason: /^503 from / },
    { mode: { status: 429 }, retryable: true, reason: /^429 from .*rate limited/ },
    { mode: { status: 408 }, retryable: true, reason: /^408 from / },
    { mode: { status: 404, body: 'no_service' }, retryable: false, reason: /^404( \(no_service\))? from .*no longer exists or its URL is wrong: set the channel secret again$/ },
    { mode: { status: 400, body: 'invalid_payload' }, retryable: false, reason: /^400( \(invalid_payload\))? from .*refused$/ },
    { mode: { status: 403 }, retryable: false, reason: /^403 from / },
    { mode: { status: 302 }, retryable: false, reason: /redirect, which deliveries never follow/ },
    { mode: 'close', retryable: true, reason: /^could not reach .*: connection (closed before an answer|reset)/ },
    { mode: 'hang', retryable: true, reason: /^no answer from .* within 300 ms; it will be retried$/ },
  ];
  for (const { mode, retryable, reason } of failures) {
    it(`classifies ${typeof mode === 'string' ? `a receiver that ${mode === 'hang' ? 'hangs' : 'closes the connection'}` : `a ${mode.status}`} as ${retryable ? 'retryable' : 'not retryable'}, for every kind, naming no secret`, async () => {
      for (const kind of RECEIVER_KINDS) {
        receivers.fail(kind, mode, 1);
        const result = await send(kind, messagesFor(channelOf(kind, 'stakeholders'))[0], mode === 'hang' ? { timeoutMs: 300 } : {});
        assert.equal(result.ok, false, kind);
        if (result.ok) continue;
        assert.equal(result.retryable, retryable, `${kind}: ${result.reason}`);
        assert.match(result.reason, reason, kind);
        if (typeof mode !== 'string') assert.equal(result.status, mode.status);
        assertNoSecret(result, kind);
      }
    });
  }

  it("names Slack's short error code from its answer, and nothing else of it", async () => {
    receivers.fail('slack', { status: 404, body: 'no_service' }, 1);
    const slack = await send('slack', messagesFor(channelOf('slack', 'stakeholders'))[0]);
    assert.equal(slack.ok ? '' : slack.reason, '404 (no_service) from Slack: the webhook no longer exists or its URL is wrong: set the channel secret again');
    receivers.fail('discord', { status: 404, body: JSON.stringify({ message: `Unknown Webhook ${receivers.tokens.discord}`, code: 10015 }) }, 1);
    const discord = await send('discord', messagesFor(channelOf('discord', 'stakeholders'))[0]);
    assert.equal(discord.ok ? '' : discord.reason, '404 (10015) from Discord: the webhook no longer exists or its URL is wrong: set the channel secret again');
    assertNoSecret(discord, 'discord');
  });

  it('classifies a refused connection as retryable, for the library path and the fetch path alike', async () => {
    for (const kind of ['slack', 'mattermost', 'teams', 'discord'] as const) {
      const url = await refusedUrl(`/hooks/${receivers.tokens[kind]}`);
      const result = await send(kind, messagesFor(channelOf(kind, 'stakeholders'))[0], {}, url);
      assert.deepEqual(result.ok ? undefined : [result.retryable, result.reason.split(':')[1]?.trim()], [true, 'connection refused'], kind);
      assertNoSecret(result, kind);
      assert.ok(!(result.ok ? '' : result.reason).includes(url));
    }
  });

  it('refuses a secret that cannot work, without sending, retrying or repeating it', async () => {
    const message = messagesFor(channelOf('slack', 'stakeholders'))[0];
    const before = receivers.accepted.length + receivers.rejected.length;
    const notUrl = await send('slack', message, {}, `xoxb-${receivers.tokens.slack}`);
    assert.deepEqual(notUrl, { ok: false, reason: 'the channel secret is not an https URL: set it to the webhook URL Slack gave', retryable: false });
    const plainHttp = await send('teams', message, {}, `http://teams.example.net/workflows/${receivers.tokens.teams}`);
    assert.equal(plainHttp.ok ? undefined : plainHttp.retryable, false);
    const shortKey = await send('webhook', message, {}, 'short');
    assert.deepEqual(shortKey, { ok: false, reason: 'the signing key is shorter than 16 characters: set a longer random one as the channel secret', retryable: false });
    assert.equal(receivers.accepted.length + receivers.rejected.length, before, 'nothing was sent');
    for (const result of [notUrl, plainHttp, shortKey]) assertNoSecret(result, 'slack');
  });
});
