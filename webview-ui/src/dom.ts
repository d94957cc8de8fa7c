/**
 * The one way the webview builds DOM: text goes in as Text nodes, attributes
 * through setAttribute, never through innerHTML, so a title like
 * `<img src=x onerror=alert(1)>` is shown as those characters and runs nothing.
 */
export type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  attrs?: Record<string, string | boolean | undefined>;
  on?: Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, props?: Props, ...children: Child[]): HTMLElement;
export function h(tag: string, props: Props = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const [name, listener] of Object.entries(props.on ?? {})) {
    if (listener) node.addEventListener(name, listener);
  }
  append(node, children);
  return node;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** A codicon from @vscode-elements' icon element (the font ships with the bundle). */
export function icon(name: string, label?: string): HTMLElement {
  return h('vscode-icon', { attrs: { name, label, 'aria-hidden': label ? undefined : 'true' } });
}
