/** Verbs over the incident domain: roles, severity, checklist, updates, action items, postmortem, metrics. */
import type { Verb } from './verbSupport';

export const DOMAIN_VERBS: Record<string, Verb> = {};
