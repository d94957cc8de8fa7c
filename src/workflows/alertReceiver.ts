/**
 * What the intake receiver does with one request body, apart from HTTP: the
 * bytes read as JSON and handed to takeAlert (the one way alerts get in),
 * one at a time in this process, so concurrent requests queue here instead
 * of spinning on the store's file lock (which still keeps out every other
 * writer: the editor, the CLI, a sync). The answer says whether the change
 * is durably in the store (`accepted`), or why nothing was written: a body
 * the sender must fix (`refused`), a store that cannot be used now
 * (`unavailable`: the sender should retry), or anything else (`failed`).
 */
import type { AlertSource } from '../core/intake/receivedAlert';
import { DomainError, errorMessage } from '../core/record/errors';
import { StoreUnusableError, StoreWriteError } from '../store/storeErrors';
import { takeAlert, type AlertWriter, type TakenAlert } from './alertIntake';

export type ReceivedBody =
  | { kind: 'accepted'; taken: TakenAlert }
  /** 400: the body is not JSON, or not a notification this receiver can read; `reason` is one line for the sender. */
  | { kind: 'refused'; code: 'not-json' | 'unreadable'; reason: string }
  /** 503: the store is missing its folder, malformed, conflicted, locked, read-only: retry later. */
  | { kind: 'unavailable'; reason: string }
  /** 500: a failure nobody planned for; the reason goes to the log, not to the sender. */
  | { kind: 'failed'; reason: string };

export class AlertReceiver {
  /** The last take queued: the next one starts when it has settled. */
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;

  /** `written` is told after every accepted body, with what was taken. */
  constructor(
    private readonly writer: AlertWriter,
    private readonly written: (taken: TakenAlert) => void = () => undefined,
  ) {}

  /** Takes are waiting or running. */
  get busy(): number {
    return this.queued;
  }

  /** Reads `bytes` as a notification from `source` and takes it into the store; resolves once it is durably there (or with why not). */
  receive(bytes: Buffer, source: AlertSource): Promise<ReceivedBody> {
    let body: unknown;
    try {
      body = JSON.parse(bytes.toString('utf8').replace(/^\ufeff/, ''));
    } catch (error) {
      return Promise.resolve({ kind: 'refused', code: 'not-json', reason: `the body is not JSON (${errorMessage(error)}); nothing was written` });
    }
    this.queued++;
    const run = this.tail.then(() => this.take(body, source));
    this.tail = run.finally(() => this.queued--);
    return run;
  }

  /** Resolves when every take queued so far has settled. */
  async idle(): Promise<void> {
    while (this.queued) await this.tail;
  }

  private async take(body: unknown, source: AlertSource): Promise<ReceivedBody> {
    let taken: TakenAlert;
    try {
      taken = await takeAlert(this.writer, body, source);
    } catch (error) {
      if (error instanceof DomainError) return { kind: 'refused', code: 'unreadable', reason: `${error.message}; nothing was written` };
      if (error instanceof StoreUnusableError || error instanceof StoreWriteError) return { kind: 'unavailable', reason: errorMessage(error) };
      // A record the schema refuses (no alert should make one: the payload readers clip every text).
      if ((error as { name?: string } | undefined)?.name === 'ZodError')
        return { kind: 'refused', code: 'unreadable', reason: 'the notification makes a record the store refuses; nothing was written' };
      return { kind: 'failed', reason: errorMessage(error).split('\n')[0] };
    }
    // The change is in the store: whatever the listener does, the sender hears it was taken.
    try {
      this.written(taken);
    } catch {
      // Telling is best effort (it schedules a sync, which the next change schedules again).
    }
    return { kind: 'accepted', taken };
  }
}
