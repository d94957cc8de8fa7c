/**
 * Incidents that happened before: for one incident, the others most like it,
 * each with why ("both mention checkout, timeout"; "both changed
 * payments/gateway.ts in their cause/fix commits").
 *
 * Two signals, combined as documented in docs/working-an-incident.md:
 *
 *   score = 0.6 × text + 0.4 × files           (each between 0 and 1)
 *
 * - text: BM25 (bm25.ts) of the incident's words against each other
 *   incident's, divided by the incident's score against itself, so 1 means
 *   "says everything this one says". The words come from the title (counted
 *   twice: it is the one line written to be found), summary, impact, what
 *   people wrote on the timeline, status updates, linked commits' subjects,
 *   five whys, root cause and the team's postmortem notes.
 * - files: Jaccard overlap (shared ÷ all) of the files their cause and fix
 *   commits changed; the caller reads them from git (src/git/changedFiles.ts).
 *
 * Pure: the caller passes the postmortem text and the changed files in.
 * Drills are left out of the answers unless asked for.
 */
import { Bm25Index } from './bm25';
import { isDrill } from '../lifecycle/drills';
import { NOTE_KINDS, type Incident } from '../record/schema';
import { searchTokens } from './searchTokens';

export const TEXT_WEIGHT = 0.6;
export const FILE_WEIGHT = 0.4;
/** How many shared words or files a why line names. */
const WHY_ITEMS = 3;
/**
 * A shared word counts when it adds at least this share of what the best
 * shared word adds: words every incident uses ("users", "alert") add almost
 * nothing to BM25 and would only pad the why line.
 */
const WORD_SHARE = 0.1;

/** What the record does not hold: read by the caller from the repository. */
export interface RelatedExtras {
  /** The team's own postmortem text (its Notes section: the rest is generated from the record, which is indexed already). */
  postmortem?: string;
  /** Files the incident's cause and fix commits changed, relative to the repository. */
  changedFiles?: readonly string[];
}

export interface RelatedOptions {
  /** Answer with drills too (they are indexed either way, so a drill can be asked about). */
  includeDrills?: boolean;
}

export interface RelatedIncident {
  incident: Incident;
  /** TEXT_WEIGHT × text + FILE_WEIGHT × files, between 0 and 1. */
  score: number;
  text: number;
  files: number;
  /** Shared words that weigh (see WORD_SHARE), the heaviest first. */
  sharedWords: string[];
  sharedFiles: string[];
  /** One line per signal that matched, for people. */
  why: string[];
}

interface Ranked {
  i: number;
  score: number;
  text: number;
}

export interface RelatedIndex {
  readonly size: number;
  /** The `limit` incidents most like `incidentId`, best first; empty for an id not in the index. */
  relatedTo(incidentId: string, limit?: number): RelatedIncident[];
}

/** Timeline kinds people write; the others are sentences this extension writes ("Severity SEV2 → SEV1"), the same in every incident. */
const WRITTEN_KINDS: ReadonlySet<string> = new Set(NOTE_KINDS);

/**
 * The words of an incident as the index reads them: the title twice, the
 * summary and impact, the timeline entries people wrote, status updates,
 * linked commits' subjects, five whys, root cause, postmortem notes.
 */
export function incidentText(incident: Incident, extras: RelatedExtras = {}): string {
  const { retrospective } = incident;
  return [
    incident.title,
    incident.title,
    incident.summary,
    incident.impact,
    ...incident.timeline.filter((event) => WRITTEN_KINDS.has(event.kind)).map((event) => event.text),
    ...incident.updates.map((update) => update.text),
    ...incident.commits.map((commit) => commit.subject),
    ...retrospective.whys,
    retrospective.rootCause,
    extras.postmortem,
  ]
    .filter(Boolean)
    .join('\n');
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): { overlap: number; shared: string[] } {
  const shared = [...a].filter((file) => b.has(file)).sort();
  const union = a.size + b.size - shared.length;
  return { overlap: union ? shared.length / union : 0, shared };
}

function whyLines(sharedWords: readonly string[], sharedFiles: readonly string[]): string[] {
  const more = (all: readonly string[]) => (all.length > WHY_ITEMS ? ` and ${all.length - WHY_ITEMS} more` : '');
  return [
    ...(sharedWords.length ? [`both mention ${sharedWords.slice(0, WHY_ITEMS).join(', ')}`] : []),
    ...(sharedFiles.length ? [`both changed ${sharedFiles.slice(0, WHY_ITEMS).join(', ')}${more(sharedFiles)} in their cause/fix commits`] : []),
  ];
}

/** Builds the index once (tokenising every incident); each `relatedTo` then visits only incidents sharing a word or a file. */
export function buildRelatedIndex(incidents: readonly Incident[], extras: ReadonlyMap<string, RelatedExtras> = new Map(), options: RelatedOptions = {}): RelatedIndex {
  const position = new Map(incidents.map((incident, i) => [incident.id, i]));
  const text = new Bm25Index(incidents.map((incident) => searchTokens(incidentText(incident, extras.get(incident.id)))));
  const files = incidents.map((incident) => new Set(extras.get(incident.id)?.changedFiles ?? []));
  const incidentsByFile = new Map<string, number[]>();
  files.forEach((set, i) => set.forEach((file) => incidentsByFile.set(file, [...(incidentsByFile.get(file) ?? []), i])));
  const answers = (i: number) => options.includeDrills || !isDrill(incidents[i]);

  return {
    size: incidents.length,
    relatedTo(incidentId, limit = 5) {
      const query = position.get(incidentId);
      if (query === undefined) return [];
      const { scores, touched } = text.scoresFor(query);
      const self = scores[query] || 1;
      const candidates = new Set(touched);
      for (const file of files[query]) for (const i of incidentsByFile.get(file) ?? []) candidates.add(i);
      candidates.delete(query);
      // Equal scores: the more recent incident first, then by id, so the order never depends on the store's.
      const before = (a: Ranked, b: Ranked) =>
        a.score !== b.score
          ? a.score > b.score
          : incidents[a.i].declaredAt !== incidents[b.i].declaredAt
            ? incidents[a.i].declaredAt > incidents[b.i].declaredAt
            : incidents[a.i].id < incidents[b.i].id;
      // The best `limit`, kept in order as they come: a full sort of every incident sharing a word would cost more than the scoring.
      const ranked: Ranked[] = [];
      const wanted = Math.max(0, limit);
      for (const i of candidates) {
        if (!answers(i)) continue;
        const textScore = Math.min(1, scores[i] / self);
        const fileScore = files[query].size && files[i].size ? jaccard(files[query], files[i]).overlap : 0;
        const entry = { i, text: textScore, score: TEXT_WEIGHT * textScore + FILE_WEIGHT * fileScore };
        if (ranked.length === wanted && (!wanted || !before(entry, ranked[wanted - 1]))) continue;
        let at = ranked.length;
        while (at > 0 && before(entry, ranked[at - 1])) at--;
        ranked.splice(at, 0, entry);
        if (ranked.length > wanted) ranked.pop();
      }
      return ranked.map(({ i, score, text: textScore }) => {
        const { overlap, shared } = jaccard(files[query], files[i]);
        const terms = text.sharedTerms(query, i);
        const sharedWords = terms.filter((term) => term.score >= WORD_SHARE * terms[0].score).map((term) => term.term);
        return { incident: incidents[i], score, text: textScore, files: overlap, sharedWords, sharedFiles: shared, why: whyLines(sharedWords, shared) };
      });
    },
  };
}
