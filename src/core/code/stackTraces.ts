/**
 * Stack traces pasted as evidence: the frames (file, line, function) of the
 * common formats, then those frames mapped to files tracked in the repository.
 *
 * The text comes from anyone's logs, so parsing is bounded: the input is cut
 * to TRACE_TEXT_LIMIT, a line to TRACE_LINE_LIMIT, the result to MAX_FRAMES,
 * and every pattern is checked by patternSafety (no nested or alternating
 * repeats), so a hostile line costs at most the square of the line limit.
 */

export type TraceLanguage = 'javascript' | 'python' | 'java' | 'go' | 'ruby' | 'dotnet' | 'rust';

export interface StackFrame {
  /** As the trace printed it, URL prefixes removed; for Java the package path plus the file name (`com/acme/Foo.java`). */
  path: string;
  line: number;
  column?: number;
  function?: string;
  language: TraceLanguage;
  /** Sentry's `in_app` mark, when the frame came from a Sentry event (src/core/intake/payloads/sentryFrames.ts); a pasted trace has none. */
  inApp?: boolean;
}

/** A frame placed in (or outside) the repository. */
export interface MappedFrame {
  /** The tracked file (repository-relative) when `where` is `repository`; else the path as printed. */
  file: string;
  line: number;
  function?: string;
  /** `library`: node_modules, site-packages, a standard library; `unknown`: no tracked file matches. */
  where: 'repository' | 'library' | 'unknown';
}

export const TRACE_TEXT_LIMIT = 200_000;
export const TRACE_LINE_LIMIT = 1_000;
export const MAX_FRAMES = 200;

/** Every pattern below, for the safety test. */
export const TRACE_PATTERNS = {
  // `at fn (path:1:2)`, `at path:1:2`, `at async fn (path:1:2)`; Rust backtraces' `at ./src/lib.rs:42:9`
  jsLocation: /^(.+):(\d+):(\d+)$/,
  jsLocationNoColumn: /^(.+):(\d+)$/,
  // `at com.acme.Foo.bar(Foo.java:42)`, `at java.base/java.lang.Thread.run(Thread.java:833)`
  java: /^at ([\w$.<>/-]+)\(([\w$.-]+\.(?:java|kt|kts|scala|groovy)):(\d+)\)$/,
  python: /^File "([^"]+)", line (\d+)(?:, in (.+))?$/,
  // `\t/go/src/app/main.go:42 +0x1d`
  go: /^(.+\.go):(\d+)(?: \+0x[0-9a-fA-F]+)?$/,
  // `app/models/user.rb:42:in 'save'`, "from lib/x.rb:7:in `block in run'"
  ruby: /^(?:from )?([^:]+\.rb):(\d+)(?::in [`'‘]([^`'’]*)['’])?/,
  // `at Acme.Api.Handler.Get() in C:\src\Api\Handler.cs:line 42`
  dotnet: /^at (.+) in (.+):line (\d+)$/,
  // `thread 'main' panicked at src/main.rs:10:5:` (old: `panicked at 'msg', src/main.rs:10:5`)
  rustPanic: /panicked at (?:'[^']*', )?(\S[^:]*\.rs):(\d+):(\d+)/,
  // A Rust backtrace's function line: `  12: app::handler::get::h0123456789abcdef`
  rustFunction: /^\d+: (\S+)$/,
} as const;

