/**
 * Reading the response plan (`plan.json` in the store's folder) and its
 * runbooks, the way the store file is read: never through a symbolic link,
 * never rewritten when it cannot be used, and every problem reported as
 * `file:line:column: message` so an editor or a CI log can point at it.
 * Nothing here writes the plan: only `incident plan init` creates one, and it
 * refuses to replace a file.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ZodError } from 'zod';
import { effectivePlan, PLAN_FILE_NAME, PLAN_VERSION, planSchema, planVocabulary, type EffectivePlan, type ResponsePlan } from '../core/plan/plan';
import type { Incident, SlaPolicy } from '../core/record/schema';
import { parseRunbook, type Runbook } from '../core/plan/runbook';
import { addRunbookTasks, type RunbookSource } from '../core/plan/tasks';
import type { ChangeContext } from '../core/record/context';
import { SHORT_TEXT_MAX } from '../core/text/clip';
import { requirement, type SchemaIssue } from '../core/record/schemaWords';
import { MAX_JSON_DEPTH, tooDeepOffset } from '../core/text/jsonNesting';
import { jsonErrorOffset } from './jsonErrorOffset';
import { jsonPathOffset, lineColumn } from './jsonPathOffset';
import { checkRepositoryPath } from './repositoryFiles';
import { deliveryKeyProblem } from '../core/plan/deliveryPlan';
import { trackerKeyProblem } from '../core/plan/trackerPlan';
import { secretUrlReason } from '../core/delivery/secretUrls';
import { SECRET_KEY_SHOWN } from '../core/plan/planSecrets';
import { StoreUnusableError } from './storeErrors';

export interface PlanProblem {
  /** Relative to the repository root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  message: string;
}

/** `file:line:column: message`, the shape compilers print and editors and CI logs link. */
export function formatProblem(problem: PlanProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
}

