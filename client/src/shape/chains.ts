/**
 * Where a firm sits in the anchors' supply chains, from its own neighbourhood: an anchor found k hops
 * downstream buys (indirectly) from the firm, so the firm is its tier-k supplier; an anchor k hops
 * upstream supplies it, so the firm is its tier-k buyer.
 */
import type { NetworkNode, NetworkResponse, Tier } from '../types.ts';

const ANCHORS: ReadonlySet<Tier> = new Set<Tier>(['top-anchor', 'anchor', 'pre-anchor']);
const RANK: Record<string, number> = { 'top-anchor': 0, anchor: 1, 'pre-anchor': 2 };

export interface ChainPosition {
  anchor: NetworkNode;
  side: 'supplier' | 'buyer';
  hops: number;
}

export function anchorChains(net: NetworkResponse, firmId: string): ChainPosition[] {
  const out: ChainPosition[] = [];
  for (const n of net.nodes) {
    if (n.id === firmId || !ANCHORS.has(n.tier)) continue;
    if (typeof n.down === 'number' && n.down > 0) out.push({ anchor: n, side: 'supplier', hops: n.down });
    if (typeof n.up === 'number' && n.up > 0) out.push({ anchor: n, side: 'buyer', hops: n.up });
  }
  return out.sort((a, b) => a.hops - b.hops || RANK[a.anchor.tier] - RANK[b.anchor.tier] || (a.anchor.id < b.anchor.id ? -1 : 1));
}

export interface AnchorRelation {
  anchor: NetworkNode;
  /** The firm supplies the anchor (indirectly) at this tier; null when it does not. */
  supplierTier: number | null;
  /** The firm buys from the anchor (indirectly) at this tier; null when it does not. */
  buyerTier: number | null;
}

/** The chain positions by anchor, one entry each, the closest relation first. */
export function anchorRelations(chains: readonly ChainPosition[]): AnchorRelation[] {
  const byAnchor = new Map<string, AnchorRelation>();
  for (const c of chains) {
    const r = byAnchor.get(c.anchor.id) ?? { anchor: c.anchor, supplierTier: null, buyerTier: null };
    if (c.side === 'supplier') r.supplierTier = Math.min(r.supplierTier ?? Infinity, c.hops);
    else r.buyerTier = Math.min(r.buyerTier ?? Infinity, c.hops);
    byAnchor.set(c.anchor.id, r);
  }
  const closest = (r: AnchorRelation): number => Math.min(r.supplierTier ?? Infinity, r.buyerTier ?? Infinity);
  return [...byAnchor.values()].sort((a, b) => closest(a) - closest(b) || RANK[a.anchor.tier] - RANK[b.anchor.tier] || (a.anchor.id < b.anchor.id ? -1 : 1));
}
