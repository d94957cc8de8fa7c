/**
 * The incident panel's front end. Built with @vscode-elements/elements (the
 * maintained successor to the archived @vscode/webview-ui-toolkit) and themed
 * by VS Code's CSS variables. Every message in and out has the types of
 * src/protocol/incidentPanel.ts: what arrives is checked here (hostMessages.ts),
 * what goes out by the host. User text only ever becomes Text nodes (see dom.ts).
 */
// First: the host's translations are loaded before any module below builds a label.
import './hostStrings';
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import type { HostMessage, PanelState, WebviewMessage } from '../../src/protocol/incidentPanel';
import { checkHostMessage } from './hostMessages';
import { h } from './dom';
import { keepingFocus } from './focusKeeper';
import { restoreUiState, TABS, type PanelUiState, type Tab } from './panelModel';
import { createAlerts } from './sections/alerts';
import { createChecklist } from './sections/checklist';
import { createTasks } from './sections/tasks';
import { createClocks } from './sections/clocks';
import { createHeader } from './sections/header';
import { renderLinks } from './sections/links';
import { createRetrospective } from './sections/retrospective';
import { createTimeline } from './sections/timeline';
import { createUpdates } from './sections/updates';
import { createTypeFields } from './sections/typeFields';
import { createImpactStart } from './sections/impactStart';
import { post, saveState, savedState } from './vscodeApi';

interface SavedPanel {
  ui: PanelUiState;
  last?: HostMessage;
}

const saved = (savedState<SavedPanel>() ?? {}) as Partial<SavedPanel>;
let ui = restoreUiState(saved.ui);
let lastMessage: HostMessage | undefined = checkHostMessage(saved.last).ok ? saved.last : undefined;
const persist = () => saveState({ ui, last: lastMessage } satisfies SavedPanel);
const uiStore = { get: () => ui, set: (next: PanelUiState) => ((ui = next), persist()) };
const send = (message: WebviewMessage) => {
  // A new action starts afresh: the error of the previous one has been seen.
  hideError();
  post(message);
};

const TAB_LABELS: Record<Tab, string> = {
  triage: l10n.t('Triage'),
  timeline: l10n.t('Timeline'),
  links: l10n.t('Commits & deploys'),
  updates: l10n.t('Status updates'),
  retrospective: l10n.t('Retrospective'),
};

const clocks = createClocks();
const checklist = createChecklist(send);
const tasks = createTasks(send);
const timeline = createTimeline(uiStore, send);
const updates = createUpdates(uiStore, send);
const retrospective = createRetrospective(uiStore, send);
const linksHost = h('div', { class: 'links-host' });
// The header's *Post update*: the Status updates tab, the keyboard in its message field.
const header = createHeader(send, clocks.element, () => {
  selectTab('updates');
  updates.focusMessage();
});
const typeFields = createTypeFields(send);
const impactStart = createImpactStart(send);
header.element.append(impactStart.element, typeFields.element);
const alerts = createAlerts(send);
const banner = h('div', { class: 'banner', attrs: { role: 'status' } });
banner.hidden = true;
const errorBanner = h('div', { class: 'banner error', attrs: { role: 'alert' } });
errorBanner.hidden = true;

/** A change the host refused stays on screen until the next action, even though the host re-sends its state right after. */
function showError(message: string): void {
  errorBanner.textContent = message;
  errorBanner.hidden = false;
}

function hideError(): void {
  errorBanner.hidden = true;
}

const panels: Record<Tab, HTMLElement> = {
  triage: h('div', {}, typeFields.questions, checklist.element, tasks.element),
  timeline: timeline.element,
  links: linksHost,
  updates: updates.element,
  retrospective: retrospective.element,
};
const tabs = h(
  'vscode-tabs',
  { attrs: { 'selected-index': String(TABS.indexOf(ui.tab)) } },
  ...TABS.flatMap((tab) => [h('vscode-tab-header', { attrs: { slot: 'header', id: `tab-${tab}` } }, TAB_LABELS[tab]), h('vscode-tab-panel', {}, panels[tab])]),
);
function selectTab(tab: Tab): void {
  tabs.setAttribute('selected-index', String(TABS.indexOf(tab)));
  uiStore.set({ ...ui, tab });
}

tabs.addEventListener('vsc-tabs-select', (event) => {
  const index = (event as CustomEvent<{ selectedIndex: number }>).detail?.selectedIndex;
  if (typeof index === 'number' && TABS[index]) uiStore.set({ ...ui, tab: TABS[index] });
});

function renderState(state: PanelState): void {
  document.title = `${state.incident.id} ${state.incident.title}`;
  keepingFocus(() => {
    clocks.update(state);
    header.update(state);
    typeFields.update(state);
    impactStart.update(state);
    alerts.update(state);
    checklist.update(state);
    tasks.update(state);
    timeline.update(state);
    updates.update(state);
    retrospective.update(state);
    linksHost.replaceChildren(renderLinks(state, send));
  });
  banner.textContent = state.readOnlyReason ?? l10n.t('Read-only.');
  banner.hidden = !state.readOnly;
}

function render(message: HostMessage): void {
  const app = document.getElementById('app');
  if (!app) return;
  if (message.type === 'error') {
    showError(message.message);
    if (!app.contains(errorBanner)) app.prepend(errorBanner);
    // What the webview shows may be the refused change (a picker already moved): show the last real state again.
    if (lastMessage?.type === 'state') renderState(lastMessage.state);
    return;
  }
  if (message.type === 'showTab') return selectTab(message.tab);
  if (message.type === 'missing') {
    app.replaceChildren(h('p', { class: 'missing' }, l10n.t('Incident {0} is no longer in the store.', message.incidentId)));
    return;
  }
  renderState(message.state);
  if (!app.contains(tabs)) app.replaceChildren(errorBanner, banner, header.element, alerts.element, tabs);
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = checkHostMessage(event.data);
  if (!parsed.ok) {
    console.warn(`[incident panel] ignored a malformed message: ${parsed.error}`);
    return;
  }
  if (parsed.message.type !== 'error' && parsed.message.type !== 'showTab') {
    lastMessage = parsed.message;
    persist();
  }
  render(parsed.message);
});

if (lastMessage) render(lastMessage);
send({ type: 'ready' });
