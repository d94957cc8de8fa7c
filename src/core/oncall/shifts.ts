/**
 * Who holds a rotation's layer at an instant, and the stretches of time
 * ("segments") in which one person (or nobody) holds it. Shifts are counted
 * on the wall clock of the plan's time zone (localTime.ts), so a weekly
 * Monday 09:00 hand-off stays at 09:00 across a daylight-saving change, and
 * a 12-hour shift that spans the change lasts 11 or 13 real hours. Before
 * the layer's start nobody holds it; an override holds it for its range,
 * the last listed winning where overrides overlap.
 *
 * Every answer costs a handful of time-zone look-ups whatever the shift
 * length or the number of members; lists are bounded by their caller.
 */
import { instantOfWall, parseLocalWall, wallAt, wallOf } from './localTime';
import { shiftMinutes, type Rotation } from './oncallPlan';

const MINUTE = 60_000;
/** How many same-person segments "until" looks past before it stops (a one-member rotation is never handed over). */
const MERGE_LIMIT = 200;

interface OverrideRange {
  person?: string;
  from: number;
  until: number;
  note?: string;
}

/** One layer of one rotation, ready for arithmetic. */
export interface LayerClock {
  rotation: string;
  layer: string;
  zone: string;
  members: readonly string[];
  /** Shift length in wall-clock milliseconds. */
  shift: number;
  /** Wall time of the first shift's start. */
  anchor: number;
  offset: number;
  overrides: readonly OverrideRange[];
}

/** Who holds a layer from `from` (absent: since before anything the plan says) until `until`; no person: nobody (a gap). */
export interface Segment {
  rotation: string;
  layer: string;
  person?: string;
  from?: Date;
  until: Date;
  /** Held by an override (its note, when it has one). */
  override?: { note?: string };
}

/** Each layer of the rotation, in order, with what it takes from the rotation. */
export function layerClocks(rotation: Rotation, zone: string): LayerClock[] {
  return rotation.layers.map((layer, index) => ({
    rotation: rotation.name,
    layer: layer.name,
    zone,
    members: layer.members ?? rotation.members,
    shift: (shiftMinutes(layer.shift ?? rotation.shift) ?? 1) * MINUTE,
    anchor: wallAt(layer.start ?? rotation.start, layer.handoff ?? rotation.handoff),
    offset: layer.offset ?? 0,
    overrides: rotation.overrides
      .filter((override) => (override.layer === undefined ? index === 0 : override.layer === layer.name))
      .map((override) => ({
        ...(override.person !== undefined ? { person: override.person } : {}),
        from: instantOfWall(parseLocalWall(override.from) as number, zone),
        until: instantOfWall(parseLocalWall(override.until) as number, zone),
        ...(override.note !== undefined ? { note: override.note } : {}),
      })),
  }));
}

/** The instant shift `k` starts. */
const shiftStart = (clock: LayerClock, k: number) => instantOfWall(clock.anchor + k * clock.shift, clock.zone);

/** The shift holding `at` (negative before the first), such that shiftStart(k) ≤ at < shiftStart(k + 1). */
function shiftIndex(clock: LayerClock, at: number): number {
  let k = Math.floor((wallOf(at, clock.zone) - clock.anchor) / clock.shift);
  // The wall clock's estimate is off by at most the shifts within one daylight-saving change: a few steps, bounded anyway.
  for (let steps = 0; steps < 10_000 && at < shiftStart(clock, k); steps++) k--;
  for (let steps = 0; steps < 10_000 && at >= shiftStart(clock, k + 1); steps++) k++;
  return k;
}

/** The last override holding `at`, which wins over the others. */
function overrideAt(clock: LayerClock, at: number): OverrideRange | undefined {
  for (let i = clock.overrides.length - 1; i >= 0; i--) if (clock.overrides[i].from <= at && at < clock.overrides[i].until) return clock.overrides[i];
  return undefined;
}

/** Who holds the layer at `at`, and whether an override says so. */
function holderAt(clock: LayerClock, at: number): { person?: string; override?: OverrideRange } {
  const override = overrideAt(clock, at);
  if (override) return { ...(override.person !== undefined ? { person: override.person } : {}), override };
  const k = shiftIndex(clock, at);
  return k < 0 ? {} : { person: clock.members[(k + clock.offset) % clock.members.length] };
}

/**
 * The first instant after `at` where the holder may change: a hand-off or an override's edge. While an
 * override holds, hand-offs change nothing: only override edges count (a year's leave is one step, not 52).
 */
