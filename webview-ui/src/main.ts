/**
 * The incident panel's front end. Built with @vscode-elements/elements (the
 * maintained successor to the archived @vscode/webview-ui-toolkit) and themed
 * by VS Code's CSS variables. Every message in and out is checked against
 * src/protocol.ts; user text only ever becomes Text nodes (see dom.ts).
 */
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import { parseHostMessage, type HostMessage, type PanelState, type WebviewMessage } from '../../src/protocol';
import { h } from './dom';
import { restoreUiState, TABS, type PanelUiState, type Tab } from './panelModel';
import { createChecklist } from './sections/checklist';
import { createClocks } from './sections/clocks';
import { renderHeader } from './sections/header';
import { renderLinks } from './sections/links';
import { createRetrospective } from './sections/retrospective';
import { createTimeline } from './sections/timeline';
import { createUpdates } from './sections/updates';
import { post, saveState, savedState } from './vscodeApi';

interface SavedPanel {
  ui: PanelUiState;
  last?: HostMessage;
}

const saved = (savedState<SavedPanel>() ?? {}) as Partial<SavedPanel>;
let ui = restoreUiState(saved.ui);
let lastMessage: HostMessage | undefined = parseHostMessage(saved.last).ok ? saved.last : undefined;
const persist = () => saveState({ ui, last: lastMessage } satisfies SavedPanel);
const uiStore = { get: () => ui, set: (next: PanelUiState) => ((ui = next), persist()) };
const send = (message: WebviewMessage) => post(message);

const TAB_LABELS: Record<Tab, string> = { triage: 'Triage', timeline: 'Timeline', links: 'Commits & deploys', updates: 'Status updates', retrospective: 'Retrospective' };

const clocks = createClocks();
const checklist = createChecklist(send);
const timeline = createTimeline(uiStore, send);
const updates = createUpdates(uiStore, send);
const retrospective = createRetrospective(send);
const linksHost = h('div', { class: 'links-host' });
const headerHost = h('div', { class: 'header-host' });
const banner = h('div', { class: 'banner', attrs: { role: 'status' } });
banner.hidden = true;

const panels: Record<Tab, HTMLElement> = { triage: checklist.element, timeline: timeline.element, links: linksHost, updates: updates.element, retrospective: retrospective.element };
const tabs = h(
  'vscode-tabs',
  { attrs: { 'selected-index': String(TABS.indexOf(ui.tab)) } },
  ...TABS.flatMap((tab) => [h('vscode-tab-header', { attrs: { slot: 'header', id: `tab-${tab}` } }, TAB_LABELS[tab]), h('vscode-tab-panel', {}, panels[tab])]),
);
tabs.addEventListener('vsc-tabs-select', (event) => {
  const index = (event as CustomEvent<{ selectedIndex: number }>).detail?.selectedIndex;
  if (typeof index === 'number' && TABS[index]) uiStore.set({ ...ui, tab: TABS[index] });
});

function render(message: HostMessage): void {
  const app = document.getElementById('app');
  if (!app) return;
  if (message.type === 'error') {
    banner.textContent = message.message;
    banner.className = 'banner error';
    banner.hidden = false;
    return;
  }
  if (message.type === 'showTab') {
    tabs.setAttribute('selected-index', String(TABS.indexOf(message.tab)));
    uiStore.set({ ...ui, tab: message.tab });
    return;
  }
  if (message.type === 'missing') {
    app.replaceChildren(h('p', { class: 'missing' }, `Incident ${message.incidentId} is no longer in the store.`));
    return;
  }
  const state: PanelState = message.state;
  document.title = `${state.incident.id} ${state.incident.title}`;
  clocks.update(state);
  headerHost.replaceChildren(renderHeader(state, send, clocks.element));
  checklist.update(state);
  timeline.update(state);
  updates.update(state);
  retrospective.update(state);
  linksHost.replaceChildren(renderLinks(state, send));
  if (state.readOnly) {
    banner.textContent = state.readOnlyReason ?? 'Read-only.';
    banner.className = 'banner';
    banner.hidden = false;
  } else if (!banner.classList.contains('error')) {
    banner.hidden = true;
  }
  if (!app.contains(tabs)) app.replaceChildren(banner, headerHost, tabs);
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = parseHostMessage(event.data);
  if (!parsed.ok) {
    console.warn(`[incident panel] ignored a malformed message: ${parsed.error}`);
    return;
  }
  if (parsed.message.type !== 'error' && parsed.message.type !== 'showTab') {
    banner.classList.remove('error');
    lastMessage = parsed.message;
    persist();
  }
  render(parsed.message);
});

if (lastMessage) render(lastMessage);
send({ type: 'ready' });
