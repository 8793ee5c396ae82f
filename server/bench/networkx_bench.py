"""networkx side of `npm run bench -- networkx` (server/bench/networkxBench.ts).

usage: python networkx_bench.py JOBS.json
JOBS.json: a list of jobs, each
  {"name", "kind": "betweenness", "edges": FILE, "k": int or null, "seed": int, "out": FILE?}
  {"name", "kind": "louvain", "edges": FILE, "seed": int, "ours": FILE}
An edge file: first line the node count n (nodes are 0..n-1), then "u v w" per edge.
`ours` holds our community of each node, one per line. Prints one JSON object per job on
stdout; graph building is not timed, only the algorithm.
"""

import json
import sys
import time

import networkx as nx


def read_graph(path):
    g = nx.Graph()
    with open(path) as f:
        n = int(f.readline())
        g.add_nodes_from(range(n))
        edges = []
        for line in f:
            u, v, w = line.split()
            edges.append((int(u), int(v), float(w)))
    g.add_weighted_edges_from(edges)
    return g


def main():
    with open(sys.argv[1]) as f:
        jobs = json.load(f)
    for job in jobs:
        g = read_graph(job["edges"])
        res = {"name": job["name"], "kind": job["kind"], "n": g.number_of_nodes(), "m": g.number_of_edges(),
               "networkx": nx.__version__}
        if job["kind"] == "betweenness":
            k = job.get("k")
            t0 = time.perf_counter()
            bc = nx.betweenness_centrality(g, k=k, normalized=True, seed=job["seed"])
            res["ms"] = (time.perf_counter() - t0) * 1000
            if job.get("out"):
                with open(job["out"], "w") as f:
                    f.write("\n".join(repr(bc[i]) for i in range(g.number_of_nodes())))
        elif job["kind"] == "louvain":
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
        print(json.dumps(res), flush=True)


if __name__ == "__main__":
    main()
