/**
 * Dense reference solutions for the input-output tests: Gaussian elimination with partial pivoting on
 * plain arrays, and the Leontief/Ghosh matrices of a (small) snapshot built entry by entry.
 */
import type { Snapshot } from '../../../server/analytics/snapshot.ts';

export type Matrix = number[][];

export function identity(n: number): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/** Solves M X = B for the columns of B (M is copied); throws on a singular M. */
export function solveMany(M: Matrix, B: Matrix): Matrix {
  const n = M.length;
  const k = B[0]?.length ?? 0;
  const a = M.map((row, i) => [...row, ...B[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    if (Math.abs(a[pivot][c]) < 1e-300) throw new Error('dense solve: singular matrix');
    [a[c], a[pivot]] = [a[pivot], a[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      if (f === 0) continue;
      for (let q = c; q < n + k; q++) a[r][q] -= f * a[c][q];
    }
  }
  return a.map((row, i) => row.slice(n).map((v) => v / row[i]));
}

export function solve(M: Matrix, b: readonly number[]): number[] {
  return solveMany(
    M,
    b.map((v) => [v]),
  ).map((row) => row[0]);
}

export function inverse(M: Matrix): Matrix {
  return solveMany(M, identity(M.length));
}

export function transpose(M: Matrix): Matrix {
  return M[0] ? M[0].map((_, j) => M.map((row) => row[j])) : [];
}

export function matVec(M: Matrix, v: ArrayLike<number>): number[] {
  return M.map((row) => row.reduce((s, m, j) => s + m * v[j], 0));
}

export function subtract(P: Matrix, Q: Matrix): Matrix {
  return P.map((row, i) => row.map((v, j) => v - Q[i][j]));
}

/** z_ij of the snapshot as a dense matrix. */
export function flowMatrix(s: Snapshot): Matrix {
  const z = Array.from({ length: s.n }, () => new Array<number>(s.n).fill(0));
  for (let i = 0; i < s.n; i++) {
    for (let p = s.outOffsets[i]; p < s.outOffsets[i + 1]; p++) z[i][s.outTargets[p]] += s.outValues[p];
  }
  return z;
}

/** A = Z x̂⁻¹ (input coefficients). */
export function inputCoefficients(s: Snapshot): Matrix {
  return flowMatrix(s).map((row) => row.map((z, j) => z / s.revenue[j]));
}

/** B = x̂⁻¹ Z (output coefficients). */
export function outputCoefficients(s: Snapshot): Matrix {
  return flowMatrix(s).map((row, i) => row.map((z) => z / s.revenue[i]));
}

export function leontiefInverse(s: Snapshot): Matrix {
  return inverse(subtract(identity(s.n), inputCoefficients(s)));
}

export function ghoshInverse(s: Snapshot): Matrix {
  return inverse(subtract(identity(s.n), outputCoefficients(s)));
}

/** max_i |actual_i − expected_i| / max_i |expected_i|. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return scale === 0 ? diff : diff / scale;
}
