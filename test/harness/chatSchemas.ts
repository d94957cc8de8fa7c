/**
 * Each chat provider's documented request shape, written as small checks
 * for the loopback receivers (chatReceivers.ts): required fields, types,
 * the documented limits, and what the format would act on. Written from the
 * providers' documentation, not from our builders, so a body our code gets
 * wrong fails here:
 *
 * - Slack incoming webhooks, Block Kit: `text`, at most 50 blocks; a section
 *   has `text` (at most 3000) or 1–10 `fields` (at most 2000 each); a
 *   context block 1–10 elements. In mrkdwn `<` opens a link or a mention, so
 *   a raw `<` may only open a link, never `<!channel>`, `<@U…>`, `<#C…>`.
 * - Microsoft Teams Workflows: `{ type: "message", attachments: [{ contentType:
 *   "application/vnd.microsoft.card.adaptive", content: AdaptiveCard }] }`,
 *   under 28 KB; the card's body elements and actions of known types.
 * - Mattermost incoming webhooks: `text` (Markdown) unless `attachments`;
 *   `username`, `icon_url`, `channel`, `props`, `type` ("custom_…").
 * - Discord Execute Webhook: content ≤ 2000, at most 10 embeds; title ≤ 256,
 *   description ≤ 4096, ≤ 25 fields (name ≤ 256, value ≤ 1024), footer ≤
 *   2048, 6000 characters per message's embeds; colour an integer; ISO time.
 */
type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const chars = (text: string) => [...text].length;

function unknownKeys(value: Json, allowed: readonly string[], where: string): string[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => `${where}: unknown key "${key}"`);
}

function text(value: unknown, where: string, max: number, min = 1): string[] {
  if (typeof value !== 'string') return [`${where} must be a string`];
  const length = chars(value);
  return length < min ? [`${where} is empty`] : length > max ? [`${where} is ${length} characters, over ${max}`] : [];
}

/** A raw `<` in Slack mrkdwn may only open a link: `<http…|…>` or `<mailto:…>`. */
function slackMarkup(value: string, where: string): string[] {
  const opens = [...value.matchAll(/</g)].map((match) => value.slice(match.index, match.index + 10));
  return opens.filter((open) => !/^<(https?:\/\/|mailto:)/.test(open)).map((open) => `${where}: "${open}…" is Slack markup (a mention or a special link)`);
}

function slackTextObject(value: unknown, where: string, max: number): string[] {
  if (!isObject(value) || (value.type !== 'mrkdwn' && value.type !== 'plain_text')) return [`${where} must be a text object (mrkdwn or plain_text)`];
  return [
    ...unknownKeys(value, ['type', 'text', 'emoji', 'verbatim'], where),
    ...text(value.text, `${where}.text`, max),
    ...(value.type === 'mrkdwn' && typeof value.text === 'string' ? slackMarkup(value.text, where) : []),
  ];
}

export function slackProblems(body: unknown): string[] {
  if (!isObject(body)) return ['the body must be a JSON object'];
  const keys = ['text', 'blocks', 'attachments', 'thread_ts', 'mrkdwn', 'unfurl_links', 'unfurl_media', 'username', 'icon_emoji', 'icon_url', 'channel', 'link_names', 'metadata'];
  const problems = [...unknownKeys(body, keys, 'body'), ...text(body.text, 'text', 40_000), ...(typeof body.text === 'string' ? slackMarkup(body.text, 'text') : [])];
  for (const flag of ['unfurl_links', 'unfurl_media', 'mrkdwn'] as const) if (flag in body && typeof body[flag] !== 'boolean') problems.push(`${flag} must be a boolean`);
  if (!Array.isArray(body.blocks)) return [...problems, 'blocks must be an array'];
  if (body.blocks.length < 1 || body.blocks.length > 50) problems.push(`blocks holds ${body.blocks.length}; 1 to 50`);
  body.blocks.forEach((block: unknown, index) => {
    const where = `blocks[${index}]`;
    if (!isObject(block)) return void problems.push(`${where} must be an object`);
    if (block.type === 'section') {
      problems.push(...unknownKeys(block, ['type', 'text', 'fields', 'block_id', 'accessory', 'expand'], where));
      if (block.text === undefined && block.fields === undefined) problems.push(`${where} needs text or fields`);
      if (block.text !== undefined) problems.push(...slackTextObject(block.text, `${where}.text`, 3000));
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length < 1 || block.fields.length > 10) problems.push(`${where}.fields must hold 1 to 10 text objects`);
        else block.fields.forEach((field: unknown, at) => problems.push(...slackTextObject(field, `${where}.fields[${at}]`, 2000)));
      }
    } else if (block.type === 'context') {
      problems.push(...unknownKeys(block, ['type', 'elements', 'block_id'], where));
      if (!Array.isArray(block.elements) || block.elements.length < 1 || block.elements.length > 10) problems.push(`${where}.elements must hold 1 to 10 elements`);
      else block.elements.forEach((element: unknown, at) => problems.push(...slackTextObject(element, `${where}.elements[${at}]`, 3000)));
    } else if (block.type !== 'divider') problems.push(`${where}.type "${String(block.type)}" is not a block these messages use`);
  });
  return problems;
}

