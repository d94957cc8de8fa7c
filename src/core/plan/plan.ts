/**
 * The team's response plan, `.incidents/plan.json` next to the store: what
 * counts as an incident (categories and the triage checklist), severities in
 * the team's words with their SLA, who may play which role, where reports and
 * updates go, where the runbooks are, and when the plan was last reviewed.
 * Prepare, the first stage of the practice, written down before anything breaks.
 *
 * Every block is optional and falls back to the defaults below, so a team can
 * write only what differs. Objects are strict, like the SLA policy: an unknown
 * key is most often a typo that would silently drop a setting.
 *
 * The SLA is read from both places ("read from both", see effectivePlan):
 * the plan's `sla` block when it has one, else the store's old `policy` block
 * (stores written before the plan keep their clocks), else the built-in
 * targets. `incident plan init` copies the store's policy into the new plan,
 * which is the migration; the store's block is then no longer read.
 */
import { z } from 'zod';
import { PERSON_MAX, SHORT_TEXT_MAX } from '../text/clip';
import { regulatoryDurationProblem } from '../clocks/regulatory';
import { resolvePolicy } from '../clocks/sla';
import { CATEGORIES, SEVERITIES, slaDurationSchema, slaPolicySchema, type Category, type Severity, type SlaPolicy } from '../record/schema';
import { DEFAULT_STORE_FOLDER } from '../record/storePath';
import { intakeSchema } from './intakePlan';
import { deliverySchema, linksSchema } from './deliveryPlan';
import { typesSchema } from './incidentTypes';
import { trackerSchema } from './trackerPlan';
import { oncallSchema } from '../oncall/oncallPlan';
import { channelSecretName, isOutsideChannel, secretEnvironmentVariable } from '../delivery/deliveryKinds';

export const PLAN_VERSION = 1;
/** The plan's file name, in the store's folder. */
export const PLAN_FILE_NAME = 'plan.json';
export const DEFAULT_RUNBOOK_FOLDER = `${DEFAULT_STORE_FOLDER}/runbooks`;
export const DEFAULT_REVIEW_EVERY_DAYS = 180;
export const TRIAGE_GROUPS = ['confidentiality', 'integrity', 'availability'] as const;
/** The roles the plan keeps a roster for (responders are whoever joins). */
export const ROSTER_ROLES = ['commander', 'communicator', 'scribe', 'admin', 'patcher'] as const;

export type TriageGroup = (typeof TRIAGE_GROUPS)[number];
export type RosterRole = (typeof ROSTER_ROLES)[number];

const shortText = z.string().min(1).max(SHORT_TEXT_MAX);
const longText = z.string().min(1).max(10_000);
/** A person as git knows them: "Name <email>" (a bare name or handle is accepted, as in the record). */
const person = z.string().min(1).max(PERSON_MAX).describe('A person as git knows them: "Name <email>"');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an id in lower case letters, digits and dashes, like "logs-missing"');

const categoryIdSchema = z.enum(CATEGORIES, {
  error: () => `one of ${CATEGORIES.join(', ')}: incidents can only have these categories for now, so the plan cannot add others yet`,
});

