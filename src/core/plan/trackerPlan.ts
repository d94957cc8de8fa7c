/**
 * The team's tracker in the plan (its `tracker` block), where action items
 * become issues (`incident followups export`):
 *
 *   { "tracker": { "kind": "github", "repo": "acme/shop", "secret": "tracker", "labels": ["follow-up"] } }
 *
 * As for the delivered channels, only the NAME of the token is here: the
 * command line reads INCIDENT_SECRET_<NAME> (INCIDENT_SECRET_TRACKER by
 * default), VS Code its secret storage under that name. `url` is the API's
 * base (the public one by default for GitHub and GitLab; a Jira site has
 * none), and must carry no credential: the plan is committed.
 * `export: "auto"` has every open action item exported by the next
 * `incident followups sync`; by default ("manual") only those a person
 * exported.
 */
import { z } from 'zod';
import { SHORT_TEXT_MAX } from '../text/clip';
import { SECRET_ENV_PREFIX, whereSecretGoes } from '../delivery/deliveryKinds';
import type { TrackerSettings } from '../retrospective/trackerRequests';
import { credentialFreeUrl } from './deliveryPlan';

export const DEFAULT_TRACKER_SECRET = 'tracker';

const apiUrl = credentialFreeUrl(`the token goes in ${whereSecretGoes(DEFAULT_TRACKER_SECRET)}`);

const common = {
  secret: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/, 'the name of a secret (letters, digits, spaces, "_", "-", "."), never the secret itself')
    .optional()
    .describe(`The NAME of the token (default "${DEFAULT_TRACKER_SECRET}"): the CLI reads ${SECRET_ENV_PREFIX}<NAME in upper snake case>, VS Code its secret storage`),
  labels: z.array(z.string().min(1).max(50).regex(/^\S+$/, 'a label without spaces')).max(10).optional().describe('Labels every exported issue gets'),
  export: z.enum(['manual', 'auto']).optional().describe('"auto": "incident followups sync" exports every open action item; "manual" (default): only those a person exported'),
};

export const trackerSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .strictObject({
        kind: z.literal('github'),
        url: apiUrl.optional().describe('The REST API (default https://api.github.com; GitHub Enterprise Server: https://HOST/api/v3)'),
        repo: z
          .string()
          .regex(/^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/, 'OWNER/REPOSITORY')
          .describe('The repository the issues go to: OWNER/REPOSITORY'),
        ...common,
      })
      .describe('GitHub issues; the secret is a token that may write issues'),
    z
      .strictObject({
        kind: z.literal('gitlab'),
        url: apiUrl.optional().describe('The GitLab instance (default https://gitlab.com)'),
        project: z.string().min(1).max(SHORT_TEXT_MAX).describe('The project: its numeric id or its path (group/project)'),
        ...common,
      })
      .describe('GitLab issues; the secret is an access token with the api scope'),
    z
      .strictObject({
        kind: z.literal('jira'),
        url: apiUrl.describe('The Jira site, e.g. https://acme.atlassian.net'),
        project: z
          .string()
          .regex(/^[A-Z][A-Z0-9_]{0,9}$/, "a Jira project key like 'OPS'")
          .describe('The project key'),
        email: z
          .string()
          .min(3)
          .max(320)
          .regex(/^[^\s@<>]+@[^\s@<>]+$/, 'an email address')
          .describe("The account's email: with the API token (the secret), the basic authentication"),
        issueType: z.string().min(1).max(60).optional().describe('The issue type (default "Task")'),
        ...common,
      })
      .describe('Jira Cloud issues; the secret is an API token of the account named by email'),
  ],
  { error: () => 'one of github, gitlab, jira as "kind"' },
);

export type TrackerPlan = z.output<typeof trackerSchema>;

const DEFAULT_URL = { github: 'https://api.github.com', gitlab: 'https://gitlab.com' } as const;

/** What the requests need of the plan's block: the base URL filled in, the project named the same way for every kind. */
export function trackerSettings(plan: TrackerPlan): TrackerSettings {
  const base = (plan.kind === 'jira' ? plan.url : (plan.url ?? DEFAULT_URL[plan.kind])).replace(/\/+$/, '');
  return {
    kind: plan.kind,
    baseUrl: base,
    project: plan.kind === 'github' ? plan.repo : plan.project,
    labels: plan.labels ?? [],
    ...(plan.kind === 'jira' ? { email: plan.email, issueType: plan.issueType ?? 'Task' } : {}),
  };
}

/** The name of the tracker's token. */
export const trackerSecretName = (plan: TrackerPlan): string => plan.secret ?? DEFAULT_TRACKER_SECRET;

/** What a key the tracker block does not have means, when it is one that would hold a secret; undefined otherwise. */
export function trackerKeyProblem(key: string, tracker: unknown): string | undefined {
  if (!/token|secret|password|passwd|api_?key|credential|auth/i.test(key)) return undefined;
  const name =
    tracker !== null && typeof tracker === 'object' && typeof (tracker as { secret?: unknown }).secret === 'string'
      ? (tracker as { secret: string }).secret
      : DEFAULT_TRACKER_SECRET;
  return `the tracker's token never goes in the plan, which is committed: put it in ${whereSecretGoes(name)}; "tracker.secret" names it`;
}
