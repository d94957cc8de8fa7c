/**
 * The questions the commands and the panel ask with a quick pick or an input
 * box: which incident, which person, which commit and how it relates, one
 * value of a closed list, one item of a list whose title changes while it is
 * open. Each resolves to undefined when the responder dismisses it; none of
 * them writes anything.
 */
import * as vscode from 'vscode';
import { COMMIT_RELATIONS, type CommitRelation } from '../core/record/schema';
import { commitLabel, type CommitSummary } from '../core/code/commitSummary';
import { shortUtc } from '../core/text/time';
import { matchPerson, personChoices } from '../core/record/people';
import type { GitRepository } from '../git/gitRepository';
import type { StoreSnapshotSource } from './storeSnapshot';

/** Asks which incident, newest declarations last as the store keeps them; undefined when dismissed or there is none. */
export async function pickIncidentId(source: StoreSnapshotSource, title: string): Promise<string | undefined> {
  const { incidents } = source.current();
  if (incidents.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no incidents to open.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    incidents.map((incident) => ({ label: incident.title, description: `${incident.id} · ${incident.severity} · ${incident.status}`, id: incident.id })),
    { title, matchOnDescription: true },
  );
  return picked?.id;
}

/** One of a closed list of values, each with an optional description. */
export async function pickValue<T extends string>(title: string, values: readonly T[], describe: (value: T) => string | undefined = () => undefined): Promise<T | undefined> {
  return (
    await vscode.window.showQuickPick(
      values.map((value) => ({ label: value, description: describe(value), value })),
      { title },
    )
  )?.value;
}

/** One item from a quick pick whose title may change while it is open (a count that arrives later); undefined when dismissed. */
export function pickOne<T extends vscode.QuickPickItem>(items: T[], title: string, laterTitle?: Promise<string>): Promise<T | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  Object.assign(pick, { items, title, matchOnDescription: true, matchOnDetail: true });
  void laterTitle?.then((text) => (pick.title = text));
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

export interface PersonSuggestion {
  person: string;
  /** On the response plan's roster for the role. */
  rostered: boolean;
  /** Owns the code the evidence points at (CODEOWNERS). */
  owner?: boolean;
}

/**
 * Asks for a person: the suggestions (the current holder marked), or a name typed in.
 * What is typed follows one identity rule (src/core/record/people.ts): Enter takes the
 * known person whose name or email it matches; "new person" is first only when
 * nothing matches, and otherwise last, to be chosen on purpose.
 */
export async function pickPerson(title: string, suggestions: readonly PersonSuggestion[], current: string | undefined): Promise<string | undefined> {
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { person: string }>();
  quickPick.title = title;
  quickPick.placeholder = vscode.l10n.t('Pick a person or type "Name <email>"');
  const people = suggestions.map((suggestion) => suggestion.person);
  const known = new Map(
    suggestions.map(({ person, rostered, owner }) => [
      person,
      {
        label: person,
        person,
        description:
          [
            person === current ? vscode.l10n.t('current') : undefined,
            rostered ? vscode.l10n.t("on the response plan's roster") : undefined,
            owner ? vscode.l10n.t('owns the code of the evidence (CODEOWNERS)') : undefined,
          ]
            .filter(Boolean)
            .join(' · ') || undefined,
      },
    ]),
  );
  const itemsFor = (typed: string) =>
    personChoices(typed, people).map(({ person, isNew }, index) =>
      isNew && index === 0
        ? { label: person, person, description: vscode.l10n.t('new person'), alwaysShow: true }
        : isNew
          ? // Labelled without the typed text: VS Code sorts the items whose label matches it first, and this one must stay last.
            { label: vscode.l10n.t('$(person-add) Someone new'), person, description: vscode.l10n.t('"{0}" as a new person', person), alwaysShow: true }
          : { ...known.get(person)!, ...(typed.trim() && index === 0 ? { alwaysShow: true } : {}) },
    );
  quickPick.items = itemsFor('');
  quickPick.onDidChangeValue((value) => {
    quickPick.items = itemsFor(value);
    if (quickPick.items[0]) quickPick.activeItems = [quickPick.items[0]];
  });
  return new Promise((resolve) => {
    quickPick.onDidAccept(() => {
      const typed = matchPerson(quickPick.value, people);
      resolve(quickPick.selectedItems[0]?.person ?? (typed.kind === 'known' ? typed.person : typed.kind === 'empty' ? undefined : quickPick.value.trim()));
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

const RELATION_HINTS: Record<CommitRelation, string> = {
  cause: vscode.l10n.t('this commit caused the incident'),
  fix: vscode.l10n.t('this commit fixes it'),
  related: vscode.l10n.t('worth knowing about'),
};

/** How a commit relates to an incident: cause, fix or related; the title names the commit by its subject, not a bare sha. */
export async function pickRelation(commit: Pick<CommitSummary, 'sha' | 'subject'>, incidentId: string): Promise<CommitRelation | undefined> {
  const relation = await vscode.window.showQuickPick(
    COMMIT_RELATIONS.map((value) => ({ label: value, description: RELATION_HINTS[value], value })),
    { title: vscode.l10n.t('How does {0} relate to {1}?', commitLabel(commit), incidentId) },
  );
  return relation?.value;
}

/** A recent commit (HEAD first), or one entered by sha, branch or tag; the git layer resolves what is typed, never as an option. */
export async function pickCommit(incidentId: string, lookup: GitRepository): Promise<CommitSummary | undefined> {
  const commits = await lookup.recentCommits(50);
  if (!commits.length) throw new Error(vscode.l10n.t('This repository has no commits yet.'));
  const enter = { label: vscode.l10n.t('$(edit) Enter a sha, branch or tag…'), description: vscode.l10n.t('for a commit not in this list'), commit: undefined };
  const picked = await vscode.window.showQuickPick(
    [
      ...commits.map((commit, index) => ({
        label: commit.subject,
        description: `${commit.sha.slice(0, 8)} · ${commit.author.replace(/ <.*>$/, '')}${index === 0 ? ' · HEAD' : ''}`,
        detail: shortUtc(commit.committedAt),
        commit,
      })),
      enter,
    ],
    { title: vscode.l10n.t('Link a commit to {0}', incidentId), matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) return undefined;
  if (picked.commit) return picked.commit;
  const revision = await vscode.window.showInputBox({
    title: vscode.l10n.t('Link a commit'),
    prompt: vscode.l10n.t('A full or abbreviated sha, a branch or a tag'),
    ignoreFocusOut: true,
  });
  return revision?.trim() ? lookup.resolveCommit(revision.trim()) : undefined;
}