/** A folder path relative to the repository root, inside it and outside .git (the same rules as the store path). */
function folderProblem(path: string): string | undefined {
  const parts = path.split('/');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'a folder relative to the repository root';
  if (parts.some((part) => part === '..' || part === '.' || part === '')) return 'a folder inside the repository, without "..", "." or empty parts';
  if (parts.some((part) => part.toLowerCase() === '.git')) return 'a folder outside .git, which git owns';
  if (!/^[A-Za-z0-9._/-]+$/.test(path)) return 'a folder named with letters, digits, ".", "_", "-" and "/" only';
  return undefined;
}
const repositoryFolder = z.string().superRefine((path, context) => {
  const problem = folderProblem(path);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

export const planCategorySchema = z.strictObject({
  id: categoryIdSchema,
  title: shortText,
  definition: longText.describe("What counts as an incident of this category, in the team's words"),
});

export const planSeveritySchema = z.strictObject({
  title: shortText,
  definition: longText.describe("When an incident has this severity, in the team's words"),
  notify: z
    .array(shortText)
    .max(50)
    .optional()
    .describe(
      'Who must be told of an incident of this severity, as soon as it is declared: people ("Name <email>"), channels or roles; the messages the product writes for the team name them',
    ),
  rotation: slug.optional().describe('One of the "oncall" block\'s rotations, by name: whoever is on call in it is proposed as commander of an incident of this severity'),
  assign: z.boolean().optional().describe('true: "incident declare" and alert intake make the on-call person of "rotation" commander (default false: only proposed)'),
});

export const triageQuestionSchema = z.strictObject({
  id: slug,
  text: longText.describe('A yes/no question; a yes is a strong sign an incident is under way'),
  suggestedCategory: categoryIdSchema.optional(),
  suggestedSeverity: z.enum(SEVERITIES).optional(),
  suggestedType: slug.optional().describe("One of the plan's types to suggest when this question is answered yes (its id)"),
});

export const channelSchema = z
  .strictObject({
    name: shortText,
    audience: shortText.describe('Who reads this channel: responders, stakeholders, customers…'),
    reach: shortText.describe('How to reach it: a chat channel, an address, a URL'),
    updateEvery: slaDurationSchema.optional().describe('How often an update goes out while an incident is open, e.g. "1h"'),
    public: z
      .boolean()
      .optional()
      .describe('Whether updates to this channel are public: "incident statuspage" publishes only the updates whose audience names a public channel (by its name or audience)'),
    delivery: deliverySchema
      .optional()
      .describe(
        'How messages reach this channel by themselves (Slack, Teams, Mattermost, Discord, a signed webhook, email, PagerDuty); the secret it needs is named here, never written here',
      ),
  })
  .superRefine((channel, context) => {
    if (!channel.delivery) return;
    if (!secretEnvironmentVariable(channelSecretName(channel)))
      context.addIssue({
        code: 'custom',
        path: ['delivery', 'secret'],
        message: 'name the secret with letters or digits ("delivery.secret"): the channel\'s name has none to name it by',
      });
    if (channel.delivery.remindOverdue && isOutsideChannel(channel))
      context.addIssue({
        code: 'custom',
        path: ['delivery', 'remindOverdue'],
        message: 'a reminder that an update is overdue is for the team; readers outside it would see it: remove it here',
      });
  });

export const regulatoryClockSchema = z.strictObject({
  id: slug,
  title: shortText.describe('What is due, in the words of the law or contract: "Early warning to the national CSIRT"'),
  after: z
    .string()
    .superRefine((text, context) => {
      const problem = regulatoryDurationProblem(text);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .describe('How long after the team became aware (the declaration): "24h", "72h", "7d", "1 month"'),
  categories: z.array(categoryIdSchema).min(1).default(['security']).describe('The incidents it applies to, by category (default: security)'),
  severities: z.array(z.enum(SEVERITIES)).min(1).optional().describe('Only these severities; all when absent'),
  to: shortText.optional().describe('Whom it goes to: an authority, the customers concerned, a partner'),
});

/** A list where an id appears once: a second one is named at its own place. */
function uniqueIds<T extends { id: string }>(items: readonly T[], context: z.RefinementCtx, what: string, path: (index: number) => PropertyKey[]): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) context.addIssue({ code: 'custom', path: [...path(index), 'id'], message: `${what} "${item.id}" appears twice; ids must be unique` });
    seen.add(item.id);
  });
}

const triageSchema = z
  .strictObject({
    confidentiality: z.array(triageQuestionSchema),
    integrity: z.array(triageQuestionSchema),
    availability: z.array(triageQuestionSchema),
  })
  .superRefine((triage, context) => {
    const all = TRIAGE_GROUPS.flatMap((group) => triage[group].map((question, index) => ({ id: question.id, path: [group, index] })));
    uniqueIds(all, context, 'question id', (index) => all[index].path);
  });

const rosterSchema = z.strictObject(
  Object.fromEntries(ROSTER_ROLES.map((role) => [role, z.array(person).default([])])) as Record<RosterRole, z.ZodDefault<z.ZodArray<typeof person>>>,
);

