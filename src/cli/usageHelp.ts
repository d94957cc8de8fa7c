/**
 * What the command line says when it is used wrongly or asked about itself:
 * the help text (verbs in the order a responder meets them), "did you mean"
 * for a mistyped verb or option, every missing option at once, and the
 * version. Each answer is one line that ends with where the help is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from './cliContext';
import type { AnyVerb } from './verbSupport';

/** A response from declaration to review; verbs not named here (new ones) come after these, before the plumbing. */
const RESPONSE_ORDER = [
  'triage',
  'oncall',
  'declare',
  'list',
  'show',
  'status',
  'severity',
  'assign',
  'note',
  'task',
  'update',
  'brief',
  'handoff',
  'notify',
  'check',
  'link',
  'deploy',
  'evidence',
  'suspects',
  'bisect',
  'scan',
  'related',
  'action',
  'followups',
  'highlight',
  'postmortem',
  'metrics',
  'statuspage',
  'commit',
  'mcp',
];
/** What git and a broken merge need, not a responder. */
const PLUMBING = ['merge', 'repair', 'install-merge-driver'];
export const GLOBAL_OPTIONS = ['repo', 'store', 'help', 'version'];
/** The global options that take a value, and what the value is. */
const GLOBAL_VALUES: Record<string, string> = { repo: 'the folder of the repository (--repo DIR)', store: 'the store file (--store PATH)' };
const SYNOPSIS = 'incident [--repo DIR] [--store PATH] VERB [options]';
/** Said under every verb's usage: the global options work before or after the verb. */
export const GLOBAL_OPTIONS_HELP =
  'Global options (before or after the verb): --repo DIR (the repository; default: the current folder), --store PATH (the store file; default .incidents/incidents.json, or INCIDENT_STORE), --help';

/** One verb's help: what it does, its usage, and the global options. */
export const verbHelp = (verb: AnyVerb): string => `${verb.summary}\n\nUsage: ${verb.usage}\n\n${GLOBAL_OPTIONS_HELP}`;

/**
 * The global options that take a value (--repo, --store) taken out of a verb's
 * arguments, so they work after the verb too (`incident list --repo DIR`).
 * Nothing after a `--` is looked at; a value missing or starting with "-" is
 * a usage error, like before the verb.
 */
export function globalsAfterVerb(args: readonly string[]): { rest: string[]; globals: Partial<Record<'repo' | 'store', string>> } {
  const rest: string[] = [];
  const globals: Partial<Record<'repo' | 'store', string>> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      rest.push(...args.slice(i));
      break;
    }
    const match = /^--(repo|store)(=(.*))?$/s.exec(arg);
    if (!match) {
      rest.push(arg);
      continue;
    }
    const name = match[1] as 'repo' | 'store';
    const value = match[2] !== undefined ? match[3] : args[++i];
    if (value === undefined || value === '' || (match[2] === undefined && value.startsWith('-')))
      throw new UsageError(`--${name} needs a value: ${GLOBAL_VALUES[name]}; ${helpFor()}`);
    if (globals[name] !== undefined && globals[name] !== value) throw new UsageError(`--${name} is given twice with different values; give it once`);
    globals[name] = value;
  }
  return { rest, globals };
}

export function helpText(verbs: Record<string, AnyVerb>): string {
  const names = Object.keys(verbs);
  const rank = (name: string) => (PLUMBING.includes(name) ? 2000 + PLUMBING.indexOf(name) : RESPONSE_ORDER.includes(name) ? RESPONSE_ORDER.indexOf(name) : 1000);
  const ordered = [...names].sort((a, b) => rank(a) - rank(b));
  const width = Math.max(...names.map((name) => name.length)) + 2;
  const row = (name: string) => `  ${name.padEnd(width)}${verbs[name].summary}`;
  return [
    `Usage: ${SYNOPSIS}`,
    '       incident --version',
    '',
    'Verbs:',
    ...ordered.filter((name) => !PLUMBING.includes(name)).map(row),
    '',
    'Plumbing (git runs these, or you after a conflicted merge):',
    ...ordered.filter((name) => PLUMBING.includes(name)).map(row),
    '',
    GLOBAL_OPTIONS_HELP,
    '',
    'Run "incident VERB --help" for a verb\'s options.',
  ].join('\n');
}

