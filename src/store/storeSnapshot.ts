/**
 * The store as read at one moment: missing, loaded (with the records that
 * could not be read), or unusable. The views, the commands and the CLI all
 * read it through this one type; `incident(id)` is the one lookup.
 */
import type { Incident, StoreDocument } from '../core/record/schema';
import type { StoreUnusableError } from './storeFile';

interface IncidentLookup {
  /** Every incident in the store; none when it is missing or unusable. */
  readonly incidents: readonly Incident[];
  incident(id: string): Incident | undefined;
}

export interface MissingStore extends IncidentLookup {
  readonly kind: 'missing';
}

export interface LoadedStore extends IncidentLookup {
  readonly kind: 'loaded';
  readonly document: StoreDocument;
  /** One line for each record that could not be read; the store is read-only while there are any. */
  readonly problems: readonly string[];
  /** One line for each thing read but not believed (a change stamp dated far ahead); the store stays writable. */
  readonly warnings: readonly string[];
}

export interface UnusableStore extends IncidentLookup {
  readonly kind: 'unusable';
  readonly error: StoreUnusableError;
  readonly message: string;
}

export type StoreSnapshot = MissingStore | LoadedStore | UnusableStore;

const nothing: IncidentLookup = { incidents: [], incident: () => undefined };

export const missingStore: MissingStore = { kind: 'missing', ...nothing };

export function unusableStore(error: StoreUnusableError): UnusableStore {
  return { kind: 'unusable', error, message: error.message, ...nothing };
}

/** Its lookup lives on the prototype, so two reads of the same file compare equal. */
class Loaded implements LoadedStore {
  readonly kind = 'loaded';
  #byId: Map<string, Incident> | undefined;

  constructor(
    readonly document: StoreDocument,
    readonly problems: readonly string[],
    readonly warnings: readonly string[] = [],
  ) {}

  get incidents(): readonly Incident[] {
    return this.document.incidents;
  }

  incident(id: string): Incident | undefined {
    this.#byId ??= new Map(this.document.incidents.map((incident) => [incident.id, incident]));
    return this.#byId.get(id);
  }
}

export function loadedStore(document: StoreDocument, problems: readonly string[], warnings: readonly string[] = []): LoadedStore {
  return new Loaded(document, problems, warnings);
}
