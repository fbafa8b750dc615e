/**
 * Supply disruption: a set D of firms stops supplying, each losing a capacity share s_i ∈ (0, 1].
 *
 * Direct exposure of buyer j (what it loses from D itself):
 *   lostInputs_j = Σ_{i∈D} s_i z_ij,  exposure_j = lostInputs_j / P_j (P_j = Σ_i z_ij, its network
 *   purchases; 0 when P_j = 0),  exposureOfRevenue_j = lostInputs_j / x_j.
 *
 * Propagation downstream (Ghosh-style: losses travel from suppliers to buyers with the flows). Every firm
 * has an output-loss share d_j ∈ [0, 1]; a supplier that loses d_i of its output delivers d_i less of every
 * sale (proportional rationing), and a buyer loses the same share of its output as of its inputs, and passes
 * it on. Which inputs count is the `basis`:
 *   'revenue' (default)  e_j = Σ_i d_i z_ij / x_j   share of total inputs (network purchases + value added
 *                                                   = x_j) lost: a won of lost inputs is a won of lost
 *                                                   output; the linear Ghosh push, capped
 *   'purchases'          e_j = Σ_i d_i z_ij / P_j   share of network inputs lost: network inputs are
 *                                                   complements and value added shrinks with them; the
 *                                                   pessimistic reading (= 'revenue' scaled by x_j / P_j)
 *   d_j = min(1, max(s_j, e_j))   s_j = 0 outside D; a disrupted firm is held back by the tighter of its
 *                                 capacity loss and its own input loss
 * The least fixed point is reached by iterating from d = s (Jacobi; monotone non-decreasing, so it never
 * overshoots), stopping when no d_j changes by more than `tolerance` (absolute; shares are in [0, 1]);
 * maxIterations without that throws. Under 'revenue' the map contracts by max_j P_j/x_j < 1 (the
 * accounting rule) and converges in a few dozen iterations. Under 'purchases' it need not contract: e_j is
 * a weighted mean of the suppliers' d_i, so in a strongly connected network the loss spreads like a random
 * walk upstream until it meets D or a firm without network purchases — slowly, and far (on the generated
 * 100,000-firm network one large supplier's stop took thousands of iterations and cost tens of times the
 * 'revenue' loss); use it on small or acyclic sub-networks. In both bases e_j ≤ max_i d_i, so the cap at 1
 * only guards rounding. outputLoss_j = d_j·x_j; `hop` is the number of supply steps from D (0 for D itself).
 *
 * Single-source dependencies: a buyer j of a disrupted firm i, with share_ij = z_ij / P_j, is listed when
 *   soleInSector — i is j's only supplier in i's KSIC division, or
 *   dominant     — share_ij ≥ dominantShare (default 0.5, half of j's network purchases).
 */
import type { Snapshot } from './snapshot.ts';
import { AnalyticsInputError, NonConvergenceError, UnknownFirmError } from './errors.ts';
import { interFirmFlows, leontiefContraction } from './leontief.ts';

export interface Disruption {
  firmId: string;
  /** Share of the firm's capacity lost, in (0, 1]; 1 when omitted. */
  share?: number;
}

export interface DisruptionOptions {
  basis: 'purchases' | 'revenue';
  dominantShare: number;
  tolerance: number;
  maxIterations: number;
}

export const DISRUPTION_DEFAULTS: Readonly<DisruptionOptions> = {
  basis: 'revenue',
  dominantShare: 0.5,
  tolerance: 1e-10,
  maxIterations: 1000,
};

export interface DisruptedFirmEffect {
  id: string;
  name: string;
  nameKo: string | null;
  disrupted: boolean;
  lostInputs: number;
  exposure: number;
  exposureOfRevenue: number;
  outputLossShare: number;
  outputLoss: number;
  hop: number;
}

export interface SingleSourceDependency {
  buyerId: string;
  supplierId: string;
  /** The supplier's KSIC division. */
  sector: string;
  value: number;
  share: number;
  soleInSector: boolean;
  dominant: boolean;
}

