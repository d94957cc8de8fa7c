/**
 * Commands that change what is shown, not the record: refresh, paging and
 * grouping of the Active Incidents view, the current incident, the incident
 * panel (also revived after a reload) and the metrics dashboard.
 */
import * as vscode from 'vscode';
import { CommandId, ContextKey } from './commandIds';
import { incidentIdFromSavedState, IncidentPanel, INCIDENT_PANEL_VIEW_TYPE } from '../panels/incidentPanel';
import type { Grouping } from '../views/incidentsTree';
import { MetricsPanel } from '../panels/metricsPanel';
import { showSeenBefore } from './relatedCommands';
import type { Services } from '../services';

export function registerViewCommands(services: Services): void {
  const { commands, workspace, tree, current, panelHost, settings, context, log } = services;
  commands.command(CommandId.Refresh, () => workspace.reload());
  commands.command(CommandId.LoadMore, (groupKey?: unknown) => typeof groupKey === 'string' && tree.loadMore(groupKey));

  const groupBy = async (grouping: Grouping) => {
    tree.setGrouping(grouping);
    void vscode.commands.executeCommand('setContext', ContextKey.GroupBy, grouping);
    await settings().update('groupBy', grouping, vscode.ConfigurationTarget.Workspace);
  };
  commands.command(CommandId.GroupBySeverity, () => groupBy('severity'));
  commands.command(CommandId.GroupByStatus, () => groupBy('status'));

  commands.incidentCommand(CommandId.SetCurrentIncident, { ask: vscode.l10n.t('Work on…'), current: false }, ({ id }) => current.set(id));
  commands.incidentCommand(CommandId.OpenIncident, { ask: vscode.l10n.t('Open Incident'), current: false }, ({ id }) => {
    IncidentPanel.show(id, panelHost);
    // Has this happened before? Said once a session per incident, and only for a strong match (relatedCommands.ts).
    void showSeenBefore(services, id);
  });
  commands.command(CommandId.ShowMetrics, () => void MetricsPanel.show(context.extensionUri, workspace, log));

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