const ADAPTIVE_VERSIONS = ['1.0', '1.1', '1.2', '1.3', '1.4', '1.5'];

function adaptiveElementProblems(element: unknown, where: string): string[] {
  if (!isObject(element)) return [`${where} must be an object`];
  switch (element.type) {
    case 'TextBlock':
      return text(element.text, `${where}.text`, 100_000);
    case 'RichTextBlock':
      if (!Array.isArray(element.inlines) || !element.inlines.length) return [`${where}.inlines must be a non-empty array`];
      return element.inlines.flatMap((inline: unknown, at) =>
        typeof inline === 'string'
          ? []
          : isObject(inline) && inline.type === 'TextRun'
            ? [
                ...unknownKeys(
                  inline,
                  ['type', 'text', 'color', 'fontType', 'highlight', 'isSubtle', 'italic', 'selectAction', 'size', 'strikethrough', 'underline', 'weight'],
                  `${where}.inlines[${at}]`,
                ),
                ...text(inline.text, `${where}.inlines[${at}].text`, 100_000, 0),
                ...(inline.weight === undefined || ['Default', 'Lighter', 'Bolder'].includes(inline.weight as string) ? [] : [`${where}.inlines[${at}].weight is not a weight`]),
                ...(inline.size === undefined || ['Default', 'Small', 'Medium', 'Large', 'ExtraLarge'].includes(inline.size as string)
                  ? []
                  : [`${where}.inlines[${at}].size is not a size`]),
              ]
            : [`${where}.inlines[${at}] must be a TextRun`],
      );
    case 'FactSet':
      return Array.isArray(element.facts) && element.facts.every((fact) => isObject(fact) && typeof fact.title === 'string' && typeof fact.value === 'string')
        ? []
        : [`${where}.facts must be {title, value} strings`];
    case 'Container':
      return Array.isArray(element.items)
        ? element.items.flatMap((item: unknown, at) => adaptiveElementProblems(item, `${where}.items[${at}]`))
        : [`${where}.items must be an array`];
    default:
      return [`${where}.type "${String(element.type)}" is not an Adaptive Card element these messages use`];
  }
}

