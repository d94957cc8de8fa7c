/**
 * `.incidents/incidents.json`, read and written through lowdb. lowdb guards
 * only one process (typicode/lowdb#421), so every change takes a cross-process
 * lock (storeLock.ts), re-reads the file, applies the change and writes
 * atomically (a temp file in the lock's folder, renamed in through the lock):
 * a change made by another window, the CLI or a `git pull` is never
 * overwritten by stale memory, even when this writer was paused long enough to
 * lose its lock at any step; it then re-reads and applies its change again.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { checkRepositoryPath, makeFolder } from './repositoryFiles';
import { StoreWriteError } from './storeErrors';
import { LockLostError, StoreLock, type StoreLockOptions, type WriteStep } from './storeLock';
import { stampStoreChanges } from '../core/merge/documentStamps';
import { newIncidentId } from '../core/record/ids';
import { STORE_SCHEMA_VERSION, type Incident, type StoreDocument } from '../core/record/schema';
import { DEFAULT_STORE_PATH } from '../core/record/storePath';
import { parseStoreText, StoreUnusableError, type ParsedStore } from './storeFile';
import { canonicalBytes, canonicalDocument } from './stableFormat';
import { loadedStore, missingStore, unusableStore, type StoreSnapshot } from './storeSnapshot';
import { storeLocation, type StoreLocation } from './storeLocation';

// Where the store lives: a module without the schema, for the CLI's start.
export { checkStorePath } from './storeLocation';

export class UnknownIncidentError extends Error {
  constructor(readonly incidentId: string) {
    super(`no incident ${incidentId} in the incident store`);
    this.name = 'UnknownIncidentError';
  }
}

export function emptyDocument(): StoreDocument {
  return { version: STORE_SCHEMA_VERSION, incidents: [], deploys: [] };
}

/** What a file was when read: a rename or an in-place edit (git pull, an editor) changes it. */
function fileIdentity(file: string): string {
  try {
    const stats = statSync(file, { bigint: true });
    return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
  } catch {
    return 'missing';
  }
}

/** The lock was taken over, or the file changed under it, between our read and our write: re-read and re-apply. */
class LostTheFileError extends Error {}

/**
 * lowdb adapter: validated reads, stable formatting, atomic writes that skip
 * unchanged bytes. It runs under the store's lock and replaces the file only
 * through it (StoreLock.replaceStore: never once the lock is lost), and right
 * before that checks the file is still the one it read (a git pull or an
 * editor takes no lock), so it never writes a snapshot that is not the file's
 * current content.
 */
class StableJsonAdapter implements Adapter<StoreDocument> {
  private bytesOnDisk: Buffer | undefined;
  private identityAtRead = 'missing';

  constructor(
    private readonly file: string,
    private readonly lock: StoreLock,
    private readonly readParsed: () => { bytes: Buffer; parsed: ParsedStore },
    private readonly written: (bytes: Buffer, parsed: ParsedStore) => void,
    private readonly replaced: () => void,
    private readonly onBytes?: (bytes: Buffer, canonical: StoreDocument) => void,
    private readonly atStep?: (step: WriteStep) => void,
  ) {}

  async read(): Promise<StoreDocument | null> {
    this.identityAtRead = fileIdentity(this.file);
    if (this.identityAtRead === 'missing') return null;
    const { bytes, parsed } = this.readParsed();
    this.bytesOnDisk = bytes;
    const { document, problems } = parsed;
    if (problems.length) {
      throw new StoreUnusableError(this.file, 'invalid-records', problems, 'Fix or remove those records by hand; until then the store is read-only.');
    }
    return document;
  }

  async write(document: StoreDocument): Promise<void> {
    const canonical = canonicalDocument(document);
    const bytes = canonicalBytes(canonical);
    this.onBytes?.(bytes, canonical);
    if (!this.bytesOnDisk?.equals(bytes)) {
      this.lock.replaceStore(this.file, bytes, () => {
        if (fileIdentity(this.file) !== this.identityAtRead) throw new LostTheFileError();
      });
      this.atStep?.('renamed');
      this.replaced();
      this.bytesOnDisk = bytes;
    }
    removeLeftoverTempFiles(this.file);
    this.written(bytes, { document: canonical, problems: [] });
  }
}

/** The store's bytes; a file we may not read is reported like any unusable store. */
function readStoreBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StoreUnusableError(file, 'unreadable', [`cannot be read (${code ?? (error as Error).message})`], 'Check the permissions of the file and its folder.');
  }
}

/** Temp files beside the store of writers of earlier versions killed mid-write (ours are in the lock folder and go with it); only the lock holder calls this. */
function removeLeftoverTempFiles(file: string): void {
  const prefix = `${basename(file)}.`;
  for (const name of readdirSync(dirname(file))) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) rmSync(join(dirname(file), name), { force: true });
  }
}

export interface MutateOptions {
  /** Create the store when it is missing. */
  create?: boolean;
  /** Stamp what the change did (default). A merge of stamped copies (sync) passes false: its values keep the stamps they came with. */
  stamp?: boolean;
  /**
   * Told the store's new bytes, and the canonical document they are the text
   * of, before the file is replaced (again on each attempt, should the writer
   * lose the lock and redo the change): sync writes its commit from them while
   * the file is written, and remembers the document as what it pushed.
   */
  onBytes?: (bytes: Buffer, canonical: StoreDocument) => void;
}

/** How many times a writer that lost its lock (it was paused past the stale time) re-reads and re-applies its change. */
const ATTEMPTS_AFTER_LOSING_THE_LOCK = 5;

