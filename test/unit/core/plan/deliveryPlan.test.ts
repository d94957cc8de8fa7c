import * as assert from 'node:assert/strict';
import { secretUrlReason } from '../../../../src/core/delivery/secretUrls';
import { channelSecretName, fillLink, secretEnvironmentVariable } from '../../../../src/core/delivery/deliveryKinds';
import { planSchema } from '../../../../src/core/plan/plan';
import { planSecretProblems } from '../../../../src/core/plan/planSecrets';

const SLACK_URL = 'https://hooks.slack.com/services/T0AAA1111/B0BBB2222/abcdefGHIJKLmnopQRSTuvwx';

const planWith = (channels: unknown[], extra: Record<string, unknown> = {}) => planSchema.safeParse({ version: 1, channels, ...extra });
const messagesOf = (result: ReturnType<typeof planWith>) => (result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));

describe("the plan's deliveries", () => {
  it('take each kind with its options, and links with {{id}}', () => {
    const result = planWith(
      [
        { name: 'incident-command', audience: 'responders', reach: '#incident-command', delivery: { kind: 'slack', remindOverdue: true } },
        { name: 'stakeholders', audience: 'stakeholders', reach: 'Teams', delivery: { kind: 'teams', secret: 'stakeholders-teams' } },
        { name: 'ops', audience: 'responders', reach: 'Mattermost', delivery: { kind: 'mattermost', username: 'Incidents' } },
        { name: 'community', audience: 'stakeholders', reach: 'Discord', delivery: { kind: 'discord', username: 'Status bot' } },
        { name: 'pager', audience: 'responders', reach: 'our bridge', delivery: { kind: 'webhook', url: 'https://bridge.acme.example/incidents', secret: 'bridge key' } },
        {
          name: 'exec mail',
          audience: 'stakeholders',
          reach: 'email',
          delivery: { kind: 'email', host: 'smtp.acme.example', port: 587, tls: 'starttls', from: 'incidents@acme.example', to: ['exec@acme.example'], user: 'incidents' },
        },
      ],
      { links: { incidentUrl: 'https://github.com/acme/shop/blob/main/.incidents/incidents.json', publicUrl: 'https://status.acme.example/#{{id}}' } },
    );
    assert.deepEqual(messagesOf(result), []);
    assert.equal(fillLink('https://status.acme.example/#{{ id }}', 'INC-1A2B3C4D'), 'https://status.acme.example/#INC-1A2B3C4D');
  });

  it('refuse a URL for the kinds whose URL is the secret, a credential in our webhook URL, and reminders to outside readers', () => {
    assert.deepEqual(
      messagesOf(
        planWith([
          { name: 'a', audience: 'responders', reach: 'x', delivery: { kind: 'slack', url: 'https://example.com' } },
          { name: 'b', audience: 'responders', reach: 'x', delivery: { kind: 'webhook', url: 'https://bot:pw@bridge.acme.example/in' } },
          { name: 'c', audience: 'responders', reach: 'x', delivery: { kind: 'webhook', url: 'https://bridge.acme.example/in?token=abc' } },
          { name: 'd', audience: 'customers', reach: 'x', delivery: { kind: 'discord', remindOverdue: true } },
          { name: '###', audience: 'responders', reach: 'x', delivery: { kind: 'teams' } },
          { name: 'e', audience: 'responders', reach: 'x', delivery: { kind: 'discord', username: 'Discord bot' } },
          { name: 'f', audience: 'responders', reach: 'x', delivery: { kind: 'pager' } },
        ]),
      ),
      [
        '0.delivery: Unrecognized key: "url"',
        '1.delivery.url: this URL has a user name or password in it; the plan is committed, so it cannot hold a secret: sign with a key instead (delivery.secret names it)',
        '2.delivery.url: this URL has a credential in its query (the "token" parameter); the plan is committed, so it cannot hold a secret: sign with a key instead (delivery.secret names it)',
        '3.delivery.remindOverdue: a reminder that an update is overdue is for the team; readers outside it would see it: remove it here',
        '4.delivery.secret: name the secret with letters or digits ("delivery.secret"): the channel\'s name has none to name it by',
        '5.delivery.username: a name without "@", "#", ":", "```", "discord" or "clyde", which Discord refuses',
        '6.delivery.kind: one of slack, teams, mattermost, discord, webhook, email, pagerduty as "kind"',
      ].map((line) => `channels.${line}`),
    );
    assert.deepEqual(messagesOf(planWith([], { links: { incidentUrl: 'https://x.example/{{title}}' } })), [
      "links.incidentUrl: {{title}} is not a placeholder a link can fill; use {{id}} for the incident's id",
    ]);
  });

  it('name each secret by the channel, or by delivery.secret, as an INCIDENT_SECRET_ variable in upper snake case', () => {
    assert.equal(secretEnvironmentVariable('stakeholders-slack'), 'INCIDENT_SECRET_STAKEHOLDERS_SLACK');
    assert.equal(secretEnvironmentVariable('Équipe ops #2'), 'INCIDENT_SECRET_EQUIPE_OPS_2');
    assert.equal(secretEnvironmentVariable('###'), '');
    assert.equal(channelSecretName({ name: 'status page' }), 'status page');
    assert.equal(channelSecretName({ name: 'status page', delivery: { secret: 'statuspage-hook' } }), 'statuspage-hook');
  });

  it('see the secret in webhook URLs of every kind, with or without a scheme, and nothing in ordinary links', () => {
    const secret = [
      `Post to ${SLACK_URL}.`,
      'hooks.slack.com/services/T0AAA1111/B0BBB2222/abcdefGHIJKL',
      'https://discord.com/api/webhooks/123456789012345678/AbCdEf-token',
      'https://ptb.discordapp.com/api/webhooks/1/x',
      'https://acme.webhook.office.com/webhookb2/aaa@bbb/IncomingWebhook/ccc/ddd',
      'https://prod-27.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers&sv=1.0&sig=Zx9',
      'https://chat.acme.example/hooks/xxx-generatedkey-xxx',
      'smtp://incidents:hunter2@smtp.acme.example:587',
      'https://api.example.com/notify?access_token=abc',
      'https://api.example.com/notify?x=8f14e45fceea167a5a36dedd4bea2543',
    ];
    assert.deepEqual(
      secret.filter((text) => !secretUrlReason(text)),
      [],
    );
    const ordinary = [
      'https://github.com/acme/shop/blob/main/.incidents/incidents.json',
      'https://status.acme.example/?page=2',
      'The team chat channel #incident-command: announcements only',
      'https://slack.com/app_redirect?channel=C0123',
    ];
    assert.deepEqual(
      ordinary.filter((text) => secretUrlReason(text)),
      [],
    );
  });

  it('find a secret URL anywhere in the plan, keys too, and say where it goes without repeating it', () => {
    const problems = planSecretProblems({
      version: 1,
      channels: [{ name: 'stakeholders', audience: 'stakeholders', reach: `Slack: ${SLACK_URL}`, delivery: { kind: 'slack', secret: 'stake-slack' } }],
      reporting: 'Call us',
      intake: { rules: [{ name: 'r', title: 'see https://chat.acme.example/hooks/abc123' }] },
      [SLACK_URL]: true,
    });
    assert.deepEqual(
      problems.map((problem) => [problem.path.join('/'), problem.atKey]),
      [
        ['channels/0/reach', false],
        ['intake/rules/0/title', false],
        [SLACK_URL, true],
      ],
    );
    assert.match(
      problems[0].message,
      /^channels\[0\]\.reach: this URL is a Slack incoming webhook, whose address is its own token; .* revoke it .*INCIDENT_SECRET_STAKE_SLACK .*Incident: Set Channel Secret…/,
    );
    assert.match(problems[1].message, /an INCIDENT_SECRET_<NAME> environment variable/);
    for (const problem of problems) assert.ok(!problem.message.includes('abcdefGHIJ') && !problem.message.includes('abc123'), problem.message);
  });
});
