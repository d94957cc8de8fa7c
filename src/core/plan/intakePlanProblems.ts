/**
 * What `incident plan check` finds wrong with the plan's intake rules beyond
 * its schema (which already refuses unsafe patterns, unknown severities and
 * categories, and a rule name used twice): things that leave the plan usable
 * but do not do what the team meant.
 *
 * - A title placeholder that is not one an alert can fill (`{{label.service}}`,
 *   `{{alertname}}`) renders as nothing.
 * - A category the plan's own categories do not list.
 * - A runbook that is not a file in the runbook folder (its steps would never
 *   become tasks).
 *
 * Each problem names the path of the value in the plan, for the file reader
 * to turn into a line and column.
 */
import { templatePlaceholders } from '../intake/alertText';
import type { ResponsePlan } from './plan';

export interface PlanValueProblem {
  /** Where in the plan: `["intake", "rules", 0, "title"]`. */
  path: (string | number)[];
  message: string;
}

/**
 * The intake block's problems. `runbookFiles`: every *.md file in the
 * runbook folder, relative to the repository root, including those whose own
 * problems are reported elsewhere.
 */
export function intakePlanProblems(plan: Pick<ResponsePlan, 'intake' | 'categories' | 'runbooks'>, runbookFiles: ReadonlySet<string>): PlanValueProblem[] {
  const categories = plan.categories.map((category) => category.id);
  const problems: PlanValueProblem[] = [];
  (plan.intake?.rules ?? []).forEach((rule, index) => {
    const at = (...rest: (string | number)[]) => ['intake', 'rules', index, ...rest];
    const where = `intake.rules[${index}]`;
    for (const { name, known } of templatePlaceholders(rule.title ?? '')) {
      if (known) continue;
      problems.push({
        path: at('title'),
        message: `${where}.title: {{${name}}} is not a placeholder an alert can fill, so it renders as nothing; use {{labels.<name>}}, {{annotations.<name>}}, {{fields.<name>}} or {{source}}`,
      });
    }
    if (rule.category && !categories.includes(rule.category)) {
      problems.push({ path: at('category'), message: `${where}.category: "${rule.category}" is not one of the plan's categories (${categories.join(', ')})` });
    }
    (rule.runbooks ?? []).forEach((name, runbookIndex) => {
      const file = `${plan.runbooks.folder}/${name}`;
      if (runbookFiles.has(file)) return;
      problems.push({
        path: at('runbooks', runbookIndex),
        message: `${where}.runbooks[${runbookIndex}]: ${file} does not exist; name a *.md file in the runbook folder (${plan.runbooks.folder})`,
      });
    });
  });
  return problems;
}