/** Edit distance where swapping two neighbours counts as one edit ("lsit" is one from "list"). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The nearest candidate within a couple of typos (fewer for short words), if any. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(2, Math.max(1, Math.floor(word.length / 3)));
  const scored = candidates.map((candidate) => ({ candidate, distance: editDistance(word.toLowerCase(), candidate.toLowerCase()) })).filter(({ distance }) => distance <= limit);
  return scored.sort((a, b) => a.distance - b.distance)[0]?.candidate;
}

const helpFor = (verbName?: string) => `run "incident ${verbName ? `${verbName} ` : ''}--help"`;

export function unknownVerb(name: string, verbNames: readonly string[]): UsageError {
  const guess = nearest(name, verbNames);
  return new UsageError(`there is no verb "${name}"; ${guess ? `did you mean "${guess}"? ` : ''}${helpFor()}`);
}

/** An option given before the verb that is not a global one. */
export function unknownGlobalOption(tokens: readonly { kind: string; name?: string; index: number; rawName?: string }[], verbIndex: number | undefined): UsageError | undefined {
  const unknown = tokens.find(
    (token) => token.kind === 'option' && (verbIndex === undefined || token.index < verbIndex) && !GLOBAL_OPTIONS.includes(token.name ?? '') && token.name !== 'h',
  );
  if (!unknown) return undefined;
  const guess = nearest(unknown.name ?? '', GLOBAL_OPTIONS);
  return new UsageError(`there is no option ${unknown.rawName}; ${guess ? `did you mean --${guess}? ` : ''}${helpFor()}`);
}

type OptionToken = { kind: string; name?: string; index: number; rawName?: string; value?: string; inlineValue?: boolean };

/**
 * --repo or --store given no value: last on the line, empty (`--repo=`), or
 * followed by another option, which the lenient global parse would take as
 * the value (`--repo --store x` is a repository called "--store").
 */
export function globalOptionWithoutValue(tokens: readonly OptionToken[], verbIndex: number | undefined): UsageError | undefined {
  const bare = tokens.find(
    (token) =>
      token.kind === 'option' &&
      (verbIndex === undefined || token.index < verbIndex) &&
      Object.hasOwn(GLOBAL_VALUES, token.name ?? '') &&
      (token.value === undefined || token.value === '' || (!token.inlineValue && token.value.startsWith('-'))),
  );
  return bare ? new UsageError(`--${bare.name} needs a value: ${GLOBAL_VALUES[bare.name!]}; ${helpFor()}`) : undefined;
}

/** No verb on the line; when a global option took a verb's name as its value (`incident --repo list`), say so. */
export function noVerb(tokens: readonly OptionToken[], verbNames: readonly string[]): UsageError {
  const took = tokens.find((token) => token.kind === 'option' && !token.inlineValue && token.value !== undefined && verbNames.includes(token.value));
  const hint = took ? ` (${took.rawName} took "${took.value}" as its value)` : '';
  return new UsageError(`name a verb: ${SYNOPSIS}; run "incident --help" to see them${hint}`);
}

const optionsOf = (verb: AnyVerb) => [...new Set([...verb.usage.matchAll(/--([a-z][a-z-]*)/g)].map((match) => match[1]))];

/**
 * A value that starts with "-" given to an option as its own word
 * (`--remote --upload-pack=…`), which node refuses as ambiguous: refused in
 * words, with the value and the placeholder the usage gives the option. Only
 * free text may start with "-", written `--title=-5 degrees`.
 */
