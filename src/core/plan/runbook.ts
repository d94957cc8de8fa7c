/**
 * A runbook: a Markdown file whose front matter says which incidents it is
 * for, and whose list items are the steps that become an incident's tasks.
 *
 *     ---
 *     title: Roll back a bad deploy
 *     categories: [regression]
 *     severities: [SEV1, SEV2]
 *     ---
 *     ## Steps
 *     - [ ] Freeze deploys
 *     1. Roll back to the last good release
 *
 * The front matter is a small subset of YAML, parsed here rather than by a
 * YAML library: `key: value` lines, lists as `[a, b]` or as `- a` lines under
 * the key, `#` comments. Each problem names its line and column. The steps
 * are the top-level list items under the first "## Steps" heading, or every
 * top-level list item when there is no such heading; code blocks are skipped.
 */
import { LONG_TEXT_MAX } from '../text/clip';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../record/recordValues';

export interface RunbookStep {
  text: string;
  /** 1-based line in the file. */
  line: number;
}

export interface Runbook {
  title: string;
  /** The categories it applies to; empty means every category. */
  categories: Category[];
  /** The severities it applies to; empty means every severity. */
  severities: Severity[];
  steps: RunbookStep[];
}

export interface TextProblem {
  line: number;
  column: number;
  message: string;
}

export type RunbookParse = { runbook: Runbook; problems: [] } | { runbook?: undefined; problems: TextProblem[] };

const KEYS = ['title', 'categories', 'severities'] as const;
type Key = (typeof KEYS)[number];
const FENCE = /^---\s*$/;

interface FrontMatterValue {
  value: string | string[];
  line: number;
  column: number;
}

