/**
 * Network view: the supply network around a focus (the latest cohort's anchors, searched firms, or a
 * filtered subgraph), with expand/collapse/undo, filters, a shortest path, and a panel for the chosen firm.
 */
import { isAbort } from '../api.ts';
import type { ViewContext, ViewFactory, ViewInstance } from '../context.ts';
import { explain } from '../errors.ts';
import { canvasBlob, loadImage, svgBlob } from '../export.ts';
import { loadSpecs, mergeLoads, visibleGraph, type Graph, type LoadResult, type LoadSpec, type VisibleGraph } from '../graph/model.ts';
import { CanvasNetworkRenderer } from '../render/canvasNetwork.ts';
import { legendSvg } from '../render/legend.ts';
import { buildScene, type LegendSpec } from '../render/scene.ts';
import { groupLabel, overviewScene } from '../render/overviewScene.ts';
import { exportMetadata } from '../exports/metadata.ts';
import { gexfBlob, graphmlBlob, type GraphExport } from '../exports/graphFormats.ts';
import { dataTable } from '../ui/dataTable.ts';
import { firmColumns, firmFilters } from '../ui/firmColumns.ts';
import { SvgNetworkRenderer } from '../render/svgNetwork.ts';
import {
  collapse,
  COLOR_BY,
  defaultScenario,
  DIRECTIONS,
  expand,
  MAX_DEPTH,
  networkContent,
  OVERVIEW_BY,
  replaySteps,
  RENDERERS,
  SIZE_BY,
  type AppState,
  type NetworkContent,
} from '../state.ts';
import type { FirmSummary, NetworkNode, NetworkResponse, OverviewGroup, OverviewResponse, Tier } from '../types.ts';
import { UndoHistory } from '../undo.ts';
import { h, notice, select } from '../ui/dom.ts';
import { filterPanel } from '../ui/filters.ts';
import { NetworkStage } from '../ui/networkStage.ts';
import { firmSearch } from '../ui/search.ts';
import { changeColumns, changeFilter, yearControl } from '../ui/yearControl.ts';
import type { SupplyLink } from '../types.ts';
import { firmScenarioActions, linkPanel, type SupplyOnScreen } from './networkScenario.ts';

const ANCHOR_TIERS: Tier[] = ['top-anchor', 'anchor', 'pre-anchor'];

const sameContent = (a: NetworkContent, b: NetworkContent): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The firms a first visit starts from: the anchors of the latest programme cohort. */
export async function latestCohort(ctx: ViewContext, signal?: AbortSignal): Promise<FirmSummary[]> {
  const page = await ctx.api.firms({ tier: ANCHOR_TIERS, sort: 'cohort', order: 'desc', limit: 200 }, signal);
  const anchors = page.items;
  const cohorts = anchors.map((f) => f.cohort).filter((c): c is number => typeof c === 'number');
  if (cohorts.length === 0) return anchors.filter((f) => f.tier !== 'pre-anchor').slice(0, 6);
  const latest = Math.max(...cohorts);
  return anchors.filter((f) => f.cohort === latest);
}

