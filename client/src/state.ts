/**
 * The explorer's one state, and its URL form. Every view reads from it, so a link reopens the same view.
 * The URL is the hash: `#/<view>?<params>`; parameters equal to their default are left out.
 * Parsing never throws: anything it does not understand falls back to the default.
 */
import { CRITERIA, METRIC_KEYS, type Criterion, type MetricKey, type Tier } from './types.ts';
import { defaultRestructuring, parseRestructuring, writeRestructuring, type RestructuringState } from './restructuring/state.ts';

export const VIEWS = ['network', 'tiers', 'ripple', 'restructuring', 'candidates', 'programme', 'firm', 'scenarios', 'verification', 'import'] as const;
/** Views whose link only admins see (anyone following a link gets the view's own sign-in hint). */
export const ADMIN_VIEWS: readonly View[] = ['import'];
export type View = (typeof VIEWS)[number];
export const LANGS = ['en', 'ko'] as const;
export type Lang = (typeof LANGS)[number];
export const DIRECTIONS = ['both', 'upstream', 'downstream'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const SOURCES = ['cohort', 'ego', 'graph'] as const;
/** cohort: the programme's latest anchors (first open); ego: around `focus`; graph: a filtered subgraph. */
export type Source = (typeof SOURCES)[number];
export const RENDERERS = ['auto', 'canvas', 'svg'] as const;
export type Renderer = (typeof RENDERERS)[number];
export const SIZE_BY = ['revenue', 'employees', 'none', ...METRIC_KEYS] as const;
export type SizeBy = (typeof SIZE_BY)[number];
export const COLOR_BY = ['tier', 'sector', 'region', 'district', 'revenue', 'employees', ...METRIC_KEYS] as const;
export type ColorBy = (typeof COLOR_BY)[number];
export const AGGREGATE = ['auto', 'none', 'sector', 'district'] as const;
export type Aggregate = (typeof AGGREGATE)[number];
/** How the whole network (src=graph) is drawn: folded into groups, or every firm ('none'). */
export const OVERVIEW_BY = ['community', 'division', 'district', 'tier', 'none'] as const;
export type OverviewMode = (typeof OVERVIEW_BY)[number];
export const SCENARIO_MODELS = ['demand', 'supply', 'disruption'] as const;
export type ScenarioModel = (typeof SCENARIO_MODELS)[number];
const TIER_IDS: readonly Tier[] = ['top-anchor', 'anchor', 'pre-anchor', 'sme', 'large', 'external'];

/** A neighbourhood added by the user: a firm's suppliers (up) or buyers (down), `depth` tiers deep. */
export interface Expansion {
  id: string;
  dir: 'up' | 'down';
  depth: number;
}

export interface Camera {
  x: number;
  y: number;
  k: number;
}

export interface Filters {
  tier: Tier[];
  sector: string[];
  region: string[];
  district: string[];
  minRevenue: number | null;
  maxRevenue: number | null;
  /** Minimum supply value (KRW million) for a link to be drawn. */
  minValue: number;
  metric: MetricKey | null;
  metricMin: number | null;
  metricMax: number | null;
  community: number | null;
}

export interface NetworkState {
  src: Source;
  focus: string[];
  dir: Direction;
  depth: number;
  expand: Expansion[];
  /** Focal firms whose own neighbourhood is folded away (the firm stays). */
  collapsed: string[];
  selected: string | null;
  path: [string, string] | null;
  size: SizeBy;
  color: ColorBy;
  renderer: Renderer;
  camera: Camera | null;
  limit: number;
  /** Whole network: grouping, groups drilled into, and whether anchors' partners stay firms (focus+context). */
  ov: OverviewMode;
  og: string[];
  oc: boolean;
  /** Firms the user placed by hand (world coordinates), so that a link lays them out where they were. */
  pins: [string, number, number][];
  /** The supplies of this year (network and firm views); null: the model's (per pair, the latest year). */
  year: number | null;
  /** Colour and list the change since this year; null: no comparison. */
  cmp: number | null;
}

export interface TiersState {
  focus: string | null;
  depth: number;
  aggregate: Aggregate;
}

export const RIPPLE_SCOPES = ['region', 'network'] as const;
export type RippleScope = (typeof RIPPLE_SCOPES)[number];

export interface Scenario {
  model: ScenarioModel;
  shocks: { firmId: string; amount: number }[];
  /** Capacity lost by disrupted firms, 0..1 (disruption model only). */
  capacityLoss: number;
  /** Ripple models: the home region's firms only (imports leak) or the whole network. */
  scope: RippleScope;
  /** Demand model: households closed (Type II) or not (Type I). */
  households: boolean;
}

export interface RippleState {
  a: Scenario;
  b: Scenario | null;
}

export interface CandidatesState {
  weights: Record<Criterion, number>;
  minRevenue: number | null;
  maxRevenue: number | null;
  region: string | null;
  limit: number;
}

/** The list beside the picture: its filters (key → value) and sort (`key` or `-key`). */
export interface ListState {
  filters: Record<string, string>;
  sort: string | null;
}

export interface AppState {
  view: View;
  /** null: not in the link; the reader's saved or browser language applies. */
  lang: Lang | null;
  network: NetworkState;
  filters: Filters;
  tiers: TiersState;
  ripple: RippleState;
  candidates: CandidatesState;
  restructuring: RestructuringState;
  firm: { id: string | null };
  list: ListState;
  /** Saved scenarios: the one reopened (a shared link opens it) and those compared. */
  scenarios: { open: string | null; compare: string[] };
  /** The five-stage verification: the call and the application shown. */
  verification: { call: string | null; app: string | null };
}

export const DEFAULT_WEIGHTS: Readonly<Record<Criterion, number>> = {
  technology: 1,
  globalScalability: 1,
  cooperativeNetwork: 1,
  jobCreation: 1,
  growth: 1,
};

export const MAX_DEPTH = 4;
/** Hand-placed firms carried in a link; a whole saved layout stays in the browser that made it. */
export const MAX_LINK_PINS = 300;
export const MAX_GRAPH_LIMIT = 20_000;

export function defaultScenario(model: ScenarioModel = 'demand'): Scenario {
  // Region scope with households closed (Type II): the figure regional studies report first.
  return { model, shocks: [], capacityLoss: 1, scope: 'region', households: true };
}

export function defaultState(): AppState {
  return {
    view: 'network',
    lang: null,
    network: {
      src: 'cohort',
      focus: [],
      dir: 'both',
      depth: 1,
      expand: [],
      collapsed: [],
      selected: null,
      path: null,
      size: 'revenue',
      color: 'tier',
      renderer: 'auto',
      camera: null,
      limit: 5000,
      ov: 'community',
      og: [],
      oc: false,
      pins: [],
      year: null,
      cmp: null,
    },
    filters: {
      tier: [],
      sector: [],
      region: [],
      district: [],
      minRevenue: null,
      maxRevenue: null,
      minValue: 0,
      metric: null,
      metricMin: null,
      metricMax: null,
      community: null,
    },
    tiers: { focus: null, depth: 3, aggregate: 'auto' },
    ripple: { a: defaultScenario(), b: null },
    candidates: { weights: { ...DEFAULT_WEIGHTS }, minRevenue: null, maxRevenue: null, region: null, limit: 50 },
    restructuring: defaultRestructuring(),
    firm: { id: null },
    list: { filters: {}, sort: null },
    scenarios: { open: null, compare: [] },
    verification: { call: null, app: null },
  };
}

const ID = /^[A-Za-z0-9._-]{1,64}$/;

function oneOf<T extends string>(allowed: readonly T[], raw: string | null, fallback: T): T {
  return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : fallback;
}

function ids(raw: string | null): string[] {
  if (!raw) return [];
  const seen = new Set<string>();
  for (const part of raw.split(',')) if (ID.test(part)) seen.add(part);
  return [...seen];
}

function list(raw: string | null, allowed?: readonly string[]): string[] {
  if (!raw) return [];
  const parts = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length <= 64);
  return [...new Set(allowed ? parts.filter((p) => allowed.includes(p)) : parts)];
}

