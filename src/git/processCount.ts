/**
 * How many git processes this extension host (or CLI run) has started: every
 * git call goes through GitCommand or the merge-driver helpers, which count
 * here. Restricted Mode promises none; the integration tests hold us to it.
 */
let started = 0;

export function countGitProcesses(count = 1): void {
  started += count;
}

export function gitProcessesStarted(): number {
  return started;
}
