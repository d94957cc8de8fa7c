/**
 * A person given on the command line (`assign … Sam`, `--commander`, `--assign`,
 * `--owner`, `--to`) read by the same identity rule as VS Code's person picker
 * (src/core/record/people.ts): a bare "Sam" that matches exactly one known
 * person is that person, said on stderr; several matches are a usage error
 * listing them, never a guess; nothing matching is a new person as typed.
 * Known people: you, the people the store's records name, and the
 * repository's recent git authors.
 */
import { matchPerson, peopleNamedIn } from '../core/record/people';
import { terminalText } from '../core/text/terminalText';
import { UsageError, type StoreReader } from './cliContext';
import { stderrLine } from './output';
import { loaded } from './verbSupport';

/** Everyone the command line knows: the author, the people the records name, the last git authors (none when git cannot say). */
export async function knownPeople(store: StoreReader, author: string): Promise<string[]> {
  const { GitRepository } = await import('../git/gitRepository');
  const authors = await new GitRepository(store.root).authors(50).catch(() => []);
  return [...new Set([author, ...peopleNamedIn(loaded(store).incidents), ...authors.map((activity) => activity.author)])];
}

/**
 * The person `typed` names, by the identity rule; `what` names the argument in messages (`--owner`).
 * Says on `note` (stderr by default) when a bare name became a known person.
 */
export async function personArgument(typed: string, what: string, store: StoreReader, author: string, note: (line: string) => void = stderrLine): Promise<string> {
  const match = matchPerson(typed, await knownPeople(store, author));
  const shown = (person: string) => terminalText(person, { oneLine: true });
  switch (match.kind) {
    case 'empty':
      throw new UsageError(`${what}: name the person ("Name <email>" or a handle)`);
    case 'new':
      return match.person;
    case 'ambiguous':
      throw new UsageError(
        `${what}: "${shown(match.typed)}" could be ${match.candidates.map(shown).join(' or ')}; give the name or email of one, or "Name <email>" for someone new`,
      );
    case 'known':
      if (!match.exact) note(`incident: "${shown(typed.trim())}" is ${shown(match.person)} (already known); give "Name <email>" for someone else`);
      return match.person;
  }
}