const runbookSettingsSchema = z.strictObject({
  folder: repositoryFolder.default(DEFAULT_RUNBOOK_FOLDER).describe('Where the runbooks (*.md) are, relative to the repository root'),
  reviewEveryDays: z.number().int().min(1).max(3650).default(DEFAULT_REVIEW_EVERY_DAYS).describe('A runbook not edited for longer is flagged by "incident plan check"'),
});

const severitiesSchema = z.strictObject(Object.fromEntries(SEVERITIES.map((severity) => [severity, planSeveritySchema])) as Record<Severity, typeof planSeveritySchema>);

export const planSchema = z
  .strictObject({
    version: z.literal(PLAN_VERSION),
    categories: z
      .array(planCategorySchema)
      .min(1)
      .superRefine((categories, context) => uniqueIds(categories, context, 'category', (index) => [index]))
      .default(() => defaultCategories()),
    severities: severitiesSchema.default(() => defaultSeverities()),
    sla: slaPolicySchema.optional().describe('SLA targets and business calendar; when absent, the store\'s "policy" block, else the built-in targets'),
    triage: triageSchema.default(() => defaultTriage()),
    roles: rosterSchema.default(() => emptyRoster()),
    channels: z.array(channelSchema).default(() => defaultChannels()),
    runbooks: runbookSettingsSchema.default(() => ({ folder: DEFAULT_RUNBOOK_FOLDER, reviewEveryDays: DEFAULT_REVIEW_EVERY_DAYS })),
    regulatory: z
      .array(regulatoryClockSchema)
      .superRefine((clocks, context) => uniqueIds(clocks, context, 'regulatory clock', (index) => [index]))
      .default([])
      .describe('Deadlines the law or a contract sets after the team becomes aware of an incident (none by default), e.g. a breach notification within 72 hours'),
    intake: intakeSchema
      .optional()
      .describe("What an alert from the team's monitoring does (incident intake): rules matched in order; without them, the default rule maps the severity label"),
    links: linksSchema.optional().describe("Where delivered messages link back to: the team's record ({{id}} for the incident's id) and, for outside readers, the status page"),
    tracker: trackerSchema
      .optional()
      .describe("The team's tracker (GitHub, GitLab or Jira issues), where action items are exported as issues (incident followups); the token is named here, never written here"),
    reporting: longText.optional().describe('How someone who suspects an incident reports it (whom to call first, where to write, what to include); shown where a person declares'),
    reviewed: z.strictObject({ at: z.iso.date(), by: person }).optional().describe('When the team last reviewed this plan, and who'),
    oncall: oncallSchema.optional().describe('On-call rotations kept as code: members, shifts, hand-off times in the plan\'s time zone, layers and overrides ("incident oncall")'),
    types: typesSchema
      .optional()
      .describe(
        "The team's own incident types, each inside one of the three categories, with its default severity, runbooks, questions, fields and whom to tell; without them incidents have a category only",
      ),
  })
  .superRefine(typesAgreeWithPlan)
  .superRefine(rotationsAgreeWithPlan);

/** A severity's or an intake rule's rotation is one the "oncall" block has; a rotation's page channels are the plan's and deliver. */
function rotationsAgreeWithPlan(
  plan: {
    severities: Record<Severity, { rotation?: string }>;
    intake?: { rules: { rotation?: string }[] };
    oncall?: { rotations: { name: string; page?: string[] }[] };
    channels: { name: string; delivery?: unknown }[];
  },
  context: z.RefinementCtx,
): void {
  const names = (plan.oncall?.rotations ?? []).map((rotation) => rotation.name);
  const known = names.length ? ` (${names.join(', ')})` : ' (the plan has no "oncall" rotations)';
  const check = (rotation: string | undefined, path: PropertyKey[]) => {
    if (rotation !== undefined && !names.includes(rotation)) context.addIssue({ code: 'custom', path, message: `"${rotation}" is not one of the plan's rotations${known}` });
  };
  for (const severity of SEVERITIES) check(plan.severities[severity].rotation, ['severities', severity, 'rotation']);
  (plan.intake?.rules ?? []).forEach((rule, index) => check(rule.rotation, ['intake', 'rules', index, 'rotation']));
  // A rotation pages through channels that deliver, or an escalation would page nobody.
  (plan.oncall?.rotations ?? []).forEach((rotation, index) =>
    (rotation.page ?? []).forEach((name, pageIndex) => {
      const channel = plan.channels.find((candidate) => candidate.name === name);
      if (!channel?.delivery)
        context.addIssue({
          code: 'custom',
          path: ['oncall', 'rotations', index, 'page', pageIndex],
          message: channel ? `channel "${name}" has no "delivery": a page through it would reach nobody` : `"${name}" is not one of the plan's channels`,
        });
    }),
  );
}