function num(raw: string | null, min: number, max: number): number | null {
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  if (!Number.isFinite(n)) return null;
  return Math.min(max, Math.max(min, n));
}

/** A calendar year from a link: a whole number 1900–2100, else none (not clamped: 99999 is no year). */
function year(raw: string | null): number | null {
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1900 && n <= 2100 ? n : null;
}

function int(raw: string | null, min: number, max: number, fallback: number): number {
  const n = num(raw, min, max);
  return n === null ? fallback : Math.round(n);
}

function parseScenario(p: URLSearchParams, suffix: string): Scenario | null {
  const rawShocks = p.get(`shocks${suffix}`);
  const rawModel = p.get(`model${suffix}`);
  if (rawShocks === null && rawModel === null) return null;
  const model = oneOf(SCENARIO_MODELS, rawModel, 'demand');
  const shocks: Scenario['shocks'] = [];
  for (const part of (rawShocks ?? '').split(',')) {
    const [firmId, rawAmount] = part.split(':');
    if (!firmId || !ID.test(firmId) || shocks.some((s) => s.firmId === firmId)) continue;
    const amount = num(rawAmount ?? null, -1e9, 1e9);
    shocks.push({ firmId, amount: amount ?? 0 });
  }
  const cap = num(p.get(`cap${suffix}`), 0, 1);
  const d = defaultScenario();
  const scope = oneOf(RIPPLE_SCOPES, p.get(`scope${suffix}`), d.scope);
  const type = p.get(`type${suffix}`);
  return { model, shocks, capacityLoss: cap ?? 1, scope, households: type === '1' ? false : type === '2' ? true : d.households };
}