export interface DisruptionResult {
  basis: DisruptionOptions['basis'];
  totals: {
    /** Σ_{i∈D} s_i Σ_j z_ij: supplies lost directly. */
    lostSupplies: number;
    /** Σ_j d_j x_j over all firms. */
    outputLoss: number;
    /** Σ_{j∈D} d_j x_j. */
    disruptedOutputLoss: number;
    /** outputLoss − disruptedOutputLoss. */
    downstreamOutputLoss: number;
  };
  /** Every firm with d_j > 0 or direct exposure, by outputLoss descending (ties by snapshot order). */
  firms: DisruptedFirmEffect[];
  singleSource: SingleSourceDependency[];
  iterations: number;
  /** Largest change of any d_j in the last iteration. */
  residual: number;
}

export function disruption(
  snapshot: Snapshot,
  disruptions: readonly Disruption[],
  options: Partial<DisruptionOptions> = {},
): DisruptionResult {
  const caller = 'disruption';
  const settings = { ...DISRUPTION_DEFAULTS, ...options };
  checkOptions(settings);
  const capacityLoss = capacityLossVector(snapshot, disruptions);
  const { purchases } = interFirmFlows(snapshot, caller);
  if (settings.basis === 'revenue') leontiefContraction(snapshot, caller);

  const { n, revenue, inOffsets, inSources, inValues, outOffsets, outTargets, outValues } = snapshot;
  const denominator = settings.basis === 'purchases' ? purchases : revenue;

  let lostSupplies = 0;
  const lostInputs = new Float64Array(n);
  const hop = new Int32Array(n).fill(-1);
  const frontier: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = capacityLoss[i];
    if (s === 0) continue;
    hop[i] = 0;
    frontier.push(i);
    for (let p = outOffsets[i]; p < outOffsets[i + 1]; p++) {
      lostInputs[outTargets[p]] += s * outValues[p];
      lostSupplies += s * outValues[p];
    }
  }
  downstreamHops(snapshot, hop, frontier);

  let loss = Float64Array.from(capacityLoss);
  let next = new Float64Array(n);
  let iterations = 0;
  let residual = 0;
  for (;;) {
    residual = 0;
    for (let j = 0; j < n; j++) {
      let d = capacityLoss[j];
      if (hop[j] >= 0 && denominator[j] > 0) {
        let lost = 0;
        for (let p = inOffsets[j], end = inOffsets[j + 1]; p < end; p++) lost += loss[inSources[p]] * inValues[p];
        const e = lost / denominator[j];
        if (e > d) d = e < 1 ? e : 1;
      }
      next[j] = d;
      const change = Math.abs(d - loss[j]);
      if (change > residual) residual = change;
    }
    const swap = loss;
    loss = next;
    next = swap;
    iterations++;
    if (residual <= settings.tolerance) break;
    if (iterations >= settings.maxIterations) {
      throw new NonConvergenceError(caller, iterations, residual, settings.tolerance);
    }
  }

  const affected: number[] = [];
  let outputLoss = 0;
  let disruptedOutputLoss = 0;
  for (let j = 0; j < n; j++) {
    if (loss[j] === 0 && lostInputs[j] === 0) continue;
    affected.push(j);
    outputLoss += loss[j] * revenue[j];
    if (capacityLoss[j] > 0) disruptedOutputLoss += loss[j] * revenue[j];
  }
  affected.sort((a, b) => loss[b] * revenue[b] - loss[a] * revenue[a] || a - b);
  const firms = affected.map(
    (j): DisruptedFirmEffect => ({
      id: snapshot.ids[j],
      name: snapshot.names[j],
      nameKo: snapshot.namesKo[j],
      disrupted: capacityLoss[j] > 0,
      lostInputs: lostInputs[j],
      exposure: purchases[j] > 0 ? lostInputs[j] / purchases[j] : 0,
      exposureOfRevenue: lostInputs[j] / revenue[j],
      outputLossShare: loss[j],
      outputLoss: loss[j] * revenue[j],
      hop: hop[j],
    }),
  );

  return {
    basis: settings.basis,
    totals: {
      lostSupplies,
      outputLoss,
      disruptedOutputLoss,
      downstreamOutputLoss: outputLoss - disruptedOutputLoss,
    },
    firms,
    singleSource: singleSourceDependencies(snapshot, capacityLoss, purchases, settings.dominantShare),
    iterations,
    residual,
  };
}

