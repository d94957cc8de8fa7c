/**
 * CODEOWNERS as GitHub documents it ("About code owners"): one pattern and
 * its owners per line, `#` comments, the last matching pattern wins, and a
 * pattern without owners means nobody owns what it matches. Patterns follow
 * gitignore's rules, except three GitHub says do not work: `!` negation,
 * `[ ]` ranges and `\#` escapes; such lines are skipped and reported.
 * GitHub also departs from gitignore in one place: `docs/*` owns the files
 * directly in docs/, not those in its subfolders.
 */

/** Where GitHub looks, in its order; the first that exists is used. */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

export interface CodeOwnersRule {
  pattern: string;
  /** `@user`, `@org/team` or an email address; empty: nobody owns what the pattern matches. */
  owners: string[];
  /** 1-based line in the file. */
  line: number;
  matcher: PathMatcher;
}

export interface SkippedLine {
  line: number;
  text: string;
  reason: string;
}

export interface CodeOwners {
  rules: CodeOwnersRule[];
  /** Lines GitHub would not apply, with why: shown so the team can fix them. */
  skipped: SkippedLine[];
}

const OWNER = /^(@[\w.-]+(\/[\w.-]+)?|[^@\s]+@[^@\s]+)$/;

export function parseCodeOwners(text: string): CodeOwners {
  const rules: CodeOwnersRule[] = [];
  const skipped: SkippedLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (!content || content.startsWith('#')) return;
    const [pattern, ...rest] = content.split(/\s+/);
    const comment = rest.findIndex((word) => word.startsWith('#'));
    const owners = comment >= 0 ? rest.slice(0, comment) : rest;
    const reason = unsupported(pattern) ?? owners.filter((owner) => !OWNER.test(owner)).map((owner) => `"${owner}" is not a user, team or email`)[0];
    if (reason) skipped.push({ line, text: content, reason });
    else rules.push({ pattern, owners, line, matcher: patternMatcher(pattern) });
  });
  return { rules, skipped };
}

function unsupported(pattern: string): string | undefined {
  if (pattern.startsWith('!')) return 'negation (!) is not supported in CODEOWNERS';
  if (/[[\]]/.test(pattern)) return 'character ranges ([ ]) are not supported in CODEOWNERS';
  if (pattern.startsWith('\\#')) return 'escaping a leading # is not supported in CODEOWNERS';
  return undefined;
}

/** Whether a repository-relative path (forward slashes) matches; `segments` is the path split at "/". */
export interface PathMatcher {
  test(path: string): boolean;
  testSegments(segments: readonly string[]): boolean;
}

/**
 * One piece of a pattern, matched against whole path segments: a glob matches
 * exactly one segment; `any` matches at least `min` segments, whatever they hold
 * (a leading or middle `**`, the folder a pattern without a slash may sit in,
 * and what a matched folder holds).
 */
type Piece = { kind: 'glob'; glob: string } | { kind: 'any'; min: number };

/**
 * A gitignore-style pattern as a matcher over repository-relative file paths.
 * No regular expression: JavaScript's backtracks, and a line like `*a*a*a…`
 * from a teammate's CODEOWNERS took minutes on one path, with the extension
 * host blocked. Here each piece moves a set of reachable segment positions
 * forward, and a glob matches a segment in time proportional to their
 * lengths multiplied, so a match costs at most pattern × path.
 */
export function patternMatcher(pattern: string): PathMatcher {
  const directoryOnly = pattern.endsWith('/');
  const trimmed = pattern.replace(/\/+$/, '');
  // A slash at the start or in the middle anchors the pattern at the top; without one it matches at any depth.
  const anchored = trimmed.includes('/');
  const segments = trimmed.replace(/^\//, '').split('/');
  const pieces: Piece[] = anchored ? [] : [{ kind: 'any', min: 0 }];
  segments.forEach((segment, i) => {
    // `**` in the middle (or first) is any number of folders; last, it is everything below, at least one segment.
    if (segment === '**') pieces.push({ kind: 'any', min: i === segments.length - 1 ? 1 : 0 });
    else pieces.push({ kind: 'glob', glob: segment.replace(/\*+/g, '*') });
  });
  const last = segments.at(-1) ?? '';
  // What a matched folder holds: everything under it, except after a trailing `*` segment (GitHub: `docs/*` is not recursive).
  if (directoryOnly) pieces.push({ kind: 'any', min: 1 });
  else if (last === '**' || !last.includes('*')) pieces.push({ kind: 'any', min: 0 });
  const testSegments = (path: readonly string[]) => piecesMatch(pieces, path);
  return { test: (path) => testSegments(path.split('/')), testSegments };
}

/** Whether the pieces, in order, take up exactly the path's segments. */
function piecesMatch(pieces: readonly Piece[], segments: readonly string[]): boolean {
  // reachable[i]: the pieces so far can take up exactly the first i segments.
  let reachable = new Uint8Array(segments.length + 1);
  reachable[0] = 1;
  for (const piece of pieces) {
    const next = new Uint8Array(segments.length + 1);
    if (piece.kind === 'any') {
      const first = reachable.indexOf(1);
      if (first < 0) return false;
      next.fill(1, first + piece.min);
    } else {
      for (let i = 0; i < segments.length; i++) if (reachable[i] && globMatches(piece.glob, segments[i])) next[i + 1] = 1;
    }
    reachable = next;
  }
  return reachable[segments.length] === 1;
}

/**
 * Whether `text` (one path segment) matches `glob`, where `*` is any run of
 * characters and `?` one character; any other character stands for itself.
 * The two-pointer walk retries only from the last `*`, so it takes at most
 * glob × text steps (a backtracking matcher takes exponential time on `*a*a*a…`).
 */
function globMatches(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (glob[g] === '*') {
      star = g++;
      resume = t;
    } else if (g < glob.length && (glob[g] === '?' || glob[g] === text[t])) {
      g++;
      t++;
    } else if (star >= 0) {
      // Let the last star take one more character, and match the rest from there.
      g = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (glob[g] === '*') g++;
  return g === glob.length;
}

/**
 * The owners of a file: the last matching rule's (possibly none), or
 * undefined when no rule matches at all.
 */
export function ownersOf(codeOwners: CodeOwners, file: string): string[] | undefined {
  const segments = file
    .replace(/\\/g, '/')
    .replace(/^\.?\//, '')
    .split('/');
  for (let i = codeOwners.rules.length - 1; i >= 0; i--) if (codeOwners.rules[i].matcher.testSegments(segments)) return codeOwners.rules[i].owners;
  return undefined;
}

/** Everyone who owns one of `files`, in the order first met. */
export function ownersOfFiles(codeOwners: CodeOwners, files: readonly string[]): string[] {
  return [...new Set(files.flatMap((file) => ownersOf(codeOwners, file) ?? []))];
}