/** The front matter's keys and values, or the problems that stop it being read. */
function frontMatter(lines: readonly string[], problems: TextProblem[]): { values: Partial<Record<Key, FrontMatterValue>>; end: number } | undefined {
  if (!FENCE.test(lines[0] ?? '')) {
    problems.push({ line: 1, column: 1, message: 'a runbook starts with front matter: a "---" line, "title:", "categories:", "severities:", then "---"' });
    return undefined;
  }
  const end = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (end < 0) {
    problems.push({ line: 1, column: 1, message: 'the front matter is not closed: add a "---" line after it' });
    return undefined;
  }
  const values: Partial<Record<Key, FrontMatterValue>> = {};
  let listKey: Key | undefined;
  for (let index = 1; index < end; index++) {
    const line = lines[index];
    const lineNumber = index + 1;
    if (!line.trim() || /^\s*#/.test(line)) continue;
    const item = /^(\s+)-\s*(.*)$/.exec(line);
    if (item && listKey) {
      const entry = values[listKey] as FrontMatterValue;
      (entry.value as string[]).push(unquoted(item[2].trim()));
      continue;
    }
    const pair = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) {
      problems.push({ line: lineNumber, column: 1, message: `expected "key: value", got "${line.trim().slice(0, 60)}"` });
      continue;
    }
    const [, key, raw] = pair;
    const column = line.indexOf(raw, key.length + 1) + 1;
    listKey = undefined;
    if (!(KEYS as readonly string[]).includes(key)) {
      problems.push({ line: lineNumber, column: 1, message: `unknown key "${key}"; a runbook's front matter has ${KEYS.join(', ')}` });
      continue;
    }
    if (values[key as Key]) problems.push({ line: lineNumber, column: 1, message: `"${key}" is given twice` });
    const text = raw.replace(/\s+#.*$/, '').trim();
    if (key === 'title') values.title = { value: unquoted(text), line: lineNumber, column };
    else if (text === '') {
      values[key as Key] = { value: [], line: lineNumber, column };
      listKey = key as Key;
    } else if (/^\[.*\]$/.test(text)) {
      values[key as Key] = {
        value: text
          .slice(1, -1)
          .split(',')
          .map((part) => unquoted(part.trim()))
          .filter(Boolean),
        line: lineNumber,
        column,
      };
    } else {
      problems.push({ line: lineNumber, column, message: `${key} is a list: write [${key === 'categories' ? 'regression, security' : 'SEV1, SEV2'}]` });
    }
  }
  return { values, end };
}

const unquoted = (text: string) => text.replace(/^(["'])(.*)\1$/, '$2');

function listOf<T extends string>(entry: FrontMatterValue | undefined, allowed: readonly T[], what: string, problems: TextProblem[]): T[] {
  if (!entry) return [];
  const list = entry.value as string[];
  for (const value of list) {
    if (!allowed.includes(value as T)) problems.push({ line: entry.line, column: entry.column, message: `"${value}" is not a ${what}; use ${allowed.join(', ')}` });
  }
  return list.filter((value): value is T => allowed.includes(value as T));
}

/** A list item at the start of the line: a top-level one (an indented item belongs to the one above). */
const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?(.+)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;

/** The top-level list items of `lines` (1-based numbering from `first`), under "## Steps" when there is one; `column` is where the text starts. */
function stepsOf(lines: readonly string[], first: number): (RunbookStep & { column: number })[] {
  const all: (RunbookStep & { column: number; section: 'before' | 'steps' | 'after' })[] = [];
  let section: 'before' | 'steps' | 'after' = 'before';
  let fenced = false;
  lines.forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) return;
    const heading = HEADING.exec(line);
    if (heading) {
      if (section === 'before' && heading[1] === '##' && /^steps$/i.test(heading[2])) section = 'steps';
      else if (section === 'steps' && heading[1].length <= 2) section = 'after';
      return;
    }
    const item = LIST_ITEM.exec(line);
    if (item) all.push({ text: item[1].trim(), line: first + index, column: line.length - item[1].length + 1, section });
  });
  const underHeading = section !== 'before';
  return all.filter((step) => !underHeading || step.section === 'steps').map(({ text, line, column }) => ({ text, line, column }));
}

/** Reads a runbook's text; `categories` are those the plan defines. */
export function parseRunbook(text: string, categories: readonly Category[] = CATEGORIES): RunbookParse {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: TextProblem[] = [];
  const front = frontMatter(lines, problems);
  if (!front) return { problems };
  const title = front.values.title;
  if (!title || !(title.value as string).trim()) problems.push({ line: title?.line ?? 1, column: title?.column ?? 1, message: 'the runbook needs a "title:"' });
  const steps = stepsOf(lines.slice(front.end + 1), front.end + 2);
  // Each step becomes a task's text: one the record cannot hold would make every declaration it applies to fail.
  steps.forEach(({ text, line, column }, index) => {
    if (text.length > LONG_TEXT_MAX) {
      problems.push({
        line,
        column,
        message: `step ${index + 1} is ${text.length} characters long; a step can be at most ${LONG_TEXT_MAX}: shorten it, and put the detail under another heading`,
      });
    }
  });
  const runbook: Runbook = {
    title: ((title?.value as string | undefined) ?? '').trim(),
    categories: listOf(front.values.categories, categories, 'category of the plan', problems),
    severities: listOf(front.values.severities, SEVERITIES, 'severity', problems),
    steps: steps.map(({ text, line }) => ({ text, line })),
  };
  if (runbook.steps.length === 0) problems.push({ line: front.end + 2, column: 1, message: 'no steps: list them under a "## Steps" heading ("- [ ] …" or "1. …")' });
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return problems.length ? { problems } : { runbook, problems: [] };
}

/** Whether a runbook applies to an incident of this category and severity (an empty list matches all). */
export function runbookApplies(runbook: Pick<Runbook, 'categories' | 'severities'>, category: Category, severity: Severity): boolean {
  return (runbook.categories.length === 0 || runbook.categories.includes(category)) && (runbook.severities.length === 0 || runbook.severities.includes(severity));
}
