/**
 * How many git processes this extension host (or CLI run) has started: every
 * one is started by GitCommand, which counts it here. Restricted Mode
 * promises none; the integration tests hold us to it.
 */
let started = 0;

export function countGitProcesses(count = 1): void {
  started += count;
}

export function gitProcessesStarted(): number {
  return started;
}
