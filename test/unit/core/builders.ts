import type { ChangeContext } from '../../../src/core/record/context';
import { declareIncident, type DeclareInput } from '../../../src/core/lifecycle/declare';
import type { Incident } from '../../../src/core/record/schema';

export const T0 = new Date('2026-11-23T10:00:00.000Z');
export const minutesAfter = (minutes: number, from = T0) => new Date(from.getTime() + minutes * 60_000);

/** A deterministic change context: fixed time, author and sequential ids. */
export function ctx(at: Date = T0, author = 'Dana Ortiz <dana@example.com>'): ChangeContext {
  let n = 0;
  return { at, author, newId: () => `id${String(++n).padStart(4, '0')}${at.getTime().toString(36)}`.slice(0, 24) };
}

export function anIncident(overrides: Partial<DeclareInput> = {}, at: Date = T0): Incident {
  return declareIncident({ title: 'Checkout returns 500', category: 'regression', severity: 'SEV1', ...overrides }, ctx(at), 'INC-1A2B3C4D');
}

/** The n-th 8-character Crockford code (`0000000A`…), for tests that need many distinct incident ids. */
export const crockfordCode = (n: number) => Array.from({ length: 8 }, (_, place) => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Math.floor(n / 32 ** (7 - place)) % 32]).join('');
