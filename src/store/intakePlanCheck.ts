/**
 * `incident plan check` for the plan's intake rules and types: the problems
 * src/core/plan/intakePlanProblems.ts and incidentTypes.ts find (placeholders an alert cannot
 * fill, categories the plan does not list, runbooks that do not exist),
 * placed at their value in plan.json as `file:line:column: message`.
 */
import { intakePlanProblems } from '../core/plan/intakePlanProblems';
import { typePlanProblems } from '../core/plan/incidentTypes';
import type { ResponsePlan } from '../core/plan/plan';
import { jsonPathOffset, lineColumn } from './jsonPathOffset';
import { planRelativePath, readPlanFolderText, type PlanProblem, type RunbookFile } from './planFile';

/**
 * The intake block's problems in the repository's plan file. `runbooks` is
 * what readRunbooks returned: a runbook with problems of its own exists, and
 * is not reported again as missing.
 */
export function intakeCheckProblems(
  root: string,
  storeRelativeDir: string,
  plan: ResponsePlan,
  runbooks: { runbooks: readonly RunbookFile[]; problems: readonly PlanProblem[] },
): PlanProblem[] {
  const files = new Set([...runbooks.runbooks, ...runbooks.problems].map((runbook) => runbook.file));
  const found = [...intakePlanProblems(plan, files), ...typePlanProblems(plan, files)];
  if (!found.length) return [];
  const file = planRelativePath(storeRelativeDir);
  const read = readPlanFolderText(root, file);
  const text = read && 'text' in read ? (read.text.charCodeAt(0) === 0xfeff ? read.text.slice(1) : read.text) : undefined;
  return found.map(({ path, message }) => ({ file, ...(text === undefined ? { line: 1, column: 1 } : lineColumn(text, jsonPathOffset(text, path).offset)), message }));
}
