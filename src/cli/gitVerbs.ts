/** Verbs that read git history: reference scans and suspect commits. */
import type { Verb } from './verbSupport';

export const GIT_VERBS: Record<string, Verb> = {};
