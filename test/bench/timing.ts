/** Timing for the benchmarks: the median of several runs, so one slow run (a GC, a busy core) does not decide. */

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Collects the garbage of the previous sample before the next starts (when
 * node runs with --expose-gc, as `npm run bench` does), so a sample is not
 * charged for the collection of what an earlier one, or the other side of
 * the comparison, left behind.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Median wall time of `runs` runs of `work` (awaited when it returns a promise), in ms. */
export async function time(runs: number, work: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/** The same for synchronous work, where awaiting would add a tick to every sample. */
export function timeSync(runs: number, work: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    const t0 = performance.now();
    work();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/**
 * Medians of `ours` and `limit`, sampled in turns (ours, limit, ours, …), so a
 * busy spell of the machine falls on both sides rather than on one.
 */
export async function timeSideBySide(runs: number, ours: () => unknown, limit: () => unknown): Promise<[number, number]> {
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [side, work] of [ours, limit].entries()) {
      collectGarbage();
      const t0 = performance.now();
      await work();
      samples[side].push(performance.now() - t0);
    }
  }
  return [median(samples[0]), median(samples[1])];
}
