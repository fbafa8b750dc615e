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
 * Buffers are typed arrays allocated once; a stamp per sample marks what each ball has seen, so nothing is
 * reset between samples. A sample touches about √m links on well-connected networks instead of a BFS's m.
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

export function shortestPathSampler(snapshot: Snapshot): ShortestPathSampler {
  const { n, m, outOffsets, outTargets, inOffsets, inSources } = snapshot;
  const seenS = new Int32Array(n);
  const seenT = new Int32Array(n);
  const distS = new Int32Array(n);
  const distT = new Int32Array(n);
  const sigmaS = new Float64Array(n);
  const sigmaT = new Float64Array(n);
  const queueS = new Int32Array(n);
  const queueT = new Int32Array(n);
  const crossFrom = new Int32Array(Math.max(1, m));
  const crossTo = new Int32Array(Math.max(1, m));
  const internal = new Int32Array(n);
  let stamp = 0;
  let paths = 0;

  function sample(s: number, t: number, random: RandomSource): number {
    if (s === t) throw new Error(`shortestPathSampler: source and target must differ, got ${s} twice`);
    stamp++;
    seenS[s] = stamp;
    distS[s] = 0;
    sigmaS[s] = 1;
    queueS[0] = s;
    seenT[t] = stamp;
    distT[t] = 0;
    sigmaT[t] = 1;
    queueT[0] = t;
    let startS = 0;
    let endS = 1;
    let startT = 0;
    let endT = 1;
    let linksS = outOffsets[s + 1] - outOffsets[s];
    let linksT = inOffsets[t + 1] - inOffsets[t];
    let crossings = 0;

    while (crossings === 0) {
      if (linksS <= linksT) {
        if (startS === endS) break;
        let tail = endS;
        let next = 0;
        for (let k = startS; k < endS; k++) {
          const v = queueS[k];
          const d = distS[v] + 1;
          const through = sigmaS[v];
          for (let e = outOffsets[v], end = outOffsets[v + 1]; e < end; e++) {
            const w = outTargets[e];
            if (seenT[w] === stamp) {
              crossFrom[crossings] = v;
              crossTo[crossings++] = w;
            } else if (seenS[w] !== stamp) {
              seenS[w] = stamp;
              distS[w] = d;
              sigmaS[w] = through;
              queueS[tail++] = w;
              next += outOffsets[w + 1] - outOffsets[w];
            } else if (distS[w] === d) {
              sigmaS[w] += through;
            }
          }
        }
        startS = endS;
        endS = tail;
        linksS = next;
      } else {
        if (startT === endT) break;
        let tail = endT;
        let next = 0;
        for (let k = startT; k < endT; k++) {
          const v = queueT[k];
          const d = distT[v] + 1;
          const through = sigmaT[v];
          for (let e = inOffsets[v], end = inOffsets[v + 1]; e < end; e++) {
            const w = inSources[e];
            if (seenS[w] === stamp) {
              crossFrom[crossings] = w;
              crossTo[crossings++] = v;
            } else if (seenT[w] !== stamp) {
              seenT[w] = stamp;
              distT[w] = d;
              sigmaT[w] = through;
              queueT[tail++] = w;
              next += inOffsets[w + 1] - inOffsets[w];
            } else if (distT[w] === d) {
              sigmaT[w] += through;
            }
          }
        }
        startT = endT;
        endT = tail;
        linksT = next;
      }
    }
    if (crossings === 0) {
      paths = 0;
      return -1;
    }

    let total = 0;
    for (let c = 0; c < crossings; c++) total += sigmaS[crossFrom[c]] * sigmaT[crossTo[c]];
    paths = total;
    let chosen = crossings - 1;
    let r = random() * total;
    for (let c = 0; c < crossings; c++) {
      r -= sigmaS[crossFrom[c]] * sigmaT[crossTo[c]];
      if (r < 0) {
        chosen = c;
        break;
      }
    }

    let count = 0;
    // Towards t: from b, each step to a buyer one level closer to t, chosen in proportion to its σ_t.
    for (let x = crossTo[chosen]; distT[x] > 0; ) {
      internal[count++] = x;
      const level = distT[x] - 1;
      let left = random() * sigmaT[x];
      let step = -1;
      for (let e = outOffsets[x], end = outOffsets[x + 1]; e < end; e++) {
        const q = outTargets[e];
        if (seenT[q] !== stamp || distT[q] !== level) continue;
        step = q;
        left -= sigmaT[q];
        if (left < 0) break;
      }
      x = step;
    }
    // Towards s: from a, each step to a supplier one level closer to s, in proportion to its σ_s.
    for (let x = crossFrom[chosen]; distS[x] > 0; ) {
      internal[count++] = x;
      const level = distS[x] - 1;
      let left = random() * sigmaS[x];
      let step = -1;
      for (let e = inOffsets[x], end = inOffsets[x + 1]; e < end; e++) {
        const p = inSources[e];
        if (seenS[p] !== stamp || distS[p] !== level) continue;
        step = p;
        left -= sigmaS[p];
        if (left < 0) break;
      }
      x = step;
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
