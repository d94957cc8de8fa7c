/**
 * The testable half of the declare flow's lists (declareFlow.ts): a suggestion
 * (the triage checklist's) is marked where it stands, never moved, so the
 * order a responder knows (SEV1 first) holds and Enter never takes a
 * severity they did not point at.
 */

/** The items in their own order, the suggested one with `note` added to its description. */
export function markSuggested<T extends { value: string; description?: string }>(items: readonly T[], suggested: string | undefined, note: string): T[] {
  return items.map((item) => (item.value === suggested ? { ...item, description: [item.description, note].filter(Boolean).join(' · ') } : item));
}
