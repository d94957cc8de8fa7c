/**
 * Upgrades older store files, one version step at a time, on the raw JSON
 * before validation. Reading never writes: the migrated document lives in
 * memory and reaches the disk with the next change, so opening an old store
 * in a read-only window changes nothing.
 *
 * To change the format: bump STORE_SCHEMA_VERSION in core/record/schema.ts and add
 * the step from the previous version here. Steps must be pure and total: a
 * value they do not understand is passed through for validation to report.
 */
import { formatMinutes } from '../core/clocks/durations';

type RawObject = Record<string, unknown>;

export interface MigrationStep {
  from: number;
  describe: string;
  migrate(raw: RawObject): RawObject;
}

const isObject = (value: unknown): value is RawObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** v1 targets `{ responseMinutes, resolutionMinutes, businessHours, updateEveryMinutes }` → v2 durations `{ response, resolution, updateEvery }`. */
function targetV1ToV2(target: unknown): unknown {
  if (!isObject(target)) return target;
  const { responseMinutes, resolutionMinutes, updateEveryMinutes, businessHours, ...rest } = target;
  const business = businessHours === true;
  const duration = (minutes: unknown, inBusinessTime: boolean) =>
    typeof minutes === 'number' && Number.isInteger(minutes) && minutes > 0 ? formatMinutes(minutes, inBusinessTime) : minutes;
  return {
    ...rest,
    ...(responseMinutes !== undefined && { response: duration(responseMinutes, business) }),
    ...(resolutionMinutes !== undefined && { resolution: duration(resolutionMinutes, business) }),
    // v1 counted update cadence in calendar minutes whatever the flag said.
    ...(updateEveryMinutes !== undefined && { updateEvery: duration(updateEveryMinutes, false) }),
  };
}

export const MIGRATIONS: readonly MigrationStep[] = [
  {
    from: 1,
    describe: 'SLA targets in minutes become durations ("15m", "4h", "8bh")',
    migrate(raw) {
      if (!isObject(raw.policy) || !isObject(raw.policy.targets)) return { ...raw, version: 2 };
      const targets = Object.fromEntries(Object.entries(raw.policy.targets).map(([severity, target]) => [severity, targetV1ToV2(target)]));
      return { ...raw, version: 2, policy: { ...raw.policy, targets } };
    },
  },
];

/** Applies every step from `raw.version` up to `target`; returns the input unchanged when it is current. */
export function migrateRaw(raw: RawObject, target: number, steps: readonly MigrationStep[] = MIGRATIONS): RawObject {
  let current = raw;
  while (typeof current.version === 'number' && current.version < target) {
    const step = steps.find((candidate) => candidate.from === current.version);
    if (!step) throw new Error(`no migration from store version ${current.version}`);
    current = step.migrate(current);
    if (current.version !== step.from + 1) throw new Error(`the migration from version ${step.from} did not produce version ${step.from + 1}`);
  }
  return current;
}
