/**
 * The escalation tests' rotation: "payments", weekly, primary and secondary,
 * with Sam as primary and Ana as secondary for the whole of every test
 * (overrides from 2026 to 2030), so the chain is Sam, Ana, then whoever
 * else is a member, whatever the day the tests run.
 */
import type { Rotation } from '../../../src/core/oncall/oncallPlan';

export const SAM = 'Sam Lee <sam@example.com>';
export const ANA = 'Ana Díaz <ana@example.com>';
export const KIM = 'Kim Wu <kim@example.com>';

/** The rotation with these members (Sam and Ana first) paging through these channels. */
export function paymentsRotation(members: readonly string[], page: readonly string[]): Rotation {
  return {
    name: 'payments',
    members: [...members],
    shift: '1w',
    handoff: '09:00',
    start: '2026-01-05',
    layers: [{ name: 'primary' }, { name: 'secondary', offset: 1 }],
    overrides: [
      { layer: 'primary', person: SAM, from: '2026-01-01', until: '2030-01-01' },
      { layer: 'secondary', person: ANA, from: '2026-01-01', until: '2030-01-01' },
    ],
    page: [...page],
  };
}
