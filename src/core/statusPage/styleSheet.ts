/**
 * style.css: the page's only stylesheet, so a team themes the page by
 * replacing this one file. Light and dark follow the reader's system
 * (prefers-color-scheme); every pair of colours meets WCAG AA contrast.
 */
export const STATUS_PAGE_CSS = `/* Incident Responder status page. Replace this file to theme the page; the class names are listed in index.html. */
:root {
  color-scheme: light dark;
  --background: #f6f8fa;
  --surface: #ffffff;
  --text: #1f2328;
  --muted: #59636e;
  --border: #d1d9e0;
  --link: #0550ae;
  --operational: #116329;
  --operational-surface: #dafbe1;
  --minor: #7d4e00;
  --minor-surface: #fff8c5;
  --major: #953800;
  --major-surface: #fff1e5;
  --critical: #a40e26;
  --critical-surface: #ffebe9;
}

@media (prefers-color-scheme: dark) {
  :root {
    --background: #0d1117;
    --surface: #151b23;
    --text: #f0f6fc;
    --muted: #9198a1;
    --border: #3d444d;
    --link: #58a6ff;
    --operational: #3fb950;
    --operational-surface: #12261e;
    --minor: #d29922;
    --minor-surface: #272115;
    --major: #f0883e;
    --major-surface: #2d1d10;
    --critical: #ff7b72;
    --critical-surface: #2d1418;
  }
}

* {
  box-sizing: border-box;
}

body {
  margin: 0;
  background: var(--background);
  color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
}

a {
  color: var(--link);
}

a:focus-visible {
  outline: 2px solid var(--link);
  outline-offset: 2px;
}

.skip-link {
  position: absolute;
  left: -9999px;
}

.skip-link:focus {
  left: 1rem;
  top: 1rem;
  padding: 0.5rem 1rem;
  background: var(--surface);
  border: 1px solid var(--border);
}

.page-header,
main,
.page-footer {
  max-width: 48rem;
  margin: 0 auto;
  padding: 0 1.25rem;
}

.page-header {
  display: flex;
  justify-content: space-between;
  align-items: baseline;
  flex-wrap: wrap;
  gap: 0.5rem;
  padding-top: 2rem;
}

.page-name {
  margin: 0;
  font-size: 1.25rem;
  font-weight: 700;
}

.generated,
.incident-meta,
.update-head,
.next-update,
.resolved-note,
.page-footer {
  color: var(--muted);
  font-size: 0.875rem;
}

h1 {
  font-size: 1.75rem;
  margin: 1.5rem 0 1rem;
}

h2 {
  font-size: 1.125rem;
  margin: 2rem 0 0.75rem;
}

h3 {
  font-size: 1.0625rem;
  margin: 0 0 0.25rem;
}

.overall {
  margin: 0;
  padding: 1rem 1.25rem;
  border-radius: 8px;
  border: 1px solid;
  font-size: 1.125rem;
  font-weight: 600;
}

.indicator-none {
  color: var(--operational);
  background: var(--operational-surface);
}

.indicator-minor {
  color: var(--minor);
  background: var(--minor-surface);
}

.indicator-major {
  color: var(--major);
  background: var(--major-surface);
}

.indicator-critical {
  color: var(--critical);
  background: var(--critical-surface);
}

.component-list {
  list-style: none;
  margin: 0;
  padding: 0;
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: 8px;
}

.component {
  display: flex;
  justify-content: space-between;
  gap: 1rem;
  padding: 0.75rem 1.25rem;
}

.component + .component {
  border-top: 1px solid var(--border);
}

.state {
  font-weight: 600;
}

/* A dot in the state's colour; the words carry the meaning, so colour is never the only sign. */
.overall::before,
.state::before {
  content: '';
  display: inline-block;
  width: 0.625em;
  height: 0.625em;
  border-radius: 50%;
  background: currentColor;
  margin-right: 0.5em;
  vertical-align: 0.05em;
}

.state-operational {
  color: var(--operational);
}

.state-degraded_performance {
  color: var(--minor);
}

.state-partial_outage {
  color: var(--major);
}

.state-major_outage {
  color: var(--critical);
}

.incident {
  background: var(--surface);
  border: 1px solid var(--border);
  border-left: 4px solid var(--border);
  border-radius: 8px;
  padding: 1rem 1.25rem;
  margin-bottom: 1rem;
}

.incident.impact-minor {
  border-left-color: var(--minor);
}

.incident.impact-major {
  border-left-color: var(--major);
}

.incident.impact-critical {
  border-left-color: var(--critical);
}

.incident.status-resolved {
  border-left-color: var(--operational);
}

.incident-meta {
  display: flex;
  flex-wrap: wrap;
  gap: 0.25rem 0.75rem;
  align-items: center;
  margin: 0 0 0.75rem;
}

.badge {
  font-weight: 600;
  border-radius: 999px;
  padding: 0 0.6rem;
  border: 1px solid currentColor;
}

.badge.status-investigating,
.badge.status-identified {
  color: var(--major);
}

.badge.status-monitoring {
  color: var(--minor);
}

.badge.status-resolved {
  color: var(--operational);
}

.updates {
  list-style: none;
  margin: 0;
  padding: 0;
}

.update {
  padding: 0.5rem 0 0.5rem 1rem;
  border-left: 2px solid var(--border);
}

.update p {
  margin: 0;
}

.update-status {
  color: var(--text);
  font-weight: 600;
}

.update-text {
  white-space: pre-line;
  overflow-wrap: anywhere;
}

.none {
  color: var(--muted);
  margin: 0;
}

.page-footer {
  padding-top: 1rem;
  padding-bottom: 2rem;
  border-top: 1px solid var(--border);
  margin-top: 2rem;
}
`;
