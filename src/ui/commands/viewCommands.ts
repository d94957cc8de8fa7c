/**
 * Commands that change what is shown, not the record: refresh, paging and
 * grouping of the Active Incidents view, the current incident, the incident
 * panel (also revived after a reload) and the metrics dashboard.
 *
 * One named handler per command on `ViewCommands`; the table at the end says
 * which handler each command id runs.
 */
import * as vscode from 'vscode';
import type { Incident } from '../../core/record/schema';
import { CommandId, ContextKey } from './commandIds';
import { incidentIdFromSavedState, IncidentPanel, INCIDENT_PANEL_VIEW_TYPE } from '../panels/incidentPanel';
import type { Grouping } from '../views/incidentsTree';
import { MetricsPanel } from '../panels/metricsPanel';
import { showSeenBefore } from './relatedCommands';
import type { Services } from '../services';

export class ViewCommands {
  constructor(private readonly services: Services) {}

  /** *Refresh* (`incidents.refresh`): reads the store file again. */
  readonly refresh = () => this.services.workspace.reload();

  /** *Load More Incidents* (`incidents.loadMore`), the "Load more" row of a group: (group key). */
  readonly loadMore = (groupKey?: unknown) => typeof groupKey === 'string' && this.services.tree.loadMore(groupKey);

  /** *Group by Severity* (`incidents.groupBySeverity`): the view's grouping, kept in the workspace settings. */
  readonly groupBySeverity = () => this.groupBy('severity');

  /** *Group by Status* (`incidents.groupByStatus`): the view's grouping, kept in the workspace settings. */
  readonly groupByStatus = () => this.groupBy('status');

  /** *Set Current Incident* (`incidents.setCurrentIncident`): (incident) from the tree and scripts; asked for otherwise. */
  readonly setCurrentIncident = ({ id }: Incident) => this.services.current.set(id);

  /** *Open Incident* (`incidents.openIncident`): (incident) from the tree, the status bar and scripts; asked for otherwise. */
  readonly openIncident = ({ id }: Incident) => {
    IncidentPanel.show(id, this.services.panelHost);
    // Has this happened before? Said once a session per incident, and only for a strong match (relatedCommands.ts).
    void showSeenBefore(this.services, id);
  };

  /** *Show Metrics* (`incidents.showMetrics`): the metrics dashboard. */
  readonly showMetrics = () => void MetricsPanel.show(this.services.context.extensionUri, this.services.workspace, this.services.log);

  private async groupBy(grouping: Grouping): Promise<void> {
    this.services.tree.setGrouping(grouping);
    void vscode.commands.executeCommand('setContext', ContextKey.GroupBy, grouping);
    await this.services.settings().update('groupBy', grouping, vscode.ConfigurationTarget.Workspace);
  }
}

export function registerViewCommands(services: Services): void {
  const { commands, context, panelHost } = services;
  const handlers = new ViewCommands(services);
  commands.command(CommandId.Refresh, handlers.refresh);
  commands.command(CommandId.LoadMore, handlers.loadMore);
  commands.command(CommandId.GroupBySeverity, handlers.groupBySeverity);
  commands.command(CommandId.GroupByStatus, handlers.groupByStatus);
  commands.incidentCommand(CommandId.SetCurrentIncident, { ask: vscode.l10n.t('Work on…'), current: false }, handlers.setCurrentIncident);
  commands.incidentCommand(CommandId.OpenIncident, { ask: vscode.l10n.t('Open Incident'), current: false }, handlers.openIncident);
  commands.command(CommandId.ShowMetrics, handlers.showMetrics);

  // Not a command: the incident panels open before a reload come back.
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(INCIDENT_PANEL_VIEW_TYPE, {
      async deserializeWebviewPanel(panel, state: unknown) {
        const id = incidentIdFromSavedState(state);
        if (id) IncidentPanel.revive(panel, id, panelHost);
        else panel.dispose();
      },
    }),
  );
}
