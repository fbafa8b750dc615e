/**
 * Hypothetical extraction of a firm (Dietzenbacher & van der Linden, "Sectoral and spatial linkages in the
 * EC production structure", J. Regional Science 37, 1997; Miller & Blair, Input-Output Analysis, 2nd ed.,
 * 2009, ch. 12 on linkages): the output the network loses when firm k's row and column are removed from A,
 * final demand of the other firms unchanged.
 *
 * Final demand is the implied one, f = x − Ax (f_i = x_i − Σ_j z_ij, revenue less network sales), so
 * x = (I − A)⁻¹ f reproduces every revenue. With Ā the matrix without row and column k and f̄ = f without
 * f_k, x̄ = (I − Ā)⁻¹ f̄ and the total loss is T_k = Σ_i x_i − Σ_{i≠k} x̄_i.
 * Instead of solving for x̄ from scratch: for i ≠ k, x_i − Σ_{j≠k} a_ij x_j = f_i + a_ik x_k = f_i + z_ik,
 * so δ = x − x̄ solves (I − Ā) δ = z_{·k} (k's purchases) and
 *   T_k = x_k + Σ_i δ_i      (the firm's own output + the loss it pulls from its suppliers, upstream),
 * one sparse series per extracted firm, started from that firm's suppliers only. Its relative L1 residual
 * and error bound are those of leontief.ts (‖Ā‖₁ ≤ ‖A‖₁ < 1); lossPercent = 100·T_k / Σ_i x_i.
 * Removing the row as well as the column changes nothing else here: with final demand fixed, what k sold
 * to other firms is no longer produced by k, whose output is counted as lost in full.
 */
import type { Snapshot } from './snapshot.ts';
import { UnknownFirmError } from './errors.ts';
import {
  applyA,
  checkSeriesOptions,
  leontiefContraction,
  neumannSeries,
  SERIES_DEFAULTS,
  type SeriesOptions,
} from './leontief.ts';

export type ExtractionOptions = SeriesOptions;

export const EXTRACTION_DEFAULTS: Readonly<ExtractionOptions> = SERIES_DEFAULTS;

export interface ExtractionLoss {
  id: string;
  name: string;
  nameKo: string | null;
  /** T_k, KRW million. */
  loss: number;
  /** x_k, the extracted firm's own output. */
  ownOutput: number;
  /** T_k − x_k, the output its suppliers (directly and further upstream) lose. */
  upstreamLoss: number;
  /** 100·T_k / Σ_i x_i. */
  lossPercent: number;
  iterations: number;
  residual: number;
  errorBound: number;
}

export interface ExtractionResult {
  /** Σ_i x_i of the whole network. */
  totalOutput: number;
  firms: ExtractionLoss[];
}

/** The extraction loss of each listed firm, extracted one at a time (in the order given). */
export function hypotheticalExtraction(
  snapshot: Snapshot,
  firmIds: readonly string[],
  options: Partial<ExtractionOptions> = {},
): ExtractionResult {
  const caller = 'hypotheticalExtraction';
  const settings = { ...EXTRACTION_DEFAULTS, ...options };
  checkSeriesOptions(settings, caller);
  const contraction = leontiefContraction(snapshot, caller);
  const targets = firmIds.map((id) => {
    const k = snapshot.index.get(id);
    if (k === undefined) throw new UnknownFirmError(caller, id);
    return k;
  });

  const { n, revenue, inOffsets, inSources, inValues } = snapshot;
  let totalOutput = 0;
  for (let i = 0; i < n; i++) totalOutput += revenue[i];

  const firms = targets.map((k): ExtractionLoss => {
    const purchases = new Float64Array(n);
    for (let p = inOffsets[k]; p < inOffsets[k + 1]; p++) purchases[inSources[p]] += inValues[p];
    const solution = neumannSeries(
      {
        caller,
        apply: (t, out) => {
          applyA(snapshot, t, out);
          out[k] = 0;
        },
        b: purchases,
        norm: 'l1',
        contraction,
      },
      settings,
    );
    let upstreamLoss = 0;
    for (let i = 0; i < n; i++) upstreamLoss += solution.x[i];
    const loss = revenue[k] + upstreamLoss;
    return {
      id: snapshot.ids[k],
      name: snapshot.names[k],
      nameKo: snapshot.namesKo[k],
      loss,
      ownOutput: revenue[k],
      upstreamLoss,
      lossPercent: (100 * loss) / totalOutput,
      iterations: solution.iterations,
      residual: solution.residual,
      errorBound: solution.errorBound,
    };
  });
  return { totalOutput, firms };
}
