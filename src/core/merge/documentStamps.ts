/**
 * Stamps at the level of the whole store: the policy and top-level keys this
 * version does not know are registers too (stamped in the document's own
 * `changedAt`), and the store stamps every incident a write changed.
 */
import { keysOfBoth, sameValue, stampAfter, stampChanges, stampEditsSince, type Stamps } from './fieldStamps';
import { unknownTopLevel, type StoreDocument } from '../record/schema';

/** The document's registers: the policy and the top-level keys this version does not know. */
export function documentRegisters(document: StoreDocument): Record<string, unknown> {
  const registers: Record<string, unknown> = { ...unknownTopLevel(document), ...(document.policy ? { policy: document.policy } : {}) };
  delete registers.changedAt;
  return registers;
}
export const documentStamps = (document: StoreDocument): Stamps | undefined => (document as { changedAt?: Stamps }).changedAt;

/** The document with its changed registers stamped as `stampFor` says (undefined: not stamped). */
function stampDocumentRegisters(before: StoreDocument, after: StoreDocument, stampFor: (key: string, before: Stamps, after: Stamps) => string | undefined): StoreDocument {
  const [registersBefore, registersAfter] = [documentRegisters(before), documentRegisters(after)];
  const [stampsBefore, stampsAfter] = [documentStamps(before) ?? {}, documentStamps(after) ?? {}];
  let stamps: Stamps | undefined;
  for (const key of keysOfBoth(registersBefore, registersAfter)) {
    if (sameValue(registersBefore[key], registersAfter[key])) continue;
    const at = stampFor(key, stampsBefore, stampsAfter);
    if (at !== undefined) (stamps ??= { ...stampsAfter })[key] = at;
  }
  return stamps ? ({ ...after, changedAt: stamps } as StoreDocument) : after;
}

/**
 * What the store does to every write: each incident the write replaced gets
 * the registers it changed stamped (at its new updatedAt, or now when that
 * did not move), and so does a changed policy.
 */
export function stampStoreChanges(before: StoreDocument, after: StoreDocument, now: Date): StoreDocument {
  const nowText = now.toISOString();
  const earlier = new Map(before.incidents.map((incident) => [incident.id, incident]));
  let incidents = after.incidents;
  for (let i = 0; i < incidents.length; i++) {
    const previous = earlier.get(incidents[i].id);
    if (!previous || previous === incidents[i]) continue;
    const at = incidents[i].updatedAt > previous.updatedAt ? incidents[i].updatedAt : nowText;
    const stamped = stampChanges(previous, incidents[i], at);
    if (stamped !== incidents[i]) {
      if (incidents === after.incidents) incidents = [...incidents];
      incidents[i] = stamped;
    }
  }
  const withIncidents = incidents === after.incidents ? after : { ...after, incidents };
  return stampDocumentRegisters(before, withIncidents, (key, stampsBefore) => stampAfter(stampsBefore[key], nowText));
}

/**
 * The document with the hand edits made since `base` stamped (see
 * stampEditsSince), so a join prefers them to base's values.
 */
export function stampStoreEditsSince(base: StoreDocument, edited: StoreDocument, now: Date = new Date()): StoreDocument {
  const baseIncidents = new Map(base.incidents.map((incident) => [incident.id, incident]));
  let changed = false;
  const incidents = edited.incidents.map((incident) => {
    const before = baseIncidents.get(incident.id);
    const stamped = before ? stampEditsSince(before, incident) : incident;
    changed ||= stamped !== incident;
    return stamped;
  });
  const withIncidents = changed ? { ...edited, incidents } : edited;
  return stampDocumentRegisters(base, withIncidents, (key, stampsBase, stampsEdited) =>
    stampsEdited[key] === stampsBase[key] ? stampAfter(stampsBase[key], now.toISOString()) : undefined,
  );
}