function checkOptions(o: DisruptionOptions): void {
  if (o.basis !== 'purchases' && o.basis !== 'revenue') {
    throw new AnalyticsInputError('basis', `disruption: basis must be 'purchases' or 'revenue', got ${o.basis}`);
  }
  if (!(o.dominantShare > 0 && o.dominantShare <= 1)) {
    throw new AnalyticsInputError(
      'dominantShare',
      `disruption: dominantShare must be in (0, 1], got ${o.dominantShare}`,
    );
  }
  if (!(o.tolerance > 0 && o.tolerance < 1)) {
    throw new AnalyticsInputError('tolerance', `disruption: tolerance must be in (0, 1), got ${o.tolerance}`);
  }
  if (!(Number.isInteger(o.maxIterations) && o.maxIterations > 0)) {
    throw new AnalyticsInputError(
      'maxIterations',
      `disruption: maxIterations must be a positive integer, got ${o.maxIterations}`,
    );
  }
}

function capacityLossVector(snapshot: Snapshot, disruptions: readonly Disruption[]): Float64Array {
  if (!Array.isArray(disruptions) || disruptions.length === 0) {
    throw new AnalyticsInputError('disruptions', 'disruption: disruptions must list at least one {firmId, share?}');
  }
  const s = new Float64Array(snapshot.n);
  disruptions.forEach((d, k) => {
    const i = snapshot.index.get(d?.firmId);
    if (i === undefined) throw new UnknownFirmError('disruption', String(d?.firmId));
    const share = d.share ?? 1;
    if (!(typeof share === 'number' && share > 0 && share <= 1)) {
      throw new AnalyticsInputError(
        `disruptions[${k}].share`,
        `disruption: disruptions[${k}].share must be in (0, 1], got ${share}`,
      );
    }
    if (s[i] !== 0) {
      throw new AnalyticsInputError(`disruptions[${k}].firmId`, `disruption: firm "${d.firmId}" is listed twice`);
    }
    s[i] = share;
  });
  return s;
}

/** Breadth-first along supplier → buyer links: hop[j] = supply steps from the nearest disrupted firm. */
function downstreamHops(snapshot: Snapshot, hop: Int32Array, frontier: number[]): void {
  const { outOffsets, outTargets } = snapshot;
  let current = frontier;
  for (let h = 1; current.length > 0; h++) {
    const following: number[] = [];
    for (const i of current) {
      for (let p = outOffsets[i]; p < outOffsets[i + 1]; p++) {
        const j = outTargets[p];
        if (hop[j] < 0) {
          hop[j] = h;
          following.push(j);
        }
      }
    }
    current = following;
  }
}

function singleSourceDependencies(
  snapshot: Snapshot,
  capacityLoss: Float64Array,
  purchases: Float64Array,
  dominantShare: number,
): SingleSourceDependency[] {
  const { n, outOffsets, outTargets, outValues, inOffsets, inSources, sector } = snapshot;
  const found: SingleSourceDependency[] = [];
  for (let i = 0; i < n; i++) {
    if (capacityLoss[i] === 0) continue;
    const division = sector.codes[i];
    for (let p = outOffsets[i]; p < outOffsets[i + 1]; p++) {
      const j = outTargets[p];
      let soleInSector = true;
      for (let q = inOffsets[j]; q < inOffsets[j + 1]; q++) {
        const k = inSources[q];
        if (k !== i && sector.codes[k] === division) {
          soleInSector = false;
          break;
        }
      }
      const share = purchases[j] > 0 ? outValues[p] / purchases[j] : 0;
      const dominant = share >= dominantShare;
      if (!soleInSector && !dominant) continue;
      found.push({
        buyerId: snapshot.ids[j],
        supplierId: snapshot.ids[i],
        sector: sector.labels[division],
        value: outValues[p],
        share,
        soleInSector,
        dominant,
      });
    }
  }
  return found.sort((a, b) => b.share - a.share || (a.buyerId < b.buyerId ? -1 : a.buyerId > b.buyerId ? 1 : 0));
}
