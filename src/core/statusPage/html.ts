/**
 * index.html: one static page, no script at all (it reads the same with
 * JavaScript off), landmarks and a heading per section for screen readers,
 * times in <time datetime>, and every colour in style.css so a team themes it
 * by replacing that one file. Every piece of text is escaped.
 */
import type { PublicIncident, PublicUpdate, StatusPageModel } from './model';
import { escapeMarkup as e } from './publicText';
import { COMPONENT_WORD, IMPACT_WORD, INDICATOR_DESCRIPTION, readableUtc, STATUS_WORD } from './words';

const time = (iso: string) => `<time datetime="${e(new Date(iso).toISOString())}">${e(readableUtc(iso))}</time>`;
const anchor = (incident: PublicIncident) => `incident-${incident.id.toLowerCase()}`;

function updateItem(update: PublicUpdate, resolved: boolean): string {
  return [
    '<li class="update">',
    `<p class="update-head"><span class="update-status">${STATUS_WORD[update.status]}</span> ${time(update.at)}</p>`,
    `<p class="update-text">${e(update.text)}</p>`,
    // A resolved incident promises no next update, whatever its last one said.
    ...(update.nextUpdateBy && !resolved ? [`<p class="next-update">Next update by ${time(update.nextUpdateBy)}</p>`] : []),
    '</li>',
  ].join('\n');
}

function incidentArticle(incident: PublicIncident): string {
  const when = incident.resolvedAt ? `Resolved ${time(incident.resolvedAt)}` : `Since ${time(incident.createdAt)}`;
  return [
    `<article class="incident impact-${incident.impact} status-${incident.status}" id="${anchor(incident)}" aria-labelledby="${anchor(incident)}-title">`,
    `<h3 id="${anchor(incident)}-title">${e(incident.title)}</h3>`,
    `<p class="incident-meta"><span class="badge status-${incident.status}">${STATUS_WORD[incident.status]}</span> <span class="impact">${IMPACT_WORD[incident.impact]}</span> <span class="affects">Affects ${incident.components.map(e).join(', ')}</span> <span class="when">${when}</span></p>`,
    ...(incident.fields ? ['<dl class="fields">', ...incident.fields.map((field) => `<dt>${e(field.title)}</dt><dd>${e(field.value)}</dd>`), '</dl>'] : []),
    // Resolved after its last public update: said, so the page never shows "Resolved" above "Investigating" as if that were the news.
    ...(incident.resolvedAt && incident.updatedAt < incident.resolvedAt
      ? [`<p class="resolved-note">Resolved ${time(incident.resolvedAt)}. The updates below were written before it was resolved.</p>`]
      : []),
    '<ol class="updates" reversed>',
    ...incident.updates.map((update) => updateItem(update, incident.status === 'resolved')),
    '</ol>',
    '</article>',
  ].join('\n');
}

function section(id: string, heading: string, body: string[]): string {
  return [`<section class="${id}" aria-labelledby="${id}-heading">`, `<h2 id="${id}-heading">${heading}</h2>`, ...body, '</section>'].join('\n');
}

export function statusPageHtml(model: StatusPageModel): string {
  const name = e(model.name);
  const components = model.components.map(
    (component) =>
      `<li class="component"><span class="component-name">${e(component.name)}</span> <span class="state state-${component.status}">${COMPONENT_WORD[component.status]}</span></li>`,
  );
  return `${[
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // The page needs nothing but its own stylesheet: a script or a remote image can never run or load, whatever the text says.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'">`,
    '<meta name="color-scheme" content="light dark">',
    `<title>${name} status</title>`,
    '<link rel="stylesheet" href="style.css">',
    `<link rel="alternate" type="application/atom+xml" title="${name} status updates" href="feed.atom">`,
    '</head>',
    '<body>',
    '<a class="skip-link" href="#main">Skip to the current status</a>',
    '<header class="page-header">',
    `<p class="page-name">${model.url ? `<a href="${e(model.url)}">${name}</a>` : name}</p>`,
    `<p class="generated">Updated ${time(model.generatedAt)}</p>`,
    '</header>',
    '<main id="main">',
    `<h1>${name} status</h1>`,
    `<p class="overall indicator-${model.indicator}" role="status">${INDICATOR_DESCRIPTION[model.indicator]}</p>`,
    section('components', 'Components', ['<ul class="component-list">', ...components, '</ul>']),
    section('active', 'Active incidents', model.active.length ? model.active.map(incidentArticle) : ['<p class="none">No incidents right now.</p>']),
    section('history', 'Past incidents (last 90 days)', model.history.length ? model.history.map(incidentArticle) : ['<p class="none">No incidents in the last 90 days.</p>']),
    '</main>',
    '<footer class="page-footer">',
    '<p>Follow updates with the <a href="feed.atom">Atom feed</a> or read them as <a href="summary.json">JSON</a>. Times are in UTC.</p>',
    '</footer>',
    '</body>',
    '</html>',
  ].join('\n')}\n`;
}