/** Reads a location hash (with or without the leading `#`). */
export function parseState(hash: string): AppState {
  const s = defaultState();
  const text = hash.replace(/^#/, '').replace(/^\//, '');
  const q = text.indexOf('?');
  const path = q === -1 ? text : text.slice(0, q);
  const p = new URLSearchParams(q === -1 ? '' : text.slice(q + 1));

  s.view = oneOf(VIEWS, path.split('/')[0] || null, 'network');
  s.lang = p.has('lang') ? oneOf(LANGS, p.get('lang'), 'en') : null;

  const n = s.network;
  n.focus = ids(p.get('focus'));
  n.src = oneOf(SOURCES, p.get('src'), n.focus.length > 0 ? 'ego' : 'cohort');
  n.dir = oneOf(DIRECTIONS, p.get('dir'), 'both');
  n.depth = int(p.get('depth'), 1, MAX_DEPTH, 1);
  n.expand = [];
  for (const part of list(p.get('exp'))) {
    const [id, d, rawDepth] = part.split(':');
    if (id && ID.test(id) && (d === 'up' || d === 'down') && !n.expand.some((e) => e.id === id && e.dir === d)) {
      n.expand.push({ id, dir: d, depth: int(rawDepth ?? null, 1, MAX_DEPTH, 1) });
    }
  }
  n.collapsed = ids(p.get('col'));
  const sel = p.get('sel');
  n.selected = sel && ID.test(sel) ? sel : null;
  const path2 = ids(p.get('path'));
  n.path = path2.length === 2 ? [path2[0], path2[1]] : null;
  n.size = oneOf(SIZE_BY, p.get('size'), 'revenue');
  n.color = oneOf(COLOR_BY, p.get('color'), 'tier');
  n.renderer = oneOf(RENDERERS, p.get('r'), 'auto');
  const cam = (p.get('cam') ?? '').split(',').map(Number);
  n.camera =
    cam.length === 3 && cam.every(Number.isFinite) && cam[2] > 0 ? { x: cam[0], y: cam[1], k: cam[2] } : null;
  n.limit = int(p.get('limit'), 1, MAX_GRAPH_LIMIT, 5000);
  n.ov = oneOf(OVERVIEW_BY, p.get('ov'), 'community');
  n.og = list(p.get('og')).slice(0, 50);
  n.oc = p.get('oc') === '1';
  n.year = year(p.get('year'));
  n.cmp = year(p.get('since'));
  n.pins = [];
  for (const part of (p.get('pin') ?? '').split(';')) {
    const [id, x, y] = part.split(':');
    if (id && ID.test(id) && Number.isFinite(Number(x)) && Number.isFinite(Number(y)) && x !== '' && y !== '' && n.pins.length < MAX_LINK_PINS) n.pins.push([id, Number(x), Number(y)]);
  }

  const f = s.filters;
  f.tier = list(p.get('tier'), TIER_IDS) as Tier[];
  f.sector = list(p.get('sector')).filter((c) => /^\d{2,5}$/.test(c));
  f.region = list(p.get('region'));
  f.district = list(p.get('district'));
  f.minRevenue = num(p.get('rmin'), 0, 1e12);
  f.maxRevenue = num(p.get('rmax'), 0, 1e12);
  f.minValue = num(p.get('vmin'), 0, 1e12) ?? 0;
  const m = p.get('m');
  f.metric = m !== null && (METRIC_KEYS as readonly string[]).includes(m) ? (m as MetricKey) : null;
  f.metricMin = num(p.get('mmin'), -1e12, 1e12);
  f.metricMax = num(p.get('mmax'), -1e12, 1e12);
  const comm = num(p.get('comm'), 0, 1e9);
  f.community = comm === null ? null : Math.round(comm);

  const tf = p.get('tf');
  s.tiers.focus = tf && ID.test(tf) ? tf : null;
  s.tiers.depth = int(p.get('td'), 1, MAX_DEPTH, 3);
  s.tiers.aggregate = oneOf(AGGREGATE, p.get('agg'), 'auto');

  s.ripple.a = parseScenario(p, '') ?? defaultScenario();
  s.ripple.b = parseScenario(p, '2');

  const w = (p.get('w') ?? '').split(',');
  if (w.length === CRITERIA.length) {
    CRITERIA.forEach((c, i) => {
      s.candidates.weights[c] = num(w[i], 0, 100) ?? DEFAULT_WEIGHTS[c];
    });
  }
  s.candidates.minRevenue = num(p.get('crmin'), 0, 1e12);
  s.candidates.maxRevenue = num(p.get('crmax'), 0, 1e12);
  s.candidates.region = p.get('creg') || null;
  s.candidates.limit = int(p.get('climit'), 1, 500, 50);

  s.restructuring = parseRestructuring(p);

  const id = p.get('id');
  s.firm.id = id && ID.test(id) ? id : null;

  for (const part of (p.get('lf') ?? '').split(';')) {
    const at = part.indexOf(':');
    const key = part.slice(0, at);
    const value = part.slice(at + 1);
    if (at > 0 && /^[a-z][a-zA-Z0-9]{0,31}$/.test(key) && value.length > 0 && value.length <= 64) s.list.filters[key] = value;
  }
  const ls = p.get('ls');
  s.list.sort = ls && /^-?[a-z][a-zA-Z0-9]{0,31}$/.test(ls) ? ls : null;
  const open = p.get('open');
  s.scenarios.open = open && ID.test(open) ? open : null;
  s.scenarios.compare = ids(p.get('cmp')).slice(0, 4);
  const call = p.get('call');
  s.verification.call = call && ID.test(call) ? call : null;
  const app = p.get('app');
  s.verification.app = app && ID.test(app) ? app : null;
  return s;
}

/** Rounds a number for the URL so that camera moves do not produce long links. */
function round(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

function writeScenario(p: URLSearchParams, sc: Scenario, suffix: string, always: boolean): void {
  const d = defaultScenario();
  if (always || sc.model !== d.model) p.set(`model${suffix}`, sc.model);
  if (sc.shocks.length > 0) p.set(`shocks${suffix}`, sc.shocks.map((x) => `${x.firmId}:${x.amount}`).join(','));
  if (sc.capacityLoss !== d.capacityLoss) p.set(`cap${suffix}`, round(sc.capacityLoss, 3));
  if (sc.scope !== d.scope) p.set(`scope${suffix}`, sc.scope);
  if (sc.households !== d.households) p.set(`type${suffix}`, sc.households ? '2' : '1');
}

/** Writes the state as a hash, `#/<view>?...`, leaving out what equals the default. */
export function formatState(s: AppState): string {
  const d = defaultState();
  const p = new URLSearchParams();
  if (s.lang !== null) p.set('lang', s.lang);

  const n = s.network;
  const impliedSrc = n.focus.length > 0 ? 'ego' : 'cohort';
  if (n.src !== impliedSrc) p.set('src', n.src);
  if (n.focus.length > 0) p.set('focus', n.focus.join(','));
  if (n.dir !== d.network.dir) p.set('dir', n.dir);
  if (n.depth !== d.network.depth) p.set('depth', String(n.depth));
  if (n.expand.length > 0) p.set('exp', n.expand.map((e) => `${e.id}:${e.dir}${e.depth > 1 ? `:${e.depth}` : ''}`).join(','));
  if (n.collapsed.length > 0) p.set('col', n.collapsed.join(','));
  if (n.selected) p.set('sel', n.selected);
  if (n.path) p.set('path', n.path.join(','));
  if (n.size !== d.network.size) p.set('size', n.size);
  if (n.color !== d.network.color) p.set('color', n.color);
  if (n.renderer !== d.network.renderer) p.set('r', n.renderer);
  if (n.camera) p.set('cam', [round(n.camera.x, 1), round(n.camera.y, 1), round(n.camera.k, 3)].join(','));
  if (n.limit !== d.network.limit) p.set('limit', String(n.limit));
  if (n.ov !== d.network.ov) p.set('ov', n.ov);
  if (n.og.length > 0) p.set('og', n.og.join(','));
  if (n.oc) p.set('oc', '1');
  if (n.year !== null) p.set('year', String(n.year));
  if (n.cmp !== null) p.set('since', String(n.cmp));
  if (n.pins.length > 0 && n.pins.length <= MAX_LINK_PINS) p.set('pin', n.pins.map(([id, x, y]) => `${id}:${round(x, 1)}:${round(y, 1)}`).join(';'));

  const f = s.filters;
  if (f.tier.length > 0) p.set('tier', f.tier.join(','));
  if (f.sector.length > 0) p.set('sector', f.sector.join(','));
  if (f.region.length > 0) p.set('region', f.region.join(','));
  if (f.district.length > 0) p.set('district', f.district.join(','));
  if (f.minRevenue !== null) p.set('rmin', String(f.minRevenue));
  if (f.maxRevenue !== null) p.set('rmax', String(f.maxRevenue));
  if (f.minValue > 0) p.set('vmin', String(f.minValue));
  if (f.metric !== null) p.set('m', f.metric);
  if (f.metricMin !== null) p.set('mmin', String(f.metricMin));
  if (f.metricMax !== null) p.set('mmax', String(f.metricMax));
  if (f.community !== null) p.set('comm', String(f.community));

  if (s.tiers.focus) p.set('tf', s.tiers.focus);
  if (s.tiers.depth !== d.tiers.depth) p.set('td', String(s.tiers.depth));
  if (s.tiers.aggregate !== d.tiers.aggregate) p.set('agg', s.tiers.aggregate);

  writeScenario(p, s.ripple.a, '', false);
  if (s.ripple.b) writeScenario(p, s.ripple.b, '2', true);

  const c = s.candidates;
  if (CRITERIA.some((k) => c.weights[k] !== DEFAULT_WEIGHTS[k])) {
    p.set('w', CRITERIA.map((k) => round(c.weights[k], 3)).join(','));
  }
  if (c.minRevenue !== null) p.set('crmin', String(c.minRevenue));
  if (c.maxRevenue !== null) p.set('crmax', String(c.maxRevenue));
  if (c.region) p.set('creg', c.region);
  if (c.limit !== d.candidates.limit) p.set('climit', String(c.limit));

  writeRestructuring(p, s.restructuring);

  if (s.firm.id) p.set('id', s.firm.id);
  const lf = Object.entries(s.list.filters).filter(([, v]) => v);
  if (lf.length > 0) p.set('lf', lf.map(([k, v]) => `${k}:${v}`).join(';'));
  if (s.list.sort) p.set('ls', s.list.sort);
  if (s.scenarios.open) p.set('open', s.scenarios.open);
  if (s.scenarios.compare.length > 0) p.set('cmp', s.scenarios.compare.join(','));
  if (s.verification.call) p.set('call', s.verification.call);
  if (s.verification.app) p.set('app', s.verification.app);
  const query = p.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
  return `#/${s.view}${query ? `?${query}` : ''}`;
}

/** A deep copy with the given parts replaced; the state is treated as immutable everywhere. */
export function withState(s: AppState, patch: StatePatch): AppState {
  return {
    ...s,
    ...('view' in patch ? { view: patch.view } : {}),
    ...('lang' in patch ? { lang: patch.lang } : {}),
    network: { ...s.network, ...patch.network },
    filters: { ...s.filters, ...patch.filters },
    tiers: { ...s.tiers, ...patch.tiers },
    ripple: { ...s.ripple, ...patch.ripple },
    candidates: { ...s.candidates, ...patch.candidates },
    restructuring: { ...s.restructuring, ...patch.restructuring },
    firm: { ...s.firm, ...patch.firm },
    // A list's filters belong to its view: another view starts with its own list unfiltered.
    list: patch.list ? { filters: { ...patch.list.filters }, sort: patch.list.sort } : patch.view && patch.view !== s.view ? { filters: {}, sort: null } : s.list,
    scenarios: { ...s.scenarios, ...patch.scenarios },
    verification: { ...s.verification, ...patch.verification },
  } as AppState;
}

export interface StatePatch {
  view?: View;
  lang?: Lang | null;
  network?: Partial<NetworkState>;
  filters?: Partial<Filters>;
  tiers?: Partial<TiersState>;
  ripple?: Partial<RippleState>;
  candidates?: Partial<CandidatesState>;
  restructuring?: Partial<RestructuringState>;
  firm?: { id: string | null };
  list?: ListState;
  scenarios?: Partial<AppState['scenarios']>;
  verification?: Partial<AppState['verification']>;
}

/** The part of the network state that decides which firms are loaded (undo/redo works on this). */
export type NetworkContent = Pick<NetworkState, 'src' | 'focus' | 'dir' | 'depth' | 'expand' | 'collapsed' | 'path' | 'ov' | 'og' | 'oc' | 'year' | 'cmp'>;

export function networkContent(n: NetworkState): NetworkContent {
  return {
    src: n.src,
    focus: [...n.focus],
    dir: n.dir,
    depth: n.depth,
    expand: n.expand.map((e) => ({ ...e })),
    collapsed: [...n.collapsed],
    path: n.path ? [n.path[0], n.path[1]] : null,
    ov: n.ov,
    og: [...n.og],
    oc: n.oc,
    year: n.year,
    cmp: n.cmp,
  };
}

/**
 * Shows one more tier of a firm's suppliers (up) or buyers (down) than is shown now: a focal firm's
 * own neighbourhood counts, so expanding an anchor seen at depth 1 brings its tier-2 suppliers.
 * Un-collapses the firm. At the maximum depth nothing changes.
 */
export function expand(n: NetworkContent, id: string, dir: 'up' | 'down', seeds: readonly string[] = n.focus): NetworkContent {
  const existing = n.expand.find((e) => e.id === id && e.dir === dir);
  const seedCovers = seeds.includes(id) && !n.collapsed.includes(id) && (n.dir === 'both' || n.dir === (dir === 'up' ? 'upstream' : 'downstream'));
  const shown = Math.max(existing?.depth ?? 0, seedCovers ? n.depth : 0);
  const depth = Math.min(MAX_DEPTH, shown + 1);
  const expandList = existing
    ? n.expand.map((e) => (e === existing ? { ...e, depth } : e))
    : [...n.expand, { id, dir, depth }];
  return { ...n, expand: expandList, collapsed: n.collapsed.filter((c) => c !== id) };
}

/** Folds a firm's neighbourhood away: drops its expansions; a focal firm keeps only itself. */
export function collapse(n: NetworkContent, id: string): NetworkContent {
  const isFocus = n.focus.includes(id);
  return {
    ...n,
    expand: n.expand.filter((e) => e.id !== id),
    collapsed: isFocus && !n.collapsed.includes(id) ? [...n.collapsed, id] : n.collapsed,
  };
}

/**
 * The steps that lead to a network content, for the undo history of a view opened from a link: the view
 * without its expansions, then each expansion in the link's order (the order they were made in), then
 * the rest (collapses, a path). Undo after opening a link so walks back as it would have in the sender's browser.
 */
export function replaySteps(c: NetworkContent): NetworkContent[] {
  const base: NetworkContent = { ...c, expand: [], collapsed: [], path: null, og: [] };
  const steps: NetworkContent[] = [base];
  c.expand.forEach((_, k) => steps.push({ ...base, expand: c.expand.slice(0, k + 1) }));
  c.og.forEach((_, k) => steps.push({ ...steps[steps.length - 1], og: c.og.slice(0, k + 1) }));
  const last = steps[steps.length - 1];
  if (JSON.stringify(last) !== JSON.stringify(c)) steps.push(c);
  return steps;
}

/**
 * A link to another view that keeps the reader's language (`lang`) — every internal link goes through
 * here, so that a Korean page never links to an English one.
 */
export function internalHref(lang: Lang | null, patch: StatePatch): string {
  return formatState(withState({ ...defaultState(), lang }, patch));
}