export const networkView: ViewFactory = (ctx, initial) => {
  const { i18n } = ctx;
  const t = i18n.t;
  const cache = new Map<string, Promise<NetworkResponse>>();
  let cohort: FirmSummary[] | null = null;
  let graph: Graph | null = null;
  let visible: VisibleGraph | null = null;
  /** The whole network folded into groups (src=graph with a grouping); null when firms are drawn one by one. */
  let overview: OverviewResponse | null = null;
  const overviewCache = new Map<string, Promise<OverviewResponse>>();
  let legend: LegendSpec | null = null;
  let loadToken = 0;
  let controller: AbortController | null = null;
  let pathFrom: string | null = null;
  /** The supply link whose panel is open (a click on a link; not part of the URL). */
  let selectedLink: SupplyOnScreen | null = null;
  /** The year the loaded neighbourhoods' supplies are of (the server's answer; null: the model's). */
  let shownYear: number | null = null;
  const [firstStep, ...laterSteps] = replaySteps(networkContent(initial.network));
  const history = new UndoHistory<NetworkContent>(firstStep);
  for (const step of laterSteps) history.push(step);

  const statusEl = h('div', { class: 'stage-status', 'aria-live': 'polite', testid: 'network-status' });
  const messageEl = h('div', { class: 'stage-message' });
  const legendEl = h('div', { class: 'legend', testid: 'legend' });
  const panelEl = h('aside', { class: 'firm-panel', testid: 'firm-panel', 'aria-label': t('panel.title'), hidden: true });
  const stageWrap = h('div', { class: 'stage-wrap' });
  const undoBtn = h('button', { type: 'button', testid: 'undo', onclick: () => travel('undo'), title: 'Ctrl+Z' }, t('network.undo'));
  const redoBtn = h('button', { type: 'button', testid: 'redo', onclick: () => travel('redo'), title: 'Ctrl+Shift+Z' }, t('network.redo'));

  const stage = new NetworkStage(stageWrap, {
    renderer: initial.network.renderer,
    camera: initial.network.camera,
    ariaLabel: (n) => t('network.canvasLabel', { n: i18n.count(n) }),
    tooltip: (id) => {
      const g = overview?.groups.find((x) => x.id === id);
      if (g && overview) return `${groupLabel(overview.by, g, i18n, overview.homeRegion)} · ${i18n.firms(g.firms)} · ${i18n.money(g.revenue)}`;
      const of = overview?.firms.find((x) => x.id === id);
      if (of) return `${i18n.firmName(of)} · ${i18n.tier(of.tier)} · ${i18n.money(of.revenue)}`;
      const f = graph?.nodes.get(id);
      return f ? `${i18n.firmName(f)} · ${i18n.tier(f.tier)} · ${i18n.money(f.revenue)}` : id;
    },
    onSelect: (id) => {
      selectedLink = null;
      ctx.navigate({ network: { selected: id } }, 'replace');
      renderPanel(ctx.state());
    },
    onSelectLink: (source, target) => openLink(source, target),
    onOpen: (id) => (id.startsWith('g:') ? openGroup(id.slice(2)) : ctx.navigate({ view: 'firm', firm: { id } })),
    onCamera: (camera) => ctx.navigate({ network: { camera } }, 'replace'),
    onLayout: (p) => {
      if (p.done) layoutTask?.done();
      else layoutTask?.set(Math.min(0.99, 1 - p.alpha), t('network.layout', { pct: Math.round(100 * Math.min(0.99, 1 - p.alpha)) }));
      if (p.done) layoutTask = null;
    },
    onPinsChanged: () => {
      renderPanel(ctx.state());
      ctx.navigate({ network: { pins: stage.pinsOnScreen() } }, 'replace');
    },
    fitLeft: 250,
    pins: initial.network.pins,
  });
  let layoutTask: ReturnType<typeof ctx.progress.start> | null = null;
  stageWrap.append(legendEl, messageEl, statusEl);

  const s0 = initial.network;
  const search = firmSearch({ api: ctx.api, i18n, testid: 'network-search', onPick: (f) => addFirm(f) });
  const dirSelect = select({ testid: 'network-direction', onchange: (e: Event) => changeContent({ dir: (e.target as HTMLSelectElement).value as NetworkContent['dir'] }) }, DIRECTIONS.map((d) => [d, t(`network.dir.${d}`)]), s0.dir);
  const depthSelect = select(
    { testid: 'network-depth', onchange: (e: Event) => changeContent({ depth: Number((e.target as HTMLSelectElement).value) }) },
    Array.from({ length: MAX_DEPTH }, (_, i) => [String(i + 1), String(i + 1)]),
    String(s0.depth),
  );
  const sizeSelect = select({ testid: 'network-size', onchange: (e: Event) => ctx.navigate({ network: { size: (e.target as HTMLSelectElement).value as AppState['network']['size'] } }) }, SIZE_BY.map((m) => [m, i18n.measure(m)]), s0.size);
  const colourSelect = select({ testid: 'network-colour', onchange: (e: Event) => ctx.navigate({ network: { color: (e.target as HTMLSelectElement).value as AppState['network']['color'] } }) }, COLOR_BY.map((m) => [m, i18n.measure(m)]), s0.color);
  const rendererSelect = select({ testid: 'network-renderer', onchange: (e: Event) => ctx.navigate({ network: { renderer: (e.target as HTMLSelectElement).value as AppState['network']['renderer'] } }, 'replace') }, RENDERERS.map((r) => [r, t(`network.renderer.${r}`)]), s0.renderer);
  const filters = filterPanel(ctx, (patch) => ctx.navigate({ filters: patch }));
  const overviewSelect = select({ testid: 'overview-by', onchange: (e: Event) => changeContent({ ov: (e.target as HTMLSelectElement).value as NetworkContent['ov'], og: [] }) }, OVERVIEW_BY.map((b) => [b, t(`overview.by.${b}`)]), s0.ov);
  const contextBox = h('input', { type: 'checkbox', testid: 'overview-context', checked: s0.oc, onchange: (e: Event) => changeContent({ oc: (e.target as HTMLInputElement).checked }) });
  const backBtn = h('button', { type: 'button', testid: 'overview-back', hidden: s0.og.length === 0, onclick: () => changeContent({ og: [] }) }, t('overview.back'));
  const overviewTools = h(
    'div',
    { class: 'button-group overview-tools', hidden: s0.src !== 'graph' },
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('overview.by')), overviewSelect),
    h('label', { class: 'field checkbox' }, contextBox, h('span', {}, t('overview.context'))),
    backBtn,
  );
  const years = yearControl({ api: ctx.api, i18n, testid: 'network', year: s0.year, cmp: s0.cmp, onChange: (year, cmp) => changeContent({ year, cmp }) });
  years.element.hidden = s0.src === 'graph';
  const pathFromSearch = firmSearch({ api: ctx.api, i18n, testid: 'path-from', label: t('network.pathFrom'), keepText: true, onPick: (f) => (pathFrom = f.id) });
  let pathTo: string | null = null;
  const pathToSearch = firmSearch({ api: ctx.api, i18n, testid: 'path-to', label: t('network.pathTo'), keepText: true, onPick: (f) => (pathTo = f.id) });
  const pathBox = h(
    'details',
    { class: 'toolbar-details', testid: 'path-panel' },
    h('summary', {}, t('network.path')),
    h(
      'div',
      { class: 'details-body' },
      pathFromSearch,
      pathToSearch,
      h('button', { type: 'button', testid: 'path-show', onclick: () => pathFrom && pathTo && changeContent({ path: [pathFrom, pathTo] }) }, t('network.pathShow')),
      h('button', { type: 'button', testid: 'path-clear', onclick: () => changeContent({ path: null }) }, t('network.pathClear')),
    ),
  );

  const toolbar = h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': t('network.title') },
    search,
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('network.direction')), dirSelect),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('network.depth')), depthSelect),
    years.element,
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('network.sizeBy')), sizeSelect),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('network.colourBy')), colourSelect),
    h('div', { class: 'button-group' }, undoBtn, redoBtn),
    h(
      'div',
      { class: 'button-group' },
      h('button', { type: 'button', testid: 'network-reset', onclick: () => changeContent({ src: 'cohort', focus: [], expand: [], collapsed: [], path: null }) }, t('network.reset')),
      h('button', { type: 'button', testid: 'network-whole', onclick: () => changeContent({ src: 'graph', focus: [], expand: [], collapsed: [], path: null }) }, t('network.whole')),
    ),
    overviewTools,
    filters.element,
    pathBox,
    h(
      'div',
      { class: 'button-group' },
      h('button', { type: 'button', testid: 'network-fit', onclick: () => stage.fit() }, t('network.fit')),
      h('button', { type: 'button', testid: 'network-pin-all', onclick: () => stage.pinAll() }, t('network.saveLayout')),
      h('button', { type: 'button', testid: 'network-unpin-all', onclick: () => stage.unpinAll() }, t('network.unpinAll')),
      h('button', { type: 'button', testid: 'network-relayout', onclick: () => stage.restartLayout(1) }, t('network.relayout')),
      h('button', { type: 'button', testid: 'copy-link', onclick: () => void copyLink() }, t('link.copy')),
    ),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('network.renderer')), rendererSelect),
  );

  const scenarioText = (): string => {
    const n = ctx.state().network;
    if (n.src === 'graph') return overview ? `${t('network.whole')} · ${t('overview.by')}: ${t(`overview.by.${overview.by}`)}${n.og.length ? ` · ${n.og.join(', ')}` : ''}` : t('network.whole');
    const focal = n.src === 'cohort' ? (cohort ?? []).map((f) => i18n.firmName(f)) : n.focus.map((id) => (graph?.nodes.get(id) ? i18n.firmName(graph.nodes.get(id)!) : id));
    return `${t('network.listTitle')}: ${focal.join(', ')} · ${t('network.direction')}: ${t(`network.dir.${n.dir}`)} · ${t('network.depth')}: ${n.depth}`;
  };
  type FirmRow = { firm: FirmSummary; suppliers: number; buyers: number };
  const firmList = dataTable<FirmRow>({
    testid: 'network-list',
    i18n,
    view: 'network',
    caption: t('network.listCaption'),
    columns: [
      ...firmColumns<FirmRow>(i18n, (r) => r.firm),
      { key: 'suppliers', label: t('col.suppliers'), numeric: true, value: (r) => r.suppliers },
      { key: 'buyers', label: t('col.buyers'), numeric: true, value: (r) => r.buyers },
    ],
    filters: firmFilters<FirmRow>(i18n, (r) => r.firm),
    rowId: (r) => r.firm.id,
    onRow: (r) => {
      ctx.navigate({ network: { selected: r.firm.id } }, 'replace');
      stage.centreOn(r.firm.id);
    },
    state: initial.list,
    onState: (list) => ctx.navigate({ list }, 'replace'),
    exportTitle: () => t('network.listTitle'),
    exportMeta: () => exportMetadata(ctx, scenarioText()),
  });
  /** With a comparison: every link on screen with its value in both years and what changed. */
  const changeList = dataTable<SupplyLink>({
    testid: 'network-change-list',
    i18n,
    view: 'network-change',
    caption: t('change.title', { from: s0.cmp ?? '', to: '' }),
    columns: [
      { key: 'supplier', label: t('col.supplier'), value: (l) => nameOf(l.source) },
      { key: 'buyer', label: t('col.buyer'), value: (l) => nameOf(l.target) },
      ...changeColumns<SupplyLink>(i18n),
    ],
    filters: [changeFilter<SupplyLink>(i18n)],
    rowId: (l) => `${l.source}>${l.target}`,
    onRow: (l) => {
      ctx.navigate({ network: { selected: l.source } }, 'replace');
      stage.centreOn(l.source);
    },
    exportTitle: () => changeTitle(ctx.state()),
    exportMeta: () => exportMetadata(ctx, `${scenarioText()} · ${changeTitle(ctx.state())}`),
  });
  changeList.element.hidden = true;

  function nameOf(id: string): string {
    const f = graph?.nodes.get(id);
    return f ? i18n.firmName(f) : id;
  }

  function changeTitle(s: AppState): string {
    return t('change.title', { from: s.network.cmp ?? '', to: shownYear ?? '' });
  }

  const groupList = dataTable<OverviewGroup>({
    testid: 'overview-list',
    i18n,
    view: 'network-groups',
    caption: t('overview.listCaption'),
    columns: [
      { key: 'group', label: t('col.group'), value: (g) => (overview ? groupLabel(overview.by, g, i18n, overview.homeRegion) : g.key) },
      { key: 'firms', label: t('col.firms'), numeric: true, value: (g) => g.firms, display: (g) => i18n.count(g.firms) },
      { key: 'revenue', label: t('col.revenue'), numeric: true, value: (g) => g.revenue, display: (g) => i18n.count(g.revenue) },
      { key: 'employees', label: t('col.employees'), numeric: true, value: (g) => g.employees, display: (g) => i18n.count(g.employees) },
      { key: 'internal', label: t('col.internal'), numeric: true, value: (g) => g.internalValue, display: (g) => i18n.count(g.internalValue) },
      { key: 'inflow', label: t('col.inflow'), numeric: true, value: (g) => flowOf(g.id, 'in'), display: (g) => i18n.count(flowOf(g.id, 'in')) },
      { key: 'outflow', label: t('col.outflow'), numeric: true, value: (g) => flowOf(g.id, 'out'), display: (g) => i18n.count(flowOf(g.id, 'out')) },
    ],
    rowId: (g) => g.id,
    onRow: (g) => ctx.navigate({ network: { selected: g.id } }, 'replace'),
    exportTitle: () => t('overview.listCaption'),
    exportMeta: () => exportMetadata(ctx, scenarioText()),
  });
  groupList.element.hidden = true;

  function flowOf(id: string, dir: 'in' | 'out'): number {
    let sum = 0;
    for (const l of overview?.links ?? []) if ((dir === 'in' ? l.target : l.source) === id) sum += l.value;
    return sum;
  }

  function openGroup(key: string): void {
    const n = ctx.state().network;
    if (n.og.includes(key)) return;
    changeContent({ og: [...n.og, key] });
  }

  async function copyLink(): Promise<void> {
    // The camera and the hand-placed firms are in the link already; laid out again anywhere, the rest
    // of the picture comes back the same (the layout depends on the firms, links and pins only).
    ctx.navigate({ network: { pins: stage.pinsOnScreen() } }, 'replace');
    const url = location.href;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // Clipboard refused (no permission, insecure origin): the address bar still has the link.
    }
    ctx.announce(t('link.copied'));
  }

  const element = h(
    'section',
    { class: 'view view-network', testid: 'view-network', 'aria-labelledby': 'network-title' },
    h('h1', { class: 'visually-hidden', id: 'network-title' }, t('network.title')),
    toolbar,
    h('div', { class: 'network-body' }, stageWrap, panelEl),
    h('p', { class: 'hint' }, t('network.keyboardHelp')),
    groupList.element,
    changeList.element,
    firmList.element,
  );

  element.addEventListener('keydown', (ev) => {
    if (!(ev.ctrlKey || ev.metaKey) || ev.key.toLowerCase() !== 'z') return;
    if ((ev.target as HTMLElement).matches('input, select, textarea')) return;
    travel(ev.shiftKey ? 'redo' : 'undo');
    ev.preventDefault();
  });

  function seeds(): string[] {
    const n = ctx.state().network;
    return n.src === 'cohort' ? (cohort ?? []).map((f) => f.id) : n.focus;
  }

  /** A change of what is loaded: recorded for undo, and in the browser history. */
  function changeContent(patch: Partial<NetworkContent>): void {
    const next = { ...networkContent(ctx.state().network), ...patch };
    history.push(next);
    // Other firms, a new picture: framed again once laid out (the link then carries no camera until the user moves it).
    stage.refit();
    ctx.navigate({ network: { ...next, camera: null } });
  }

  function travel(direction: 'undo' | 'redo'): void {
    const c = direction === 'undo' ? history.undo() : history.redo();
    stage.refit();
    ctx.navigate({ network: { ...c, camera: null } });
  }

  function addFirm(f: FirmSummary): void {
    const n = ctx.state().network;
    if (graph?.nodes.has(f.id) && visible?.nodes.some((v) => v.id === f.id)) {
      ctx.navigate({ network: { selected: f.id } }, 'replace');
      stage.centreOn(f.id);
      return;
    }
    const focus = n.src === 'ego' ? [...n.focus.filter((x) => x !== f.id), f.id] : n.src === 'cohort' ? [...seeds(), f.id] : [f.id];
    const next = { ...networkContent(n), src: 'ego' as const, focus };
    history.push(next);
    ctx.navigate({ network: { ...next, selected: f.id } });
  }

  /** The neighbourhoods' year and comparison, as the API takes them. */
  function yearsOf(s: AppState): { year: number | null; compareYear: number | null } {
    return { year: s.network.year, compareYear: s.network.cmp };
  }

  function fetchSpec(spec: LoadSpec, limit: number, signal: AbortSignal): Promise<NetworkResponse> {
    const key = spec.kind === 'network' ? `${spec.key}@${JSON.stringify(yearsOf(ctx.state()))}` : spec.key;
    let p = cache.get(key);
    if (!p) {
      if (spec.kind === 'network') p = ctx.api.network(spec.id, { direction: spec.direction, depth: spec.depth, limit, ...yearsOf(ctx.state()) }, signal);
      else if (spec.kind === 'graph') p = ctx.api.graph(spec.params, signal);
      else p = ctx.api.path(spec.from, spec.to, signal);
      cache.set(key, p);
      p.catch(() => cache.delete(key));
    }
    return p;
  }

  async function load(s: AppState): Promise<void> {
    const token = ++loadToken;
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    const task = ctx.progress.start(t('common.loading'));
    messageEl.replaceChildren();
    try {
      if (s.network.src === 'graph' && s.network.ov !== 'none') {
        await loadOverview(s, token, signal);
        return;
      }
      overview = null;
      if (s.network.src === 'cohort' && cohort === null) cohort = await latestCohort(ctx, signal);
      const specs = loadSpecs(networkContent(s.network), (cohort ?? []).map((f) => f.id), s.filters, s.network.limit);
      const settled = await Promise.allSettled(specs.map((spec) => fetchSpec(spec, s.network.limit, signal)));
      if (token !== loadToken) return;
      const results: LoadResult[] = [];
      const problems: string[] = [];
      settled.forEach((r, i) => {
        if (r.status === 'fulfilled') results.push({ spec: specs[i], data: r.value });
        else if (isAbort(r.reason)) return;
        else if (specs[i].kind === 'path' && (r.reason as { status?: number }).status === 404) problems.push(t('network.pathNone'));
        else problems.push(explain(r.reason, i18n));
      });
      graph = mergeLoads(results);
      shownYear = results.find((r) => r.data.year !== undefined)?.data.year ?? null;
      if (problems.length) messageEl.replaceChildren(notice('error', [...new Set(problems)].join(' '), { label: t('common.retry'), run: () => void load(ctx.state()), testid: 'network-retry' }));
      else if (graph.pathNodes.length > 1) ctx.announce(t('network.pathFound', { n: graph.pathNodes.length - 1 }));
      redraw(s);
    } catch (err) {
      if (isAbort(err) || token !== loadToken) return;
      messageEl.replaceChildren(notice('error', explain(err, i18n), { label: t('common.retry'), run: () => void load(ctx.state()), testid: 'network-retry' }));
    } finally {
      task.done();
    }
  }

  async function loadOverview(s: AppState, token: number, signal: AbortSignal): Promise<void> {
    const q = { by: s.network.ov as OverviewResponse['by'], open: s.network.og, context: s.network.oc };
    const key = JSON.stringify(q);
    let p = overviewCache.get(key);
    if (!p) {
      p = ctx.api.overview(q, signal);
      overviewCache.set(key, p);
      p.catch(() => overviewCache.delete(key));
    }
    const result = await p;
    if (token !== loadToken) return;
    overview = result;
    graph = null;
    visible = null;
    redraw(s);
  }

  function drawOverview(s: AppState, o: OverviewResponse): void {
    const built = overviewScene(o, i18n, s.network.selected);
    legend = built.legend;
    // Few groups but many wide links: the canvas (with its still-picture cache) pans them smoothly.
    stage.setScene(built.scene, s.network.renderer === 'auto' ? 'canvas' : s.network.renderer);
    if (!stage.stats.layoutDone && !layoutTask) layoutTask = ctx.progress.start(t('network.layout', { pct: 0 }));
    renderLegend(s);
    renderStatus();
    messageEl.replaceChildren();
    renderPanel(s);
    renderLists();
    ctx.exportsChanged();
  }

  /** The firm behind an id on screen, from the per-firm graph or the overview's detail firms. */
  function firmById(id: string): NetworkNode | undefined {
    return graph?.nodes.get(id) ?? overview?.firms.find((f) => f.id === id);
  }

  function linksOnScreen(): { source: string; target: string; value: number }[] {
    return overview ? overview.links : (visible?.links ?? []);
  }

  function renderLists(): void {
    const links = linksOnScreen();
    const suppliers = new Map<string, number>();
    const buyers = new Map<string, number>();
    for (const l of links) {
      suppliers.set(l.target, (suppliers.get(l.target) ?? 0) + 1);
      buyers.set(l.source, (buyers.get(l.source) ?? 0) + 1);
    }
    const firms: FirmSummary[] = overview ? overview.firms : (visible?.nodes ?? []);
    firmList.setRows(firms.map((f) => ({ firm: f, suppliers: suppliers.get(f.id) ?? 0, buyers: buyers.get(f.id) ?? 0 })));
    firmList.element.hidden = firms.length === 0;
    const comparing = !overview && ctx.state().network.cmp !== null && ctx.state().network.src !== 'graph';
    changeList.element.hidden = !comparing;
    changeList.setRows(comparing ? (visible?.links ?? []) : []);
    const caption = changeList.element.querySelector('.table-caption');
    if (caption) caption.textContent = changeTitle(ctx.state());
    groupList.element.hidden = !overview;
    groupList.setRows(overview?.groups ?? []);
  }

  function redraw(s: AppState): void {
    if (overview) {
      drawOverview(s, overview);
      return;
    }
    if (!graph) return;
    visible = visibleGraph(graph, s.filters);
    const built = buildScene(
      visible.nodes,
      visible.links,
      {
        size: s.network.size,
        colour: s.network.color,
        highlightNodes: graph.pathNodes,
        highlightLinks: graph.pathLinks,
        emphasis: s.network.src === 'graph' ? [] : s.network.src === 'cohort' ? (cohort ?? []).map((f) => f.id) : s.network.focus,
        selected: s.network.selected,
        ...(s.network.cmp !== null && s.network.src !== 'graph' && { linkChange: { title: changeTitle(s) } }),
      },
      i18n,
    );
    legend = built.legend;
    stage.setScene(built.scene, s.network.renderer);
    if (visible.nodes.length > 0 && !stage.stats.layoutDone && !layoutTask) layoutTask = ctx.progress.start(t('network.layout', { pct: 0 }));
    renderLegend(s);
    renderStatus();
    if (visible.nodes.length === 0 && messageEl.childElementCount === 0) {
      messageEl.replaceChildren(notice('empty', graph.nodes.size > 0 ? t('network.emptyFilters') : t('network.empty')));
    } else if (visible.nodes.length > 0 && messageEl.querySelector('.notice-empty')) messageEl.replaceChildren();
    renderPanel(s);
    renderLists();
    ctx.exportsChanged();
  }

  function renderLegend(s: AppState): void {
    if (!legend) return;
    const cohortLine =
      s.network.src === 'cohort' && cohort
        ? h(
            'p',
            { class: 'legend-intro', testid: 'cohort-intro' },
            s.network.depth === 1 ? t('network.intro', { year: cohort.find((f) => f.cohort)?.cohort ?? '' }) : t('network.introDeep', { year: cohort.find((f) => f.cohort)?.cohort ?? '', n: s.network.depth }),
          )
        : null;
    const year = cohort?.find((f) => f.cohort)?.cohort;
    const emphasis = s.network.src === 'cohort' ? (year ? t('legend.cohort', { year }) : t('legend.focus')) : s.network.src === 'ego' && s.network.focus.length ? t('legend.focus') : undefined;
    const parts: Node[] = [legendSvg(legend, { size: t('legend.size'), links: t('legend.links'), emphasis }), h('p', { class: 'legend-help' }, overview ? t('overview.intro') : t('network.legendHelp'))];
    if (!overview && (s.network.year !== null || s.network.cmp !== null)) {
      parts.unshift(h('p', { class: 'legend-intro', testid: 'legend-year' }, s.network.cmp !== null ? changeTitle(s) : t('year.shown', { year: shownYear ?? s.network.year ?? '' })));
      parts.push(h('p', { class: 'legend-help' }, t('year.note')));
    }
    if (cohortLine) parts.unshift(cohortLine);
    legendEl.replaceChildren(...parts);
  }

  function renderStatus(): void {
    undoBtn.disabled = !history.canUndo;
    redoBtn.disabled = !history.canRedo;
    if (overview) {
      const o = overview;
      const parts: (string | HTMLElement)[] = [t('overview.status', { groups: i18n.count(o.groups.length), firms: i18n.count(o.firms.length), total: i18n.count(o.totals.firms), links: i18n.count(o.totals.links) })];
      if (o.by !== o.requestedBy) parts.push(h('span', { class: 'warning', testid: 'overview-fallback' }, ` · ${t('overview.fallback')}`));
      if (o.truncated) parts.push(h('span', { class: 'warning' }, ` · ${t('network.truncated')}`));
      statusEl.replaceChildren(...parts);
      statusEl.dataset.groups = String(o.groups.length);
      statusEl.dataset.firms = String(o.firms.length);
      return;
    }
    delete statusEl.dataset.groups;
    delete statusEl.dataset.firms;
    if (!visible || !graph) return;
    const parts: (string | HTMLElement)[] = [t('network.counts', { nodes: i18n.count(visible.nodes.length), links: i18n.count(visible.links.length) })];
    if (visible.hidden > 0) parts.push(` · ${t('network.hidden', { n: i18n.count(visible.hidden) })}`);
    if (graph.truncated) parts.push(h('span', { class: 'warning', testid: 'network-truncated' }, ` · ${t('network.truncated')}`));
    statusEl.replaceChildren(...parts);
    undoBtn.disabled = !history.canUndo;
    redoBtn.disabled = !history.canRedo;
  }

  function renderGroupPanel(g: OverviewGroup, o: OverviewResponse): void {
    panelEl.hidden = false;
    panelEl.dataset.id = g.id;
    panelEl.replaceChildren(
      h('div', { class: 'panel-head' }, h('h2', { testid: 'panel-name' }, groupLabel(o.by, g, i18n, o.homeRegion)), h('button', { type: 'button', class: 'icon', 'aria-label': t('common.close'), testid: 'panel-close', onclick: () => ctx.navigate({ network: { selected: null } }, 'replace') }, '×')),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('col.firms')),
        h('dd', {}, i18n.count(g.firms)),
        h('dt', {}, t('firmAttr.revenue')),
        h('dd', {}, i18n.money(g.revenue)),
        h('dt', {}, t('firmAttr.employees')),
        h('dd', {}, i18n.count(g.employees)),
        h('dt', {}, t('col.internal')),
        h('dd', {}, i18n.money(g.internalValue)),
      ),
      h('div', { class: 'panel-actions' }, h('button', { type: 'button', testid: 'panel-open-group', onclick: () => openGroup(g.key) }, t('overview.drill'))),
    );
  }

  /** Shows the panel of a supply link on screen (a click on it, or its button in a firm's panel). */
  function openLink(source: string, target: string): void {
    // Links between aggregated groups are not supplies a scenario can move; nor are a past year's supplies
    // (a scenario changes the model's network, each pair's latest year).
    const link = linksOnScreen().find((l) => l.source === source && l.target === target);
    if (!link || source.startsWith('g:') || target.startsWith('g:') || shownYear !== null) return;
    selectedLink = link;
    if (ctx.state().network.selected) ctx.navigate({ network: { selected: null } }, 'replace');
    renderPanel(ctx.state());
    (panelEl.querySelector('[data-testid="link-move-share"]') as HTMLElement | null)?.focus();
  }

  function renderPanel(s: AppState): void {
    // The link as now on screen: a reload (another year, depth, undo) may have changed its value or dropped it.
    const open = selectedLink;
    selectedLink = open && shownYear === null ? (linksOnScreen().find((l) => l.source === open.source && l.target === open.target) ?? null) : null;
    if (selectedLink && !s.network.selected) {
      panelEl.hidden = false;
      delete panelEl.dataset.id;
      panelEl.replaceChildren(
        ...linkPanel(ctx, selectedLink, firmById, () => {
          selectedLink = null;
          renderPanel(ctx.state());
        }),
      );
      return;
    }
    const id = s.network.selected;
    const group = id && overview ? overview.groups.find((g) => g.id === id) : undefined;
    if (group && overview) return renderGroupPanel(group, overview);
    const f: NetworkNode | undefined = id ? firmById(id) : undefined;
    if (!id || !f) {
      panelEl.hidden = true;
      panelEl.replaceChildren();
      return;
    }
    const suppliers = linksOnScreen().filter((l) => l.target === id).length;
    const buyers = linksOnScreen().filter((l) => l.source === id).length;
    const supplies = linksOnScreen()
      .filter((l) => l.source === id || l.target === id)
      .sort((a, b) => b.value - a.value)
      .slice(0, 6);
    const nameOf = (x: string) => {
      const n = firmById(x);
      return n ? i18n.firmName(n) : x;
    };
    const content = networkContent(s.network);
    const act = (testid: string, label: string, run: () => void, disabled = false): HTMLButtonElement => h('button', { type: 'button', testid, onclick: run, disabled }, label);
    const expanded = content.expand.some((e) => e.id === id) || (seeds().includes(id) && !content.collapsed.includes(id));
    panelEl.hidden = false;
    panelEl.dataset.id = id;
    panelEl.replaceChildren(
      h('div', { class: 'panel-head' }, h('h2', { testid: 'panel-name' }, i18n.firmName(f)), h('button', { type: 'button', class: 'icon', 'aria-label': t('common.close'), testid: 'panel-close', onclick: () => ctx.navigate({ network: { selected: null } }, 'replace') }, '×')),
      h('p', { class: 'panel-alt' }, i18n.lang === 'ko' ? f.name : (f.nameKo ?? '')),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('firmAttr.tier')),
        h('dd', {}, h('span', { class: `tier-badge tier-${f.tier}` }, i18n.tier(f.tier))),
        h('dt', {}, t('firmAttr.sector')),
        h('dd', {}, i18n.sector(f.sector)),
        h('dt', {}, t('firmAttr.region')),
        h('dd', {}, [i18n.region(f.region), f.district ? ` · ${i18n.district(f.district)}` : ''].join('')),
        h('dt', {}, t('firmAttr.revenue')),
        h('dd', {}, i18n.money(f.revenue)),
        h('dt', {}, t('firmAttr.employees')),
        h('dd', {}, i18n.count(f.employees)),
        ...(f.metrics?.pagerank !== undefined ? [h('dt', {}, i18n.measure('pagerank')), h('dd', {}, i18n.metric(f.metrics.pagerank))] : []),
      ),
      h('p', { class: 'panel-counts' }, `${t('panel.suppliers', { n: suppliers })} · ${t('panel.buyers', { n: buyers })}`),
      h(
        'div',
        { class: 'panel-actions' },
        act('panel-expand-up', t('panel.expandUp'), () => changeContent(expand(content, id, 'up', seeds()))),
        act('panel-expand-down', t('panel.expandDown'), () => changeContent(expand(content, id, 'down', seeds()))),
        act('panel-collapse', t('panel.collapse'), () => changeContent(collapse(content, id)), !expanded),
        act('panel-focus', t('panel.focusOnly'), () => changeContent({ src: 'ego', focus: [id], expand: [], collapsed: [], path: null })),
        stage.isPinned(id) ? act('panel-unpin', t('panel.unpin'), () => stage.unpin(id)) : null,
      ),
      h(
        'div',
        { class: 'panel-actions' },
        act('panel-open-firm', t('panel.openFirm'), () => ctx.navigate({ view: 'firm', firm: { id } })),
        act('panel-open-tiers', t('panel.openTiers'), () => ctx.navigate({ view: 'tiers', tiers: { focus: id } })),
        act('panel-ripple', t('panel.ripple'), () => ctx.navigate({ view: 'ripple', ripple: { a: { ...defaultScenario(), shocks: [{ firmId: id, amount: 10_000 }] } } })),
        act('panel-path-from', t('panel.pathFrom'), () => {
          pathFrom = id;
          (pathFromSearch.querySelector('input') as HTMLInputElement).value = i18n.firmName(f);
          pathBox.open = true;
        }),
        pathFrom && pathFrom !== id ? act('panel-path-to', t('panel.pathTo'), () => changeContent({ path: [pathFrom!, id] })) : null,
      ),
      h('div', { class: 'panel-actions' }, ...firmScenarioActions(ctx, f)),
      // The firm's largest supplies on screen, each opening the link's panel: "move to…" without a pointer.
      ...(supplies.length ? [h('h3', {}, t('link.supplies'))] : []),
      ...(supplies.length
        ? [h(
            'ul',
            { class: 'panel-links' },
            ...supplies.map((l) =>
              h(
                'li',
                {},
                h('button', { type: 'button', class: 'link-button', testid: 'panel-link', 'data-source': l.source, 'data-target': l.target, onclick: () => openLink(l.source, l.target) }, `${nameOf(l.source)} → ${nameOf(l.target)} · ${i18n.money(l.value)}`),
              ),
            ),
          )]
        : []),
    );
  }

  async function exportPng(): Promise<Blob> {
    const snap = stage.snapshot();
    if (!snap) throw new Error('nothing drawn');
    const dpr = globalThis.devicePixelRatio || 1;
    const r = new CanvasNetworkRenderer();
    r.resize(snap.width, snap.height, dpr);
    r.draw(snap.scene, snap.positions, snap.transform, -1, 0);
    const legendSvgEl = legendEl.querySelector('svg');
    if (legendSvgEl) {
      const img = await loadImage(svgBlob(legendSvgEl as SVGSVGElement));
      const ctx2 = r.element.getContext('2d')!;
      ctx2.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx2.drawImage(img, 8, 8);
    }
    return canvasBlob(r.element);
  }

  async function exportSvg(): Promise<Blob> {
    const snap = stage.snapshot();
    if (!snap) throw new Error('nothing drawn');
    const r = new SvgNetworkRenderer();
    r.resize(snap.width, snap.height);
    r.draw(snap.scene, snap.positions, snap.transform, -1, 0);
    const legendSvgEl = legendEl.querySelector('svg');
    if (legendSvgEl) {
      const copy = legendSvgEl.cloneNode(true) as SVGSVGElement;
      copy.setAttribute('x', '8');
      copy.setAttribute('y', '8');
      r.element.append(copy);
    }
    return svgBlob(r.element);
  }

  /** The view as drawn, with every attribute and the drawn positions, for Gephi and friends. */
  async function graphExport(): Promise<GraphExport> {
    const snap = stage.snapshot();
    const pos = (id: string): { x?: number; y?: number } => {
      const i = snap?.scene.index.get(id);
      return i === undefined || !snap ? {} : { x: Math.round(snap.positions[2 * i] * 10) / 10, y: Math.round(snap.positions[2 * i + 1] * 10) / 10 };
    };
    const firmAttrs = (f: NetworkNode | FirmSummary & { group?: string }) => ({
      kind: 'firm',
      name: f.name,
      nameKo: f.nameKo ?? null,
      tier: f.tier,
      sector: f.sector,
      sectorName: i18n.sector(f.sector),
      region: f.region,
      district: f.district ?? null,
      revenue: f.revenue,
      employees: f.employees,
      ...('group' in f && f.group !== undefined ? { group: f.group } : {}),
      ...Object.fromEntries(Object.entries(f.metrics ?? {}).filter(([, v]) => typeof v === 'number')),
    });
    const nodes: GraphExport['nodes'] = [];
    const edges: GraphExport['edges'] = [];
    if (overview) {
      const o = overview;
      for (const g of o.groups) {
        nodes.push({ id: g.id, label: groupLabel(o.by, g, i18n, o.homeRegion), attrs: { kind: 'group', groupBy: o.by, group: g.key, firms: g.firms, revenue: g.revenue, employees: g.employees, internalValue: g.internalValue, internalLinks: g.internalLinks }, ...pos(g.id) });
      }
      for (const f of o.firms) nodes.push({ id: f.id, label: i18n.firmName(f), attrs: firmAttrs(f), ...pos(f.id) });
      for (const l of o.links) edges.push({ source: l.source, target: l.target, attrs: { value: l.value, count: l.count } });
    } else if (visible) {
      for (const f of visible.nodes) nodes.push({ id: f.id, label: i18n.firmName(f), attrs: firmAttrs(f), ...pos(f.id) });
      for (const l of visible.links) {
        const change = l.change === undefined ? {} : { change: l.change, compareValue: l.compareValue ?? 0, delta: l.delta ?? 0 };
        edges.push({ source: l.source, target: l.target, attrs: { value: l.value, ...change } });
      }
    }
    const meta = await exportMetadata(ctx, scenarioText());
    return { nodes, edges, meta };
  }

  const view: ViewInstance = {
    element,
    update(next, prev) {
      const content = networkContent(next.network);
      if (!sameContent(content, history.current)) history.push(content);
      dirSelect.value = next.network.dir;
      depthSelect.value = String(next.network.depth);
      sizeSelect.value = next.network.size;
      colourSelect.value = next.network.color;
      rendererSelect.value = next.network.renderer;
      filters.update(next.filters);
      const contentChanged = !sameContent(content, networkContent(prev.network)) || next.network.limit !== prev.network.limit;
      const serverFiltersChanged = next.network.src === 'graph' && JSON.stringify(next.filters) !== JSON.stringify(prev.filters);
      overviewTools.hidden = next.network.src !== 'graph';
      years.element.hidden = next.network.src === 'graph';
      years.update(next.network.year, next.network.cmp);
      overviewSelect.value = next.network.ov;
      contextBox.checked = next.network.oc;
      backBtn.hidden = next.network.og.length === 0;
      firmList.setState(next.list);
      if (contentChanged || serverFiltersChanged || (!graph && !overview)) {
        void load(next);
        return;
      }
      const styleChanged =
        next.network.size !== prev.network.size ||
        next.network.color !== prev.network.color ||
        next.network.selected !== prev.network.selected ||
        next.network.renderer !== prev.network.renderer ||
        JSON.stringify(next.filters) !== JSON.stringify(prev.filters);
      if (styleChanged) redraw(next);
    },
    exporters: () =>
      (visible && visible.nodes.length > 0) || overview
        ? { png: exportPng, svg: exportSvg, graphml: async () => graphmlBlob(await graphExport()), gexf: async () => gexfBlob(await graphExport()) }
        : {},
    destroy() {
      controller?.abort();
      layoutTask?.done();
      stage.destroy();
    },
  };
  filters.update(initial.filters);
  void load(initial);
  return view;
};