/** What only the whole plan can check of its types: a triage question's suggested type and an intake rule's type exist, a type's question does not reuse a triage question's id (both are ticked by id). */
function typesAgreeWithPlan(
  plan: { triage: Record<TriageGroup, TriageQuestion[]>; types?: { id: string; questions?: { id: string }[] }[]; intake?: { rules: { type?: string }[] } },
  context: z.RefinementCtx,
): void {
  const typeIds = new Set((plan.types ?? []).map((type) => type.id));
  const noTypes = typeIds.size ? '' : ' (the plan has no "types" block)';
  (plan.intake?.rules ?? []).forEach((rule, index) => {
    if (rule.type !== undefined && !typeIds.has(rule.type))
      context.addIssue({ code: 'custom', path: ['intake', 'rules', index, 'type'], message: `"${rule.type}" is not one of the plan's types${noTypes}` });
  });
  const triageIds = new Set<string>();
  for (const group of TRIAGE_GROUPS)
    plan.triage[group].forEach((question, index) => {
      triageIds.add(question.id);
      if (question.suggestedType !== undefined && !typeIds.has(question.suggestedType))
        context.addIssue({
          code: 'custom',
          path: ['triage', group, index, 'suggestedType'],
          message: `"${question.suggestedType}" is not one of the plan's types${typeIds.size ? '' : ' (the plan has no "types" block)'}`,
        });
    });
  (plan.types ?? []).forEach((type, typeIndex) =>
    (type.questions ?? []).forEach((question, index) => {
      if (triageIds.has(question.id))
        context.addIssue({
          code: 'custom',
          path: ['types', typeIndex, 'questions', index, 'id'],
          message: `"${question.id}" is the id of a triage question too; both are ticked by id, so give this one another`,
        });
    }),
  );
}

export type ResponsePlan = z.output<typeof planSchema>;
export type PlanCategory = z.output<typeof planCategorySchema>;
export type PlanSeverity = z.output<typeof planSeveritySchema>;
export type TriageQuestion = z.output<typeof triageQuestionSchema>;
export type Channel = z.output<typeof channelSchema>;
export type RegulatoryClockRule = z.output<typeof regulatoryClockSchema>;

function defaultCategories(): PlanCategory[] {
  return [
    { id: 'regression', title: 'Regression or bug', definition: 'Something we shipped (code, configuration, a data migration) made the product behave worse than before.' },
    {
      id: 'security',
      title: 'Security breach',
      definition: 'Signs of access nobody granted, a misconfiguration that exposes data or systems, malicious activity, or any doubt about who can read or change our data.',
    },
    {
      id: 'performance',
      title: 'Performance degradation',
      definition: 'Part of the system has become a bottleneck that users feel, or the service is at risk of missing the objectives we promised.',
    },
  ];
}

function defaultSeverities(): Record<Severity, PlanSeverity> {
  return {
    SEV1: { title: 'Critical', definition: 'The service is down, or data is exposed, lost or wrong for many customers. Everyone needed drops other work now.' },
    SEV2: { title: 'Major', definition: 'A core feature fails or is badly degraded for many customers, or a security problem is confirmed but contained.' },
    SEV3: { title: 'Minor', definition: 'A limited part of the product misbehaves and a workaround exists; handled within business hours.' },
    SEV4: { title: 'Low', definition: 'No customer impact yet: an internal or cosmetic problem, fixed in the normal flow of work.' },
  };
}

