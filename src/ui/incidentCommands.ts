/** Palette and context-menu commands that change an incident: severity, status, updates, notes, messages. */
import type { CommandServices, Register } from './commandServices';

export function registerIncidentCommands(_register: Register, _services: CommandServices): void {}
