import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ownersOf, ownersOfFiles, parseCodeOwners, patternMatcher } from '../../../../src/core/plan/codeOwners';

/** [pattern, path, matches] — the examples of GitHub's "About code owners" and gitignore's rules it follows. */
const MATCHES: [string, string, boolean][] = [
  ['*', 'README.md', true],
  ['*', 'deeply/nested/file.go', true],
  ['*.js', 'app.js', true],
  ['*.js', 'web/src/app.js', true],
  ['*.js', 'app.jsx', false],
  ['*.go', 'docs/go.md', false],
  // A leading slash anchors at the top; a trailing slash means a folder and everything under it.
  ['/build/logs/', 'build/logs/today.log', true],
  ['/build/logs/', 'build/logs/2024/jan.log', true],
  ['/build/logs/', 'src/build/logs/x.log', false],
  ['/build/logs/', 'build/logs', false],
  // `docs/*` holds the files directly in docs/, not those deeper (GitHub's own example).
  ['docs/*', 'docs/getting-started.md', true],
  ['docs/*', 'docs/build-app/troubleshooting.md', false],
  ['docs/*', 'src/docs/x.md', false],
  // Without a slash (or with only a trailing one) a pattern matches at any depth.
  ['apps/', 'apps/main.js', true],
  ['apps/', 'web/apps/x/y.js', true],
  ['apps/', 'apps', false],
  ['logs', 'src/logs/a.txt', true],
  ['logs', 'logs', true],
  ['logs', 'mylogs/a.txt', false],
  // A slash in the middle anchors too.
  ['apps/github', 'apps/github/index.js', true],
  ['apps/github', 'x/apps/github/index.js', false],
  ['/docs/', 'docs/a/b.md', true],
  // `**`
  ['**/logs', 'build/logs/a.log', true],
  ['**/logs', 'logs/a.log', true],
  ['**/logs', 'deeply/nested/logs/a.log', true],
  ['/scripts/**', 'scripts/a/b.sh', true],
  ['/scripts/**', 'scripts', false],
  ['a/**/b.txt', 'a/b.txt', true],
  ['a/**/b.txt', 'a/x/y/b.txt', true],
  ['a/**/b.txt', 'c/a/x/b.txt', false],
  ['src/*.ts', 'src/a.ts', true],
  ['src/*.ts', 'src/x/a.ts', false],
  ['file?.txt', 'file1.txt', true],
  ['file?.txt', 'file/.txt', false],
  // Regular-expression characters are plain characters.
  ['a+b.(js)', 'a+b.(js)', true],
  ['a+b.(js)', 'aab.js', false],
];

describe('CODEOWNERS patterns', () => {
  for (const [pattern, path, matches] of MATCHES) {
    it(`${pattern} ${matches ? 'matches' : 'does not match'} ${path}`, () => {
      assert.equal(patternMatcher(pattern).test(path), matches);
    });
  }

  it('matches as the regular expressions it replaced did, on every small pattern and path', () => {
    // Small enough that the old backtracking regex answers at once; '**' and runs of stars included.
    const pattern = fc.array(fc.constantFrom('a', 'b', '.', '*', '**', '?', '/', '+'), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
    const path = fc.array(fc.constantFrom('a', 'b', 'ab', '.', '/', '+'), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(pattern, path, (pattern, path) => patternMatcher(pattern).test(path) === regexMatcherBefore(pattern).test(path)),
      { numRuns: 5000 },
    );
  });

  it('answers at once on a pattern that made the old regex backtrack for hours', () => {
    // 16 stars (the most the old parser let through) over a 64-character path: the old matcher took 18 s at 36 characters and doubled with each one.
    const hostile = `${'*a'.repeat(16)} @owner`;
    const owners = parseCodeOwners(hostile);
    assert.deepEqual(owners.skipped, []);
    assert.equal(ownersOf(owners, `src/${'a'.repeat(60)}b`), undefined);
    assert.deepEqual(ownersOf(owners, `src/${'a'.repeat(60)}`), ['@owner']);
    assert.equal(ownersOf(owners, `${'a'.repeat(15)}/${'a'.repeat(15)}`), undefined);
  });
});

/** The matcher as it was: a gitignore pattern turned into a regular expression (kept to check the new one against). */
function regexMatcherBefore(pattern: string): RegExp {
  const escape = (text: string) => text.replace(/[.+^${}()|\\]/g, '\\$&');
  const directoryOnly = pattern.endsWith('/');
  const trimmed = pattern.replace(/\/+$/, '');
  const anchored = trimmed.includes('/');
  const segments = trimmed.replace(/^\//, '').split('/');
  const parts = segments.map((segment, i) => {
    if (segment === '**') return i === segments.length - 1 ? '.*' : '(?:.*/)?';
    const glob = segment
      .split(/(\*+|\?)/)
      .map((piece) => (piece.startsWith('*') ? '[^/]*' : piece === '?' ? '[^/]' : escape(piece)))
      .join('');
    return i === segments.length - 1 ? glob : `${glob}/`;
  });
  const last = segments.at(-1) ?? '';
  const contents = directoryOnly ? '/.*' : last !== '**' && last.includes('*') ? '' : '(?:/.*)?';
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${parts.join('')}${contents}$`);
}

describe('CODEOWNERS files', () => {
  const file = [
    '# Owners of everything',
    '*       @acme/everyone',
    '',
    '*.js    @js-owner   # inline comment',
    '/apps/  @octocat',
    '/apps/github',
    '!/apps/secret/ @nobody',
    'src/[ab].ts @ranges',
    '\\#notes @hash',
    'docs/*  docs@example.com @acme/docs',
    'bad/    not-an-owner',
  ].join('\n');
  const owners = parseCodeOwners(file);

  it('lets the last matching pattern win', () => {
    assert.deepEqual(ownersOf(owners, 'README.md'), ['@acme/everyone']);
    assert.deepEqual(ownersOf(owners, 'web/app.js'), ['@js-owner']);
    assert.deepEqual(ownersOf(owners, 'apps/main/index.js'), ['@octocat']);
    assert.deepEqual(ownersOf(owners, 'docs/intro.md'), ['docs@example.com', '@acme/docs']);
  });

  it('gives a pattern without owners no owners, and says so apart from no match', () => {
    assert.deepEqual(ownersOf(owners, 'apps/github/index.js'), []);
    assert.equal(ownersOf(parseCodeOwners('/apps/ @octocat'), 'README.md'), undefined);
  });

  it('skips negation, ranges, escaped # and malformed owners, saying why and where', () => {
    assert.deepEqual(
      owners.skipped.map((s) => [s.line, s.reason]),
      [
        [7, 'negation (!) is not supported in CODEOWNERS'],
        [8, 'character ranges ([ ]) are not supported in CODEOWNERS'],
        [9, 'escaping a leading # is not supported in CODEOWNERS'],
        [11, '"not-an-owner" is not a user, team or email'],
      ],
    );
    // The negated line does not take apps/secret away from @octocat.
    assert.deepEqual(ownersOf(owners, 'apps/secret/key.txt'), ['@octocat']);
    assert.deepEqual(ownersOf(owners, 'src/a.ts'), ['@acme/everyone']);
  });

  it('collects the owners of several files once each', () => {
    assert.deepEqual(ownersOfFiles(owners, ['web/a.js', 'lib/b.js', 'apps/x.txt', 'apps/github/y']), ['@js-owner', '@octocat']);
  });
});
