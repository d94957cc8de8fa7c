import * as l10n from '@vscode/l10n';
import type { CommitRelation } from '../../../src/core/record/recordValues';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { PanelState } from '../../../src/protocol/incidentPanel';
import type { Send } from './header';
import { h, icon } from '../dom';
import { FOCUS_KEY } from '../focusKeeper';
import { shortUtc } from '../../../src/core/text/time';

const RELATION_LABEL: Record<CommitRelation, string> = { cause: l10n.t('caused it'), fix: l10n.t('fixed it'), related: l10n.t('related') };

/** Linked commits and deploys, with a button to link another commit. */
export function renderLinks(state: PanelState, send: Send): HTMLElement {
  const { incident, deploys } = state;
  const actions = state.readOnly
    ? null
    : h(
        'div',
        { class: 'actions' },
        h('vscode-button', { attrs: { [FOCUS_KEY]: 'link-commit' }, on: { click: () => send({ type: 'linkCommit' }) } }, l10n.t('Link a commit…')),
        h('vscode-button', { attrs: { secondary: '', [FOCUS_KEY]: 'suspects' }, on: { click: () => send({ type: 'showSuspects' }) } }, l10n.t('Show suspect commits…')),
      );
  const deployActions = state.readOnly
    ? null
    : h(
        'div',
        { class: 'actions' },
        h('vscode-button', { attrs: { secondary: '', [FOCUS_KEY]: 'record-deploy' }, on: { click: () => send({ type: 'recordDeploy' }) } }, l10n.t('Record a deploy…')),
      );
  const commits = incident.commits.length
    ? h(
        'ul',
        { class: 'commits' },
        ...incident.commits.map((commit) =>
          h(
            'li',
            { class: `commit relation-${commit.relation}` },
            icon('git-commit'),
            ' ',
            h(
              'a',
              {
                class: 'sha',
                attrs: { href: '#', title: l10n.t('Open the changes of {0}', commit.sha), [FOCUS_KEY]: `commit:${commit.sha}:${commit.relation}` },
                on: { click: (e) => (e.preventDefault(), send({ type: 'openCommit', sha: commit.sha })) },
              },
              h('code', {}, commit.sha.slice(0, 8)),
            ),
            ' ',
            h('span', { class: 'subject' }, commit.subject),
            h('span', { class: 'meta' }, ` — ${commit.author}, ${RELATION_LABEL[commit.relation]}`),
          ),
        ),
      )
    : h('p', { class: 'empty' }, l10n.t('No commits linked yet.'));
  const deployList = deploys.length
    ? h(
        'ul',
        { class: 'deploys' },
        ...deploys.map((deploy) =>
          h(
            'li',
            { class: `deploy status-${deploy.status}` },
            icon('rocket'),
            ` ${deploy.environment} `,
            // The sha the ref resolved to when it was deployed ("HEAD" or a branch moves on); the ref stays as secondary text.
            deploy.sha ? h('code', { class: 'sha', attrs: { title: deploy.sha } }, deploy.sha.slice(0, 8)) : h('code', {}, deploy.ref),
            deploy.sha && h('span', { class: 'meta' }, ` (${deploy.ref})`),
            ` ${deploy.status} · ${shortUtc(deploy.at)} UTC · ${deploy.by}`,
          ),
        ),
      )
    : h('p', { class: 'empty' }, l10n.t('No deploys recorded for this incident.'));
  return h('section', { class: 'links-section' }, h('h2', {}, l10n.t('Commits')), commits, actions, h('h2', {}, l10n.t('Deploys')), deployList, deployActions);
}
