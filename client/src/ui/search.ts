/**
 * Search as you type (Korean or English names), as an ARIA combobox: arrows move through the results,
 * Enter picks, Escape closes. Each keystroke cancels the previous request.
 */
import { isAbort, type Api } from '../api.ts';
import { explain } from '../errors.ts';
import type { I18n } from '../i18n/index.ts';
import type { FirmSummary } from '../types.ts';
import { debounce, h } from './dom.ts';

let comboCounter = 0;

export interface SearchOptions {
  api: Api;
  i18n: I18n;
  testid: string;
  label?: string;
  onPick: (firm: FirmSummary) => void;
  /** Keep the chosen name in the box (pickers) or clear it (search). */
  keepText?: boolean;
  limit?: number;
}

export function firmSearch(o: SearchOptions): HTMLElement {
  const id = `combo-${++comboCounter}`;
  const { i18n } = o;
  const input = h('input', {
    type: 'search',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': `${id}-list`,
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: i18n.t('search.placeholder'),
    testid: `${o.testid}-input`,
    id: `${id}-input`,
  });
  const list = h('ul', { role: 'listbox', id: `${id}-list`, class: 'combo-list', hidden: true, testid: `${o.testid}-results` });
  const status = h('div', { class: 'combo-status', 'aria-live': 'polite' });
  let items: FirmSummary[] = [];
  let active = -1;
  let controller: AbortController | null = null;

  const close = (): void => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const setActive = (i: number): void => {
    active = i;
    [...list.children].forEach((li, k) => li.setAttribute('aria-selected', String(k === i)));
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', `${id}-opt-${i}`);
      (list.children[i] as HTMLElement | undefined)?.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };

  const pick = (i: number): void => {
    const firm = items[i];
    if (!firm) return;
    input.value = o.keepText ? i18n.firmName(firm) : '';
    close();
    status.textContent = '';
    o.onPick(firm);
  };

  const render = (q: string): void => {
    list.replaceChildren(
      ...items.map((f, i) =>
        h(
          'li',
          {
            role: 'option',
            id: `${id}-opt-${i}`,
            'aria-selected': 'false',
            testid: `${o.testid}-option`,
            'data-id': f.id,
            onmousedown: (ev: Event) => ev.preventDefault(),
            onclick: () => pick(i),
          },
          h('span', { class: 'combo-name' }, i18n.firmName(f)),
          h('span', { class: 'combo-alt' }, i18n.lang === 'ko' ? f.name : (f.nameKo ?? '')),
          h('span', { class: `combo-meta tier-badge tier-${f.tier}` }, i18n.tier(f.tier)),
        ),
      ),
    );
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
    status.textContent = items.length === 0 ? i18n.t('search.noResults', { q }) : '';
    setActive(items.length > 0 ? 0 : -1);
  };

  const run = debounce(async (q: string) => {
    controller?.abort();
    if (q.trim().length === 0) {
      items = [];
      close();
      status.textContent = '';
      return;
    }
    controller = new AbortController();
    status.textContent = i18n.t('search.searching');
    try {
      const page = await o.api.firms({ q: q.trim(), limit: o.limit ?? 8 }, controller.signal);
      if (input.value !== q) return;
      items = page.items;
      render(q);
    } catch (err) {
      if (isAbort(err)) return;
      items = [];
      close();
      status.textContent = explain(err, i18n);
    }
  }, 150);

  input.addEventListener('input', () => run(input.value));
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' && items.length) {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      setActive((active + 1) % items.length);
      ev.preventDefault();
    } else if (ev.key === 'ArrowUp' && items.length) {
      setActive((active - 1 + items.length) % items.length);
      ev.preventDefault();
    } else if (ev.key === 'Enter') {
      if (!list.hidden && active >= 0) {
        pick(active);
        ev.preventDefault();
      }
    } else if (ev.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));

  return h(
    'div',
    { class: 'combo', testid: o.testid },
    h('label', { class: 'field-label', for: `${id}-input` }, o.label ?? i18n.t('search.label')),
    input,
    list,
    status,
  );
}
