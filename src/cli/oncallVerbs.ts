/**
 * `incident oncall`: who is on call in the plan's rotations
 * (src/core/oncall/), now or at another time, one line per rotation and
 * layer (or JSON), and `--ics` to write a rotation's shifts as an iCalendar
 * file people subscribe to. Reads the plan only; never the store's records.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ASKED_TIME_FORMS, parseAskedTime } from '../core/oncall/askedTime';
import { localTimeText } from '../core/oncall/localTime';
import { onCallAt, type Segment } from '../core/oncall/onCall';
import { findRotation, oncallTimeZone, rotationNames, type OncallPlan } from '../core/oncall/oncallPlan';
import { terminalText } from '../core/text/terminalText';
import { UsageError } from './cliContext';
import { planOf } from './incidentLines';
import { rotationCalendar } from './oncallCalendar';
import { FILE_NAME_TOO_LONG, type ReadingVerb, verbArguments } from './verbSupport';

export const DEFAULT_CALENDAR_WEEKS = 12;
const WEEKS_MAX = 104;
const shown = (text: string) => terminalText(text, { oneLine: true });

/** "payments primary: Sam Lee <sam@x> until Mon 14 Dec 09:00 (Europe/Berlin)". */
export function onCallLine(segment: Segment, zone: string, now: Date): string {
  const who = segment.person === undefined ? 'nobody on call' : shown(segment.person);
  const override = segment.override ? ` [override${segment.override.note ? `: ${shown(segment.override.note)}` : ''}]` : '';
  return `${segment.rotation} ${segment.layer}: ${who} until ${localTimeText(segment.until, zone, now)} (${zone})${override}`;
}

/** The rotation named, or a usage error naming the known ones. */
function knownRotation(plan: OncallPlan, name: string): string {
  const trimmed = name.trim();
  if (findRotation(plan, trimmed)) return trimmed;
  const known = rotationNames(plan);
  throw new UsageError(
    `no rotation "${shown(trimmed.length > 64 ? `${trimmed.slice(0, 63)}…` : trimmed)}" in the plan; ${known.length ? `its rotations: ${known.join(', ')}` : 'it has none (add an "oncall" block)'}`,
  );
}

function weeksOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_CALENDAR_WEEKS;
  const weeks = /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(weeks >= 1 && weeks <= WEEKS_MAX)) throw new UsageError(`--weeks takes a whole number of weeks from 1 to ${WEEKS_MAX} (got "${shown(text.slice(0, 20))}")`);
  return weeks;
}

function writeCalendar(file: string, text: string): void {
  try {
    writeFileSync(resolve(file), text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENAMETOOLONG') throw new UsageError(FILE_NAME_TOO_LONG('--out'));
    const why = code === 'EISDIR' ? 'it is a folder' : code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
    throw new UsageError(`--out: cannot write ${shown(file)}: ${why}; name a file in a folder that exists`);
  }
}

export const ONCALL_VERBS: Record<string, ReadingVerb> = {
  oncall: {
    summary: "who is on call in the plan's rotations, and until when; --ics writes a rotation's shifts as a calendar to subscribe to",
    usage:
      'incident oncall [--at TIME] [--rotation NAME] [--json]   |   incident oncall --ics ROTATION --out FILE [--weeks N] [--at TIME]\n' +
      `       (TIME: ${ASKED_TIME_FORMS}; default now. --weeks: how far ahead the calendar goes from the shift in progress at TIME, default ${DEFAULT_CALENDAR_WEEKS}, at most ${WEEKS_MAX})`,
    readsOnly: true,
    async run(args, { store, now, out, err }) {
      const { values } = verbArguments(
        args,
        {
          at: { type: 'string' },
          rotation: { type: 'string' },
          json: { type: 'boolean', default: false },
          ics: { type: 'string' },
          out: { type: 'string' },
          weeks: { type: 'string' },
        },
        false,
      );
      const plan = planOf(store);
      const zone = oncallTimeZone(plan);
      const at = values.at === undefined ? now() : parseAskedTimeOrExplain(values.at, now(), zone);
      if (values.ics !== undefined) {
        if (values.rotation !== undefined || values.json) throw new UsageError('--ics ROTATION names its rotation itself, and writes a calendar, not --json');
        if (!values.out?.trim()) throw new UsageError('--ics needs --out FILE: the calendar file to write (e.g. --out payments.ics)');
        const rotation = knownRotation(plan, values.ics);
        const calendar = rotationCalendar(plan, rotation, at, weeksOf(values.weeks));
        writeCalendar(values.out, calendar.text);
        if (!calendar.complete) err(`incident: warning: the shifts are too short to list every one; the calendar stops after ${calendar.events} events`);
        out(`Wrote ${calendar.events} shifts of ${rotation} to ${shown(values.out)}.`);
        return;
      }
      if (values.out !== undefined || values.weeks !== undefined) throw new UsageError('--out and --weeks go with --ics ROTATION');
      if (!plan.oncall?.rotations.length) {
        if (values.rotation !== undefined) knownRotation(plan, values.rotation);
        if (values.json) return out('[]');
        out('The plan has no on-call rotations: add an "oncall" block to .incidents/plan.json ("incident plan check" checks it).');
        return;
      }
      const segments = onCallAt(plan, at, values.rotation === undefined ? undefined : knownRotation(plan, values.rotation));
      if (values.json) {
        const rows = segments.map((segment) => ({
          rotation: segment.rotation,
          layer: segment.layer,
          person: segment.person ?? null,
          from: segment.from?.toISOString() ?? null,
          until: segment.until.toISOString(),
          timeZone: zone,
          ...(segment.override ? { override: segment.override } : {}),
        }));
        out(JSON.stringify(rows, null, 2));
        return;
      }
      segments.forEach((segment) => out(onCallLine(segment, zone, at)));
    },
  },
};

function parseAskedTimeOrExplain(text: string, now: Date, zone: string): Date {
  const asked = parseAskedTime(text, now, zone);
  if ('problem' in asked) throw new UsageError(`--at: ${asked.problem}`);
  return asked.at;
}
