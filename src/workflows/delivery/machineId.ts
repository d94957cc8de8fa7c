/**
 * This machine's id for deliveries (which machine claimed or sent a
 * message): INCIDENT_MACHINE_ID when set, else a random id made once and
 * kept in the user's config directory
 * (~/.config/incident-responder/machine-id, readable by the user only),
 * never in the repository.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const VALID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function machineId(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const given = env.INCIDENT_MACHINE_ID?.trim();
  if (given) {
    if (!VALID.test(given)) throw new Error('INCIDENT_MACHINE_ID must be letters, digits, ".", "_" or "-" (at most 100)');
    return given;
  }
  const dir = join(home, '.config', 'incident-responder');
  const file = join(dir, 'machine-id');
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (VALID.test(kept)) return kept;
  } catch {
    // none yet: made below
  }
  const made = `m-${randomBytes(8).toString('hex')}`;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${made}\n`, { mode: 0o600 });
  return made;
}