const FUNCTION_AT_JS = / \(/;

/** The frames of every trace in `text`, in the order printed, at most MAX_FRAMES. */
export function parseStackTrace(text: string): StackFrame[] {
  const frames: StackFrame[] = [];
  const lines = text.slice(0, TRACE_TEXT_LIMIT).split(/\r?\n/);
  let previous = '';
  for (const raw of lines) {
    if (frames.length >= MAX_FRAMES) break;
    const line = raw.length > TRACE_LINE_LIMIT ? '' : raw.trim();
    const frame = line ? parseLine(line, previous) : undefined;
    if (frame) frames.push(frame);
    previous = line;
  }
  return frames;
}

function parseLine(line: string, previous: string): StackFrame | undefined {
  const P = TRACE_PATTERNS;
  let m: RegExpExecArray | null;
  if ((m = P.python.exec(line))) return frame(m[1], m[2], undefined, m[3], 'python');
  if ((m = P.rustPanic.exec(line))) return frame(m[1], m[2], m[3], undefined, 'rust');
  if (line.startsWith('at ')) {
    if ((m = P.dotnet.exec(line))) return frame(m[2], m[3], undefined, m[1].replace(/\(.*$/, ''), 'dotnet');
    if ((m = P.java.exec(line))) return javaFrame(m[1], m[2], m[3]);
    return jsFrame(line.slice(3), previous);
  }
  if ((m = P.go.exec(line))) return frame(m[1], m[2], undefined, goFunction(previous), 'go');
  if ((m = P.ruby.exec(line))) return frame(m[1], m[2], undefined, m[3], 'ruby');
  return undefined;
}

function frame(path: string, line: string, column: string | undefined, fn: string | undefined, language: TraceLanguage): StackFrame | undefined {
  const number = Number(line);
  if (!Number.isSafeInteger(number) || number < 1) return undefined;
  const col = column === undefined ? undefined : Number(column);
  const name = fn?.trim();
  return { path: cleanPath(path), line: number, ...(col !== undefined && Number.isSafeInteger(col) && { column: col }), ...(name && { function: name }), language };
}

/** `fn (location)`, `location`, with location `path:line:col`; `previous` names the function of a Rust backtrace frame. */
function jsFrame(rest: string, previous: string): StackFrame | undefined {
  let fn: string | undefined;
  let location = rest;
  const open = rest.search(FUNCTION_AT_JS);
  if (rest.endsWith(')') && open >= 0) {
    const paren = rest.lastIndexOf(' (');
    fn = rest.slice(0, paren).replace(/^async /, '');
    location = rest.slice(paren + 2, -1);
  }
  const m = TRACE_PATTERNS.jsLocation.exec(location) ?? TRACE_PATTERNS.jsLocationNoColumn.exec(location);
  if (!m) return undefined;
  const rust = /\.rs$/.test(m[1]);
  if (rust && !fn) fn = TRACE_PATTERNS.rustFunction.exec(previous)?.[1]?.replace(/::h[0-9a-f]{16}$/, '');
  return frame(m[1], m[2], m[3], fn, rust ? 'rust' : 'javascript');
}

/** Java prints a file name only: the package (the lowercase leading parts of the qualified method) gives its folder. */
function javaFrame(qualified: string, fileName: string, line: string): StackFrame | undefined {
  const name = qualified.replace(/^[\w.-]+\//, ''); // a module prefix: `java.base/`
  const parts = name.split('.');
  const packageParts: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (!/^[a-z_][\w]*$/.test(part)) break;
    packageParts.push(part);
  }
  return frame([...packageParts, fileName].join('/'), line, undefined, name, 'java');
}

/** Go prints the function on the line before its location: `main.handler(0xc000010000)`. */
function goFunction(previous: string): string | undefined {
  if (!previous || TRACE_PATTERNS.go.test(previous)) return undefined;
  const open = previous.endsWith(')') ? previous.lastIndexOf('(') : -1;
  return open > 0 ? previous.slice(0, open) : previous;
}

/** Forward slashes; `file://` (decoded) and `webpack://` prefixes, a Windows drive and `./` removed. */
export function cleanPath(path: string): string {
  let clean = path.trim();
  if (/^file:\/\//i.test(clean)) {
    clean = clean.replace(/^file:\/\/[^/]*/i, '');
    try {
      clean = decodeURIComponent(clean);
    } catch {
      // Not percent-encoded after all: keep it as printed.
    }
  }
  clean = clean
    .replace(/^webpack:\/\/[^/]*\//i, '')
    .replace(/\\/g, '/')
    .replace(/^\/?[A-Za-z]:\//, '/')
    .replace(/^(\.\/)+/, '');
  return clean;
}

/** Code that is not the team's: dependencies, runtimes, standard libraries. */
export function isLibraryPath(frame: Pick<StackFrame, 'path' | 'language' | 'function'>): boolean {
  const path = frame.path;
  if (/(^|\/)(node_modules|site-packages|dist-packages|vendor\/bundle|\.cargo\/registry|\.cargo\/git|gems)\//.test(path)) return true;
  if (/^(node:|internal\/|<)/.test(path) || /^\/rustc\//.test(path) || /\/lib\/python\d[\d.]*\//.test(path)) return true;
  if (/(^|\/)(go\/src\/runtime|usr\/local\/go\/src|libexec\/src)\//.test(path)) return true;
  if (frame.language === 'java' && /^(java|javax|jdk|sun|kotlin|kotlinx|scala)\./.test(frame.function ?? '')) return true;
  if (frame.language === 'dotnet' && /^(System|Microsoft)\./.test(frame.function ?? '')) return true;
  return false;
}

/**
 * Places frames among the tracked files. A printed path from another machine
 * (`/home/ci/build/src/app.js`) maps to the tracked file that is its longest
 * suffix at a folder boundary (`src/app.js`); a Java path (package + file
 * name) maps to the tracked file that ends with it, the shortest when several do.
 */
export function mapFramesToRepository(frames: readonly StackFrame[], trackedFiles: readonly string[]): MappedFrame[] {
  const byName = new Map<string, string[]>();
  for (const file of trackedFiles) {
    const name = file.slice(file.lastIndexOf('/') + 1);
    const list = byName.get(name);
    if (list) list.push(file);
    else byName.set(name, [file]);
  }
  return frames.map((frame) => {
    const fn = frame.function ? { function: frame.function } : {};
    if (isLibraryPath(frame)) return { file: frame.path, line: frame.line, ...fn, where: 'library' as const };
    const file = frame.language === 'java' ? trackedEndingWith(frame.path, byName) : longestTrackedSuffix(frame.path, byName);
    return file ? { file, line: frame.line, ...fn, where: 'repository' as const } : { file: frame.path, line: frame.line, ...fn, where: 'unknown' as const };
  });
}

const nameOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const endsAtFolder = (long: string, short: string) => long === short || (long.endsWith(short) && long[long.length - short.length - 1] === '/');

function longestTrackedSuffix(path: string, byName: ReadonlyMap<string, string[]>): string | undefined {
  const trimmed = path.replace(/^\/+/, '');
  let best: string | undefined;
  for (const candidate of byName.get(nameOf(trimmed)) ?? []) {
    if (endsAtFolder(trimmed, candidate) && candidate.length > (best?.length ?? -1)) best = candidate;
  }
  return best;
}

function trackedEndingWith(path: string, byName: ReadonlyMap<string, string[]>): string | undefined {
  const matches = (byName.get(nameOf(path)) ?? []).filter((candidate) => endsAtFolder(candidate, path));
  return matches.sort((a, b) => a.length - b.length || (a < b ? -1 : 1))[0];
}

/** What an evidence event keeps of a frame. */
export interface EvidenceFrame {
  file: string;
  line: number;
  function?: string;
  /** Present (true) for a frame outside the repository's code. */
  outside?: true;
}

/** Frames for the store: repository frames as tracked paths, the others marked outside, at most `limit`. */
export function evidenceFrames(frames: readonly MappedFrame[], limit = 50): EvidenceFrame[] {
  return frames.slice(0, limit).map((frame) => ({
    file: frame.file.slice(0, 500),
    line: frame.line,
    ...(frame.function && { function: frame.function.slice(0, 200) }),
    ...(frame.where !== 'repository' && { outside: true as const }),
  }));
}
