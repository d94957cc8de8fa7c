/**
 * The exception of a Sentry event as stack-trace evidence: its frames as
 * StackFrames (the shape pasted traces are parsed into, so they take the same
 * path to the repository's files and the suspect commits) and its text.
 *
 * Sentry lists frames oldest first, the frame that raised last, as we keep
 * them. Of chained exceptions (oldest first too) the last one with a stack
 * trace is read: the one Sentry shows. Each frame's language comes from its
 * own platform, else its file's extension, else the event's platform; a frame
 * without a line number or a path is left out.
 */
import { cleanPath, MAX_FRAMES, TRACE_LINE_LIMIT, type StackFrame, type TraceLanguage } from '../../code/stackTraces';
import { isObject, lookUp, text, type JsonObject } from './payloadValues';

const ERROR_TEXT_MAX = 1_000;
const FUNCTION_MAX = 500;

const PLATFORM_LANGUAGES: Readonly<Record<string, TraceLanguage>> = {
  javascript: 'javascript',
  node: 'javascript',
  python: 'python',
  java: 'java',
  go: 'go',
  ruby: 'ruby',
  csharp: 'dotnet',
  rust: 'rust',
};
const EXTENSION_LANGUAGES: Readonly<Record<string, TraceLanguage>> = {
  ...Object.fromEntries(['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx'].map((extension) => [extension, 'javascript' as const])),
  ...Object.fromEntries(['java', 'kt', 'kts', 'scala', 'groovy'].map((extension) => [extension, 'java' as const])),
  py: 'python',
  go: 'go',
  rb: 'ruby',
  cs: 'dotnet',
  rs: 'rust',
};

export interface SentryException {
  frames?: StackFrame[];
  errorText?: string;
}

/** The frames and text of `event.exception` (or of `event.stacktrace` when it has no exception). */
export function readSentryException(event: JsonObject): SentryException {
  const values = isObject(event.exception) && Array.isArray(event.exception.values) ? event.exception.values.filter(isObject) : [];
  const thrown = [...values].reverse().find((value) => isObject(value.stacktrace)) ?? values[values.length - 1];
  const stacktrace = thrown?.stacktrace ?? event.stacktrace;
  const rawFrames = isObject(stacktrace) && Array.isArray(stacktrace.frames) ? stacktrace.frames.slice(-MAX_FRAMES) : [];
  const platform = lookUp(PLATFORM_LANGUAGES, event.platform);
  const frames = rawFrames.map((frame) => (isObject(frame) ? readFrame(frame, platform) : undefined)).filter((frame) => frame !== undefined);
  const type = text(thrown?.type, ERROR_TEXT_MAX);
  const value = text(thrown?.value, ERROR_TEXT_MAX);
  const errorText = type && value ? `${type}: ${value}` : (type ?? value);
  return { ...(frames.length > 0 && { frames }), ...(errorText && { errorText: text(errorText, ERROR_TEXT_MAX) }) };
}

function readFrame(frame: JsonObject, eventLanguage: TraceLanguage | undefined): StackFrame | undefined {
  const line = frame.lineno;
  if (typeof line !== 'number' || !Number.isSafeInteger(line) || line < 1) return undefined;
  const printed = usablePath(frame.abs_path) ?? usablePath(frame.filename);
  if (!printed) return undefined;
  const extension = /\.([A-Za-z]+)$/.exec(printed)?.[1]?.toLowerCase();
  const language = lookUp(PLATFORM_LANGUAGES, frame.platform) ?? lookUp(EXTENSION_LANGUAGES, extension) ?? eventLanguage;
  if (!language) return undefined;
  const column = frame.colno;
  const fn = text(frame.function, FUNCTION_MAX);
  return {
    path: language === 'java' ? javaPath(printed, frame.module) : printed,
    line,
    ...(typeof column === 'number' && Number.isSafeInteger(column) && column >= 0 && { column }),
    ...(fn && { function: fn }),
    language,
    ...(typeof frame.in_app === 'boolean' && { inApp: frame.in_app }),
  };
}

/**
 * The path as a pasted trace would print it: the `app:///` of Sentry's
 * RewriteFrames and the origin of a browser script's URL (with its query)
 * taken off, then cleaned like any trace path. `<anonymous>` and empty are none.
 */
function usablePath(value: unknown): string | undefined {
  const raw = text(value, TRACE_LINE_LIMIT);
  if (!raw || raw.startsWith('<') || raw.endsWith('…')) return undefined;
  let path = raw.replace(/^app:\/\/\//i, '');
  const url = /^https?:\/\/[^/]*(\/[^?#]*)/i.exec(path);
  if (url) path = url[1];
  const clean = cleanPath(path);
  return clean || undefined;
}

/** Java frames print a file name; the package of the frame's module gives its folder (`com/acme/Foo.java`), as for pasted traces. */
function javaPath(fileName: string, module: unknown): string {
  if (typeof module !== 'string' || fileName.includes('/')) return fileName;
  const packageParts: string[] = [];
  for (const part of module.split('.').slice(0, -1)) {
    if (!/^[a-z_]\w*$/.test(part)) break;
    packageParts.push(part);
  }
  return [...packageParts, fileName].join('/');
}
