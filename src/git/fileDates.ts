/** When files were last committed, from one `git log` over their folder rather than one git process per file. */
import type { GitCommand } from './gitCommand';

/**
 * The commit time of the newest commit that touched each file under `folder`
 * (paths relative to the repository root, as git prints them). Files git
 * does not track are absent; so is everything when the repository has no
 * commit yet or git fails, since callers fall back to the file's own time.
 */
export async function lastCommitDates(git: GitCommand, folder: string): Promise<Map<string, Date>> {
  const dates = new Map<string, Date>();
  let log: string;
  try {
    // \x01 starts each commit; -z ends the date and every name with NUL, so no name is quoted or split.
    log = await git.run(['log', '--format=%x01%cI', '-z', '--name-only', '--', folder]);
  } catch {
    return dates;
  }
  for (const commit of log.split('\x01').slice(1)) {
    const [date, ...names] = commit.split('\0');
    const at = new Date(date);
    for (const name of names.map((entry) => entry.replace(/^\n/, '')).filter(Boolean)) if (!dates.has(name)) dates.set(name, at);
  }
  return dates;
}
