#!/usr/bin/python3
"""networkx-check.py — Weft's metrics recomputed independently with NetworkX.

check CLI FABRIC...   For each fabric: export GraphML with `weft-cli convert`,
                      read `weft-cli metrics --json --split`, recompute the
                      switch-hop and link-hop statistics over every GPU pair in
                      different servers and the max-flow across the reported
                      split, and fail on any difference. TAP output.
bench GRAPHML SPLIT   Time NetworkX on a fabric without scale-up (one BFS per
                      leaf, weighted by its GPUs, and the max-flow across the
                      split listed one GPU name per line in SPLIT). Prints the
                      seconds taken.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter

import networkx as nx


def read_fabric(path):
    """The GraphML as a simple graph, parallel records merged."""
    multi = nx.read_graphml(path, force_multigraph=True)
    graph = nx.Graph()
    graph.add_nodes_from(multi.nodes(data=True))
    for a, b, data in multi.edges(data=True):
        if graph.has_edge(a, b):
            graph[a][b]["capacity"] += data["capacity_gbps"]
        else:
            graph.add_edge(a, b, capacity=data["capacity_gbps"])
    return graph


def server_of(graph, node):
    server = graph.nodes[node].get("server", -1)
    return server if server >= 0 else "own:" + node


def hop_statistics(graph):
    """Switch hops: switches on the path (GPUs relay for free); link hops: links."""
    gpus = [n for n, d in graph.nodes(data=True) if d["kind"] == "gpu"]
    is_switch = {n: d["kind"] != "gpu" for n, d in graph.nodes(data=True)}

    def switch_weight(a, b, _):
        return (is_switch[a] + is_switch[b]) / 2

    switch_hist, link_hist, unreachable = Counter(), Counter(), 0
    for source in gpus:
        switch = nx.single_source_dijkstra_path_length(graph, source, weight=switch_weight)
        links = nx.single_source_shortest_path_length(graph, source)
        for target in gpus:
            if target == source or server_of(graph, source) == server_of(graph, target):
                continue
            if target not in switch:
                unreachable += 1
                continue
            switch_hist[round(switch[target])] += 1
            link_hist[links[target]] += 1
    return switch_hist, link_hist, unreachable


def split_flow(graph, side_a):
    """Max-flow between the GPUs of side A and the other GPUs, switches free."""
    flow = graph.copy()
    side_a = set(side_a)
    for n, d in graph.nodes(data=True):
        if d["kind"] == "gpu":
            if n in side_a:
                flow.add_edge("__source__", n, capacity=float("inf"))
            else:
                flow.add_edge(n, "__sink__", capacity=float("inf"))
    return nx.maximum_flow_value(flow, "__source__", "__sink__")


def histogram_list(counter):
    if not counter:
        return []
    return [counter.get(h, 0) for h in range(max(counter) + 1)]


def check(cli, fabrics):
    failures = 0
    print("1..%d" % len(fabrics))
    with tempfile.TemporaryDirectory() as tmp:
        for number, fabric in enumerate(fabrics, 1):
            graphml = os.path.join(tmp, "fabric.graphml")
            subprocess.run([cli, "convert", fabric, "-o", graphml], check=True)
            out = subprocess.run([cli, "metrics", "--json", "--split", fabric],
                                 check=True, capture_output=True, text=True).stdout
            weft = json.loads(out)
            graph = read_fabric(graphml)
            switch_hist, link_hist, unreachable = hop_statistics(graph)
            flow = split_flow(graph, weft["bisection"]["split"])
            problems = []
            if histogram_list(switch_hist) != weft["hops"]["histogram"]:
                problems.append("switch hops %s != %s" % (histogram_list(switch_hist), weft["hops"]["histogram"]))
            if histogram_list(link_hist) != weft["link_hops"]["histogram"]:
                problems.append("link hops %s != %s" % (histogram_list(link_hist), weft["link_hops"]["histogram"]))
            if unreachable != weft["unreachable_pairs"]:
                problems.append("unreachable %d != %d" % (unreachable, weft["unreachable_pairs"]))
            pairs = sum(switch_hist.values())
            mean = sum(h * n for h, n in switch_hist.items()) / pairs if pairs else 0
            if abs(mean - weft["hops"]["mean"]) > 1e-9 or max(switch_hist, default=0) != weft["hops"]["max"]:
                problems.append("switch hop mean/max %.6f/%d != %.6f/%d"
                                % (mean, max(switch_hist, default=0), weft["hops"]["mean"], weft["hops"]["max"]))
            if abs(flow - weft["bisection"]["split_gbps"]) > 1e-6 * max(1, flow):
                problems.append("max-flow across the split %.3f != %.3f" % (flow, weft["bisection"]["split_gbps"]))
            name = os.path.basename(fabric)
            if problems:
                failures += 1
                print("not ok %d %s" % (number, name))
                for p in problems:
                    print("# " + p)
            else:
                print("ok %d %s: %d pairs, max %d switch hops, split %.0f Gb/s"
                      % (number, name, pairs, weft["hops"]["max"], flow))
    return 1 if failures else 0


def bench(graphml, split_file):
    graph = read_fabric(graphml)
    with open(split_file) as f:
        side_a = [line.strip() for line in f if line.strip()]
    start = time.monotonic()
    # One BFS per leaf: the GPUs under a leaf share their distances.
    under = Counter()
    leaf_of = {}
    for n, d in graph.nodes(data=True):
        if d["kind"] == "gpu":
            (leaf,) = graph.neighbors(n)
            under[leaf] += 1
            leaf_of[n] = leaf
    switch_hist = Counter()
    for leaf, count in under.items():
        lengths = nx.single_source_shortest_path_length(graph, leaf)
        for other, other_count in under.items():
            pairs = count * other_count - (count if other == leaf else 0)
            switch_hist[lengths[other] + 1] += pairs
    flow = split_flow(graph, side_a)
    elapsed = time.monotonic() - start
    print("%.3f" % elapsed)
    print("# histogram %s, split %.0f Gb/s" % (histogram_list(switch_hist), flow), file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2], sys.argv[3:]))
    if len(sys.argv) == 4 and sys.argv[1] == "bench":
        sys.exit(bench(sys.argv[2], sys.argv[3]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
