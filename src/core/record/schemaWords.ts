/**
 * A refused value said in words a responder knows: "action item 2's due date
 * must be a date like 2026-12-31" rather than the schema's
 * "retrospective.actionItems.1.due: Invalid ISO date".
 */

/** Minimal shape of a zod issue (zod 4), so this stays a pure function of data. */
export interface SchemaIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: readonly unknown[];
  expected?: string;
}

/** List fields, by their item's name. */
const ITEMS: Record<string, string> = {
  actionItems: 'action item',
  timeline: 'timeline event',
  updates: 'status update',
  whys: 'why',
  commits: 'linked commit',
  incidents: 'incident',
  deploys: 'deploy',
  responders: 'responder',
  deployIds: 'deploy id',
  incidentIds: 'incident id',
  holidays: 'holiday',
  businessDays: 'business day',
  tasks: 'task',
};

const FIELDS: Record<string, string> = {
  due: 'due date',
  at: 'time',
  declaredAt: 'declaration time',
  declaredBy: 'declarer',
  startedAt: 'start time',
  acknowledgedAt: 'acknowledgement time',
  mitigatedAt: 'mitigation time',
  resolvedAt: 'resolution time',
  closedAt: 'closing time',
  updatedAt: 'last change time',
  nextUpdateBy: 'next update time',
  rootCause: 'root cause',
  closedBy: 'closing commit',
  sha: 'commit sha',
  linkedAt: 'link time',
  linkedBy: 'person who linked it',
  committedAt: 'commit time',
  retrospective: 'retrospective',
  updateEvery: 'update interval',
  timeZone: 'time zone',
};

/** `reachedAt` as "reached at". */
const words = (key: string) => key.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
const singular = (name: string) => name.replace(/ies$/, 'y').replace(/([^su])s$/, '$1');

/** "action item 2's due date", "the title", "incident 3's status update 1's text". */
export function pathInWords(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = String(path[i]);
    const index = path[i + 1];
    if (typeof path[i] === 'number') {
      parts.push(`entry ${(path[i] as number) + 1}`);
    } else if (typeof index === 'number') {
      // A list without a word of its own still reads as its item and a number from 1: "escalation 1", never "escalations's 0".
      parts.push(`${ITEMS[key] ?? singular(words(key))} ${index + 1}`);
      i++;
    } else if (key !== 'retrospective' || i === path.length - 1) {
      parts.push(FIELDS[key] ?? words(key));
    }
  }
  if (parts.length === 0) return 'the value';
  const joined = parts.join("'s ");
  return parts.length === 1 && !/\d$/.test(joined) ? `the ${joined}` : joined;
}

const LIKE: Record<string, string> = { date: 'a date like 2026-12-31', datetime: 'a time like 2026-11-23T10:15:00.000Z' };

/** What the value must be, in words. */
export function requirement(issue: SchemaIssue): string {
  const unit = issue.origin === 'array' ? ' entries' : issue.origin === 'number' ? '' : ' characters';
  switch (issue.code) {
    case 'too_big':
      return `must be at most ${issue.maximum}${unit}`;
    case 'too_small':
      return issue.minimum === 1 && issue.origin !== 'number' ? 'must not be empty' : `must be at least ${issue.minimum}${unit}`;
    case 'invalid_format':
      // Our own patterns carry their description ("an ISO-8601 time like …"); zod's formats get an example.
      return `must be ${issue.format && LIKE[issue.format] ? LIKE[issue.format] : issue.message}`;
    case 'invalid_value':
      return `must be one of ${(issue.values ?? []).map(String).join(', ')}`;
    case 'invalid_type':
      if (/received undefined$/.test(issue.message ?? '')) return 'is required';
      return issue.expected === 'string' ? 'must be text' : `must be ${issue.expected === 'undefined' ? 'left out' : `a ${issue.expected}`}`;
    default:
      return `is not valid (${issue.message})`;
  }
}

export function describeSchemaIssue(issue: SchemaIssue | undefined): string {
  if (!issue) return 'a value is not valid';
  return `${pathInWords(issue.path)} ${requirement(issue)}`;
}
