/**
 * One person, one name: the rule that decides whether what someone typed for
 * a person ("Sam", "sam@example.com", "sam lee") is a person we already know
 * ("Sam Lee <sam@example.com>") or a new one. Without it, typing "Sam" beside
 * a known "Sam Lee <sam@…>" records the same person under two names on the
 * timeline and in the metrics.
 *
 * The rule, case-insensitive throughout:
 * - typed text equal to a known person, their email or their whole name is
 *   that person;
 * - typed text with an email ("Sam <sam@x>", "sam@x") is the person with that
 *   email, or a new person when nobody has it (an email is the identity);
 * - a bare name or handle is the one known person whose name contains it as
 *   whole words ("Sam", "Lee", "sam lee") or whose email's local part it is;
 * - nothing matching is a new person; several matching is for the person to
 *   choose (the caller lists them), never a guess.
 */

/** What the typed text is: a known person, a new one, or one of several known people. */
export type PersonMatch =
  | { kind: 'known'; person: string; /** Typed exactly as known (nothing worth telling). */ exact: boolean }
  | { kind: 'new'; person: string }
  | { kind: 'ambiguous'; typed: string; candidates: string[] }
  | { kind: 'empty' };

interface PersonParts {
  name: string;
  email?: string;
}

/** "Name <email>" into its parts, a bare email as an email, anything else as a name. */
export function personParts(person: string): PersonParts {
  const text = person.trim();
  const withEmail = /^(.*?)\s*<([^<>\s]+)>$/.exec(text);
  if (withEmail) return { name: withEmail[1].trim(), email: withEmail[2] };
  if (/^[^\s<>@]+@[^\s<>@]+$/.test(text)) return { name: '', email: text };
  return { name: text };
}

const folded = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
const words = (text: string) => folded(text).split(' ').filter(Boolean);

/** Whether `part`'s words appear, whole and in order, one after another in `whole`'s words. */
function containsWords(whole: readonly string[], part: readonly string[]): boolean {
  if (!part.length || part.length > whole.length) return false;
  for (let start = 0; start + part.length <= whole.length; start++) if (part.every((word, i) => whole[start + i] === word)) return true;
  return false;
}

/** The known person (or people) that typed text names, by the rule above. */
export function matchPerson(typed: string, known: readonly string[]): PersonMatch {
  const text = typed.trim().replace(/\s+/g, ' ');
  if (!text) return { kind: 'empty' };
  const people = [...new Set(known.map((person) => person.trim()).filter(Boolean))];
  const same = people.find((person) => folded(person) === folded(text));
  if (same) return { kind: 'known', person: same, exact: same === text };
  const typedParts = personParts(text);
  if (typedParts.email) {
    const email = folded(typedParts.email);
    return oneOf(
      text,
      people.filter((person) => folded(personParts(person).email ?? '') === email),
    );
  }
  const name = folded(typedParts.name);
  const whole = people.filter((person) => {
    const parts = personParts(person);
    return folded(parts.name) === name || folded(parts.email ?? '') === name;
  });
  if (whole.length) return oneOf(text, whole);
  const typedWords = words(typedParts.name);
  return oneOf(
    text,
    people.filter((person) => {
      const parts = personParts(person);
      const local = parts.email ? folded(parts.email.split('@')[0]) : undefined;
      return containsWords(words(parts.name), typedWords) || local === name;
    }),
  );
}

function oneOf(text: string, candidates: readonly string[]): PersonMatch {
  if (candidates.length === 1) return { kind: 'known', person: candidates[0], exact: false };
  if (candidates.length === 0) return { kind: 'new', person: text };
  return { kind: 'ambiguous', typed: text, candidates: [...candidates] };
}

/** One row of a person picker: a known person, or what was typed as a new one. */
export interface PersonChoice {
  person: string;
  isNew: boolean;
}

/**
 * The rows a person picker shows for what has been typed, first the one Enter
 * takes: the known person it matches (or the several it might be), then the
 * other known people, and "new person" last; "new person" comes first only
 * when nothing matches. Typed text equal to a known person is not offered new.
 */
export function personChoices(typed: string, known: readonly string[]): PersonChoice[] {
  const people = [...new Set(known.map((person) => person.trim()).filter(Boolean))];
  const match = matchPerson(typed, people);
  const rows = (first: readonly string[]) => [...first, ...people.filter((person) => !first.includes(person))].map((person) => ({ person, isNew: false }));
  switch (match.kind) {
    case 'empty':
      return rows([]);
    case 'new':
      return [{ person: match.person, isNew: true }, ...rows([])];
    case 'known': {
      const typedText = typed.trim().replace(/\s+/g, ' ');
      return [...rows([match.person]), ...(folded(typedText) === folded(match.person) ? [] : [{ person: typedText, isNew: true }])];
    }
    case 'ambiguous':
      return [...rows(match.candidates), { person: match.typed, isNew: true }];
  }
}

/** Everyone an incident record names as a person: who declared it, role holders, task and action item owners, timeline authors. */
export function peopleNamedIn(incidents: readonly PeopleSource[]): string[] {
  const found = new Set<string>();
  const add = (person: string | undefined) => person?.trim() && found.add(person.trim());
  for (const incident of incidents) {
    add(incident.declaredBy);
    const { responders, ...holders } = incident.roles;
    for (const holder of Object.values(holders)) if (typeof holder === 'string') add(holder);
    responders.forEach(add);
    incident.tasks?.forEach((task) => add(task.assignee));
    incident.retrospective.actionItems.forEach((item) => add(item.owner));
    incident.timeline.forEach((event) => add(event.author));
  }
  return [...found];
}

/** The parts of an incident that name people (an Incident has all of them). */
export interface PeopleSource {
  declaredBy: string;
  roles: { responders: string[]; [role: string]: unknown };
  tasks?: readonly { assignee?: string }[];
  retrospective: { actionItems: readonly { owner?: string }[] };
  timeline: readonly { author: string }[];
}