/** The fifteen concerns of the CIA triage checklist, in our own words. */
function defaultTriage(): Record<TriageGroup, TriageQuestion[]> {
  return {
    confidentiality: [
      {
        id: 'access-control-compromised',
        text: 'Is there any sign that sign-in or permission checks were bypassed or compromised?',
        suggestedCategory: 'security',
        suggestedSeverity: 'SEV1',
      },
      {
        id: 'device-lost',
        text: 'Has a laptop, phone or other device with access to our systems or data been lost or stolen?',
        suggestedCategory: 'security',
        suggestedSeverity: 'SEV2',
      },
      { id: 'unauthorised-access', text: 'Has someone reached data or systems they are not allowed to?', suggestedCategory: 'security', suggestedSeverity: 'SEV1' },
      { id: 'private-data-disclosed', text: 'Has private information been disclosed, on purpose or by accident?', suggestedCategory: 'security', suggestedSeverity: 'SEV1' },
    ],
    integrity: [
      { id: 'unauthorised-change', text: 'Has data been changed by someone or something not allowed to change it?', suggestedCategory: 'security', suggestedSeverity: 'SEV1' },
      {
        id: 'systemic-data-error',
        text: 'Is data wrong because of a systematic error, such as a bad calculation or a faulty import?',
        suggestedCategory: 'regression',
        suggestedSeverity: 'SEV2',
      },
      { id: 'data-corrupted', text: 'Is any data corrupted, truncated or unreadable?', suggestedCategory: 'regression', suggestedSeverity: 'SEV2' },
      { id: 'logs-missing', text: 'Are logs missing for a period or a system where they should exist?', suggestedCategory: 'security', suggestedSeverity: 'SEV3' },
      {
        id: 'logs-anomalous',
        text: 'Do the logs show something unusual: unknown accounts, odd hours, unexpected sources?',
        suggestedCategory: 'security',
        suggestedSeverity: 'SEV2',
      },
    ],
    availability: [
      {
        id: 'availability-in-doubt',
        text: 'Is it uncertain whether the service, or part of it, is available to its users?',
        suggestedCategory: 'regression',
        suggestedSeverity: 'SEV2',
      },
      { id: 'performance-degraded', text: 'Has performance dropped below what users can reasonably work with?', suggestedCategory: 'performance', suggestedSeverity: 'SEV2' },
      { id: 'abusive-traffic', text: 'Is there a denial of service, or other abusive or unexpected traffic?', suggestedCategory: 'security', suggestedSeverity: 'SEV1' },
      { id: 'backups-affected', text: 'Are backups failing, incomplete, or impossible to restore?', suggestedCategory: 'regression', suggestedSeverity: 'SEV3' },
      { id: 'monitoring-raised', text: 'Has monitoring or alerting raised an issue that nobody has explained yet?', suggestedSeverity: 'SEV3' },
      {
        id: 'monitoring-missed',
        text: 'Did monitoring or alerting fail to catch an availability problem that users or people noticed first?',
        suggestedCategory: 'performance',
        suggestedSeverity: 'SEV3',
      },
    ],
  };
}

function emptyRoster(): Record<RosterRole, string[]> {
  return { commander: [], communicator: [], scribe: [], admin: [], patcher: [] };
}

function defaultChannels(): Channel[] {
  return [
    { name: 'incident-command', audience: 'responders', reach: 'The team chat channel #incident-command: announcements only, discussion in threads', updateEvery: '1h' },
    { name: 'stakeholders', audience: 'stakeholders', reach: 'A message to the people who depend on the service (a real-time channel; email is too slow)', updateEvery: '1h' },
    { name: 'status page', audience: 'customers', reach: 'The public status page', updateEvery: '2h', public: true },
  ];
}

/** The plan the product follows when the repository has none. */
export function defaultPlan(): ResponsePlan {
  return planSchema.parse({ version: PLAN_VERSION });
}

