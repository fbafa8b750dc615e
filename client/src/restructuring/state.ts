/**
 * The restructuring view's part of the URL state: scenario A (and B to compare) as lists of changes, the
 * firm the localisation assistant looks at, the share a suggestion takes over, and the scope.
 * Parameters: `rsa`, `rsb` (changes, see changes.ts), `rsf` (firm), `rsh` (share), `rss` (scope).
 */
import { formatChanges, parseChanges, type Change } from './changes.ts';

export const SCOPES = ['region', 'network'] as const;
export type ScenarioScope = (typeof SCOPES)[number];

export interface RestructuringState {
  a: Change[];
  /** null: no second scenario to compare. */
  b: Change[] | null;
  /** The firm whose out-of-region purchases the assistant lists. */
  firm: string | null;
  /** Share of a purchase group a suggestion takes over, (0, 1]. */
  share: number;
  scope: ScenarioScope;
}

export const DEFAULT_SHARE = 0.3;
const ID = /^[A-Za-z0-9._-]{1,64}$/;

export function defaultRestructuring(): RestructuringState {
  return { a: [], b: null, firm: null, share: DEFAULT_SHARE, scope: 'region' };
}

export function parseRestructuring(p: URLSearchParams): RestructuringState {
  const s = defaultRestructuring();
  s.a = parseChanges(p.get('rsa'));
  s.b = p.has('rsb') ? parseChanges(p.get('rsb')) : null;
  const firm = p.get('rsf');
  s.firm = firm && ID.test(firm) ? firm : null;
  const share = Number(p.get('rsh'));
  if (p.has('rsh') && Number.isFinite(share) && share > 0 && share <= 1) s.share = share;
  const scope = p.get('rss');
  if (scope === 'network') s.scope = scope;
  return s;
}

export function writeRestructuring(p: URLSearchParams, s: RestructuringState): void {
  if (s.a.length) p.set('rsa', formatChanges(s.a));
  if (s.b) p.set('rsb', formatChanges(s.b));
  if (s.firm) p.set('rsf', s.firm);
  if (s.share !== DEFAULT_SHARE) p.set('rsh', String(s.share));
  if (s.scope !== 'region') p.set('rss', s.scope);
}
