/**
 * Incidents that happened before, in VS Code: *Show Related Incidents* (a
 * quick pick of the most similar incidents, with why; the chosen one opens)
 * and, right after declaring or when an incident is first opened, one
 * notification "Seen before: INC-… (why)" when an earlier incident is a
 * strong match.
 *
 * Why a notification and not a line in the tree's tooltip: the tooltip is
 * quieter, but nobody hovers the row of an incident they declared a moment
 * ago from the palette, and every row's tooltip would need the index kept
 * warm for 10,000 incidents. The notification is shown once per declaration,
 * only above NOTICE_MIN_TEXT (so most declarations say nothing), and never
 * takes focus.
 *
 * The command's named handler is on `RelatedCommands`, registered by the
 * table below it; `showSeenBefore` serves the declare and open commands.
 */
import * as vscode from 'vscode';
import type { RelatedIncident, RelatedIndex } from '../../core/search/relatedIncidents';
import type { Incident } from '../../core/record/schema';
import { relatedIndexOf } from '../../workflows/relatedSources';
import { CommandId } from './commandIds';
import { IncidentPanel } from '../panels/incidentPanel';
import type { Services } from '../services';
import { incidentInStore } from '../storeSnapshot';

/** How much of a new incident's words an earlier one must share before the declaration says "seen before" (text score, 0–1). */
export const NOTICE_MIN_TEXT = 0.4;
const PICK_LIMIT = 10;

const whyText = (related: RelatedIncident) => related.why.join('; ');

export class RelatedCommands {
  constructor(private readonly services: Services) {}

  /** *Show Related Incidents* (`incidents.showRelated`): (incident) from the palette, the tree and scripts; returns the id opened, for tests. */
  readonly showRelated = async ({ id }: Incident) => {
    const store = this.services.store();
    const { document } = incidentInStore(store.read(), id);
    // Git tells which files the cause/fix commits changed; in Restricted Mode the words alone rank.
    const repo = vscode.workspace.isTrusted ? this.services.repository() : undefined;
    const related = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Finding incidents like {0}', id) }, async () =>
      (await relatedIndexOf(repo, store, document.incidents)).relatedTo(id, PICK_LIMIT),
    );
    if (!related.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No other incident is like {0} yet.', id));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      related.map((r) => ({
        label: r.incident.title,
        description: `${r.incident.id} · ${r.incident.declaredAt.slice(0, 10)} · ${r.score.toFixed(2)}`,
        detail: whyText(r),
        id: r.incident.id,
      })),
      { title: vscode.l10n.t('Incidents like {0}: pick one to open', id), matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked) return undefined;
    IncidentPanel.show(picked.id, this.services.panelHost);
    return picked.id;
  };
}

export function registerRelatedCommands(services: Services): void {
  const { commands } = services;
  const handlers = new RelatedCommands(services);
  commands.incidentCommand(CommandId.ShowRelated, { ask: vscode.l10n.t('Show incidents like…') }, handlers.showRelated);
}

/** The incidents this session has already said "seen before" about: once each, whether declared or opened. */
const told = new Set<string>();
/** The words index of the store as last read: opening one incident after another builds it once per change of the store. */
let wordsIndex: { incidents: readonly Incident[]; index: Promise<RelatedIndex> } | undefined;

/**
 * After a declaration, and when an incident is first opened in a session:
 * "Seen before" when an earlier incident shares most of its words. Words and
 * postmortem notes only (no git runs). Never throws (what the person asked
 * for has happened).
 */
export async function showSeenBefore(services: Services, incidentId: string): Promise<void> {
  if (told.has(incidentId)) return;
  told.add(incidentId);
  try {
    const store = services.store();
    const { document } = incidentInStore(store.read(), incidentId);
    if (wordsIndex?.incidents !== document.incidents) wordsIndex = { incidents: document.incidents, index: relatedIndexOf(undefined, store, document.incidents) };
    const [best] = (await wordsIndex.index).relatedTo(incidentId, 1);
    if (!best || best.text < NOTICE_MIN_TEXT) return;
    const open = vscode.l10n.t('Open {0}', best.incident.id);
    const all = vscode.l10n.t('Show Related…');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Seen before: {0} {1} ({2}).', best.incident.id, best.incident.title, whyText(best)), open, all);
    if (answer === open) IncidentPanel.show(best.incident.id, services.panelHost);
    if (answer === all) await vscode.commands.executeCommand(CommandId.ShowRelated, incidentId);
  } catch (error) {
    services.log.warn(`related incidents of ${incidentId}: ${(error as Error).message}`);
  }
}
