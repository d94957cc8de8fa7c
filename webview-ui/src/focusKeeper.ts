/**
 * Keeps keyboard focus across re-renders. Sections rebuild their controls
 * when the host sends new state (a tick, a filter), which would drop focus to
 * the page body; every control that can be rebuilt carries a stable
 * `data-focus-key`, and the control with the same key gets focus back.
 */
export const FOCUS_KEY = 'data-focus-key';

function focusedKey(): string | undefined {
  const active = document.activeElement;
  return active instanceof HTMLElement ? (active.closest(`[${FOCUS_KEY}]`)?.getAttribute(FOCUS_KEY) ?? undefined) : undefined;
}

/**
 * Focuses an element once it can take focus: @vscode-elements controls
 * delegate focus into a shadow root that Lit renders a microtask after the
 * element is connected, so focusing earlier does nothing.
 */
export function focusWhenReady(element: HTMLElement): void {
  const pending = (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  if (pending) void pending.then(() => element.isConnected && element.focus());
  else element.focus();
}

/** Runs `render`, then gives focus back to the control that had it (by its key), if render replaced it. */
export function keepingFocus(render: () => void): void {
  const key = focusedKey();
  render();
  if (key === undefined) return;
  const again = document.querySelector<HTMLElement>(`[${FOCUS_KEY}="${CSS.escape(key)}"]`);
  if (again && again !== document.activeElement) focusWhenReady(again);
}