function nextChange(clock: LayerClock, at: number): number {
  let next = overrideAt(clock, at) ? Number.POSITIVE_INFINITY : shiftStart(clock, shiftIndex(clock, at) + 1);
  for (const override of clock.overrides) {
    if (override.from > at && override.from < next) next = override.from;
    if (override.until > at && override.until < next) next = override.until;
  }
  return next;
}

/** The last instant at or before `at` where the holder may have changed; undefined before anything the plan says. */
function lastChange(clock: LayerClock, at: number): number | undefined {
  const k = shiftIndex(clock, at);
  let last = k < 0 ? undefined : shiftStart(clock, k);
  for (const override of clock.overrides) for (const edge of [override.from, override.until]) if (edge <= at && (last === undefined || edge > last)) last = edge;
  return last;
}

const sameHolder = (a: { person?: string; override?: OverrideRange }, b: { person?: string; override?: OverrideRange }) =>
  a.person === b.person && a.override?.note === b.override?.note && (a.override === undefined) === (b.override === undefined);

function segmentOf(clock: LayerClock, holder: { person?: string; override?: OverrideRange }, from: number | undefined, until: number): Segment {
  return {
    rotation: clock.rotation,
    layer: clock.layer,
    ...(holder.person !== undefined ? { person: holder.person } : {}),
    ...(from !== undefined ? { from: new Date(from) } : {}),
    until: new Date(until),
    ...(holder.override ? { override: holder.override.note !== undefined ? { note: holder.override.note } : {} } : {}),
  };
}

/** Who holds the layer at `at`, since when and until when the same person holds it (hand-offs to themselves skipped, up to a bound). */
export function segmentAt(clock: LayerClock, at: Date): Segment {
  const instant = at.getTime();
  const holder = holderAt(clock, instant);
  let until = nextChange(clock, instant);
  for (let merged = 0; merged < MERGE_LIMIT && sameHolder(holderAt(clock, until), holder); merged++) until = nextChange(clock, until);
  return segmentOf(clock, holder, lastChange(clock, instant), until);
}

/**
 * The segments from `from` until `until`, in order, the first and last cut to
 * the range; at most `limit` of them (`complete` false when more were left).
 */
export function segmentsBetween(clock: LayerClock, from: Date, until: Date, limit: number): { segments: Segment[]; complete: boolean } {
  const end = until.getTime();
  const segments: Segment[] = [];
  let cursor = from.getTime();
  // Hand-offs to the same person cost a step each too: a one-member rotation of one-minute shifts stops here, not after hours.
  let steps = 0;
  while (cursor < end) {
    if (segments.length >= limit || steps > limit * 4) return { segments, complete: false };
    const holder = holderAt(clock, cursor);
    let next = nextChange(clock, cursor);
    for (; next < end && steps <= limit * 4 && sameHolder(holderAt(clock, next), holder); steps++) next = nextChange(clock, next);
    steps++;
    segments.push(segmentOf(clock, holder, cursor, Math.min(next, end)));
    cursor = next;
  }
  return { segments, complete: true };
}

/**
 * The stretches from `from` until `until` with nobody holding the layer:
 * before its first shift, and where the override that wins says nobody.
 * Found from the overrides' edges alone (within a stretch between two edges,
 * the answer does not change), so the cost does not grow with short shifts.
 */
export function gapsBetween(clock: LayerClock, from: Date, until: Date): Segment[] {
  const [start, end] = [from.getTime(), until.getTime()];
  const first = shiftStart(clock, 0);
  const edges = [start, end, first, ...clock.overrides.flatMap((override) => [override.from, override.until])].filter((edge) => edge >= start && edge <= end);
  const points = [...new Set(edges)].sort((a, b) => a - b);
  const gaps: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const override = overrideAt(clock, points[i]);
    const empty = override ? override.person === undefined : points[i] < first;
    if (!empty) continue;
    const previous = gaps[gaps.length - 1];
    const holder = override ? { override } : {};
    if (previous && previous.until.getTime() === points[i] && (previous.override?.note ?? null) === (override?.note ?? null) && !previous.override === !override)
      previous.until = new Date(points[i + 1]);
    else gaps.push(segmentOf(clock, holder, points[i], points[i + 1]));
  }
  return gaps;
}

/** The members after the one whose shift holds `at`, in turn order (at most `count`, none before the first shift): who would be on call next, whatever the overrides say. */
export function membersAfter(clock: LayerClock, at: Date, count: number): string[] {
  const k = shiftIndex(clock, at.getTime());
  if (k < 0) return [];
  const n = clock.members.length;
  return Array.from({ length: Math.min(count, n - 1) }, (_, i) => clock.members[(k + clock.offset + i + 1) % n]);
}
