/**
 * `.incidents/incidents.json`, read and written through lowdb. lowdb guards
 * only one process (typicode/lowdb#421), so every change takes a cross-process
 * lock (proper-lockfile), re-reads the file, applies the change and writes
 * atomically (temp file + rename): a change made by another window, the CLI or
 * a `git pull` is never overwritten by stale memory.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import * as lockfile from 'proper-lockfile';
import { STORE_SCHEMA_VERSION, type Incident, type StoreDocument } from '../core/schema';
import { parseStoreText, StoreUnusableError, type ParsedStore } from './storeFile';
import { canonicalDocument, canonicalText } from './stableFormat';

export const STORE_RELATIVE_PATH = '.incidents/incidents.json';

/**
 * A store path from a setting or `--store`: relative to the repository root,
 * inside it, a `.json` file, in plain characters (it goes into .gitattributes
 * and git's index paths). Returns it normalized with forward slashes.
 */
export function checkStorePath(path: string): string {
  const normalized = path.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  const problem = !normalized
    ? 'it is empty'
    : normalized.startsWith('/') || /^[A-Za-z]:/.test(normalized)
      ? 'it must be relative to the repository root'
      : normalized.split('/').some((part) => part === '..' || part === '.' || part === '')
        ? 'it must stay inside the repository'
        : !/^[A-Za-z0-9._/-]+$/.test(normalized)
          ? 'use letters, digits, ".", "_", "-" and "/" only'
          : !normalized.endsWith('.json')
            ? 'it must name a .json file'
            : undefined;
  if (problem) throw new Error(`"${path}" is not a usable store path: ${problem}`);
  return normalized;
}

export type StoreRead =
  | { kind: 'missing' }
  | { kind: 'loaded'; document: StoreDocument; problems: string[] }
  | { kind: 'unusable'; error: StoreUnusableError };

export class UnknownIncidentError extends Error {
  constructor(readonly incidentId: string) {
    super(`no incident ${incidentId} in the incident store`);
    this.name = 'UnknownIncidentError';
  }
}

export function emptyDocument(): StoreDocument {
  return { version: STORE_SCHEMA_VERSION, incidents: [], deploys: [] };
}

/**
 * lowdb adapter: validated reads, stable formatting, atomic writes that skip
 * unchanged bytes. It runs under the store's lock, so the text it read is
 * still the file's when it writes.
 */
class StableJsonAdapter implements Adapter<StoreDocument> {
  private textOnDisk: string | undefined;

  constructor(
    private readonly file: string,
    private readonly parse: (text: string) => ParsedStore,
    private readonly written: (text: string, parsed: ParsedStore) => void,
  ) {}

  async read(): Promise<StoreDocument | null> {
    if (!existsSync(this.file)) return null;
    this.textOnDisk = readFileSync(this.file, 'utf8');
    const { document, problems } = this.parse(this.textOnDisk);
    if (problems.length) {
      throw new StoreUnusableError(this.file, 'invalid-records', problems, 'Fix or remove those records by hand; until then the store is read-only.');
    }
    return document;
  }

  async write(document: StoreDocument): Promise<void> {
    const canonical = canonicalDocument(document);
    const text = canonicalText(canonical);
    if (text !== this.textOnDisk) {
      mkdirSync(dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        writeFileSync(temp, text);
        renameSync(temp, this.file);
      } finally {
        rmSync(temp, { force: true });
      }
      this.textOnDisk = text;
    }
    removeLeftoverTempFiles(this.file);
    this.written(text, { document: canonical, problems: [] });
  }
}

/** Temp files of writers that were killed mid-write; only the lock holder calls this, so none is in use. */
function removeLeftoverTempFiles(file: string): void {
  const prefix = `${basename(file)}.`;
  for (const name of readdirSync(dirname(file))) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) rmSync(join(dirname(file), name), { force: true });
  }
}

export class IncidentStore {
  readonly file: string;

  /**
   * The last text read or written and what it parsed to. A re-read still reads
   * the whole file, but skips parsing and validation when the bytes are the
   * same (the usual case after our own write or a watcher event). Documents
   * are shared, so nobody may change them in place; the domain never does.
   */
  private lastParsed: { text: string; parsed: ParsedStore } | undefined;

  /** The store's path relative to the repository root, e.g. `.incidents/incidents.json`. */
  readonly relativePath: string;
  /** Its folder relative to the root (`.incidents`), where postmortems go and what "commit the incident log" commits. */
  readonly relativeDir: string;

  constructor(
    readonly root: string,
    relativePath: string = STORE_RELATIVE_PATH,
  ) {
    this.relativePath = checkStorePath(relativePath);
    this.relativeDir = this.relativePath.includes('/') ? this.relativePath.slice(0, this.relativePath.lastIndexOf('/')) : '.';
    this.file = join(root, ...this.relativePath.split('/'));
  }

  private parse(text: string): ParsedStore {
    if (this.lastParsed?.text === text) return this.lastParsed.parsed;
    const parsed = parseStoreText(this.file, text);
    this.lastParsed = { text, parsed };
    return parsed;
  }

  /** Reads the file as it is on disk now; never throws for a bad file, never writes. */
  read(): StoreRead {
    if (!existsSync(this.file)) return { kind: 'missing' };
    try {
      const { document, problems } = this.parse(readFileSync(this.file, 'utf8'));
      return { kind: 'loaded', document, problems };
    } catch (error) {
      if (error instanceof StoreUnusableError) return { kind: 'unusable', error };
      throw error;
    }
  }

  /** Lock → re-read → change → write. Creates the store when `create` and it is missing. Returns the new document. */
  async mutateDocument(change: (document: StoreDocument) => StoreDocument, options: { create?: boolean } = {}): Promise<StoreDocument> {
    if (!options.create && !existsSync(this.file)) {
      throw new Error(`${this.file} does not exist yet; declare an incident to create it`);
    }
    mkdirSync(dirname(this.file), { recursive: true });
    const release = await lockfile.lock(this.file, {
      realpath: false,
      lockfilePath: `${this.file}.lock`,
      // A live holder refreshes the lock every stale/2; one that died (kill -9, a crash) is taken over after 5 s.
      stale: 5_000,
      retries: { retries: 100, minTimeout: 20, maxTimeout: 200, randomize: true },
    });
    try {
      const adapter = new StableJsonAdapter(this.file, (text) => this.parse(text), (text, parsed) => (this.lastParsed = { text, parsed }));
      const db = new Low(adapter, emptyDocument());
      await db.read();
      db.data = change(db.data);
      await db.write();
      return db.data;
    } finally {
      await release();
    }
  }

  /** Changes one incident; throws UnknownIncidentError when it is not in the store. */
  async update(incidentId: string, mutate: (incident: Incident) => Incident): Promise<Incident> {
    let updated: Incident | undefined;
    await this.mutateDocument((document) => {
      const index = document.incidents.findIndex((incident) => incident.id === incidentId);
      if (index < 0) throw new UnknownIncidentError(incidentId);
      updated = mutate(document.incidents[index]);
      const incidents = [...document.incidents];
      incidents[index] = updated;
      return { ...document, incidents };
    });
    return updated as Incident;
  }

  async add(incident: Incident): Promise<Incident> {
    await this.mutateDocument((document) => {
      if (document.incidents.some((existing) => existing.id === incident.id)) throw new Error(`${incident.id} already exists`);
      return { ...document, incidents: [...document.incidents, incident] };
    }, { create: true });
    return incident;
  }
}