export class IncidentStore implements StoreLocation {
  readonly file: string;

  /**
   * The bytes last read or written and what they parsed to. A re-read still
   * reads the whole file, but skips decoding, parsing and validation when the
   * bytes are the same (the usual case after our own write or a watcher
   * event). Documents are shared, so nobody may change them in place; the
   * domain never does.
   */
  private lastParsed: { bytes: Buffer; parsed: ParsedStore } | undefined;

  /** How many times this object has replaced the file (a command that changed nothing wrote 0). */
  filesWritten = 0;

  /** The store's path relative to the repository root, e.g. `.incidents/incidents.json`. */
  readonly relativePath: string;
  /** Its folder relative to the root (`.incidents`), where postmortems go and what "commit the incident log" commits. */
  readonly relativeDir: string;

  constructor(
    readonly root: string,
    relativePath: string = DEFAULT_STORE_PATH,
    private readonly lockOptions: StoreLockOptions = {},
  ) {
    ({ relativePath: this.relativePath, relativeDir: this.relativeDir, file: this.file } = storeLocation(root, relativePath));
  }

  /** The file's bytes and what they parse to: the last ones known when the bytes are the same (nothing decoded or parsed again). */
  private readParsed(): { bytes: Buffer; parsed: ParsedStore } {
    const bytes = readStoreBytes(this.file);
    if (this.lastParsed?.bytes.equals(bytes)) return this.lastParsed;
    this.lastParsed = { bytes, parsed: parseStoreText(this.file, bytes.toString('utf8')) };
    return this.lastParsed;
  }

  /** Reads the file as it is on disk now; never throws for a bad file, never writes. */
  read(): StoreSnapshot {
    try {
      checkRepositoryPath(this.root, this.relativePath);
      if (!existsSync(this.file)) return missingStore;
      const { document, problems, warnings } = this.readParsed().parsed;
      return loadedStore(document, problems, warnings);
    } catch (error) {
      if (error instanceof StoreUnusableError) return unusableStore(error);
      throw error;
    }
  }

  /**
   * Lock → re-read → change → write. Creates the store when `create` and it is
   * missing. Returns the new document. `change` may run more than once: when
   * this writer lost its lock while paused, it re-reads and applies it again.
   */
  async mutateDocument(change: (document: StoreDocument) => StoreDocument, options: MutateOptions = {}): Promise<StoreDocument> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.mutateOnce(change, options);
      } catch (error) {
        if (!(error instanceof LostTheFileError || error instanceof LockLostError)) throw error;
        if (attempt === ATTEMPTS_AFTER_LOSING_THE_LOCK) {
          throw new StoreWriteError(
            'lock-lost',
            `${this.file} kept changing under this writer (its lock was taken over ${attempt} times while it was paused); nothing was changed. Try again.`,
          );
        }
      }
    }
  }

  private async mutateOnce(change: (document: StoreDocument) => StoreDocument, options: MutateOptions): Promise<StoreDocument> {
    checkRepositoryPath(this.root, this.relativePath);
    if (!options.create && !existsSync(this.file)) {
      throw new Error(`${this.file} does not exist yet; declare an incident to create it`);
    }
    makeFolder(dirname(this.file));
    const lock = await StoreLock.acquire(this.file, this.lockOptions);
    try {
      const adapter = new StableJsonAdapter(
        this.file,
        lock,
        () => this.readParsed(),
        (bytes, parsed) => (this.lastParsed = { bytes, parsed }),
        () => this.filesWritten++,
        options.onBytes,
        this.lockOptions.atStep,
      );
      const db = new Low(adapter, emptyDocument());
      await db.read();
      this.lockOptions.atStep?.('store-read');
      // Every register the change touched is stamped, so a sync or merge keeps it over anything older (core/merge/fieldStamps.ts).
      const changed = change(db.data);
      db.data = options.stamp === false ? changed : stampStoreChanges(db.data, changed, new Date());
      await db.write();
      return db.data;
    } finally {
      lock.release();
      this.lockOptions.atStep?.('released');
    }
  }

  /**
   * Replaces the whole file with `text` under the lock, without reading what
   * is there (a store left with conflict markers, for the repair).
   */
  async replaceText(text: string): Promise<void> {
    checkRepositoryPath(this.root, this.relativePath);
    const lock = await StoreLock.acquire(this.file, this.lockOptions);
    try {
      lock.replaceStore(this.file, text);
      this.filesWritten++;
    } catch (error) {
      if (error instanceof LockLostError) {
        throw new StoreWriteError('lock-lost', `another writer took over the lock of ${this.file} while this one was paused; nothing was changed. Try again.`);
      }
      throw error;
    } finally {
      lock.release();
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

  /**
   * Adds a new incident under an id no incident in the store has: while the id
   * drawn is taken (two declares in one minute can draw the same one), draws again.
   */
  async declare(make: (id: string) => Incident, drawId: () => string = () => newIncidentId()): Promise<Incident> {
    let made: Incident | undefined;
    await this.mutateDocument(
      (document) => {
        const taken = new Set(document.incidents.map((existing) => existing.id));
        let id = drawId();
        while (taken.has(id)) id = drawId();
        made = make(id);
        return { ...document, incidents: [...document.incidents, made] };
      },
      { create: true },
    );
    return made as Incident;
  }

  async add(incident: Incident): Promise<Incident> {
    await this.mutateDocument(
      (document) => {
        if (document.incidents.some((existing) => existing.id === incident.id)) throw new Error(`${incident.id} already exists`);
        return { ...document, incidents: [...document.incidents, incident] };
      },
      { create: true },
    );
    return incident;
  }
}
