import { setFlagsFromString } from 'node:v8';

/**
 * A regular expression that backtracks too much switches to V8's linear-time
 * engine instead of running for minutes with the event loop blocked (which
 * would also keep SIGTERM and SIGINT from being handled by any JavaScript
 * handler). Patterns this engine cannot run,
 * with backreferences, are refused up front (core/text/patternSafety.ts). Only the
 * CLI sets it: it owns its process, unlike the shared extension host.
 */
export function boundRegexBacktracking(): void {
  setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
}
