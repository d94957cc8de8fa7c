/**
 * The plan's `intake` block: what an alert from the team's monitoring does
 * when it reaches `incident intake` (src/core/intake/intakeRules.ts decides).
 *
 *   "intake": { "rules": [{
 *     "name": "payments-critical",
 *     "match": { "labels.service": "payments", "labels.severity": { "pattern": "crit.*" } },
 *     "severity": "SEV1", "title": "{{labels.alertname}} on {{labels.service}}",
 *     "runbooks": ["payments-down.md"]
 *   }] }
 *
 * The first rule whose every condition holds decides; what it leaves out (and
 * every alert no rule matches) the default rule decides. A pattern must match
 * the whole value, as Alertmanager's `=~` does, and passes the same safety
 * check as the reference patterns (src/core/text/patternSafety.ts): no nested
 * quantifiers, no backreferences, no lookarounds. An absent label counts as
 * the empty value, as in Alertmanager's matchers.
 *
 * No secrets here: the receiver's token is read from the environment or a
 * file, never from the plan, which is committed.
 */
import { genericMappingSchema } from '../intake/payloads/generic';
import { z } from 'zod';
import { SHORT_TEXT_MAX } from '../text/clip';
import { unsafePatternReason } from '../text/patternSafety';
import { CATEGORIES, SEVERITIES } from '../record/schema';

/** The names a rule may match on and a title template may read. */
export const ALERT_VALUE_KEY = /^(?:source|(?:labels|annotations|fields)\.[^\s{}]+)$/;
const ALERT_VALUE_WORDS = '"source", or "labels.<name>", "annotations.<name>" or "fields.<name>"';
const PATTERN_MAX = 1000;

/** Why `pattern` cannot be a match pattern, said after its name ("… is refused: …"); undefined when it can (the check reference patterns pass, then the compile). */
export function matchPatternProblem(pattern: string): string | undefined {
  const unsafe = unsafePatternReason(pattern);
  if (unsafe) return `is refused: ${unsafe}`;
  try {
    // Balanced on its own, it is also valid anchored as ^(?:…)$, the way it runs.
    new RegExp(pattern);
    return undefined;
  } catch (error) {
    return `is not a regular expression: ${(error as Error).message}`;
  }
}

const matchValueSchema = z.union(
  [
    z.string().max(SHORT_TEXT_MAX).describe('The value must equal this'),
    z.strictObject({
      pattern: z.string().min(1).max(PATTERN_MAX).describe('A regular expression the whole value must match (as Alertmanager\'s "=~"), e.g. "crit.*|page"'),
    }),
  ],
  { error: () => 'a text to equal, or {"pattern": "…"} to match' },
);

const matchSchema = z
  .record(z.string().regex(ALERT_VALUE_KEY), matchValueSchema, {
    error: (issue) => (issue.code === 'invalid_key' ? `is not a name a rule matches on: use ${ALERT_VALUE_WORDS}, like "labels.service"` : undefined),
  })
  .superRefine((match, context) => {
    for (const [key, value] of Object.entries(match)) {
      const problem = typeof value === 'object' ? matchPatternProblem(value.pattern) : undefined;
      if (problem) context.addIssue({ code: 'custom', path: [key, 'pattern'], message: problem });
    }
  })
  .describe(`Conditions that must all hold, by ${ALERT_VALUE_WORDS}: a string for equality or {"pattern": "…"}; an absent label is the empty value`);

/** A runbook by its file name in the plan's runbooks.folder (the folder's *.md files are the runbooks). */
export const runbookName = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*\.md$/, 'a runbook file name in the plan\'s runbooks.folder, like "roll-back-a-bad-deploy.md"');

export const intakeRuleSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a name in lower case letters, digits and dashes, like "payments-critical"')
    .describe('Named in the reason "incident intake --dry-run" prints'),
  match: matchSchema.default({}),
  category: z.enum(CATEGORIES).optional().describe('The incident\'s category (default: "regression" for Sentry, "performance" otherwise)'),
  severity: z.enum(SEVERITIES).optional().describe('The incident\'s severity (default: from the alert\'s "severity" or "priority" label)'),
  title: z
    .string()
    .min(1)
    .max(SHORT_TEXT_MAX)
    .optional()
    .describe('The incident\'s title, with placeholders like "{{labels.alertname}} on {{labels.service}}"; an absent value renders as nothing'),
  runbooks: z.array(runbookName).max(20).optional().describe("Runbooks whose steps become the incident's tasks, by file name in runbooks.folder"),
  type: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "one of the plan's types, by id")
    .optional()
    .describe("One of the plan's incident types, by id: the incident it opens has it, with its category, severity and runbooks unless the rule says otherwise"),
  drill: z.boolean().optional().describe('Whether the incident it opens is a drill (default false)'),
  declare: z.boolean().optional().describe('false: never open an incident, only attach to an open one of the same alert group (default true)'),
  rotation: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "one of the plan's rotations, by name")
    .optional()
    .describe('One of the "oncall" rotations, by name: whoever is on call in it when the alert fires is proposed as commander (instead of the severity\'s rotation)'),
  assign: z.boolean().optional().describe('true: alert intake makes the on-call person of "rotation" commander (default false: only proposed)'),
});

export const intakeSchema = z.strictObject({
  rules: z
    .array(intakeRuleSchema)
    .max(500)
    .superRefine((rules, context) => {
      const seen = new Set<string>();
      rules.forEach((rule, index) => {
        if (seen.has(rule.name))
          context.addIssue({ code: 'custom', path: [index, 'name'], message: `"${rule.name}" is the name of an earlier rule too; rule names must be unique` });
        seen.add(rule.name);
      });
    })
    .default([])
    .describe('Tried in order; the first whose conditions all hold decides, the default rule decides the rest'),
  /** How a generic JSON alert is read (src/core/intake/payloads/generic.ts). */
  generic: genericMappingSchema.optional().describe('How a generic JSON alert is read: JSON Pointer paths for title, severity, fingerprint, status and so on'),
});

export type IntakeRule = z.output<typeof intakeRuleSchema>;
export type IntakeMatchValue = z.output<typeof matchValueSchema>;
export type IntakeSettings = z.output<typeof intakeSchema>;
