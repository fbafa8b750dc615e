/**
 * The shell: header, navigation, language switch, export, progress; routes the URL state to the views.
 * The URL (hash) is the single source of truth, so any view can be shared as a link.
 */
import './styles.css';
import { Api } from './api.ts';
import { Progress, type ViewContext, type ViewFactory, type ViewInstance } from './context.ts';
import { explain } from './errors.ts';
import { download, exportName } from './export.ts';
import { createI18n, type I18n } from './i18n/index.ts';
import { SessionStore } from './session.ts';
import { ADMIN_VIEWS, formatState, internalHref, parseState, withState, VIEWS, type AppState, type Lang, type StatePatch, type View } from './state.ts';
import type { Meta } from './types.ts';
import { h, notice } from './ui/dom.ts';
import { signInControl } from './ui/signIn.ts';
import { candidatesView } from './views/candidates.ts';
import { firmView } from './views/firm.ts';
import { networkView } from './views/network.ts';
import { programmeView } from './views/programme.ts';
import { rippleView } from './views/ripple.ts';
import { restructuringView } from './views/restructuring.ts';
import { tiersView } from './views/tiers.ts';
import { scenariosView } from './views/scenarios.ts';
import { verificationView } from './views/verification.ts';
import { importView } from './views/importData.ts';

const FACTORIES: Record<View, ViewFactory> = {
  network: networkView,
  tiers: tiersView,
  ripple: rippleView,
  restructuring: restructuringView,
  candidates: candidatesView,
  programme: programmeView,
  firm: firmView,
  scenarios: scenariosView,
  verification: verificationView,
  import: importView,
};
const LANG_KEY = 'anchorage.lang';

const api = new Api();
const session = new SessionStore(api);
session.subscribe(() => renderHeader());
let meta: Meta | null = null;
let state: AppState = parseState(location.hash);
let lang: Lang = state.lang ?? savedLang();
let i18n: I18n = createI18n(lang, meta);
let current: ViewInstance | null = null;

function savedLang(): Lang {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'ko') return saved;
  } catch {
    // Storage disabled: fall through to the browser's language.
  }
  return navigator.language?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

const app = document.getElementById('app')!;
const progressBar = h('div', { class: 'progress-bar' });
const progressLabel = h('span', { class: 'progress-label' });
const progressEl = h('div', { class: 'progress', role: 'progressbar', 'aria-live': 'polite', testid: 'progress', hidden: true }, progressBar, progressLabel);
const liveEl = h('div', { class: 'live', role: 'status', 'aria-live': 'polite', testid: 'announce' });
const bannerEl = h('div', { class: 'banner' });
const main = h('main', { id: 'content', tabindex: -1 });
const header = h('header', { class: 'app-header' });
const skipLink = h('a', { class: 'skip', href: '#content', onclick: (e: Event) => (e.preventDefault(), main.focus()) });
app.append(skipLink, header, progressEl, bannerEl, main, liveEl);

const progress = new Progress((label, fraction) => {
  progressEl.hidden = label === null;
  progressLabel.textContent = label ?? '';
  progressEl.classList.toggle('indeterminate', fraction === null);
  progressBar.style.width = fraction === null ? '' : `${Math.round(fraction * 100)}%`;
  if (fraction === null) progressEl.removeAttribute('aria-valuenow');
  else progressEl.setAttribute('aria-valuenow', String(Math.round(fraction * 100)));
  if (label) progressEl.setAttribute('aria-valuetext', label);
});

let announceTimer: ReturnType<typeof setTimeout> | null = null;
function announce(message: string): void {
  liveEl.textContent = message;
  if (announceTimer) clearTimeout(announceTimer);
  announceTimer = setTimeout(() => (liveEl.textContent = ''), 6000);
}

const exportButtons = {
  png: h('button', { type: 'button', testid: 'export-png', onclick: () => runExport('png') }),
  svg: h('button', { type: 'button', testid: 'export-svg', onclick: () => runExport('svg') }),
  csv: h('button', { type: 'button', testid: 'export-csv', onclick: () => runExport('csv') }),
  graphml: h('button', { type: 'button', testid: 'export-graphml', onclick: () => runExport('graphml') }),
  gexf: h('button', { type: 'button', testid: 'export-gexf', onclick: () => runExport('gexf') }),
};
type ExportKind = keyof typeof exportButtons;
/** Kinds a view may not have: their buttons are hidden rather than disabled. */
const OPTIONAL_EXPORTS: readonly ExportKind[] = ['csv', 'graphml', 'gexf'];

