/** Suite entry for a trusted workspace: every `*.test.js` beside this file. */
import { runMochaIn } from './runMocha';

export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
