"""PageRank baseline for bench/structure.bench.ts: python-igraph (PRPACK) on the same weighted graph.

usage: python pagerank_igraph.py EDGES_FILE N REPEATS
EDGES_FILE holds M int32 sources, then M int32 targets, then M float64 weights (little-endian).
Prints one JSON line: build and pagerank times (median of REPEATS, wall ms) and the ranks' checksum.
"""
import json
import sys
import time

import igraph
import numpy as np

path, n, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
raw = np.fromfile(path, dtype=np.uint8)
m = len(raw) // 16
src = raw[: 4 * m].view(np.int32)
dst = raw[4 * m : 8 * m].view(np.int32)
weights = raw[8 * m :].view(np.float64)

t = time.perf_counter()
graph = igraph.Graph(n=n, edges=np.column_stack((src, dst)).tolist(), directed=True)
graph.es["weight"] = weights.tolist()
build_ms = (time.perf_counter() - t) * 1000

runs = []
ranks = None
for _ in range(repeats):
    t = time.perf_counter()
    ranks = graph.pagerank(damping=0.85, weights="weight", implementation="prpack")
    runs.append((time.perf_counter() - t) * 1000)
runs.sort()
np.save(path + ".ranks.npy", np.asarray(ranks))
print(json.dumps({"buildMs": build_ms, "ms": runs[len(runs) // 2], "igraph": igraph.__version__}))
