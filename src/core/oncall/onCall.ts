/**
 * What the rest of the product asks of the plan's rotations, as pure
 * functions of (plan, instant): who is on call in each layer, whom to tell
 * in order when escalating, and the stretches with nobody on call. VS Code,
 * the CLI and alert intake all call these, so they agree.
 */
import { personParts } from '../record/people';
import { findRotation, oncallTimeZone, type OncallPlan, type Rotation } from './oncallPlan';
import { gapsBetween, layerClocks, membersAfter, segmentAt, segmentsBetween, type Segment } from './shifts';

export type { Segment } from './shifts';

/** Each layer of each rotation (or of the one named) at `at`, in the plan's order. */
export function onCallAt(plan: OncallPlan, at: Date, rotationName?: string): Segment[] {
  const zone = oncallTimeZone(plan);
  const rotations = (plan.oncall?.rotations ?? []).filter((rotation) => rotationName === undefined || rotation.name === rotationName);
  return rotations.flatMap((rotation) => layerClocks(rotation, zone).map((clock) => segmentAt(clock, at)));
}

/**
 * The layers `person` holds at `at` (for "you are on call until …"): the
 * same person when the text is equal or, both having one, the email is
 * (case-insensitive), so "Sam <sam@x>" in git finds "Sam Lee <sam@x>" in the plan.
 */
export function onCallFor(plan: OncallPlan, person: string, at: Date): Segment[] {
  const email = personParts(person).email?.toLowerCase();
  return onCallAt(plan, at).filter(
    (segment) => segment.person !== undefined && (segment.person === person || (email !== undefined && personParts(segment.person).email?.toLowerCase() === email)),
  );
}

/** One person to tell when escalating, with the layer they hold ("next": next in line, holding none) and until when (for "next": the first step's). */
export interface EscalationStep {
  rotation: string;
  layer: string;
  person: string;
  until: Date;
}

/**
 * Whom to tell, in order, for the rotation at `at`: the primary layer's
 * person, then the secondary's, and so on; a layer with nobody on call is
 * passed over, and a person is told once (at their first place). With
 * `nextInLine`, up to that many more: the first layer's members after the
 * one on call, in turn order (for a rotation of one layer, "the next
 * person"), layer "next". Empty for a rotation the plan does not have.
 */
export function escalationChain(plan: OncallPlan, rotationName: string, at: Date, options: { nextInLine?: number } = {}): EscalationStep[] {
  const seen = new Set<string>();
  const steps = onCallAt(plan, at, rotationName).flatMap((segment) => {
    if (segment.person === undefined || seen.has(segment.person)) return [];
    seen.add(segment.person);
    return [{ rotation: segment.rotation, layer: segment.layer, person: segment.person, until: segment.until }];
  });
  const rotation = findRotation(plan, rotationName);
  const wanted = Math.max(0, Math.min(options.nextInLine ?? 0, 100));
  if (!rotation || !wanted || !steps.length) return steps;
  const [first] = layerClocks(rotation, oncallTimeZone(plan));
  const next: EscalationStep[] = [];
  for (const person of membersAfter(first, at, first.members.length)) {
    if (next.length >= wanted) break;
    if (seen.has(person)) continue;
    seen.add(person);
    next.push({ rotation: rotationName, layer: 'next', person, until: steps[0].until });
  }
  return [...steps, ...next];
}

/** A stretch of time with nobody on call in a layer. */
export interface CoverageGap {
  rotation: string;
  layer: string;
  from: Date;
  until: Date;
  /** The override that leaves it empty, when one does. */
  override?: { note?: string };
}

/** How many segments a layer's calendar lists, at most. */
export const SEGMENT_LIMIT = 5_000;

/** The gaps in each layer of `rotation` between `from` and `until`, in layer order; exact whatever the shift length. */
export function coverageGaps(plan: OncallPlan, rotation: Rotation, from: Date, until: Date): CoverageGap[] {
  return layerClocks(rotation, oncallTimeZone(plan)).flatMap((clock) =>
    gapsBetween(clock, from, until).map((gap) => ({
      rotation: gap.rotation,
      layer: gap.layer,
      from: gap.from as Date,
      until: gap.until,
      ...(gap.override ? { override: gap.override } : {}),
    })),
  );
}

/**
 * The segments of every layer of the named rotation from the start of the
 * one holding `from` until `until`, for a calendar (whole shifts, so a
 * calendar made later names the same events); at most `limit` per layer.
 */
export function rotationSegments(plan: OncallPlan, rotationName: string, from: Date, until: Date, limit = SEGMENT_LIMIT): { segments: Segment[]; complete: boolean } {
  const rotation = findRotation(plan, rotationName);
  if (!rotation) return { segments: [], complete: true };
  let complete = true;
  const segments = layerClocks(rotation, oncallTimeZone(plan)).flatMap((clock) => {
    const listed = segmentsBetween(clock, segmentAt(clock, from).from ?? from, until, limit);
    complete &&= listed.complete;
    return listed.segments;
  });
  return { segments, complete };
}
