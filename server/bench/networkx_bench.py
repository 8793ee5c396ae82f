"""The Python side of `npm run bench -- networkx` (server/bench/networkxBench.ts) and of the
independent check in `npm run eval` (server/eval/networkxCheck.ts): networkx and python-igraph
on graphs exported by the TypeScript side.

usage: python networkx_bench.py JOBS.json
JOBS.json: a list of jobs, each one of
  {"name", "kind": "betweenness", "edges": FILE, "k": int or null, "seed": int,
   "library": "networkx" (default) or "igraph", "sources": FILE?, "out": FILE?}
      networkx: betweenness_centrality(G, k, normalized=True); with "sources" (one node per
      line) betweenness_centrality_subset(G, sources, all nodes, normalized=False) instead.
      igraph: Graph.betweenness(directed=False), normalised by (n-1)(n-2)/2 (exact only).
  {"name", "kind": "louvain", "edges": FILE, "seed": int, "ours": FILE}
  {"name", "kind": "constraint", "edges": FILE, "nodes": FILE, "out": FILE}
      networkx.constraint(G, nodes, weight="weight"); "nan" for a node with no tie.
  {"name", "kind": "articulation", "edges": FILE, "out": FILE}
      networkx.articulation_points(G), sorted, one per line.
  {"name", "kind": "structure", "edges": FILE}
      what the exact speed-ups by graph reduction could remove: nodes outside the 2-core
      (degree-1 folding), and the largest biconnected component (articulation splitting).
An edge file: first line the node count n (nodes are 0..n-1), then "u v w" per edge.
`ours` holds our community of each node, one per line. Prints one JSON object per job on
stdout; reading and building the graph is not timed, only the algorithm.
"""

import json
import math
import sys
import time

import networkx as nx


def read_edges(path):
    with open(path) as f:
        n = int(f.readline())
        edges = []
        for line in f:
            u, v, w = line.split()
            edges.append((int(u), int(v), float(w)))
    return n, edges


def read_graph(path):
    n, edges = read_edges(path)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(edges)
    return g


def read_ints(path):
    with open(path) as f:
        return [int(x) for x in f.read().split()]


def write_values(path, values):
    with open(path, "w") as f:
        f.write("\n".join(v if isinstance(v, str) else repr(v) for v in values))


def betweenness(job, res):
    if job.get("library") == "igraph":
        import igraph as ig

        n, edges = read_edges(job["edges"])
        g = ig.Graph(n=n, edges=[(u, v) for u, v, _ in edges])
        res["library"] = f"python-igraph {ig.__version__}"
        t0 = time.perf_counter()
        raw = g.betweenness(directed=False)
        res["ms"] = (time.perf_counter() - t0) * 1000
        norm = (n - 1) * (n - 2) / 2 if n > 2 else 1
        values = [b / norm for b in raw]
    else:
        g = read_graph(job["edges"])
        n = g.number_of_nodes()
        res["library"] = f"networkx {nx.__version__}"
        sources = read_ints(job["sources"]) if job.get("sources") else None
        t0 = time.perf_counter()
        if sources is not None:
            bc = nx.betweenness_centrality_subset(g, sources, list(g), normalized=False)
        else:
            bc = nx.betweenness_centrality(g, k=job.get("k"), normalized=True, seed=job["seed"])
        res["ms"] = (time.perf_counter() - t0) * 1000
        values = [bc[i] for i in range(n)]
    res["n"] = n
    if job.get("out"):
        write_values(job["out"], values)


def main():
    with open(sys.argv[1]) as f:
        jobs = json.load(f)
    for job in jobs:
        res = {"name": job["name"], "kind": job["kind"], "networkx": nx.__version__}
        kind = job["kind"]
        if kind == "betweenness":
            betweenness(job, res)
        elif kind == "louvain":
            g = read_graph(job["edges"])
            res["n"], res["m"] = g.number_of_nodes(), g.number_of_edges()
            t0 = time.perf_counter()
            comms = nx.community.louvain_communities(g, weight="weight", resolution=1, seed=job["seed"])
            res["ms"] = (time.perf_counter() - t0) * 1000
            res["communities"] = len(comms)
            res["modularity"] = nx.community.modularity(g, comms, weight="weight")
            groups = {}
            with open(job["ours"]) as f:
                for i, line in enumerate(f):
                    groups.setdefault(line.strip(), set()).add(i)
            res["oursCommunities"] = len(groups)
            res["oursModularity"] = nx.community.modularity(g, list(groups.values()), weight="weight")
        elif kind == "constraint":
            g = read_graph(job["edges"])
            nodes = read_ints(job["nodes"])
            t0 = time.perf_counter()
            c = nx.constraint(g, nodes=nodes, weight="weight")
            res["ms"] = (time.perf_counter() - t0) * 1000
            write_values(job["out"], [c[v] if not math.isnan(c[v]) else "nan" for v in nodes])
        elif kind == "articulation":
            g = read_graph(job["edges"])
            t0 = time.perf_counter()
            points = sorted(nx.articulation_points(g))
            res["ms"] = (time.perf_counter() - t0) * 1000
            write_values(job["out"], points)
        elif kind == "structure":
            g = read_graph(job["edges"])
            g.remove_nodes_from(list(nx.isolates(g)))
            res["n"] = g.number_of_nodes()
            res["outside2core"] = res["n"] - nx.k_core(g, 2).number_of_nodes()
            res["largestBiconnected"] = max((len(c) for c in nx.biconnected_components(g)), default=0)
            res["ms"] = 0
        else:
            raise ValueError(f"unknown job kind {kind}")
        print(json.dumps(res), flush=True)


if __name__ == "__main__":
    main()
