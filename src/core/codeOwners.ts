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
  matcher: RegExp;
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

/** Past this many wildcards a pattern is skipped: each can make the match backtrack. */
const MAX_WILDCARDS = 16;
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
  if ((pattern.match(/[*?]/g) ?? []).length > MAX_WILDCARDS) return 'too many wildcards';
  return undefined;
}

const escape = (text: string) => text.replace(/[.+^${}()|\\]/g, '\\$&');

/** A gitignore-style pattern as a regular expression over repository-relative file paths. */
export function patternMatcher(pattern: string): RegExp {
  const directoryOnly = pattern.endsWith('/');
  const trimmed = pattern.replace(/\/+$/, '');
  // A slash at the start or in the middle anchors the pattern at the top; without one it matches at any depth.
  const anchored = trimmed.includes('/');
  const body = trimmed.replace(/^\//, '');
  const segments = body.split('/');
  const parts = segments.map((segment, i) => {
    if (segment === '**') return i === segments.length - 1 ? '.*' : '(?:.*/)?';
    const glob = segment
      .split(/(\*+|\?)/)
      .map((piece) => (piece.startsWith('*') ? '[^/]*' : piece === '?' ? '[^/]' : escape(piece)))
      .join('');
    return i === segments.length - 1 ? glob : `${glob}/`;
  });
  const last = segments.at(-1) ?? '';
  // What a matched folder holds: everything under it, except after a trailing `*` segment (GitHub: `docs/*` is not recursive).
  const contents = directoryOnly ? '/.*' : last !== '**' && last.includes('*') ? '' : '(?:/.*)?';
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${parts.join('')}${contents}$`);
}

/**
 * The owners of a file: the last matching rule's (possibly none), or
 * undefined when no rule matches at all.
 */
export function ownersOf(codeOwners: CodeOwners, file: string): string[] | undefined {
  const path = file.replace(/\\/g, '/').replace(/^\.?\//, '');
  for (let i = codeOwners.rules.length - 1; i >= 0; i--) if (codeOwners.rules[i].matcher.test(path)) return codeOwners.rules[i].owners;
  return undefined;
}

/** Everyone who owns one of `files`, in the order first met. */
export function ownersOfFiles(codeOwners: CodeOwners, files: readonly string[]): string[] {
  return [...new Set(files.flatMap((file) => ownersOf(codeOwners, file) ?? []))];
}
