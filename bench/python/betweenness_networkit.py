"""Betweenness baseline for bench/structure.bench.ts: networkit's EstimateBetweenness on the same directed graph.

usage: python betweenness_networkit.py EDGES_FILE N PIVOTS...
EDGES_FILE holds M int32 sources, then M int32 targets (little-endian). networkit's KadabraBetweenness and
ApproxBetweenness refuse directed graphs; EstimateBetweenness (Sanders, Geisberger & Schultes 2008: pivot
sources, contributions scaled by distance) takes them. One thread, as ours runs on one.
For each PIVOTS value: writes the normalised values to EDGES_FILE.<pivots>.npy and prints one JSON line.
"""
import json
import sys
import time

import networkit as nk
import numpy as np

path, n, pivots = sys.argv[1], int(sys.argv[2]), [int(k) for k in sys.argv[3:]]
raw = np.fromfile(path, dtype=np.int32)
m = len(raw) // 2
nk.setNumberOfThreads(1)
nk.engineering.setSeed(1, False)

t = time.perf_counter()
graph = nk.Graph(n, directed=True)
graph.addEdges((raw[:m].astype(np.uint64), raw[m:].astype(np.uint64)))
build_ms = (time.perf_counter() - t) * 1000

for k in pivots:
    t = time.perf_counter()
    estimate = nk.centrality.EstimateBetweenness(graph, k, normalized=True, parallel=False)
    estimate.run()
    ms = (time.perf_counter() - t) * 1000
    np.save(f"{path}.{k}.npy", np.asarray(estimate.scores(), dtype=np.float64))
    print(json.dumps({"pivots": k, "ms": ms, "buildMs": build_ms, "networkit": nk.__version__}), flush=True)
