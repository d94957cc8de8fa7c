import * as assert from 'node:assert/strict';
import { postStatusUpdate } from '../../../../src/core/lifecycle/changes';
import { composeMessage, composeTestMessage, type DeliveryMessage } from '../../../../src/core/delivery/deliveryMessage';
import { deliveryBody, type ChatDelivery } from '../../../../src/core/delivery/deliveryBody';
import { discordBody } from '../../../../src/core/delivery/discordBody';
import { markdownText, withoutMentions } from '../../../../src/core/delivery/markup';
import { mattermostBody } from '../../../../src/core/delivery/mattermostBody';
import { slackBody } from '../../../../src/core/delivery/slackBody';
import { teamsBody } from '../../../../src/core/delivery/teamsBody';
import { webhookBody } from '../../../../src/core/delivery/webhookBody';
import { discordProblems, mattermostProblems, slackProblems, teamsProblems } from '../../../harness/chatSchemas';
import { HOSTILE_TITLE } from '../hostileText';
import { realisticStore } from '../realisticIncident';
import { anIncident, ctx, minutesAfter } from '../builders';
import { deliveryPlan, OUTSIDE_CHANNELS, TEAM_CHANNELS } from './deliveryStores';

const NOW = minutesAfter(30);
/** The provider's documented shape, as the loopback receivers check it. */
const problemsOf = (kind: ChatDelivery['kind'], body: unknown): string[] =>
  kind === 'slack'
    ? slackProblems(body)
    : kind === 'teams'
      ? teamsProblems(body, Buffer.byteLength(JSON.stringify(body)))
      : kind === 'mattermost'
        ? mattermostProblems(body)
        : kind === 'discord'
          ? discordProblems(body)
          : [];
/** C0 but tab and newline, DEL, C1, bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Every string in a JSON value. */
const strings = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : value !== null && typeof value === 'object' ? Object.values(value as object).flatMap(strings) : [];
const KINDS: ChatDelivery[] = [{ kind: 'slack' }, { kind: 'teams' }, { kind: 'mattermost', username: 'Incidents' }, { kind: 'discord', username: 'Incidents' }];

/** Every message of the realistic incident: each event, for the team and for customers, and the test message. */
function messages(incident = realisticStore().incidents[0]): DeliveryMessage[] {
  const update = incident.updates.at(-1)!;
  const forTeam = (['declared', 'update', 'resolved', 'closed', 'overdue'] as const).map((event) =>
    composeMessage({ incident, event, updateId: update.id, channel: TEAM_CHANNELS[0], plan: deliveryPlan(), now: NOW }),
  );
  const forCustomers = (['declared', 'update', 'resolved', 'closed'] as const).map((event) =>
    composeMessage({ incident, event, updateId: update.id, channel: OUTSIDE_CHANNELS[0], plan: deliveryPlan(), now: NOW }),
  );
  return [...forTeam, ...forCustomers, composeTestMessage(TEAM_CHANNELS[0], NOW)];
}

/** An incident whose every text is hostile: mentions, markup, links, control characters, and 100,000 characters of update. */
function hostileIncident() {
  const title = `${HOSTILE_TITLE} <!channel> @everyone @here [click](https://evil.example) *bold* \`code\` # head`;
  let incident = anIncident({ title, commander: '<@U024BE7LH> <!here>' });
  incident = { ...incident, impact: '<!subteam^S01> &lt; <https://evil.example|bank> @channel' };
  const long = `${'@all <!everyone> [x](https://evil.example) \\ *'.repeat(4000)}`.slice(0, 100_000);
  return postStatusUpdate(incident, { audience: 'customers', text: long, nextUpdateBy: minutesAfter(60) }, ctx(minutesAfter(5)));
}

