/**
 * How a failed run ends: the exit code and one line on stderr. Loaded only
 * when a run fails, since telling the failures apart needs the classes of
 * every layer (the schema library's among them).
 */
import { ZodError } from 'zod';
import { DomainError } from '../core/record/errors';
import { describeSchemaIssue } from '../core/record/schemaWords';
import { GitCommandError, GitNotFoundError, InvalidPathError, InvalidRevisionError, NotARepositoryError } from '../git/errors';
import { UnknownIncidentError } from '../store/incidentStore';
import { StoreUnusableError, StoreWriteError } from '../store/storeErrors';
import { SyncRemoteError } from '../git/syncBranch';
import { RemoteStoreUnusableError, RepairRefusedError, SyncBusyError } from '../workflows/sync';
import { UsageError, VerbExit } from './cliContext';

/** 2 when a store cannot be used as asked, 3 when the remote could not be synced with, a verb's own code (VerbExit), else 1; says why on `err`. */
export function reportFailure(error: unknown, err: (line: string) => void): number {
  if (error instanceof VerbExit) {
    err(`incident: ${error.message}`);
    return error.exitCode;
  }
  if (
    error instanceof SyncRemoteError &&
    (error.kind === 'no-remote' || error.kind === 'no-such-remote' || error.kind === 'bad-branch-name' || error.kind === 'not-a-sync-branch')
  ) {
    err(`incident: ${error.message}`);
    return 1;
  }
  if (error instanceof SyncRemoteError || error instanceof SyncBusyError) {
    err(`incident: ${error.message}`);
    return 3;
  }
  if (error instanceof StoreUnusableError || error instanceof StoreWriteError || error instanceof RemoteStoreUnusableError) {
    err(`incident: ${error.message}`);
    return 2;
  }
  if (error instanceof ZodError) {
    // A change the schema refuses (a 600-character title, say): nothing was written.
    err(`incident: ${describeSchemaIssue(error.issues[0])}; nothing was changed`);
    return 1;
  }
  if (
    error instanceof UsageError ||
    error instanceof DomainError ||
    error instanceof RepairRefusedError ||
    error instanceof UnknownIncidentError ||
    isGitRefusal(error) ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    err(`incident: ${(error as Error).message}`);
    return 1;
  }
  err(unexpectedFailure(error));
  return 1;
}

/** The git layer's typed failures already say what is wrong and what to do. */
const isGitRefusal = (error: unknown) => [InvalidPathError, InvalidRevisionError, NotARepositoryError, GitNotFoundError, GitCommandError].some((type) => error instanceof type);

/**
 * Anything else (a file system error, a bug) still ends in one line; the
 * stack trace only when asked for with INCIDENT_DEBUG=1.
 */
function unexpectedFailure(error: unknown): string {
  const { code, message, stack } = error as NodeJS.ErrnoException;
  if (process.env.INCIDENT_DEBUG) return `incident: ${stack ?? String(error)}`;
  if (code === 'ENAMETOOLONG') return 'incident: a file or folder name is too long for the file system; choose a shorter one';
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'no space left on the device' : (message ?? String(error)).split('\n')[0];
  return `incident: ${reason}${code && !reason.includes(code) ? ` (${code})` : ''}; set INCIDENT_DEBUG=1 to see where it failed`;
}
