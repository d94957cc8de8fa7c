/**
 * The words people type for a category, severity or status: ids in any case,
 * and for categories the everyday words (the declare picker says "Regression
 * or bug", so "bug" is a regression). Used where text comes in (the CLI).
 */
import { CATEGORIES, SEVERITIES, STATUSES, type Category, type Severity, type Status } from './schema';

/** Short words first (shown in messages), then the picker's labels. */
export const CATEGORY_WORDS: Record<Category, readonly string[]> = {
  regression: ['bug', 'regression or bug'],
  security: ['breach', 'security breach'],
  performance: ['perf', 'slow', 'performance degradation'],
};

const key = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

export function categoryFrom(text: string | undefined): Category | undefined {
  if (text === undefined) return undefined;
  const wanted = key(text);
  return CATEGORIES.find((category) => category === wanted || CATEGORY_WORDS[category].includes(wanted));
}

/** `SEV1`, `sev1`, `Sev 1`. */
export const severityFrom = (text: string | undefined): Severity | undefined =>
  SEVERITIES.find((severity) => text !== undefined && severity === key(text).replace(/\s/g, '').toUpperCase());

export const statusFrom = (text: string | undefined): Status | undefined => STATUSES.find((status) => text !== undefined && status === key(text));

/** "regression (or bug), security (or breach), performance (or perf, slow)". */
export const categoryChoices = (): string =>
  CATEGORIES.map((category) => `${category} (or ${CATEGORY_WORDS[category].filter((word) => !word.includes(' ')).join(', ')})`).join(', ');
