#!/usr/bin/env python3
"""Peer for graph_bench: strongly connected components of the same guarantee edge list with
networkx (Tarjan/Nuutila in pure Python). Reads 'from<TAB>to' lines, prints
'seconds <load+scc> components_ge2 <n> members <m>'."""
import sys
import time

import networkx as nx

start = time.perf_counter()
graph = nx.DiGraph()
with open(sys.argv[1]) as edges:
    for line in edges:
        a, b = line.split("\t")
        graph.add_edge(int(a), int(b))
loaded = time.perf_counter()
circles = [c for c in nx.strongly_connected_components(graph) if len(c) >= 2]
done = time.perf_counter()
print("seconds %.6f scc_seconds %.6f components_ge2 %d members %d"
      % (done - start, done - loaded, len(circles), sum(len(c) for c in circles)))