function optionLikeValue(verbName: string, verb: AnyVerb, args: readonly string[], written: string, option: string): UsageError {
  const at = args.findIndex((arg, index) => arg === written && args[index + 1]?.startsWith('-'));
  const value = args[at + 1] ?? '';
  const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  const placeholder = new RegExp(`${option} ([^\\s\\]]+)`).exec(verb.usage)?.[1] ?? 'VALUE';
  const what = /^[A-Z][A-Z0-9_]*$/.test(placeholder) ? placeholder : 'value';
  const refusal = `${verbName}: ${shown} is refused as the ${what} of ${option}: it starts with "-", like an option`;
  if (placeholder === 'TEXT') return new UsageError(`${refusal}; to start a TEXT with "-", write ${option}=TEXT`);
  return new UsageError(`${refusal}; give ${option} ${placeholder} (${helpFor(verbName)})`);
}

/** Runs a verb; node's own wording for a bad option (ERR_PARSE_ARGS_*) becomes one line with a guess and the verb's help. */
export async function explainingOptionErrors(verbName: string, verb: AnyVerb, args: readonly string[], run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code?.startsWith('ERR_PARSE_ARGS')) throw error;
    const quoted = /'([^']+)'/.exec((error as Error).message)?.[1] ?? '';
    const option = quoted.split(' ')[0];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      // A negative number is a value, not a misspelt option.
      if (/^-\d/.test(option))
        throw new UsageError(
          `${verbName}: ${option} is read as an option; put "--" before a value that starts with "-" (incident ${verbName} … -- ${option}); ${helpFor(verbName)}`,
        );
      const guess = nearest(option.replace(/^-+/, ''), optionsOf(verb));
      throw new UsageError(`${verbName} has no option ${option}; ${guess ? `did you mean --${guess}? ` : ''}${helpFor(verbName)}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      // The option by its long name: node says "-m, --message <value>", or "use '--message=-XYZ'" for an ambiguous -m.
      const long = /(--[a-z][a-z0-9-]*)/.exec(quoted)?.[1] ?? /'(--[a-z][a-z0-9-]*)=/.exec((error as Error).message)?.[1] ?? option;
      if (/argument is ambiguous/.test((error as Error).message)) throw optionLikeValue(verbName, verb, args, quoted, long);
      const needsValue = /argument missing/.test((error as Error).message);
      throw new UsageError(`${verbName}: ${long} ${needsValue ? 'needs a value' : 'takes no value'}; ${helpFor(verbName)}`);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      // The whole argument as typed ("Checkout down", not "Checkout"; a quote inside kept); a verb with --title says how to give one.
      const whole = /^Unexpected argument '([\s\S]*)'\. This command/.exec((error as Error).message)?.[1] ?? quoted;
      const title = optionsOf(verb).includes('title') && !whole.startsWith('-') ? ` give a title with --title ${JSON.stringify(whole)};` : '';
      throw new UsageError(`${verbName} takes no argument ${JSON.stringify(whole)};${title} ${helpFor(verbName)}`);
    }
    throw new UsageError(`${verbName}: ${(error as Error).message}; ${helpFor(verbName)}`);
  }
}

const listed = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** Every required option that is missing or blank, in one line. */
export function requireOptions(verbName: string, values: Record<string, unknown>, required: readonly string[]): void {
  const missing = required.filter((name) => typeof values[name] !== 'string' || !(values[name] as string).trim());
  if (missing.length) throw new UsageError(`${verbName} needs ${listed(missing.map((name) => `--${name}`))}; ${helpFor(verbName)}`);
}

/** The version in the package.json next to the running code (dist/ in the package, out/src/cli in the tests). */
export function packageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === 'incident-responder' && manifest.version) return manifest.version;
  }
  return 'unknown';
}

/** A value read with one of the vocabulary parsers (core/record/vocabulary.ts), or a one-line refusal listing what is accepted. */
export function chosen<T>(value: string | undefined, parse: (text: string | undefined) => T | undefined, what: string, choices: string): T {
  const parsed = parse(value);
  if (parsed === undefined) throw new UsageError(`${what} must be one of ${choices} (got ${value === undefined ? 'nothing' : `"${value}"`})`);
  return parsed;
}
