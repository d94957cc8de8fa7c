/**
 * summary.json, shaped like the summary of the common hosted status-page API
 * (Atlassian Statuspage v2, /api/v2/summary.json), so tools that read one
 * read ours: the page, its status indicator, components and the unresolved
 * incidents with their updates (newest first).
 */
import { componentId, type PublicIncident, type StatusPageModel } from './model';
import { publishable } from './publicText';
import { INDICATOR_DESCRIPTION } from './words';

const iso = (time: string | undefined) => (time ? new Date(time).toISOString() : null);

function incidentJson(incident: PublicIncident, model: StatusPageModel, pageId: string) {
  return {
    id: incident.id,
    name: incident.title,
    status: incident.status,
    impact: incident.impact,
    created_at: iso(incident.createdAt),
    updated_at: iso(incident.updatedAt),
    monitoring_at: iso(incident.monitoringAt),
    resolved_at: iso(incident.resolvedAt),
    shortlink: model.url ? `${model.url.replace(/\/+$/, '')}/#incident-${incident.id.toLowerCase()}` : null,
    page_id: pageId,
    components: incident.components.map((name) => componentId(name)),
    incident_updates: incident.updates.map((update) => ({
      id: update.id,
      incident_id: incident.id,
      status: update.status,
      body: publishable(update.text),
      created_at: iso(update.at),
      updated_at: iso(update.at),
      display_at: iso(update.at),
      next_update_by: iso(update.nextUpdateBy),
    })),
  };
}

export function statusPageSummary(model: StatusPageModel): string {
  const pageId = componentId(model.name);
  const summary = {
    page: { id: pageId, name: publishable(model.name), url: model.url ?? null, time_zone: 'Etc/UTC', updated_at: model.generatedAt },
    status: { indicator: model.indicator, description: INDICATOR_DESCRIPTION[model.indicator] },
    components: model.components.map((component, position) => ({
      id: component.id,
      name: publishable(component.name),
      status: component.status,
      position: position + 1,
      page_id: pageId,
    })),
    incidents: model.active.map((incident) => incidentJson(incident, model, pageId)),
    scheduled_maintenances: [],
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}