/**
 * The plan `incident plan init` writes: the defaults, with the SLA spelled
 * out so the team sees what to edit. A store that already has a `policy`
 * block keeps its clocks: that policy becomes the plan's `sla`.
 */
export function starterPlan(storePolicy: SlaPolicy | undefined): ResponsePlan {
  return { ...defaultPlan(), sla: resolvePolicy(storePolicy) };
}

/** Where the SLA in force comes from. */
export type SlaSource = 'plan' | 'store' | 'defaults';

export interface EffectivePlan extends Omit<ResponsePlan, 'sla'> {
  /** Complete: every severity has its targets. */
  sla: SlaPolicy;
  slaSource: SlaSource;
}

/**
 * The plan in force. No plan file: the defaults. The SLA, read from both:
 * the plan's `sla` when present, else the store's old `policy` block, else
 * the built-in targets (missing severities take the built-in targets too,
 * as resolvePolicy does for the store's policy).
 */
export function effectivePlan(plan: ResponsePlan | undefined, storePolicy: SlaPolicy | undefined): EffectivePlan {
  const base = plan ?? defaultPlan();
  const slaSource: SlaSource = base.sla ? 'plan' : storePolicy ? 'store' : 'defaults';
  return { ...base, sla: resolvePolicy(base.sla ?? storePolicy), slaSource };
}

/** Every triage question with its group, in the plan's order. */
export function triageQuestions(plan: Pick<ResponsePlan, 'triage'>): (TriageQuestion & { group: TriageGroup })[] {
  return TRIAGE_GROUPS.flatMap((group) => plan.triage[group].map((question) => ({ ...question, group })));
}

/**
 * The people to offer when a role is assigned: the plan's roster for that role
 * first (marked), then everyone else the caller knows, each once.
 */
export function peopleToSuggest(plan: Pick<ResponsePlan, 'roles'>, role: string, known: readonly string[]): { person: string; rostered: boolean }[] {
  const roster = (ROSTER_ROLES as readonly string[]).includes(role) ? plan.roles[role as RosterRole] : [];
  const rostered = new Set(roster);
  return [...new Set([...roster, ...known])].map((person) => ({ person, rostered: rostered.has(person) }));
}

/** A status update's audience as the plan's channels describe it (where it goes, how often), then the built-in audiences the channels do not name. */
export interface AudienceChoice {
  audience: string;
  channel?: Channel;
}

export function audienceChoices(plan: Pick<ResponsePlan, 'channels'>, builtIn: readonly string[]): AudienceChoice[] {
  const fromPlan = plan.channels.map((channel) => ({ audience: channel.audience, channel }));
  const named = new Set(fromPlan.map((choice) => choice.audience.toLowerCase()));
  return [...fromPlan, ...builtIn.filter((audience) => !named.has(audience.toLowerCase())).map((audience) => ({ audience }))];
}

/** Who must be told of an incident of this severity, per the plan (none when it names nobody). */
export function mustBeTold(plan: Pick<ResponsePlan, 'severities'>, severity: Severity): readonly string[] {
  return plan.severities[severity].notify ?? [];
}

/** The plan's categories and severities a runbook's front matter may name. */
export function planVocabulary(plan: Pick<ResponsePlan, 'categories'>): { categories: readonly Category[]; severities: readonly Severity[] } {
  return { categories: plan.categories.map((category) => category.id), severities: SEVERITIES };
}

/**
 * The plan's JSON Schema, contributed to VS Code for `.incidents/plan.json`
 * (completion, hovers, squiggles). Draft 7, which VS Code's JSON language
 * service reads completely; `input`, so blocks with a default are optional.
 * schemas/plan.schema.json is this, checked in; a unit test keeps them equal.
 */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(planSchema, { io: 'input', target: 'draft-7', unrepresentable: 'throw' }) as Record<string, unknown>;
  return {
    ...schema,
    title: 'Incident Responder response plan',
    description: "The team's response plan (.incidents/plan.json): categories, severities and SLA, triage checklist, roles, channels, runbooks, alert intake.",
  };
}
