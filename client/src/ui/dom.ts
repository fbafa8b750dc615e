/** A tiny element builder: h('button', {class: 'x', onclick}, 'text'). Attributes starting with "on" are listeners. */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, unknown>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v as EventListener);
    else if (k === 'testid') e.setAttribute('data-testid', String(v));
    // Through the CSSOM: the page's Content-Security-Policy refuses style attributes set as markup.
    else if (k === 'style') e.style.cssText = String(v);
    else if (k === 'value' && 'value' in e) (e as HTMLInputElement).value = String(v);
    else if (k === 'checked' && 'checked' in e) (e as HTMLInputElement).checked = Boolean(v);
    else if (k === 'disabled' && v === true) e.setAttribute('disabled', '');
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  append(e, children);
  return e;
}

function append(e: Element, children: (Child | Child[])[]): void {
  for (const c of children) {
    if (Array.isArray(c)) append(e, c);
    else if (c === null || c === undefined || c === false) continue;
    else e.append(c instanceof Node ? c : String(c));
  }
}

/** A labelled select whose options are [value, label] pairs. */
export function select(attrs: Attrs, options: [string, string][], value: string): HTMLSelectElement {
  const s = h('select', attrs, ...options.map(([v, label]) => h('option', { value: v }, label)));
  s.value = value;
  return s;
}

export function field(label: string, control: HTMLElement, extra: Attrs = {}): HTMLLabelElement {
  return h('label', { class: 'field', ...extra }, h('span', { class: 'field-label' }, label), control);
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const wrapped = (...args: A): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn(...args);
    }, ms);
  };
  wrapped.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return wrapped;
}

/** A message block for empty states and errors, with an optional action. */
export function notice(kind: 'empty' | 'error' | 'info', text: string, action?: { label: string; run: () => void; testid?: string }): HTMLElement {
  return h(
    'div',
    { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status', testid: `notice-${kind}` },
    h('p', {}, text),
    action ? h('button', { type: 'button', onclick: action.run, testid: action.testid ?? 'notice-action' }, action.label) : null,
  );
}
