/**
 * What `incident plan check` warns about in the plan's rotations, beyond
 * what their schema refuses: things that leave the plan usable but someone
 * uncovered or named two ways.
 *
 * - Gaps: stretches in the coming weeks with nobody on call in a layer
 *   (before the rotation starts, or an override without a person), with
 *   their time ranges.
 * - An override of a person who is not a member of the layer: allowed (a
 *   swap with someone from another team), but said, since it is most often
 *   a typo of a member.
 * - Two overrides of one layer that overlap: the one listed last wins there.
 * - A member twice in one layer, or a member without an email, or not on
 *   the plan's roster when it has one: the same person must be named the
 *   same way everywhere ("Name <email>", as the roster and git name them).
 */
import { personParts } from '../record/people';
import type { PlanValueProblem } from '../plan/intakePlanProblems';
import { instantOfWall, localTimeText, parseLocalWall } from './localTime';
import { coverageGaps } from './onCall';
import { oncallTimeZone, type OncallPlan } from './oncallPlan';
import { layerClocks } from './shifts';

/** How many warnings of one kind a rotation gets before the rest are counted. */
const SHOWN_PER_KIND = 10;
const WEEK_MS = 7 * 24 * 3_600_000;

/** The warnings, each with the path of its value in the plan; `roster`: every person the plan's roles name. */
export function oncallWarnings(plan: OncallPlan, roster: readonly string[], now: Date, weeks = 12): PlanValueProblem[] {
  const zone = oncallTimeZone(plan);
  const onRoster = new Set(roster.map((person) => person.trim().toLowerCase()));
  const warnings: PlanValueProblem[] = [];
  (plan.oncall?.rotations ?? []).forEach((rotation, index) => {
    const at = (...rest: (string | number)[]) => ['oncall', 'rotations', index, ...rest];
    const where = `oncall.rotations[${index}] (${rotation.name})`;
    const capped = (found: PlanValueProblem[], what: string) => {
      warnings.push(...found.slice(0, SHOWN_PER_KIND));
      if (found.length > SHOWN_PER_KIND) warnings.push({ path: at(), message: `${where}: and ${found.length - SHOWN_PER_KIND} more ${what}` });
    };

    const until = new Date(now.getTime() + weeks * WEEK_MS);
    const gaps = coverageGaps(plan, rotation, now, until);
    capped(
      gaps.map((gap) => ({
        path: at('name'),
        message: `${where}: nobody on call in layer ${gap.layer} from ${localTimeText(gap.from, zone, now)} until ${localTimeText(gap.until, zone, now)} (${zone})${gap.override ? `, left empty by an override${gap.override.note ? ` ("${gap.override.note}")` : ''}` : ''}`,
      })),
      'gaps in coverage',
    );

    const clocks = layerClocks(rotation, zone);
    const overlaps: PlanValueProblem[] = [];
    const strangers: PlanValueProblem[] = [];
    const layerOf = (override: { layer?: string }) => override.layer ?? rotation.layers[0].name;
    const ranges = rotation.overrides.map((override) => [override.from, override.until].map((text) => instantOfWall(parseLocalWall(text) as number, zone)));
    rotation.overrides.forEach((override, overrideIndex) => {
      const clock = clocks.find((candidate) => candidate.layer === layerOf(override));
      if (!clock) return;
      if (override.person !== undefined && !clock.members.includes(override.person))
        strangers.push({
          path: at('overrides', overrideIndex, 'person'),
          message: `${where}.overrides[${overrideIndex}]: ${override.person} is not a member of layer ${clock.layer}; allowed (a swap with someone outside it), but check the spelling`,
        });
      const [from, until] = ranges[overrideIndex];
      for (let earlier = 0; earlier < overrideIndex; earlier++) {
        if (layerOf(rotation.overrides[earlier]) !== clock.layer || !(ranges[earlier][0] < until && from < ranges[earlier][1])) continue;
        overlaps.push({
          path: at('overrides', overrideIndex),
          message: `${where}.overrides[${overrideIndex}] overlaps overrides[${earlier}] on layer ${clock.layer}; where both hold, this one (listed later) wins`,
        });
      }
    });
    capped(strangers, 'overrides of people outside their layer');
    capped(overlaps, 'overlapping overrides');

    const members: PlanValueProblem[] = [];
    const memberLists: { list: readonly string[]; path: (m: number) => (string | number)[] }[] = [
      { list: rotation.members, path: (m) => at('members', m) },
      ...rotation.layers.flatMap((layer, layerIndex) => (layer.members ? [{ list: layer.members, path: (m: number) => at('layers', layerIndex, 'members', m) }] : [])),
    ];
    for (const { list, path } of memberLists) {
      const seen = new Set<string>();
      list.forEach((member, m) => {
        if (seen.has(member)) members.push({ path: path(m), message: `${where}: ${member} is listed twice in one member list, so is on call twice per turn` });
        seen.add(member);
        if (!personParts(member).email) members.push({ path: path(m), message: `${where}: "${member}" has no email; name people as git and the roster do, "Name <email>"` });
        else if (onRoster.size && !onRoster.has(member.trim().toLowerCase()))
          members.push({ path: path(m), message: `${where}: ${member} is not on the plan's roster (roles); the same person must be named the same way everywhere` });
      });
    }
    capped(members, 'member warnings');
  });
  return warnings;
}
