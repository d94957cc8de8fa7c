/** Commands that read git: reference scans, suspects, evidence, diffs. */
import type { CommandServices, Register } from './commandServices';

export function registerGitCommands(_register: Register, _services: CommandServices): void {}
