/**
 * What a header editor keeps across the panel's state pushes (the store
 * changes every few seconds while a team works): the store's value, and
 * whether the person's own value was just sent. A new state shows the
 * store's value unless someone is typing something else in the field; a
 * value just sent comes back in the store's spelling (a URL normalised, a
 * choice's own case, a time as the store writes it). Escape puts the store's
 * value back.
 */
export type Editor = HTMLElement & { value: string };

export class KeptEdit {
  /** The store's value as the editor shows it. */
  stored: string;
  private sent = false;

  constructor(
    readonly editor: Editor,
    stored = '',
  ) {
    this.stored = stored;
  }

  /** Whether the editor holds something other than the store's value. */
  changed(): boolean {
    return this.editor.value.trim() !== this.stored;
  }

  /** The editor's value went to the host: the next state shows the store's own spelling of it. */
  markSent(): void {
    this.sent = true;
  }

  /** Escape: the store's value back. */
  restore(): void {
    this.editor.value = this.stored;
  }

  /** A new state with the store's value for this editor. */
  show(value: string): void {
    if (this.sent || !this.editor.matches(':focus-within') || this.editor.value === this.stored) this.editor.value = value;
    this.stored = value;
    this.sent = false;
  }
}