describe("delivered message bodies, checked against each provider's documented shape", () => {
  it('are accepted for every event, for the team and for customers, by Slack, Teams, Mattermost and Discord', () => {
    for (const message of messages()) {
      for (const delivery of KINDS) assert.deepEqual(problemsOf(delivery.kind, deliveryBody(delivery, message)), [], `${delivery.kind} ${message.event} ${message.audience}`);
    }
  });

  it('stay within every limit and break every mention, however long and hostile the text', () => {
    const incident = hostileIncident();
    const all = [...messages(incident)];
    for (const message of all) {
      for (const delivery of KINDS) {
        const body = deliveryBody(delivery, message);
        assert.deepEqual(problemsOf(delivery.kind, body), [], `${delivery.kind} ${message.event} ${message.audience}`);
        const texts = strings(body);
        // No control character or bidi override reaches any provider, and no mention is left whole.
        assert.deepEqual(
          texts.filter((text) => UNSAFE.test(text)),
          [],
          delivery.kind,
        );
        assert.deepEqual(
          texts.filter((text) => /<!(channel|here|everyone|subteam)|<@U|(^|[^\p{L}\p{N}_.+-])@(everyone|here|channel|all)\b/u.test(text)),
          [],
          `${delivery.kind}: a mention is left whole`,
        );
      }
    }
    const slack = slackBody(all[0]);
    assert.match(slack.text, /&lt;\u2060!channel&gt; @\u2060everyone/);
    const discord = discordBody(all[0]);
    assert.deepEqual(discord.allowed_mentions, { parse: [] });
    assert.match(discord.content, /\\\[click\\\]\\\(https:\/\/evil\.example\\\) \\\*bold\\\* \\`code\\` \\# head/);
    assert.match(mattermostBody(all[0]).text, /\\\[click\\\]/);
  });

  it('put what people wrote only in TextRuns on Teams, where Markdown is not read, with the link as an action', () => {
    const card = teamsBody(messages()[0]).attachments[0].content;
    assert.equal(card.version, '1.4');
    assert.ok(card.body.every((block) => block.type === 'RichTextBlock' && block.inlines.every((inline) => inline.type === 'TextRun')));
    assert.deepEqual(card.actions, [
      { type: 'Action.OpenUrl', title: 'Open the incident record', url: 'https://github.com/acme/shop/blob/main/.incidents/incidents.json#INC-1A2B3C4D' },
    ]);
  });

  it('clip Slack sections at 3000 characters and Discord at 2000 and 4096, ending in "…" and never in half an escape', () => {
    const message = messages(hostileIncident())[6];
    const sections = slackBody(message).blocks.flatMap((block) => ('text' in block ? [block.text.text] : []));
    assert.ok(sections.some((text) => text.length === 3000 && text.endsWith('…')));
    const discord = discordBody(message);
    assert.ok(discord.embeds[0].description!.length <= 4096 && discord.embeds[0].description!.endsWith('…'));
    assert.doesNotMatch(discord.embeds[0].description!, /(^|[^\\])(\\\\)*\\…$/);
    assert.equal(markdownText('- a\n1. b\n+ c\n--- d'), '\\- a\n1\\. b\n\\+ c\n\\--- d');
  });

  it('leave email addresses whole while breaking mentions', () => {
    assert.equal(withoutMentions('mail ana@example.com or ping @ana and <@U1>'), 'mail ana@example.com or ping @\u2060ana and <\u2060@\u2060U1>');
  });

  it('give our webhook a versioned JSON with the incident, the audience, the delivery id and the plain text', () => {
    const body = webhookBody(messages()[0], { deliveryId: 'upd-1/stakeholders' });
    assert.deepEqual(
      { ...body, text: body.text.split('\n')[0] },
      {
        version: 1,
        event: 'declared',
        delivery: 'upd-1/stakeholders',
        incident: {
          id: 'INC-1A2B3C4D',
          title: 'Checkout returns 500 for EU cards',
          severity: 'SEV1',
          status: 'resolved',
          url: 'https://github.com/acme/shop/blob/main/.incidents/incidents.json#INC-1A2B3C4D',
        },
        audience: 'internal',
        channel: 'incident-command',
        drill: false,
        at: realisticStore().incidents[0].declaredAt,
        headline: 'Incident declared: [SEV1] Checkout returns 500 for EU cards (INC-1A2B3C4D)',
        text: 'Incident declared: [SEV1] Checkout returns 500 for EU cards (INC-1A2B3C4D)',
      },
    );
    assert.equal(webhookBody(messages().at(-1)!).incident, null);
  });
});