export function teamsProblems(body: unknown, rawBytes: number): string[] {
  if (!isObject(body)) return ['the body must be a JSON object'];
  const problems = rawBytes > 28 * 1024 ? [`the message is ${rawBytes} bytes, over Teams' 28 KB`] : [];
  if (body.type !== 'message') problems.push('type must be "message"');
  if (!Array.isArray(body.attachments) || !body.attachments.length) return [...problems, 'attachments must be a non-empty array'];
  body.attachments.forEach((attachment: unknown, index) => {
    const where = `attachments[${index}]`;
    if (!isObject(attachment)) return void problems.push(`${where} must be an object`);
    if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') problems.push(`${where}.contentType must be application/vnd.microsoft.card.adaptive`);
    if (attachment.contentUrl !== undefined && attachment.contentUrl !== null && typeof attachment.contentUrl !== 'string')
      problems.push(`${where}.contentUrl must be null or a string`);
    const card = attachment.content;
    if (!isObject(card)) return void problems.push(`${where}.content must be an Adaptive Card`);
    problems.push(...unknownKeys(card, ['$schema', 'type', 'version', 'body', 'actions', 'msteams', 'fallbackText', 'speak', 'lang'], `${where}.content`));
    if (card.type !== 'AdaptiveCard') problems.push(`${where}.content.type must be "AdaptiveCard"`);
    if (!ADAPTIVE_VERSIONS.includes(card.version as string)) problems.push(`${where}.content.version must be one of ${ADAPTIVE_VERSIONS.join(', ')}`);
    if (!Array.isArray(card.body) || !card.body.length) problems.push(`${where}.content.body must be a non-empty array`);
    else card.body.forEach((element: unknown, at) => problems.push(...adaptiveElementProblems(element, `${where}.content.body[${at}]`)));
    (Array.isArray(card.actions) ? card.actions : card.actions === undefined ? [] : [null]).forEach((action: unknown, at) => {
      if (!isObject(action) || action.type !== 'Action.OpenUrl' || typeof action.title !== 'string' || typeof action.url !== 'string' || !/^https?:\/\//.test(action.url))
        problems.push(`${where}.content.actions[${at}] must be an Action.OpenUrl with a title and an absolute http(s) url`);
    });
  });
  return problems;
}

export function mattermostProblems(body: unknown): string[] {
  if (!isObject(body)) return ['the body must be a JSON object'];
  const problems = unknownKeys(body, ['text', 'channel', 'username', 'icon_url', 'icon_emoji', 'attachments', 'type', 'props', 'priority'], 'body');
  if (body.attachments === undefined) problems.push(...text(body.text, 'text', 16_383));
  for (const key of ['channel', 'username', 'icon_url', 'icon_emoji'] as const) if (key in body && typeof body[key] !== 'string') problems.push(`${key} must be a string`);
  if ('type' in body && body.type !== '' && !(typeof body.type === 'string' && body.type.startsWith('custom_'))) problems.push('type must begin with "custom_"');
  if ('props' in body && !isObject(body.props)) problems.push('props must be an object');
  return problems;
}

export function discordProblems(body: unknown): string[] {
  if (!isObject(body)) return ['the body must be a JSON object'];
  const problems = unknownKeys(body, ['content', 'username', 'avatar_url', 'tts', 'embeds', 'allowed_mentions', 'components', 'flags', 'thread_name'], 'body');
  if (body.content === undefined && body.embeds === undefined) problems.push('content or embeds is required');
  if (body.content !== undefined) problems.push(...text(body.content, 'content', 2000));
  if (body.username !== undefined) {
    problems.push(...text(body.username, 'username', 80));
    if (typeof body.username === 'string' && /[@#:]|```|discord|clyde/i.test(body.username)) problems.push('username has what Discord refuses in a name');
  }
  if (body.allowed_mentions !== undefined) {
    const mentions = body.allowed_mentions;
    if (
      !isObject(mentions) ||
      (mentions.parse !== undefined && !(Array.isArray(mentions.parse) && mentions.parse.every((kind) => ['roles', 'users', 'everyone'].includes(kind as string))))
    )
      problems.push('allowed_mentions.parse must list roles, users or everyone');
  }
  if (body.embeds === undefined) return problems;
  if (!Array.isArray(body.embeds) || body.embeds.length > 10) return [...problems, 'embeds must be an array of at most 10'];
  let total = 0;
  body.embeds.forEach((embed: unknown, index) => {
    const where = `embeds[${index}]`;
    if (!isObject(embed)) return void problems.push(`${where} must be an object`);
    problems.push(
      ...unknownKeys(embed, ['title', 'type', 'description', 'url', 'timestamp', 'color', 'footer', 'image', 'thumbnail', 'video', 'provider', 'author', 'fields'], where),
    );
    const count = (value: unknown) => (typeof value === 'string' ? chars(value) : 0);
    if (embed.title !== undefined) problems.push(...text(embed.title, `${where}.title`, 256));
    if (embed.description !== undefined) problems.push(...text(embed.description, `${where}.description`, 4096));
    if (embed.url !== undefined && !(typeof embed.url === 'string' && /^https?:\/\//.test(embed.url))) problems.push(`${where}.url must be an http(s) URL`);
    if (embed.color !== undefined && !(Number.isInteger(embed.color) && (embed.color as number) >= 0 && (embed.color as number) <= 0xffffff))
      problems.push(`${where}.color must be an integer colour`);
    if (embed.timestamp !== undefined && !(typeof embed.timestamp === 'string' && /^\d{4}-\d\d-\d\dT/.test(embed.timestamp) && !isNaN(Date.parse(embed.timestamp))))
      problems.push(`${where}.timestamp must be an ISO 8601 time`);
    const footer = isObject(embed.footer) ? embed.footer : undefined;
    if (embed.footer !== undefined) problems.push(...(footer ? text(footer.text, `${where}.footer.text`, 2048) : [`${where}.footer must be an object`]));
    const fields = Array.isArray(embed.fields) ? embed.fields : [];
    if (embed.fields !== undefined && (!Array.isArray(embed.fields) || fields.length > 25)) problems.push(`${where}.fields must be an array of at most 25`);
    fields.forEach((field: unknown, at) => {
      if (!isObject(field)) return void problems.push(`${where}.fields[${at}] must be an object`);
      problems.push(...text(field.name, `${where}.fields[${at}].name`, 256), ...text(field.value, `${where}.fields[${at}].value`, 1024));
      if (field.inline !== undefined && typeof field.inline !== 'boolean') problems.push(`${where}.fields[${at}].inline must be a boolean`);
      total += count(field.name) + count(field.value);
    });
    total += count(embed.title) + count(embed.description) + count(footer?.text) + count(isObject(embed.author) ? embed.author.name : undefined);
  });
  if (total > 6000) problems.push(`the embeds hold ${total} characters, over 6000`);
  return problems;
}
