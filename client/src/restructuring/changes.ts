/**
 * Restructuring scenario changes as the API takes them (POST /api/restructuring/evaluate), and their compact
 * URL form, so that a link reopens a scenario. One change per `;`-separated item, fields by `~`:
 *   mv~buyer~share~selector~to      selector: `!`-joined `out`, `d:<division>`, `p:<product>`, `s:<id>`;
 *                                   to: `,`-joined `<id>` or `<id>*<weight>`
 *   add~supplier~buyer~value   rm~supplier~buyer   close~firm   rev~firm~revenue   va~firm~ratio
 * Parsing never throws: an item it does not understand is dropped.
 */

export interface SupplierSelector {
  suppliers?: string[];
  outsideRegion?: boolean;
  division?: string;
  product?: string;
}

export type Change =
  | { kind: 'move'; buyer: string; share: number; from: SupplierSelector; to: { supplier: string; weight?: number }[] }
  | { kind: 'addLink'; supplier: string; buyer: string; value: number }
  | { kind: 'removeLink'; supplier: string; buyer: string }
  | { kind: 'closeFirm'; firm: string }
  | { kind: 'setRevenue'; firm: string; revenue: number }
  | { kind: 'setValueAddedRatio'; firm: string; valueAddedRatio: number };

const ID = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_CHANGES = 200;

/** Product names may hold any character; these would clash with the separators. */
const encodeText = (s: string) => encodeURIComponent(s).replace(/[~!*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const decodeText = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};

const positive = (raw: string | undefined, max = 1e12): number | null => {
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(n) && n > 0 && n <= max ? n : null;
};

export function formatChanges(changes: readonly Change[]): string {
  return changes.map(formatChange).join(';');
}

function formatChange(c: Change): string {
  switch (c.kind) {
    case 'move': {
      const sel = [
        c.from.outsideRegion ? 'out' : null,
        c.from.division ? `d:${c.from.division}` : null,
        c.from.product ? `p:${encodeText(c.from.product)}` : null,
        ...(c.from.suppliers ?? []).map((id) => `s:${id}`),
      ].filter(Boolean);
      const to = c.to.map((t) => (t.weight !== undefined && t.weight !== 1 ? `${t.supplier}*${t.weight}` : t.supplier)).join(',');
      return ['mv', c.buyer, c.share, sel.join('!'), to].join('~');
    }
    case 'addLink':
      return ['add', c.supplier, c.buyer, c.value].join('~');
    case 'removeLink':
      return ['rm', c.supplier, c.buyer].join('~');
    case 'closeFirm':
      return ['close', c.firm].join('~');
    case 'setRevenue':
      return ['rev', c.firm, c.revenue].join('~');
    case 'setValueAddedRatio':
      return ['va', c.firm, c.valueAddedRatio].join('~');
  }
}

export function parseChanges(raw: string | null): Change[] {
  if (!raw) return [];
  const out: Change[] = [];
  for (const item of raw.split(';')) {
    const c = parseChange(item.split('~'));
    if (c && out.length < MAX_CHANGES) out.push(c);
  }
  return out;
}

function parseChange(f: string[]): Change | null {
  const ids = (...xs: (string | undefined)[]) => xs.every((x) => x !== undefined && ID.test(x));
  switch (f[0]) {
    case 'mv': {
      const [, buyer, rawShare, rawSel = '', rawTo = ''] = f;
      const share = positive(rawShare, 1);
      if (!ids(buyer) || share === null) return null;
      const from: SupplierSelector = {};
      for (const token of rawSel.split('!')) {
        if (token === 'out') from.outsideRegion = true;
        else if (/^d:\d{2}$/.test(token)) from.division = token.slice(2);
        else if (token.startsWith('p:')) {
          const product = decodeText(token.slice(2));
          if (product) from.product = product;
        } else if (token.startsWith('s:') && ID.test(token.slice(2))) (from.suppliers ??= []).push(token.slice(2));
      }
      const to = rawTo
        .split(',')
        .map((part) => {
          const [supplier, w] = part.split('*');
          const weight = w === undefined ? undefined : positive(w, 1e6);
          return ID.test(supplier) && weight !== null ? { supplier, ...(weight !== undefined ? { weight } : {}) } : null;
        })
        .filter((x): x is { supplier: string; weight?: number } => x !== null);
      if (to.length === 0 || Object.keys(from).length === 0) return null;
      return { kind: 'move', buyer: buyer!, share, from, to };
    }
    case 'add': {
      const value = positive(f[3]);
      return ids(f[1], f[2]) && value !== null && f[1] !== f[2] ? { kind: 'addLink', supplier: f[1], buyer: f[2], value } : null;
    }
    case 'rm':
      return ids(f[1], f[2]) ? { kind: 'removeLink', supplier: f[1], buyer: f[2] } : null;
    case 'close':
      return ids(f[1]) ? { kind: 'closeFirm', firm: f[1] } : null;
    case 'rev': {
      const revenue = positive(f[2]);
      return ids(f[1]) && revenue !== null ? { kind: 'setRevenue', firm: f[1], revenue } : null;
    }
    case 'va': {
      const v = Number(f[2]);
      return ids(f[1]) && f[2] !== '' && Number.isFinite(v) && v >= 0 && v <= 1 ? { kind: 'setValueAddedRatio', firm: f[1], valueAddedRatio: v } : null;
    }
    default:
      return null;
  }
}

/** Every firm a list of changes names (for looking up their names). */
export function firmsNamed(changes: readonly Change[]): string[] {
  const ids = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'move') {
      ids.add(c.buyer);
      c.from.suppliers?.forEach((s) => ids.add(s));
      c.to.forEach((t) => ids.add(t.supplier));
    } else if (c.kind === 'addLink' || c.kind === 'removeLink') {
      ids.add(c.supplier);
      ids.add(c.buyer);
    } else ids.add(c.firm);
  }
  return [...ids];
}
