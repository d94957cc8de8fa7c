/**
 * One Tab stop for a long list's controls (a roving tabindex, as in the WAI-ARIA
 * toolbar and grid patterns): the controls marked `data-roving` in a list take
 * the keyboard in turn with the arrow keys, Home and End, and Tab leaves the
 * list. Without it a 30-event timeline is 30 stars to Tab through before the
 * note box. The control last focused keeps the list's one stop, by its
 * `data-focus-key`, across the re-renders of focusKeeper.ts.
 */
import { FOCUS_KEY } from './focusKeeper';

export const ROVING = 'data-roving';

const NEXT: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

type RovingList = HTMLElement & { rovingKey?: string; rovingWired?: boolean };

function items(list: HTMLElement): HTMLElement[] {
  return [...list.querySelectorAll<HTMLElement>(`[${ROVING}]:not([disabled])`)];
}

/** Gives the list's one Tab stop to the control last focused in it (else its first); call after rows are added. */
export function settleRoving(list: HTMLElement): void {
  const all = items(list);
  const key = (list as RovingList).rovingKey;
  const current = all.find((item) => item.getAttribute(FOCUS_KEY) === key) ?? all[0];
  for (const item of all) item.tabIndex = item === current ? 0 : -1;
}

/** Arrow keys, Home and End move between the list's controls; the one focused becomes its Tab stop. Once per list. */
export function rovingFocus(list: HTMLElement): void {
  const roving = list as RovingList;
  if (roving.rovingWired) return;
  roving.rovingWired = true;
  list.addEventListener('focusin', (event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>(`[${ROVING}]`);
    if (!target) return;
    roving.rovingKey = target.getAttribute(FOCUS_KEY) ?? undefined;
    settleRoving(list);
  });
  list.addEventListener('keydown', (event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>(`[${ROVING}]`);
    if (!target) return;
    const all = items(list);
    const at = all.indexOf(target);
    const step = NEXT[event.key];
    const to = event.key === 'Home' ? 0 : event.key === 'End' ? all.length - 1 : step !== undefined ? at + step : -1;
    if (to < 0 || to >= all.length || at < 0) return;
    event.preventDefault();
    all[to].focus();
  });
}
