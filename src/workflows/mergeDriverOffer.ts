/**
 * The offer to install the store's merge driver in a clone whose committed
 * .gitattributes names it but whose git config lacks it (a teammate's fresh
 * clone), so that branch merges go record by record there too. Asked once
 * per repository: "Install" and "Don't Ask Again" are remembered, "Later"
 * (or closing the notification) asks again next session. Installing is a
 * person's click, never done silently.
 *
 * No vscode import: the host passes in the notification, the memory and the
 * install command, so the whole decision runs in Node unit tests. Its words
 * go through @vscode/l10n, which the extension gives VS Code's bundle.
 */
import * as l10n from '@vscode/l10n';
import { errorMessage } from '../core/record/errors';
import { mergeDriverState, type MergeDriverState } from '../git/mergeDriverState';

const ANSWERS_KEY = 'incidents.mergeDriverOffer';

/** What the person answered that is remembered, by repository root. */
type RememberedAnswer = 'install' | 'never';

export interface MergeDriverOfferHost {
  readonly root: string;
  /** The store path in use (the `incidents.storePath` setting, checked): the attribute line must name it. */
  readonly storePath: string;
  readonly gitPath?: string;
  /** Workspace Trust now: nothing is read or run in Restricted Mode. */
  readonly trusted: () => boolean;
  /** Where answers are remembered (workspace state). */
  readonly memory: { get<T>(key: string): T | undefined; update(key: string, value: unknown): PromiseLike<void> };
  /** Shows the question with its buttons; the label clicked, or undefined when closed. */
  readonly ask: (message: string, ...buttons: string[]) => PromiseLike<string | undefined>;
  /** The Install Merge Driver command (reports its own success or failure). */
  readonly install: () => PromiseLike<unknown>;
  readonly log: (line: string) => void;
}

/**
 * `pending` until run; `checking`; `asking` while the notification is up;
 * then why nothing was asked (`untrusted`, `answered-before`, `installed`,
 * `not-named`, `unreadable`) or what the person chose (`install`, `later`,
 * `never`; `install-failed` when the command did not leave the driver configured).
 */
export type MergeDriverOfferStatus =
  'pending' | 'checking' | 'asking' | 'untrusted' | 'answered-before' | 'installed' | 'not-named' | 'unreadable' | 'install' | 'install-failed' | 'later' | 'never';

export class MergeDriverOffer {
  private current: MergeDriverOfferStatus = 'pending';
  private running: Promise<MergeDriverOfferStatus> | undefined;

  constructor(private readonly host: MergeDriverOfferHost) {}

  get status(): MergeDriverOfferStatus {
    return this.current;
  }

  /** Runs the offer once per session; later calls (trust granted again) get the first run's outcome. */
  run(): Promise<MergeDriverOfferStatus> {
    this.running ??= this.decide().then((status) => (this.current = status));
    return this.running;
  }

  /** The same offer as the next session would make it (same memory), asking through `ask`. */
  nextSession(ask: MergeDriverOfferHost['ask'] = this.host.ask): MergeDriverOffer {
    return new MergeDriverOffer({ ...this.host, ask });
  }

  private async decide(): Promise<MergeDriverOfferStatus> {
    const { root, storePath, gitPath, trusted, log } = this.host;
    if (!trusted()) return 'untrusted';
    if (this.remembered()[root]) return 'answered-before';
    this.current = 'checking';
    const state = await this.state();
    if (state !== 'missing') return state;

    this.current = 'asking';
    const install = l10n.t('Install');
    const later = l10n.t('Later');
    const never = l10n.t("Don't Ask Again");
    const answer = await this.host.ask(
      l10n.t('This repository merges its incident store record by record, but the merge driver is not installed in this clone. Install it?'),
      install,
      later,
      never,
    );
    if (answer === never) {
      await this.remember('never');
      return 'never';
    }
    if (answer !== install) return 'later';
    await this.host.install();
    // The command reports its own errors; only a driver git now knows counts as installed.
    if ((await mergeDriverState(root, storePath, { gitPath }).catch(() => undefined)) !== 'installed') return 'install-failed';
    log(`merge driver installed in ${root} from the offer`);
    await this.remember('install');
    return 'install';
  }

  private async state(): Promise<MergeDriverState | 'unreadable'> {
    try {
      return await mergeDriverState(this.host.root, this.host.storePath, { gitPath: this.host.gitPath });
    } catch (error) {
      // A linked .gitattributes, no git, not a repository: nothing to offer; say why in the log only.
      this.host.log(`merge driver offer: ${errorMessage(error)}`);
      return 'unreadable';
    }
  }

  private remembered(): Record<string, RememberedAnswer> {
    return this.host.memory.get<Record<string, RememberedAnswer>>(ANSWERS_KEY) ?? {};
  }

  private remember(answer: RememberedAnswer): PromiseLike<void> {
    return this.host.memory.update(ANSWERS_KEY, { ...this.remembered(), [this.host.root]: answer });
  }
}