/** The plan file cannot be used; `problems` says where and why (at least one). */
export class PlanFileError extends Error {
  constructor(readonly problems: PlanProblem[]) {
    super(`${formatProblem(problems[0])}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
    this.name = 'PlanFileError';
  }
}

/** The plan's path relative to the repository root, in the folder of the store (`relativeDir`, "." for the root). */
export function planRelativePath(storeRelativeDir: string): string {
  return storeRelativeDir === '.' ? PLAN_FILE_NAME : `${storeRelativeDir}/${PLAN_FILE_NAME}`;
}

const atStart = (file: string, message: string): PlanProblem => ({ file, line: 1, column: 1, message });
const clipped = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
};

/** A key that is a secret URL is never repeated (src/core/plan/planSecrets.ts reports it). */
const shownKey = (key: string) => (secretUrlReason(key) ? SECRET_KEY_SHOWN : key);

/** `triage.integrity[2].suggestedSeverity` */
function dotted(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${shownKey(String(part))}`)).join('') || 'the plan';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** A key that would hold a secret, which the plan (committed, shared) must never hold. */
const SECRET_KEY = /token|secret|password|passwd|api_?key|credential/i;

/** How many schema problems are placed at their line and column; the others are counted. */
export const MAX_PLACED_PROBLEMS = 200;

/** One problem per schema issue (one per unknown key), placed at the offending value or key. */
function schemaProblems(file: string, text: string, raw: unknown, error: ZodError): PlanProblem[] {
  const at = (path: readonly PropertyKey[], key = false) => {
    const position = jsonPathOffset(text, path);
    return lineColumn(text, key && position.found && position.keyOffset !== undefined ? position.keyOffset : position.offset);
  };
  // Each position is a walk of the text: a generated plan with thousands of mistakes gets the first ones placed, and a count of the rest.
  const shown = error.issues.slice(0, MAX_PLACED_PROBLEMS);
  const rest = error.issues.length - shown.length;
  const more = rest > 0 ? [atStart(file, `and ${rest} more problem(s) like the ones above, not placed one by one; fix those and check again`)] : [];
  return shown
    .flatMap((issue): PlanProblem[] => {
      const path = issue.path;
      if (issue.code === 'unrecognized_keys') {
        // A delivery's secret has its own place, which the message names (src/core/plan/deliveryPlan.ts).
        const channel = path[path.length - 1] === 'delivery' ? valueAt(raw, path.slice(0, -1)) : undefined;
        return issue.keys.map((key) => ({
          file,
          ...at([...path, key], true),
          message: `${dotted([...path, key])}: ${
            (channel && deliveryKeyProblem(key, channel)) ??
            (path.length === 1 && path[0] === 'tracker' ? trackerKeyProblem(key, valueAt(raw, path)) : undefined) ??
            (SECRET_KEY.test(key)
              ? "secrets never go in the plan, which is committed; they come from the environment (INCIDENT_INTAKE_TOKEN for the alert receiver) or VS Code's secret storage"
              : 'a key the plan does not have (a typo?)')
          }`,
        }));
      }
      const value = valueAt(raw, path);
      // A value that carries a secret is never repeated, not even clipped: the problem goes to terminals and CI logs.
      const got = secretUrlReason(JSON.stringify(value) ?? String(value)) ? '' : ` (got ${clipped(value)})`;
      if (path.length === 1 && path[0] === 'version' && typeof value === 'number' && value > PLAN_VERSION) {
        return [
          { file, ...at(path), message: `version ${value} is newer than this tool's ${PLAN_VERSION}; update Incident Responder (the extension and the incident CLI) to read it` },
        ];
      }
      if (value === undefined) return [{ file, ...at(path), message: `${dotted(path)} is missing` }];
      // A key a record does not take (the intake rules' match): said of the key, at the key.
      if (issue.code === 'invalid_key')
        return [
          {
            file,
            ...at(path, true),
            message: `${dotted(path.slice(0, -1))}: ${secretUrlReason(String(path[path.length - 1])) ? SECRET_KEY_SHOWN : clipped(path[path.length - 1])} ${planRequirement(issue as SchemaIssue)}`,
          },
        ];
      return [{ file, ...at(path), message: `${dotted(path)} ${planRequirement(issue as SchemaIssue)}${got}` }];
    })
    .concat(more);
}

/** The schema's own words where the plan gives them ("a duration like …"), the record's words otherwise. */
function planRequirement(issue: SchemaIssue): string {
  const ours = !/^(Invalid|Too|Unrecognized|Expected)/.test(issue.message);
  if (issue.origin === 'number' && (issue.code === 'too_small' || issue.code === 'too_big'))
    return `must be ${issue.code === 'too_small' ? `at least ${issue.minimum}` : `at most ${issue.maximum}`}`;
  if (issue.code === 'custom' || (['invalid_value', 'invalid_union', 'invalid_key'].includes(issue.code) && ours))
    return /^(a|an|one of) /.test(issue.message) ? `must be ${issue.message}` : issue.message;
  return requirement(issue);
}

/** The plan in `text`, or the problems in it, each with its position. */
export function parsePlanText(file: string, text: string): { plan: ResponsePlan; problems: [] } | { plan?: undefined; problems: PlanProblem[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Before the parse: what reads the value afterwards (the schema, the messages) recurses, and would overflow the stack.
  const tooDeep = tooDeepOffset(body);
  if (tooDeep !== undefined) {
    return {
      problems: [
        { file, ...lineColumn(body, tooDeep), message: `arrays and objects are nested more than ${MAX_JSON_DEPTH} deep here; a plan needs a few levels: remove this value` },
      ],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    const offset = jsonErrorOffset(body);
    return { problems: [{ file, ...lineColumn(body, Math.max(offset, 0)), message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const result = planSchema.safeParse(raw);
  if (result.success) return { plan: result.data, problems: [] };
  return { problems: schemaProblems(file, body, raw, result.error) };
}

/** Checks the path like the store's, turning a refusal into a problem at the start of the file. */
function safePath(root: string, relativePath: string): PlanProblem | undefined {
  try {
    checkRepositoryPath(root, relativePath);
    return undefined;
  } catch (error) {
    if (!(error instanceof StoreUnusableError)) throw error;
    return atStart(relativePath, `${error.details.join('; ')}. ${error.remedy}`);
  }
}

/** A plan or runbook file's text, read safely (no link, inside the repository); undefined when there is none. */
export function readPlanFolderText(root: string, relativePath: string): { text: string } | { problem: PlanProblem } | undefined {
  const unsafe = safePath(root, relativePath);
  if (unsafe) return { problem: unsafe };
  try {
    return { text: readFileSync(join(root, ...relativePath.split('/')), 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    return { problem: atStart(relativePath, `cannot be read: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message}`) };
  }
}

/**
 * The repository's plan: undefined when there is none (the defaults apply);
 * throws PlanFileError when there is one that cannot be used, which is then
 * neither replaced by the defaults nor rewritten.
 */
export function readPlanFile(root: string, storeRelativeDir: string): ResponsePlan | undefined {
  const relativePath = planRelativePath(storeRelativeDir);
  const read = readPlanFolderText(root, relativePath);
  if (!read) return undefined;
  if ('problem' in read) throw new PlanFileError([read.problem]);
  const parsed = parsePlanText(relativePath, read.text);
  if (!parsed.plan) throw new PlanFileError(parsed.problems);
  return parsed.plan;
}

/**
 * The plan the product follows: the file's, or the defaults when there is
 * none; its SLA read from both (effectivePlan). A file that cannot be used
 * is never fatal here: the defaults (and the store's policy) apply, and
 * `problem` says where the file is wrong, for a warning.
 */
export function planInForce(root: string, storeRelativeDir: string, storePolicy: SlaPolicy | undefined): { plan: EffectivePlan; problem?: string } {
  try {
    return { plan: effectivePlan(readPlanFile(root, storeRelativeDir), storePolicy) };
  } catch (error) {
    if (!(error instanceof PlanFileError)) throw error;
    return { plan: effectivePlan(undefined, storePolicy), problem: formatProblem(error.problems[0]) };
  }
}

export interface RunbookFile extends Runbook {
  /** Relative to the repository root. */
  file: string;
}

/**
 * Adds the tasks of the runbooks that apply to an incident now (on declaring,
 * and after a category or severity change; src/core/plan/tasks.ts). The runbooks
 * are read when first used, inside the store's write and after its own checks
 * (a store folder that is a link is refused before any runbook is read); one
 * that cannot be read goes to `warn` and the others still apply.
 */
export function runbookTaskAdder(
  root: string,
  plan: () => Pick<ResponsePlan, 'runbooks' | 'categories'>,
  warn: (problem: string) => void,
  named: readonly string[] = [],
): (incident: Incident, ctx: ChangeContext) => Incident {
  let sources: RunbookSource[] | undefined;
  return (incident, ctx) => {
    if (!sources) {
      const { runbooks, problems } = readRunbooks(root, plan());
      problems.map(formatProblem).forEach(warn);
      sources = runbooks.map(({ file, ...runbook }) => ({ file, runbook }));
    }
    return addRunbookTasks(incident, sources, ctx, named);
  };
}

/** Whether the runbook folder exists as a real folder reached through real folders (no link on the way). */
function runbookFolderProblem(root: string, folder: string): PlanProblem | 'missing' | undefined {
  const parts = folder.split('/');
  for (let i = 0; i < parts.length; i++) {
    const shown = parts.slice(0, i + 1).join('/');
    let stats;
    try {
      stats = lstatSync(join(root, ...parts.slice(0, i + 1)));
    } catch {
      return 'missing';
    }
    if (stats.isSymbolicLink()) return atStart(shown, `${shown} is a symbolic link; Incident Responder never follows links for its own files. Replace it with a real folder`);
    if (!stats.isDirectory()) return atStart(shown, `${shown} is not a folder; the plan's runbooks.folder names it`);
  }
  return undefined;
}

/** Every `*.md` in the plan's runbook folder, read and checked; a missing folder is no runbooks. */
export function readRunbooks(root: string, plan: Pick<ResponsePlan, 'runbooks' | 'categories'>): { runbooks: RunbookFile[]; problems: PlanProblem[] } {
  const folder = plan.runbooks.folder;
  const folderProblem = runbookFolderProblem(root, folder);
  if (folderProblem === 'missing') return { runbooks: [], problems: [] };
  if (folderProblem) return { runbooks: [], problems: [folderProblem] };
  const names = readdirSync(join(root, ...folder.split('/')))
    .filter((name) => name.toLowerCase().endsWith('.md'))
    .sort();
  const runbooks: RunbookFile[] = [];
  const problems: PlanProblem[] = [];
  const { categories } = planVocabulary(plan);
  for (const name of names) {
    const file = `${folder}/${name}`;
    if (file.length > SHORT_TEXT_MAX) {
      // Each task records the runbook it came from: a longer path would make every declaration it applies to fail.
      problems.push(
        atStart(
          file,
          `the path is ${file.length} characters long; a task records its runbook in at most ${SHORT_TEXT_MAX}: use a shorter folder (the plan's runbooks.folder) or file name`,
        ),
      );
      continue;
    }
    const read = readPlanFolderText(root, file);
    if (!read) continue;
    if ('problem' in read) {
      problems.push(read.problem);
      continue;
    }
    const parsed = parseRunbook(read.text, categories);
    if (parsed.runbook) runbooks.push({ ...parsed.runbook, file });
    else problems.push(...parsed.problems.map((problem) => ({ file, ...problem })));
  }
  return { runbooks, problems };
}
