/**
 * The plan's `oncall` block: who is on call, kept as code and reviewed in git.
 *
 *   "oncall": {
 *     "timeZone": "Europe/Berlin",
 *     "rotations": [{
 *       "name": "payments",
 *       "members": ["Sam Lee <sam@example.com>", "Ana Díaz <ana@example.com>"],
 *       "shift": "1w", "handoff": "09:00", "start": "2026-11-30",
 *       "layers": [{ "name": "primary" }, { "name": "secondary", "offset": 1 }],
 *       "overrides": [{ "layer": "primary", "person": "Kim Wu <kim@example.com>", "from": "2026-12-24", "until": "2026-12-27", "note": "Sam on leave" }]
 *     }]
 *   }
 *
 * Times are wall-clock times in the block's time zone (else the SLA's, else
 * UTC): the first shift starts on `start` at `handoff`, every shift is
 * `shift` long on the wall clock, and members take turns in order. A layer
 * takes the rotation's members, shift, hand-off and start unless it names
 * its own, and `offset` moves it along the list (the secondary is the next
 * in line). An override puts a person (or, without one, nobody) on a layer
 * for a time range; the one listed last wins where two overlap.
 */
import { z } from 'zod';
import { PERSON_MAX, SHORT_TEXT_MAX } from '../text/clip';
import { isKnownTimeZone, LOCAL_DATE_TIME, parseLocalWall } from './localTime';

/** The most members a layer may have, and overrides a rotation may have: enough for any team, few enough to check at once. */
export const MEMBERS_MAX = 10_000;
export const OVERRIDES_MAX = 1_000;
export const ROTATIONS_MAX = 100;
const MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440, w: 10_080 };
/** A year of wall-clock minutes: the longest shift. */
const SHIFT_MAX_MINUTES = 366 * 1440;

/** A shift length in wall-clock minutes ("12h" → 720, "1w" → 10080), or undefined when it is not one. */
export function shiftMinutes(text: string): number | undefined {
  const match = /^(\d{1,6})\s*([mhdw])$/.exec(text.trim());
  if (!match) return undefined;
  const minutes = Number(match[1]) * MINUTES[match[2]];
  return minutes >= 1 && minutes <= SHIFT_MAX_MINUTES ? minutes : undefined;
}

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a name in lower case letters, digits and dashes, like "payments"');
const person = z.string().min(1).max(PERSON_MAX).describe('A person as git knows them, as in the roster: "Name <email>"');
const members = z.array(person).min(1, 'at least one member: a rotation of nobody leaves everyone uncovered').max(MEMBERS_MAX);
const shift = z
  .string()
  .refine((text) => shiftMinutes(text) !== undefined, 'a shift length like "12h", "1d" or "1w" (at least 1m, at most a year)')
  .describe('How long each shift lasts on the wall clock: "8h", "12h", "1d", "1w", "2w"');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time like "09:00"');
const handoff = clockTime.describe('The local time shifts change hands, in the plan\'s time zone (default "09:00")');
const start = z.iso.date().describe("The local date of the first shift, which starts at the hand-off time; a weekly shift hands off on this date's weekday");
const localDateTime = z
  .string()
  .regex(LOCAL_DATE_TIME, 'a local date or date and time like "2026-12-24" or "2026-12-24T18:00" (in the plan\'s time zone)')
  .refine((text) => parseLocalWall(text) !== undefined, 'a date that exists');

export const layerSchema = z.strictObject({
  name: slug.describe('"primary", "secondary": told in this order when escalating'),
  members: members.optional().describe("This layer's own members (default: the rotation's)"),
  shift: shift.optional(),
  handoff: handoff.optional(),
  start: start.optional(),
  offset: z.number().int().min(0).max(MEMBERS_MAX).optional().describe('How many places along the member list this layer is (1: the secondary is the next in line; default 0)'),
});

export const overrideSchema = z.strictObject({
  layer: slug.optional().describe('The layer it changes, by name (default: the first)'),
  person: person.optional().describe('Who is on call instead; absent: nobody (a gap "incident plan check" warns about)'),
  from: localDateTime.describe('From this local date or time (a date alone is its midnight)'),
  until: localDateTime.describe('Until this local date or time, not included'),
  note: z.string().min(1).max(SHORT_TEXT_MAX).optional().describe('Why: "swap with Sam", "Ana on leave"'),
});

export const rotationSchema = z
  .strictObject({
    name: slug.describe('Named by severities and intake rules ("rotation") and by "incident oncall --rotation"'),
    members: members.describe('Who takes turns, in order'),
    shift,
    handoff: handoff.default('09:00'),
    start,
    layers: z
      .array(layerSchema)
      .min(1)
      .max(10)
      .default([{ name: 'primary' }])
      .describe('The layers, told in order when escalating (default: one, "primary")'),
    overrides: z.array(overrideSchema).max(OVERRIDES_MAX).default([]).describe('A person on a layer for a time range: leave, swaps'),
  })
  .superRefine((rotation, context) => {
    const names = new Set<string>();
    rotation.layers.forEach((layer, index) => {
      if (names.has(layer.name)) context.addIssue({ code: 'custom', path: ['layers', index, 'name'], message: `layer "${layer.name}" appears twice; layer names must be unique` });
      names.add(layer.name);
    });
    rotation.overrides.forEach((override, index) => {
      if (override.layer !== undefined && !names.has(override.layer))
        context.addIssue({ code: 'custom', path: ['overrides', index, 'layer'], message: `"${override.layer}" is not one of this rotation's layers (${[...names].join(', ')})` });
      if ((parseLocalWall(override.until) ?? 0) <= (parseLocalWall(override.from) ?? 0))
        context.addIssue({ code: 'custom', path: ['overrides', index, 'until'], message: `must come after "from" (${override.from})` });
    });
  });

export const oncallSchema = z
  .strictObject({
    timeZone: z
      .string()
      .min(1)
      .refine(isKnownTimeZone, 'an IANA time zone like "UTC" or "Europe/Berlin"')
      .optional()
      .describe('The time zone of hand-offs and overrides (default: the SLA\'s "timeZone", else UTC)'),
    rotations: z.array(rotationSchema).max(ROTATIONS_MAX).default([]),
  })
  .superRefine((oncall, context) => {
    const seen = new Set<string>();
    oncall.rotations.forEach((rotation, index) => {
      if (seen.has(rotation.name))
        context.addIssue({ code: 'custom', path: ['rotations', index, 'name'], message: `rotation "${rotation.name}" appears twice; names must be unique` });
      seen.add(rotation.name);
    });
  });

export type OncallSettings = z.output<typeof oncallSchema>;
export type Rotation = z.output<typeof rotationSchema>;
export type RotationLayer = z.output<typeof layerSchema>;
export type RotationOverride = z.output<typeof overrideSchema>;

/** What of the plan on-call reads: the block, and the SLA's time zone as the fallback. */
export interface OncallPlan {
  oncall?: OncallSettings;
  sla?: { timeZone?: string };
}

/** The time zone of the plan's rotations: the block's, else the SLA's, else UTC. */
export function oncallTimeZone(plan: OncallPlan): string {
  return plan.oncall?.timeZone ?? plan.sla?.timeZone ?? 'UTC';
}

/** The rotation called `name`, or undefined. */
export function findRotation(plan: OncallPlan, name: string): Rotation | undefined {
  return plan.oncall?.rotations.find((rotation) => rotation.name === name);
}

/** The rotations' names, for a message naming the known ones. */
export function rotationNames(plan: OncallPlan): string[] {
  return (plan.oncall?.rotations ?? []).map((rotation) => rotation.name);
}
