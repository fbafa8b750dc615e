/** Saved restructuring scenarios (the workflow's saved-scenario store, kind `restructuring`): request and link. */
import { defaultState, formatState, withState } from '../state.ts';
import { parseChanges, formatChanges, type Change } from './changes.ts';
import type { RestructuringState } from './state.ts';

/** The request saved for a scenario: the body of POST /api/restructuring/evaluate. */
export function savedRequest(changes: readonly Change[], scope: RestructuringState['scope']): { changes: Change[]; scope: RestructuringState['scope'] } {
  return { changes: [...changes], scope };
}

/** The restructuring view showing a saved request again; null for other kinds or a request it cannot read. */
export function restructuringLink(saved: { kind: string; request: unknown }): string | null {
  if (saved.kind !== 'restructuring') return null;
  const r = saved.request as { changes?: Change[]; scope?: string };
  // Round-trip through the URL form, which drops anything malformed.
  const a = parseChanges(formatChanges(Array.isArray(r.changes) ? r.changes : []));
  if (a.length === 0) return null;
  const scope = r.scope === 'network' ? 'network' : 'region';
  return formatState(withState(defaultState(), { view: 'restructuring', restructuring: { a, scope } }));
}
