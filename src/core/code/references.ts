/**
 * Incident references in commit messages, as pure text functions (no git).
 *
 * - A trailer `Incident: INC-…` links the commit to that incident: the
 *   relation is `fix` when the subject hints at a fix or a revert, `related`
 *   otherwise, unless the trailer says so itself (`Incident: INC-… (cause)`).
 * - An id merely mentioned anywhere else in the message is only offered for
 *   linking; a person decides.
 * - A trailer `Closes-Action: <id>` closes that retrospective action item.
 *
 * Teams may add patterns of their own (`incident 7K3QF2XM`, `inc-7k3qf2xm`):
 * each is a regular expression whose first capture group (or whole match) is
 * an incident id or its 8-character code.
 */
import { unsafePatternReason } from '../text/patternSafety';
import { COMMIT_RELATIONS, INCIDENT_ID_PATTERN, type CommitRelation } from '../record/schema';
import { errorMessage } from '../record/errors';

/** INCIDENT_ID_PATTERN without its anchors, to find ids inside text. */
export const INCIDENT_ID_IN_TEXT = new RegExp(`\\b${INCIDENT_ID_PATTERN.source.replace(/^\^|\$$/g, '')}\\b`, 'g');
const INCIDENT_CODE = /^[0-9A-HJKMNP-TV-Z]{8}$/;

export interface IncidentLink {
  incidentId: string;
  relation: CommitRelation;
}

export interface CommitMessageReferences {
  /** From `Incident:` trailers: link without asking. */
  linked: IncidentLink[];
  /** Named in the text but not in a trailer: offer, do not link. */
  offered: string[];
  /** Action item ids from `Closes-Action:` trailers. */
  closesActions: string[];
}

export interface Trailer {
  /** As written (git compares trailer keys case-insensitively). */
  key: string;
  value: string;
}

export interface PatternError {
  source: string;
  message: string;
}

/**
 * Compiles the configured extra patterns. A pattern is either a bare source
 * (`incident ([0-9A-Z]{8})`) or written with slashes and flags (`/inc-(\w{8})/i`).
 * Bad patterns are reported, not thrown, so one typo does not stop the scan;
 * so are patterns that could take minutes on one message (patternSafety.ts).
 */
export function compileReferencePatterns(sources: readonly string[]): { patterns: RegExp[]; errors: PatternError[] } {
  const patterns: RegExp[] = [];
  const errors: PatternError[] = [];
  for (const source of sources) {
    const slashed = /^\/(.+)\/([a-z]*)$/s.exec(source);
    const [body, flags] = slashed ? [slashed[1], slashed[2]] : [source, ''];
    const unsafe = unsafePatternReason(body);
    if (unsafe) {
      errors.push({ source, message: unsafe });
      continue;
    }
    try {
      patterns.push(new RegExp(body, flags.includes('g') ? flags : `${flags}g`));
    } catch (error) {
      errors.push({ source, message: errorMessage(error) });
    }
  }
  return { patterns, errors };
}

/** Turns what a pattern captured into an incident id, or undefined when it is not one. */
export function normalizeIncidentId(text: string): string | undefined {
  const upper = text.trim().toUpperCase();
  if (INCIDENT_ID_PATTERN.test(upper)) return upper;
  if (INCIDENT_CODE.test(upper)) return `INC-${upper}`;
  return undefined;
}

/** Distinct incident ids named in `text`, in order of first appearance. */
export function findIncidentIds(text: string, extraPatterns: readonly RegExp[] = []): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(INCIDENT_ID_IN_TEXT)) found.add(match[0]);
  for (const pattern of extraPatterns) {
    for (const match of text.matchAll(pattern)) {
      const id = normalizeIncidentId(match[1] ?? match[0]);
      if (id) found.add(id);
    }
  }
  return [...found];
}

const TRAILER_LINE = /^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$/;
// git counts "(cherry picked from commit …)" as part of a trailer block.
const CHERRY_PICK_LINE = /^\(cherry picked from commit [0-9a-f]+\)$/;

/**
 * The trailers of a message: its last paragraph, when that is not the subject
 * and every line in it is a `Key: value` trailer (or a continuation line).
 * Stricter than git's 25% rule on purpose: a prose paragraph that happens to
 * contain "Note: INC-…" should not link anything.
 */
export function parseTrailers(message: string): Trailer[] {
  const paragraphs = message
    .replace(/\r\n/g, '\n')
    .trim()
    .split(/\n[ \t]*\n/);
  if (paragraphs.length < 2) return [];
  const trailers: Trailer[] = [];
  for (const line of paragraphs[paragraphs.length - 1].split('\n')) {
    if (/^[ \t]/.test(line) && trailers.length) {
      trailers[trailers.length - 1].value += ` ${line.trim()}`;
      continue;
    }
    if (CHERRY_PICK_LINE.test(line)) continue;
    const match = TRAILER_LINE.exec(line);
    if (!match) return [];
    trailers.push({ key: match[1], value: match[2].trim() });
  }
  return trailers;
}

const FIX_HINT = /^revert\b|\b(fix(es|ed|ing)?|hotfix(es)?|revert(s|ed|ing)?|roll(s|ed)?[ -]?back|rollback)\b/i;

/** `fix` when the subject reads like a fix or a revert, else `related`. */
export function relationFromSubject(subject: string): CommitRelation {
  return FIX_HINT.test(subject) ? 'fix' : 'related';
}

/** `Incident: INC-… (cause)` states its relation; otherwise the subject decides. */
function relationFromTrailer(value: string, subject: string): CommitRelation {
  const stated = /\((\w+)\)\s*$/.exec(value)?.[1]?.toLowerCase();
  return (COMMIT_RELATIONS as readonly string[]).includes(stated ?? '') ? (stated as CommitRelation) : relationFromSubject(subject);
}

const sameKey = (key: string, wanted: string) => key.toLowerCase() === wanted.toLowerCase();
const ACTION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What a commit message asks for: links, offers and action items to close. */
export function classifyCommitMessage(message: string, extraPatterns: readonly RegExp[] = []): CommitMessageReferences {
  const subject = message.split('\n', 1)[0];
  const trailers = parseTrailers(message);
  const linked: IncidentLink[] = [];
  const closesActions: string[] = [];
  for (const trailer of trailers) {
    if (sameKey(trailer.key, 'Incident')) {
      const relation = relationFromTrailer(trailer.value, subject);
      for (const incidentId of findIncidentIds(trailer.value, extraPatterns)) {
        if (!linked.some((link) => link.incidentId === incidentId)) linked.push({ incidentId, relation });
      }
    } else if (sameKey(trailer.key, 'Closes-Action')) {
      for (const id of trailer.value.split(/[\s,]+/)) if (ACTION_ID.test(id) && !closesActions.includes(id)) closesActions.push(id);
    }
  }
  const offered = findIncidentIds(message, extraPatterns).filter((id) => !linked.some((link) => link.incidentId === id));
  return { linked, offered, closesActions };
}

/** True when the message has anything for the scan to report. */
export function hasReferences(references: CommitMessageReferences): boolean {
  return references.linked.length > 0 || references.offered.length > 0 || references.closesActions.length > 0;
}
