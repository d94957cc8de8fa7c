/** Suite entry for an untrusted workspace (Restricted Mode): `untrusted/*.test.js`. */
import { runMochaIn } from '../runMocha';

export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
