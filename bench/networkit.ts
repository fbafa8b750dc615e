/**
 * Baselines from Python (bench only): networkit's betweenness on the same graph, when BENCH_PYTHON names a
 * Python with networkit and numpy (python3 -m venv .venv-bench && .venv-bench/bin/pip install igraph networkit numpy).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Snapshot } from '../server/analytics/snapshot.ts';

/**
 * networkit's EstimateBetweenness on the same directed graph for each pivot count, when BENCH_PYTHON names a
 * Python with networkit and numpy; null otherwise.
 */
export function networkitBetweenness(s: Snapshot, pivots: number[]): { ms: number; version: string; values: Float64Array }[] | null {
  const python = process.env.BENCH_PYTHON;
  if (!python) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-networkit-'));
  try {
    const file = path.join(dir, 'edges.bin');
    writeEdgeFile(s, file, false);
    const out = execFileSync(python, [path.join(import.meta.dirname, 'python', 'betweenness_networkit.py'), file, String(s.n), ...pivots.map(String)], { encoding: 'utf8' });
    return out.trim().split('\n').map((line, i) => {
      const result = JSON.parse(line) as { ms: number; networkit: string };
      return { ms: result.ms, version: result.networkit, values: readNpy(`${file}.${pivots[i]}.npy`) };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A 1-D float64 .npy file (format 1.0). */
/**
 * The snapshot's links as the Python benches read them: m int32 sources, m int32 targets, and with
 * `values` m float64 flows.
 */
export function writeEdgeFile(s: Snapshot, file: string, values: boolean): void {
  const src = new Int32Array(s.m);
  for (let i = 0; i < s.n; i++) src.fill(i, s.outOffsets[i], s.outOffsets[i + 1]);
  const parts = [Buffer.from(src.buffer), Buffer.from(s.outTargets.buffer, s.outTargets.byteOffset, 4 * s.m)];
  if (values) parts.push(Buffer.from(s.outValues.buffer, s.outValues.byteOffset, 8 * s.m));
  fs.writeFileSync(file, Buffer.concat(parts));
}

export function readNpy(file: string): Float64Array {
  const npy = fs.readFileSync(file);
  const header = npy.readUInt16LE(8);
  return new Float64Array(npy.buffer.slice(npy.byteOffset + 10 + header, npy.byteOffset + npy.length));
}

