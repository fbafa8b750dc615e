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
import { SvgNetworkRenderer } from '../render/svgNetwork.ts';
import {
  collapse,
  COLOR_BY,
  defaultScenario,
  DIRECTIONS,
  expand,
  MAX_DEPTH,
  networkContent,
  RENDERERS,
  SIZE_BY,
  type AppState,
  type NetworkContent,
  type StatePatch,
} from '../state.ts';
import type { FirmSummary, NetworkNode, NetworkResponse, Tier } from '../types.ts';
import { UndoHistory } from '../undo.ts';
import { h, notice, select } from '../ui/dom.ts';
import { filterPanel } from '../ui/filters.ts';
import { NetworkStage } from '../ui/networkStage.ts';
import { firmSearch } from '../ui/search.ts';

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
  let legend: LegendSpec | null = null;
  let loadToken = 0;
  let controller: AbortController | null = null;
  let pathFrom: string | null = null;
  const history = new UndoHistory<NetworkContent>(networkContent(initial.network));

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
      const f = graph?.nodes.get(id);
      return f ? `${i18n.firmName(f)} · ${i18n.tier(f.tier)} · ${i18n.money(f.revenue)}` : id;
    },
    onSelect: (id) => ctx.navigate({ network: { selected: id } }, 'replace'),
    onOpen: (id) => ctx.navigate({ view: 'firm', firm: { id } }),
    onCamera: (camera) => ctx.navigate({ network: { camera } }, 'replace'),
    onLayout: (p) => {
      if (p.done) layoutTask?.done();
      else layoutTask?.set(Math.min(0.99, 1 - p.alpha), t('network.layout', { pct: Math.round(100 * Math.min(0.99, 1 - p.alpha)) }));
      if (p.done) layoutTask = null;
    },
    onPinsChanged: () => renderPanel(ctx.state()),
    fitLeft: 250,
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
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('network.sizeBy')), sizeSelect),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('network.colourBy')), colourSelect),
    h('div', { class: 'button-group' }, undoBtn, redoBtn),
    h(
      'div',
      { class: 'button-group' },
      h('button', { type: 'button', testid: 'network-reset', onclick: () => changeContent({ src: 'cohort', focus: [], expand: [], collapsed: [], path: null }, true) }, t('network.reset')),
      h('button', { type: 'button', testid: 'network-whole', onclick: () => changeContent({ src: 'graph', focus: [], expand: [], collapsed: [], path: null }, true) }, t('network.whole')),
    ),
    filters.element,
    pathBox,
    h(
      'div',
      { class: 'button-group' },
      h('button', { type: 'button', testid: 'network-fit', onclick: () => stage.fit() }, t('network.fit')),
      h('button', { type: 'button', testid: 'network-pin-all', onclick: () => stage.pinAll() }, t('network.saveLayout')),
      h('button', { type: 'button', testid: 'network-unpin-all', onclick: () => stage.unpinAll() }, t('network.unpinAll')),
      h('button', { type: 'button', testid: 'network-relayout', onclick: () => stage.restartLayout(1) }, t('network.relayout')),
    ),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('network.renderer')), rendererSelect),
  );

  const element = h(
    'section',
    { class: 'view view-network', testid: 'view-network', 'aria-labelledby': 'network-title' },
    h('h1', { class: 'visually-hidden', id: 'network-title' }, t('network.title')),
    toolbar,
    h('div', { class: 'network-body' }, stageWrap, panelEl),
    h('p', { class: 'hint' }, t('network.keyboardHelp')),
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
  function changeContent(patch: Partial<NetworkContent>, resetCamera = false): void {
    const next = { ...networkContent(ctx.state().network), ...patch };
    history.push(next);
    const extra: StatePatch['network'] = resetCamera ? { camera: null } : {};
    if (resetCamera) stage.fit(false);
    ctx.navigate({ network: { ...next, ...extra } });
  }

  function travel(direction: 'undo' | 'redo'): void {
    const c = direction === 'undo' ? history.undo() : history.redo();
    ctx.navigate({ network: c });
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

  function fetchSpec(spec: LoadSpec, limit: number, signal: AbortSignal): Promise<NetworkResponse> {
    let p = cache.get(spec.key);
    if (!p) {
      if (spec.kind === 'network') p = ctx.api.network(spec.id, { direction: spec.direction, depth: spec.depth, limit }, signal);
      else if (spec.kind === 'graph') p = ctx.api.graph(spec.params, signal);
      else p = ctx.api.path(spec.from, spec.to, signal);
      cache.set(spec.key, p);
      p.catch(() => cache.delete(spec.key));
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

  function redraw(s: AppState): void {
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
    const parts: Node[] = [legendSvg(legend, { size: t('legend.size'), links: t('legend.links'), emphasis }), h('p', { class: 'legend-help' }, t('network.legendHelp'))];
    if (cohortLine) parts.unshift(cohortLine);
    legendEl.replaceChildren(...parts);
  }

  function renderStatus(): void {
    if (!visible || !graph) return;
    const parts: (string | HTMLElement)[] = [t('network.counts', { nodes: i18n.count(visible.nodes.length), links: i18n.count(visible.links.length) })];
    if (visible.hidden > 0) parts.push(` · ${t('network.hidden', { n: i18n.count(visible.hidden) })}`);
    if (graph.truncated) parts.push(h('span', { class: 'warning', testid: 'network-truncated' }, ` · ${t('network.truncated')}`));
    statusEl.replaceChildren(...parts);
    undoBtn.disabled = !history.canUndo;
    redoBtn.disabled = !history.canRedo;
  }

  function renderPanel(s: AppState): void {
    const id = s.network.selected;
    const f: NetworkNode | undefined = id ? graph?.nodes.get(id) : undefined;
    if (!id || !f) {
      panelEl.hidden = true;
      panelEl.replaceChildren();
      return;
    }
    const suppliers = visible?.links.filter((l) => l.target === id).length ?? 0;
    const buyers = visible?.links.filter((l) => l.source === id).length ?? 0;
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
        act('panel-focus', t('panel.focusOnly'), () => changeContent({ src: 'ego', focus: [id], expand: [], collapsed: [], path: null }, true)),
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
      if (contentChanged || serverFiltersChanged || !graph) {
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
    exporters: () => (visible && visible.nodes.length > 0 ? { png: exportPng, svg: exportSvg } : {}),
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
