import * as vscode from 'vscode';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../core/schema';

export interface DeclareAnswers {
  title: string;
  category: Category;
  severity: Severity;
}

const CATEGORY_LABELS: Record<Category, { label: string; detail: string }> = {
  regression: { label: 'Regression or bug', detail: 'Something that worked is broken' },
  security: { label: 'Security breach', detail: 'Data exposed, changed or at risk' },
  performance: { label: 'Performance degradation', detail: 'Slow, timing out or overloaded' },
};

const SEVERITY_LABELS: Record<Severity, string> = {
  SEV1: 'Service down',
  SEV2: 'Major degradation',
  SEV3: 'Minor impact',
  SEV4: 'Low impact',
};

/**
 * Declare in one keyboard-only flow: title, then category, then severity.
 * Returns undefined when the responder presses Escape at any step.
 */
export async function askDeclareAnswers(): Promise<DeclareAnswers | undefined> {
  const title = await vscode.window.showInputBox({
    title: 'Declare Incident (1/3)',
    prompt: 'What is happening? One line a responder can act on.',
    placeHolder: 'Checkout returns 500 for EU customers',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim().length === 0 ? 'A title is required' : value.length > 500 ? 'Keep the title under 500 characters' : undefined),
  });
  if (title === undefined) return undefined;
  const category = await vscode.window.showQuickPick(
    CATEGORIES.map((value) => ({ value, ...CATEGORY_LABELS[value] })),
    { title: 'Declare Incident (2/3): category', ignoreFocusOut: true },
  );
  if (!category) return undefined;
  const severity = await vscode.window.showQuickPick(
    SEVERITIES.map((value) => ({ value, label: value, description: SEVERITY_LABELS[value] })),
    { title: 'Declare Incident (3/3): severity', ignoreFocusOut: true },
  );
  if (!severity) return undefined;
  return { title: title.trim(), category: category.value, severity: severity.value };
}

/** Answers given as command arguments `(title, category, severity)`, when all three are valid. */
export function declareArguments(args: readonly unknown[]): DeclareAnswers | undefined {
  const [title, category, severity] = args;
  if (typeof title !== 'string' || !title.trim() || !CATEGORIES.includes(category as Category) || !SEVERITIES.includes(severity as Severity)) return undefined;
  return { title: title.trim(), category: category as Category, severity: severity as Severity };
}
