/**
 * feed.atom: an Atom 1.0 feed (RFC 4287) with one entry per public update,
 * newest first. Ids are URNs made of the incident's and the update's ids,
 * which never change, so a feed reader shows each update once however often
 * CI rebuilds the page. Text goes in as escaped text, never as markup.
 */
import { componentId, type PublicIncident, type PublicUpdate, type StatusPageModel } from './model';
import { escapeMarkup as e } from './publicText';
import { readableUtc, STATUS_WORD } from './words';

interface Entry {
  incident: PublicIncident;
  update: PublicUpdate;
}

const iso = (time: string) => new Date(time).toISOString();
export const feedId = (model: Pick<StatusPageModel, 'name'>) => `urn:incident-responder:status-page:${componentId(model.name)}`;
export const entryId = (incident: Pick<PublicIncident, 'id'>, update: Pick<PublicUpdate, 'id'>) => `urn:incident-responder:${incident.id}:update:${encodeURIComponent(update.id)}`;

function entryXml({ incident, update }: Entry, url: string | undefined): string {
  const next = update.nextUpdateBy ? `\n\nNext update by ${readableUtc(update.nextUpdateBy)}.` : '';
  return [
    '  <entry>',
    `    <id>${e(entryId(incident, update))}</id>`,
    `    <title type="text">${e(`${STATUS_WORD[update.status]}: ${incident.title}`)}</title>`,
    `    <updated>${iso(update.at)}</updated>`,
    `    <published>${iso(update.at)}</published>`,
    ...(url ? [`    <link rel="alternate" type="text/html" href="${e(`${url}#incident-${incident.id.toLowerCase()}`)}"/>`] : []),
    `    <content type="text">${e(update.text + next)}</content>`,
    '  </entry>',
  ].join('\n');
}

export function statusPageAtom(model: StatusPageModel): string {
  const entries = [...model.active, ...model.history]
    .flatMap((incident) => incident.updates.map((update) => ({ incident, update })))
    .sort((a, b) => Date.parse(b.update.at) - Date.parse(a.update.at) || (entryId(a.incident, a.update) < entryId(b.incident, b.update) ? -1 : 1));
  // The feed changes only when an update does, not with every rebuild.
  const updated = entries.length ? iso(entries[0].update.at) : model.generatedAt;
  const base = model.url?.replace(/\/+$/, '');
  return `${[
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `  <id>${e(feedId(model))}</id>`,
    `  <title type="text">${e(`${model.name} status`)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${e(model.name)}</name></author>`,
    ...(base ? [`  <link rel="self" type="application/atom+xml" href="${e(`${base}/feed.atom`)}"/>`, `  <link rel="alternate" type="text/html" href="${e(`${base}/`)}"/>`] : []),
    '  <generator>Incident Responder</generator>',
    ...entries.map((entry) => entryXml(entry, base ? `${base}/` : undefined)),
    '</feed>',
  ].join('\n')}\n`;
}