async function runExport(kind: ExportKind): Promise<void> {
  const ex = current?.exporters()[kind];
  if (!ex) return;
  try {
    const blob = await progress.track(i18n.t('common.export'), Promise.resolve(ex()));
    download(blob, exportName(state.view, kind));
  } catch (err) {
    announce(i18n.t('export.failed', { detail: (err as Error).message }));
  }
}

function updateExports(): void {
  const ex = current?.exporters() ?? {};
  for (const kind of Object.keys(exportButtons) as ExportKind[]) {
    exportButtons[kind].disabled = !ex[kind];
    exportButtons[kind].hidden = OPTIONAL_EXPORTS.includes(kind) && !ex[kind];
  }
}

function renderHeader(): void {
  const t = i18n.t;
  const other: Lang = lang === 'en' ? 'ko' : 'en';
  skipLink.textContent = t('app.skip');
  exportButtons.png.textContent = t('common.exportPng');
  exportButtons.svg.textContent = t('common.exportSvg');
  exportButtons.csv.textContent = t('common.exportCsv');
  exportButtons.graphml.textContent = t('common.exportGraphml');
  exportButtons.gexf.textContent = t('common.exportGexf');
  header.replaceChildren(
    h('a', { class: 'brand', href: internalHref(state.lang, { view: 'network' }), testid: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), t('app.title'), h('span', { class: 'brand-tagline' }, t('app.tagline'))),
    h(
      'nav',
      { 'aria-label': t('nav.views') },
      h('ul', {}, ...VIEWS.filter((v) => !ADMIN_VIEWS.includes(v) || session.may('admin')).map((v) => h('li', {}, h('a', { href: '#', 'data-view': v, testid: `nav-${v}` }, t(`nav.${v}`))))),
    ),
    h(
      'div',
      { class: 'header-tools' },
      h('span', { class: 'export-label' }, t('common.export')),
      exportButtons.png,
      exportButtons.svg,
      exportButtons.csv,
      signInControl(session, i18n, announce),
      exportButtons.graphml,
      exportButtons.gexf,
      h('button', { type: 'button', class: 'lang', lang: other, testid: 'lang-toggle', 'aria-label': `${t('app.language')}: ${t('app.switchLanguage')}`, onclick: () => navigate({ lang: other }, 'replace') }, t('app.switchLanguage')),
    ),
  );
  document.documentElement.lang = lang;
  updateNav();
}

function updateNav(): void {
  for (const a of header.querySelectorAll<HTMLAnchorElement>('nav a[data-view]')) {
    const v = a.dataset.view as View;
    a.href = formatState({ ...state, view: v });
    if (v === state.view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.title = `${i18n.t(`nav.${state.view}`)} · ${i18n.t('app.title')}`;
}

function context(): ViewContext {
  return { api, i18n, meta, state: () => state, navigate, progress, announce, exportsChanged: updateExports, session };
}

function mount(): void {
  current?.destroy();
  current = null;
  try {
    current = FACTORIES[state.view](context(), state);
    main.replaceChildren(current.element);
  } catch (err) {
    console.error(err);
    main.replaceChildren(notice('error', explain(err, i18n)));
  }
  updateExports();
}

function apply(next: AppState): void {
  const prev = state;
  state = next;
  const nextLang = next.lang ?? lang;
  if (nextLang !== lang) {
    lang = nextLang;
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // Not remembered across visits; the link still carries it.
    }
    i18n = createI18n(lang, meta);
    renderHeader();
    mount();
  } else if (next.view !== prev.view || !current) mount();
  else current.update(next, prev);
  updateNav();
}

function navigate(patch: StatePatch, mode: 'push' | 'replace' = 'push'): void {
  const next = withState(state, patch);
  const hash = formatState(next);
  if (hash !== location.hash) history[mode === 'push' ? 'pushState' : 'replaceState'](null, '', hash);
  apply(next);
}

function fromLocation(): void {
  const next = parseState(location.hash);
  if (formatState(next) === formatState(state) && current) return;
  apply(next);
}

window.addEventListener('popstate', fromLocation);
window.addEventListener('hashchange', fromLocation);

async function boot(): Promise<void> {
  renderHeader();
  session.refresh().catch(() => {
    // Unknown until the next sign-in: reading needs none.
  });
  try {
    meta = await progress.track(i18n.t('common.loading'), api.meta());
    i18n = createI18n(lang, meta);
    renderHeader();
    bannerEl.replaceChildren();
  } catch (err) {
    bannerEl.replaceChildren(notice('error', explain(err, i18n), { label: i18n.t('common.retry'), run: () => location.reload(), testid: 'banner-retry' }));
  }
  mount();
}

void boot();
