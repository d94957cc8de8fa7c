/**
 * The incident panel's front end. Built with @vscode-elements/elements (the
 * maintained successor to the archived @vscode/webview-ui-toolkit) and themed
 * by VS Code's CSS variables. User text is only ever set as textContent.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import type { Incident } from '../../src/core/schema';
import { parseHostMessage, type HostMessage } from '../../src/protocol';
import { post, saveState, savedState } from './vscodeApi';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K];
function element(tag: string, text?: string, className?: string): HTMLElement;
function element(tag: string, text?: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function renderIncident(root: HTMLElement, incident: Incident): void {
  const header = element('header', undefined, 'incident-header');
  const badges = element('div', undefined, 'badges');
  badges.append(element('vscode-badge', incident.severity, `severity ${incident.severity}`), element('vscode-badge', incident.status, 'status'));
  header.append(element('div', incident.id, 'incident-id'), element('h1', incident.title), badges);
  const roles = element('p', `Commander: ${incident.roles.commander ?? 'unassigned'}`, 'roles');
  root.replaceChildren(header, roles, element('vscode-divider'));
}

function render(message: HostMessage): void {
  const root = document.getElementById('app');
  if (!root) return;
  if (message.type === 'state') {
    renderIncident(root, message.incident);
    document.title = `${message.incident.id} ${message.incident.title}`;
  } else {
    root.replaceChildren(element('p', `Incident ${message.incidentId} is no longer in the store.`, 'missing'));
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = parseHostMessage(event.data);
  if (!parsed.ok) {
    console.warn(`[incident panel] ignored a malformed message: ${parsed.error}`);
    return;
  }
  saveState(parsed.message);
  render(parsed.message);
});

const previous = parseHostMessage(savedState());
if (previous.ok) render(previous.message);
post({ type: 'ready' });
