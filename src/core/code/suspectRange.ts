/**
 * Where to look for the commit that caused an incident: between the last good
 * deploy and the bad one, in the environment the incident concerns.
 *
 * The bad deploy is the last one that went out at or before the incident
 * started: it was running when things broke. The good one is the last
 * successful deploy before it. When only one deploy precedes the start, it
 * is taken as good and the bad end is the first deploy after it, else HEAD.
 * A responder can always name both ends instead.
 */
import type { Deploy, Incident } from '../record/schema';

export interface SuspectRange {
  environment: string;
  good: Deploy & { sha: string };
  /** Undefined: up to HEAD. */
  bad?: Deploy & { sha: string };
}

export type SuspectRangeAnswer = { kind: 'range'; range: SuspectRange } | { kind: 'unknown'; reason: string };

const withSha = (deploy: Deploy): deploy is Deploy & { sha: string } => deploy.sha !== undefined;

/** The environment of the deploys linked to the incident, else `production` when it has deploys, else the busiest one. */
function environmentOf(incident: Incident, deploys: readonly Deploy[]): string | undefined {
  const linked = deploys.find((deploy) => incident.deployIds.includes(deploy.id));
  if (linked) return linked.environment;
  if (deploys.some((deploy) => deploy.environment === 'production')) return 'production';
  const counts = new Map<string, number>();
  for (const deploy of deploys) counts.set(deploy.environment, (counts.get(deploy.environment) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

export function suspectRange(incident: Incident, deploys: readonly Deploy[]): SuspectRangeAnswer {
  const environment = environmentOf(incident, deploys);
  if (!environment) return { kind: 'unknown', reason: 'no deploys are recorded; name a good and a bad revision' };
  const started = incident.startedAt ?? incident.declaredAt;
  const timeline = deploys.filter((deploy) => deploy.environment === environment && withSha(deploy)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)) as (Deploy & {
    sha: string;
  })[];
  const before = timeline.filter((deploy) => deploy.at <= started && deploy.status !== 'failed');
  const bad = before.at(-1);
  const good = bad
    ? before
        .slice(0, -1)
        .filter((deploy) => deploy.status === 'succeeded')
        .at(-1)
    : undefined;
  if (bad && good) return { kind: 'range', range: { environment, good, bad } };
  if (bad) {
    const next = timeline.find((deploy) => deploy.at > bad.at);
    return { kind: 'range', range: { environment, good: bad, ...(next && { bad: next }) } };
  }
  return { kind: 'unknown', reason: `no ${environment} deploy with a commit is recorded before the incident started; name a good revision` };
}

/** Files named by the incident's evidence events (a selection's file, a stack trace's frames in the repository), for ranking suspects. */
export function evidencePaths(incident: Incident): string[] {
  const paths = incident.timeline.flatMap((event) => (event.kind === 'evidence' && typeof event.data?.file === 'string' ? [event.data.file] : []));
  return [...new Set([...paths, ...evidenceLines(incident).map((frame) => frame.file)])];
}

/**
 * The repository lines of the stack traces recorded as evidence (`data.frames`,
 * numbered as the failing build ran them), for line-level ranking. Frames
 * outside the code, and anything malformed in the store, are left out.
 */
export function evidenceLines(incident: Incident): { file: string; line: number }[] {
  const seen = new Set<string>();
  const lines: { file: string; line: number }[] = [];
  for (const event of incident.timeline) {
    const frames = event.kind === 'evidence' && Array.isArray(event.data?.frames) ? (event.data.frames as unknown[]) : [];
    for (const frame of frames) {
      const { file, line, outside } = (frame ?? {}) as { file?: unknown; line?: unknown; outside?: unknown };
      if (outside || typeof file !== 'string' || !file || typeof line !== 'number' || !Number.isSafeInteger(line) || line < 1) continue;
      const key = `${line}:${file}`;
      if (!seen.has(key)) lines.push({ file, line });
      seen.add(key);
    }
  }
  return lines;
}
