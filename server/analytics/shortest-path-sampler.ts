/**
 * One shortest s→t path drawn uniformly among all of them, by a balanced bidirectional BFS (Borassi &
 * Natale, "KADABRA is an ADaptive Algorithm for Betweenness via Random Approximation", ESA 2016, §4):
 * a forward ball grows from s along supplier→buyer links and a backward ball from t along buyer→supplier
 * links, one whole level at a time, always the side whose next level has the fewer links to scan. Each ball
 * counts its shortest paths σ. The first level that reaches the other ball finds every link (a, b) with a
 * in the forward and b in the backward ball on a shortest path: a firm enters one ball only if the other
 * has not seen it, so the balls never overlap and those links all join the two outermost levels. Then
 * σ_st = Σ σ_s(a)·σ_t(b); a link is chosen with probability σ_s(a)σ_t(b)/σ_st and the path is completed
 * towards s by choosing each predecessor p with probability σ_s(p)/σ_s(x), towards t likewise: every
 * shortest path has probability 1/σ_st.
 *
 * Buffers are typed arrays allocated once. Because the balls never overlap, one Int32 per firm says whether
 * the current sample has seen it, which ball holds it and at what distance: mark = base + 2·dist + side
 * (side 0 for s's ball, 1 for t's), with `base` raised past every mark of a sample when the next begins, so
 * nothing is reset between samples; σ is one array for both balls. A link scan then reads one mark per link
 * instead of a seen-stamp, a seen-stamp of the other ball and a distance in three arrays — the random reads
 * a sample is bound by. A sample touches about √m links on well-connected networks instead of a BFS's m.
 */
import type { Snapshot } from './snapshot.ts';
import type { RandomSource } from './seeded-random.ts';

export interface ShortestPathSampler {
  /**
   * Draws one shortest s→t path (s ≠ t) and writes its internal firms (s and t excluded) to `internal`,
   * t's side first. Returns their number, or −1 when t cannot be reached from s.
   */
  sample(s: number, t: number, random: RandomSource): number;
  readonly internal: Int32Array;
  /** σ_st of the last sample: the number of shortest s→t paths (0 when unreachable). */
  readonly paths: number;
}

/** The part of a snapshot the sampler reads: both CSR directions (a worker may hold only these). */
export type SamplerGraph = Pick<Snapshot, 'n' | 'm' | 'outOffsets' | 'outTargets' | 'inOffsets' | 'inSources'>;

export function shortestPathSampler(graph: SamplerGraph): ShortestPathSampler {
  const { n, m, outOffsets, outTargets, inOffsets, inSources } = graph;
  const mark = new Int32Array(n);
  const sigma = new Float64Array(n);
  const queueS = new Int32Array(n);
  const queueT = new Int32Array(n);
  const crossFrom = new Int32Array(Math.max(1, m));
  const crossTo = new Int32Array(Math.max(1, m));
  const internal = new Int32Array(n);
  // The current sample's base: even, above every mark of earlier samples. A sample writes marks up to
  // base + 2·(n − 1) + 1; when that could overflow, the marks are cleared and counting starts again.
  let base = 0;
  let nextBase = 2;
  const lastBase = 0x7fffffff - 2 * n - 2;
  let paths = 0;

  function sample(s: number, t: number, random: RandomSource): number {
    if (s === t) throw new Error(`shortestPathSampler: source and target must differ, got ${s} twice`);
    base = nextBase;
    if (base > lastBase) {
      mark.fill(0);
      base = 2;
    }
    mark[s] = base;
    sigma[s] = 1;
    queueS[0] = s;
    mark[t] = base + 1;
    sigma[t] = 1;
    queueT[0] = t;
    let startS = 0;
    let endS = 1;
    let startT = 0;
    let endT = 1;
    let levelS = 0;
    let levelT = 0;
    let linksS = outOffsets[s + 1] - outOffsets[s];
    let linksT = inOffsets[t + 1] - inOffsets[t];
    let crossings = 0;

    while (crossings === 0) {
      if (linksS <= linksT) {
        if (startS === endS) break;
        const code = base + 2 * ++levelS;
        let tail = endS;
        let next = 0;
        for (let k = startS; k < endS; k++) {
          const v = queueS[k];
          const through = sigma[v];
          for (let e = outOffsets[v], end = outOffsets[v + 1]; e < end; e++) {
            const w = outTargets[e];
            const c = mark[w];
            if (c < base) {
              mark[w] = code;
              sigma[w] = through;
              queueS[tail++] = w;
              next += outOffsets[w + 1] - outOffsets[w];
            } else if (c & 1) {
              crossFrom[crossings] = v;
              crossTo[crossings++] = w;
            } else if (c === code) {
              sigma[w] += through;
            }
          }
        }
        startS = endS;
        endS = tail;
        linksS = next;
      } else {
        if (startT === endT) break;
        const code = base + 2 * ++levelT + 1;
        let tail = endT;
        let next = 0;
        for (let k = startT; k < endT; k++) {
          const v = queueT[k];
          const through = sigma[v];
          for (let e = inOffsets[v], end = inOffsets[v + 1]; e < end; e++) {
            const w = inSources[e];
            const c = mark[w];
            if (c < base) {
              mark[w] = code;
              sigma[w] = through;
              queueT[tail++] = w;
              next += inOffsets[w + 1] - inOffsets[w];
            } else if ((c & 1) === 0) {
              crossFrom[crossings] = w;
              crossTo[crossings++] = v;
            } else if (c === code) {
              sigma[w] += through;
            }
          }
        }
        startT = endT;
        endT = tail;
        linksT = next;
      }
    }
    nextBase = base + 2 * Math.max(levelS, levelT) + 2;
    if (crossings === 0) {
      paths = 0;
      return -1;
    }

    let total = 0;
    for (let c = 0; c < crossings; c++) total += sigma[crossFrom[c]] * sigma[crossTo[c]];
    paths = total;
    let chosen = crossings - 1;
    let r = random() * total;
    for (let c = 0; c < crossings; c++) {
      r -= sigma[crossFrom[c]] * sigma[crossTo[c]];
      if (r < 0) {
        chosen = c;
        break;
      }
    }

    let count = 0;
    // Towards t: from b, each step to a buyer one level closer to t (its mark 2 lower), chosen in proportion
    // to its σ_t, until t itself (mark base + 1).
    for (let x = crossTo[chosen], code = mark[x]; code > base + 1; ) {
      internal[count++] = x;
      const want = code - 2;
      let left = random() * sigma[x];
      let step = -1;
      for (let e = outOffsets[x], end = outOffsets[x + 1]; e < end; e++) {
        const q = outTargets[e];
        if (mark[q] !== want) continue;
        step = q;
        left -= sigma[q];
        if (left < 0) break;
      }
      x = step;
      code = want;
    }
    // Towards s: from a, each step to a supplier one level closer to s, in proportion to its σ_s.
    for (let x = crossFrom[chosen], code = mark[x]; code > base; ) {
      internal[count++] = x;
      const want = code - 2;
      let left = random() * sigma[x];
      let step = -1;
      for (let e = inOffsets[x], end = inOffsets[x + 1]; e < end; e++) {
        const p = inSources[e];
        if (mark[p] !== want) continue;
        step = p;
        left -= sigma[p];
        if (left < 0) break;
      }
      x = step;
      code = want;
    }
    return count;
  }

  return {
    sample,
    internal,
    get paths() {
      return paths;
    },
  };
}
