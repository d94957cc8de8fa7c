/**
 * The names the UI and the CLI imported before GitRepository existed; they
 * stay so those layers keep compiling while they move to GitRepository.
 */
export { GitRepository as CommitLookup } from './gitRepository';
export { InvalidRevisionError } from './errors';
export { checkRevisionText } from './revisionText';
export type { CommitInfo } from './logRecords';
