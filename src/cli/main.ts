/**
 * `incident`: the command line for CI pipelines and terminals, over the same
 * store and domain as the extension. Exit codes: 0 ok, 1 user error (one line
 * on stderr), 2 the store is unusable (malformed, conflicted, newer version).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { DomainError } from '../core/errors';
import { IncidentStore, UnknownIncidentError } from '../store/incidentStore';
import { StoreUnusableError } from '../store/storeFile';
import { UsageError } from './cliContext';
import { authorIdentity, repositoryTopLevel } from '../git/identity';
import { VERBS } from './verbs';
import { boundRegexBacktracking } from './regexBudget';

function help(): string {
  const width = Math.max(...Object.keys(VERBS).map((name) => name.length)) + 2;
  const verbs = Object.entries(VERBS).map(([name, verb]) => `  ${name.padEnd(width)}${verb.summary}`);
  return ['Usage: incident [--repo DIR] [--store PATH] VERB [options]', '', 'Verbs:', ...verbs, '', 'Run "incident VERB --help" for a verb\'s options.'].join('\n');
}

export async function main(argv: string[], io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l) }): Promise<number> {
  boundRegexBacktracking();
  try {
    const { values, positionals, tokens } = parseArgs({ args: argv, options: { repo: { type: 'string' }, store: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: false, tokens: true });
    const verbIndex = tokens.find((t) => t.kind === 'positional')?.index;
    const verbName = positionals[0];
    if (!verbName) {
      io.out(help());
      return values.help ? 0 : 1;
    }
    const verb = VERBS[verbName];
    if (!verb) throw new UsageError(`unknown verb "${verbName}"; run "incident --help"`);
    const rest = argv.slice((verbIndex ?? 0) + 1);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(`${verb.summary}\n\nUsage: ${verb.usage}`);
      return 0;
    }
    const cwd = resolve(typeof values.repo === 'string' ? values.repo : process.cwd());
    const root = verb.needsRepository === false ? cwd : await repositoryTopLevel(cwd);
    if (!root) throw new UsageError(`${cwd} is not inside a git repository; use --repo DIR`);
    const storePath = typeof values.store === 'string' ? values.store : process.env.INCIDENT_STORE || undefined;
    let store: IncidentStore;
    try {
      store = new IncidentStore(root, storePath);
    } catch (error) {
      throw new UsageError(`--store: ${(error as Error).message}`);
    }
    await verb.run(rest, { store, now: () => new Date(), author: verb.needsRepository === false ? 'unknown' : await authorIdentity(root), out: io.out });
    return 0;
  } catch (error) {
    if (error instanceof StoreUnusableError) {
      io.err(`incident: ${error.message}`);
      return 2;
    }
    if (error instanceof ZodError) {
      // A change the schema refuses (a 600-character title, say): nothing was written.
      const issue = error.issues[0];
      io.err(`incident: ${issue?.path.map(String).join('.') || 'value'}: ${issue?.message ?? 'invalid'}; nothing was changed`);
      return 1;
    }
    if (error instanceof UsageError || error instanceof DomainError || error instanceof UnknownIncidentError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`incident: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(3);
    },
  );
}
