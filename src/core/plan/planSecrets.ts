/**
 * What `incident plan check` refuses anywhere in the plan, whatever the key:
 * a URL that carries a secret (src/core/delivery/secretUrls.ts), in a
 * channel's `reach`, a runbook link, a note, an unknown key, even a key
 * itself. The plan is committed and shared, so each problem says where the
 * secret goes instead: for a value inside a channel, that channel's
 * INCIDENT_SECRET_… variable or VS Code's secret storage. The URL is never
 * repeated in the message.
 */
import { secretUrlReason } from '../delivery/secretUrls';
import { channelSecretName, whereSecretGoes } from '../delivery/deliveryKinds';
import type { PlanValueProblem } from './intakePlanProblems';

/** A key that is itself a secret URL, as a path shows it. */
export const SECRET_KEY_SHOWN = '<a key holding a secret URL>';
const shownKey = (part: string) => (secretUrlReason(part) ? SECRET_KEY_SHOWN : part);
const dotted = (path: readonly (string | number)[]) => path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${shownKey(part)}`)).join('');

/** The secret's name for a value at `path`: its channel's, when it is inside one with a name. */
function secretNameAt(plan: unknown, path: readonly (string | number)[]): string | undefined {
  if (path[0] !== 'channels' || typeof path[1] !== 'number' || plan === null || typeof plan !== 'object') return undefined;
  const channels = (plan as Record<string, unknown>).channels;
  const channel = Array.isArray(channels) ? (channels[path[1]] as unknown) : undefined;
  if (channel === null || typeof channel !== 'object') return undefined;
  const { name, delivery } = channel as { name?: unknown; delivery?: { secret?: unknown } };
  if (typeof name !== 'string') return undefined;
  const secret = delivery !== null && typeof delivery === 'object' && typeof delivery.secret === 'string' ? delivery.secret : undefined;
  return channelSecretName({ name, delivery: { secret } });
}

/**
 * Every string in the parsed plan (keys too) that carries a secret URL, with
 * its path. Walks with its own stack, so a deeply nested file cannot
 * overflow the call stack.
 */
export function planSecretProblems(plan: unknown): (PlanValueProblem & { atKey: boolean })[] {
  const problems: (PlanValueProblem & { atKey: boolean })[] = [];
  const report = (path: (string | number)[], reason: string, isKey: boolean) =>
    problems.push({
      path,
      atKey: isKey,
      message: `${isKey ? `${dotted(path.slice(0, -1)) || 'the plan'}: a key` : dotted(path) || 'the plan'}: this URL ${reason}; the plan is committed and shared, so a secret never goes in it (once committed it stays in the history: revoke it and make a new one). Put it in ${whereSecretGoes(secretNameAt(plan, path))}`,
    });
  const stack: { value: unknown; path: (string | number)[]; keyReason?: string }[] = [{ value: plan, path: [] }];
  while (stack.length) {
    const { value, path, keyReason } = stack.pop()!;
    if (keyReason) report(path, keyReason, true);
    if (typeof value === 'string') {
      const reason = secretUrlReason(value);
      if (reason) report(path, reason, false);
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) stack.push({ value: value[index], path: [...path, index] });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value as Record<string, unknown>).reverse()) stack.push({ value: child, path: [...path, key], keyReason: secretUrlReason(key) });
    }
  }
  return problems;
}
