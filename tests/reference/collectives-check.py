#!/usr/bin/python3
"""collectives-check.py — Weft's collectives recomputed independently from the GraphML export.

check CLI FABRIC...   For each fabric (a fabric file, or "generate:ARCH --opt value ..."
                      to have `weft-cli generate` build one): export GraphML with
                      `weft-cli convert`, run `weft-cli collective --json --loads` for
                      each op and algorithm (and auto, and a few groups), and recompute from the
                      GraphML and the catalog JSON alone, flow by flow as docs/DESIGN.md
                      ("Collectives and the training step") says, the bytes on every
                      link direction and the time, latency and transfer parts. Fails on
                      a relative difference above 1e-6. TAP output, one test point per
                      fabric, op, algorithm and group, and one for the tree's step count.

The GraphML gives no latencies: switch latencies come from the part ids in
data/catalog/switches.json, link latencies from the media part ids in
data/catalog/media.json and its propagation delays, as the metrics take them
(twice the media's latency_ns plus length × propagation, fibre speed for a
link no medium reaches).
"""

import json
import os
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import deque

import networkx as nx

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
OPTICAL = {"aoc", "dsp", "lpo", "lro", "cpo"}
TOLERANCE = 1e-6
SIZE = 1 << 30

# Every op with every algorithm the spec's table gives it, on every GPU;
# then a few on smaller groups (--group, --peers), skipped where empty.
RUNS = [
    ("all-reduce", "ring", None, None), ("all-reduce", "hierarchical", None, None),
    ("all-reduce", "tree", None, None),
    ("reduce-scatter", "ring", None, None), ("reduce-scatter", "hierarchical", None, None),
    ("all-gather", "ring", None, None), ("all-gather", "hierarchical", None, None),
    ("all-to-all", "direct", None, None),
    ("broadcast", "ring", None, None),
    ("all-reduce", "ring", "rail:1", None), ("all-reduce", "hierarchical", "server:0-1", None),
    ("all-to-all", "direct", "server:1-2", None),
    ("send-recv", "direct", "server:0", "server:1"),
    ("all-reduce", "auto", None, None), ("all-gather", "auto", "server:0-1", None),
]
ALGORITHMS = ("ring", "hierarchical", "tree", "direct")
BUS_FACTOR = {
    "all-reduce": lambda n: 2 * (n - 1) / n,
    "reduce-scatter": lambda n: (n - 1) / n,
    "all-gather": lambda n: (n - 1) / n,
    "all-to-all": lambda n: (n - 1) / n,
    "broadcast": lambda n: 1,
    "send-recv": lambda n: 1,
}


def as_float32(x):
    """Weft keeps lengths as floats and writes the shortest text that reads back as one."""
    return struct.unpack("f", struct.pack("f", x))[0]


def load_catalog(root):
    catalog = os.path.join(root, "data", "catalog")
    with open(os.path.join(catalog, "switches.json")) as f:
        switches = {s["id"]: s["latency_ns"] for s in json.load(f)["switches"]}
    with open(os.path.join(catalog, "media.json")) as f:
        media_file = json.load(f)
    media = {m["id"]: (m["latency_ns"], m["medium"]) for m in media_file["media"]}
    propagation = media_file["propagation_ns_per_m"]
    return switches, media, propagation["fiber"], propagation["copper"]


class Fabric:
    """The GraphML export: nodes and link records in the fabric's order."""

    def __init__(self, path, catalog):
        switches, media, fiber, copper = catalog
        # NetworkX for the graph and its components; the edges' order and
        # ends (a = source, b = target) straight from the XML, as a multigraph
        # view of an undirected graph does not keep which end came first.
        self.graph = nx.read_graphml(path, force_multigraph=True)
        edges = ET.parse(path).getroot().find(GRAPHML + "graph").findall(GRAPHML + "edge")
        self.names = list(self.graph.nodes)
        self.index = {name: i for i, name in enumerate(self.names)}
        self.kind = [self.graph.nodes[n]["kind"] for n in self.names]
        self.node_ns = [0.0 if k == "gpu" else switches.get(self.graph.nodes[n]["part"], 0.0)
                        for n, k in zip(self.names, self.kind)]
        self.links = []
        for number, edge in enumerate(edges):
            assert edge.get("id") == "e%d" % number, "edges out of order at %d" % number
            key = edge.get("id")
            a, b = edge.get("source"), edge.get("target")
            data = self.graph.get_edge_data(a, b, key)
            length = as_float32(data["length_m"])
            if data["media_part"] == "none":
                ns = length * fiber
            else:
                latency, medium = media[data["media_part"]]
                ns = 2 * latency + length * (fiber if medium in OPTICAL else copper)
            self.links.append({
                "a": self.index[a], "b": self.index[b], "count": data["count"],
                "scale_up": data["class"] == "scale-up", "ns": ns,
                "capacity": data["speed_gbps"] * data["count"] * 1e9 / 8,
            })
        self.incident = [[] for _ in self.names]
        for i, link in enumerate(self.links):
            self.incident[link["a"]].append(i)
            self.incident[link["b"]].append(i)
        # Domains: components over scale-up links; a GPU without one is its
        # own; every other node is a scale-out switch (-1).
        scale_up = nx.Graph()
        scale_up.add_nodes_from(i for i, k in enumerate(self.kind) if k == "gpu")
        scale_up.add_edges_from((l["a"], l["b"]) for l in self.links if l["scale_up"])
        self.domain = [-1] * len(self.names)
        for number, component in enumerate(nx.connected_components(scale_up)):
            for v in component:
                self.domain[v] = number
        self.gpus = [i for i, k in enumerate(self.kind) if k == "gpu"]
        self.routes = {}

    def group(self, spec):
        """The GPUs of "rail:N", "pod:N", "server:N" or "server:A-B" (inclusive), in node order."""
        if spec is None:
            return self.gpus
        what, value = spec.split(":")
        low, _, high = value.partition("-")
        low, high = int(low), int(high or low)
        return [g for g in self.gpus if low <= self.graph.nodes[self.names[g]][what] <= high]

    def may_cross(self, s, d, link, u, v):
        """The spec's routes: inside a shared domain its scale-up links only;
        otherwise scale-up inside the two domains, out of s's once, between
        scale-out switches, into d's once."""
        ds, dd, du, dv = self.domain[s], self.domain[d], self.domain[u], self.domain[v]
        if self.links[link]["scale_up"]:
            return du == dv and du in (ds, dd)
        if ds == dd:
            return False
        if du == -1 or du == ds:
            return dv == -1 or dv == dd
        return False

    def route(self, s, d):
        """({direction: share}, latency in ns), or None when d is out of reach.
        Direction 2·link is a → b, 2·link + 1 is b → a."""
        if (s, d) in self.routes:
            return self.routes[s, d]
        dist = {d: 0}
        queue = deque([d])
        while queue:
            v = queue.popleft()
            for link in self.incident[v]:
                u = self.links[link]["a"] if self.links[link]["b"] == v else self.links[link]["b"]
                if u not in dist and self.may_cross(s, d, link, u, v):
                    dist[u] = dist[v] + 1
                    queue.append(u)
        if s not in dist:
            self.routes[s, d] = None
            return None
        shares, flow, latency = {}, {s: 1.0}, {s: 0.0}
        frontier = [s]
        for level in range(dist[s], 0, -1):
            following = []
            for u in frontier:
                hops = []
                for link in self.incident[u]:
                    l = self.links[link]
                    v = l["b"] if l["a"] == u else l["a"]
                    if dist.get(v) == level - 1 and self.may_cross(s, d, link, u, v):
                        hops.append((link, v, 2 * link + (0 if l["a"] == u else 1)))
                total = sum(self.links[link]["count"] for link, _, _ in hops)
                for link, v, direction in hops:
                    share = flow[u] * self.links[link]["count"] / total
                    shares[direction] = shares.get(direction, 0.0) + share
                    if v not in flow:
                        flow[v], latency[v] = 0.0, -1.0
                        following.append(v)
                    flow[v] += share
                    latency[v] = max(latency[v],
                                     latency[u] + self.links[link]["ns"] + self.node_ns[v])
            frontier = following
        self.routes[s, d] = (shares, latency[d])
        return self.routes[s, d]


def btree_parent(n, rank):
    """NCCL's ncclGetBtree (src/graph/trees.cc): the rank's lowest set bit b
    places it under (rank ^ b) | 2b, or rank ^ b past the end; 0 is the root."""
    if rank == 0:
        return -1
    bit = rank & -rank
    up = (rank ^ bit) | (bit << 1)
    return up if up < n else rank ^ bit


def dtree_parent(n, tree, rank):
    """ncclGetDtree: the second tree mirrors the first for even n, shifts it by one for odd."""
    if tree == 0:
        return btree_parent(n, rank)
    if n % 2:
        up = btree_parent(n, (rank - 1) % n)
        return -1 if up < 0 else (up + 1) % n
    up = btree_parent(n, n - 1 - rank)
    return -1 if up < 0 else n - 1 - up


def ring(members, share):
    return [(members[i], members[(i + 1) % len(members)], share) for i in range(len(members))]


def steps_of(fabric, op, algo, gpus, peers=None):
    """[(times, flows, rule)] per the spec's table, or None when it does not apply.
    A flow is (source, destination, bytes per byte of size); the rule is
    "max", "sum" (a chain) or ("tree", depth)."""
    n = len(gpus)
    if algo == "ring" and op in ("all-reduce", "reduce-scatter", "all-gather"):
        return [(2 * (n - 1) if op == "all-reduce" else n - 1, ring(gpus, 1 / n), "max")]
    if algo == "ring" and op == "broadcast":
        return [(1, [(gpus[i], gpus[i + 1], 1.0) for i in range(n - 1)], "sum")]
    if algo == "hierarchical" and op in ("all-reduce", "reduce-scatter", "all-gather"):
        domains = {}
        for rank, g in enumerate(gpus):
            domains.setdefault(fabric.domain[g], []).append(rank)
        domains = list(domains.values())
        m, k = len(domains[0]), len(domains)
        if any(len(members) != m for members in domains):
            return None
        inside = [f for members in domains for f in ring([gpus[r] for r in members], 1 / m)]
        rails = [f for i in range(m)
                 for f in ring([gpus[r] for r in sorted(members[i] for members in domains)],
                               1 / (m * k))]
        if op == "all-reduce":
            return [(m - 1, inside, "max"), (2 * (k - 1), rails, "max"), (m - 1, inside, "max")]
        if op == "reduce-scatter":
            return [(m - 1, inside, "max"), (k - 1, rails, "max")]
        return [(k - 1, rails, "max"), (m - 1, inside, "max")]
    if algo == "tree" and op == "all-reduce":
        flows, depth = [], 0
        for tree in (0, 1):
            for rank in range(n):
                up = dtree_parent(n, tree, rank)
                if up < 0:
                    continue
                flows += [(gpus[rank], gpus[up], 0.5), (gpus[up], gpus[rank], 0.5)]
                levels, x = 0, rank
                while x >= 0:
                    x = dtree_parent(n, tree, x)
                    levels += 1
                depth = max(depth, levels - 1)
        return [(1, flows, ("tree", depth))]
    if algo == "direct" and op == "all-to-all":
        return [(1, [(a, b, 1 / n) for a in gpus for b in gpus if a != b], "max")]
    if algo == "direct" and op == "send-recv":
        return [(1, [(a, b, 1.0) for a, b in zip(gpus, peers) if a != b], "max")]
    return None


def expect(fabric, op, algo, gpus, peers=None):
    """Loads per byte on each link direction over the whole collective, the
    summed step latencies (s), the summed step transfers per byte (s/B), and
    the number of steps."""
    steps = steps_of(fabric, op, algo, gpus, peers)
    if steps is None:
        return None
    loads = [0.0] * (2 * len(fabric.links))
    latency_s = transfer = 0.0
    count = 0
    for times, flows, rule in steps:
        if times == 0:
            continue
        step = {}
        latencies = []
        for s, d, share in flows:
            route = fabric.route(s, d)
            if route is None:
                raise RuntimeError("%s cannot reach %s" % (fabric.names[s], fabric.names[d]))
            for direction, part in route[0].items():
                step[direction] = step.get(direction, 0.0) + share * part
            latencies.append(route[1])
        if rule == "sum":
            latency = sum(latencies)
        elif rule == "max":
            latency = max(latencies)
        else:
            latency = 2 * rule[1] * max(latencies)
        for direction, value in step.items():
            loads[direction] += times * value
        transfer += times * max(v / fabric.links[d // 2]["capacity"] for d, v in step.items())
        latency_s += times * latency * 1e-9
        count += times
    return loads, latency_s, transfer, count


def close(got, want, floor=0.0):
    return abs(got - want) <= TOLERANCE * max(abs(want), floor)


def compare(fabric, weft, op, algo, gpus, peers):
    """The problems with Weft's answer, and the tree's step count apart (the
    spec makes the tree one step), so that one does not hide the others."""
    problems, step_problem = [], None
    result = weft["results"][0]
    n = len(gpus)
    if algo == "auto":
        # The fastest of those that apply at that size; its loads are compared below.
        times = {}
        for other in ALGORITHMS:
            want = expect(fabric, op, other, gpus, peers)
            if want is not None:
                times[other] = want[1] + result["size_bytes"] * want[2]
        best = min(times.values())
        if not close(times.get(result["algorithm"], float("inf")), best):
            problems.append("auto picked %s (%r s), the fastest takes %.12g s"
                            % (result["algorithm"], times.get(result["algorithm"]), best))
            return problems, None
        algo = result["algorithm"]
    want = expect(fabric, op, algo, gpus, peers)
    if want is None:
        return ["the spec gives no %s for %s on this group" % (algo, op)], None
    loads, latency_s, transfer, steps = want
    size = result["size_bytes"]
    if size != SIZE:
        problems.append("size %r != %d" % (size, SIZE))
    if (result["op"], result["algorithm"], result["gpus"]) != (op, algo, n):
        problems.append("op/algorithm/gpus %s/%s/%s != %s/%s/%d"
                        % (result["op"], result["algorithm"], result["gpus"], op, algo, n))
    if result["steps"] != steps:
        message = "%s steps, the spec makes it %d" % (result["steps"], steps)
        if algo == "tree":
            step_problem = message
        else:
            problems.append(message)
    time_s = latency_s + size * transfer
    for key, value in (("time_s", time_s), ("latency_s", latency_s),
                       ("transfer_s", size * transfer)):
        if not close(result[key], value):
            problems.append("%s %.12g != %.12g" % (key, result[key], value))
    algbw = size / time_s / 1e9
    if not close(result["algbw_GBps"], algbw):
        problems.append("algbw_GBps %.12g != %.12g" % (result["algbw_GBps"], algbw))
    if not close(result["busbw_GBps"], algbw * BUS_FACTOR[op](n)):
        problems.append("busbw_GBps %.12g != %.12g"
                        % (result["busbw_GBps"], algbw * BUS_FACTOR[op](n)))

    # Loads: every link direction, by the fabric's link order (a GraphML edge's
    # source is the link's a). Links Weft leaves out carry nothing.
    peak = max(loads) * size
    got = {}
    for entry in weft["loads"]:
        i = entry["link"]
        link = fabric.links[i]
        if (entry["a"], entry["b"]) != (fabric.names[link["a"]], fabric.names[link["b"]]):
            problems.append("link %d is %s–%s in the loads but %s–%s in the GraphML"
                            % (i, entry["a"], entry["b"], fabric.names[link["a"]],
                               fabric.names[link["b"]]))
        got[2 * i], got[2 * i + 1] = entry["a_to_b_bytes"], entry["b_to_a_bytes"]
    bad = 0
    for direction, value in enumerate(loads):
        if not close(got.get(direction, 0.0), value * size, 1e-9 * peak):
            bad += 1
            if bad <= 5:
                link = fabric.links[direction // 2]
                ends = (link["a"], link["b"]) if direction % 2 == 0 else (link["b"], link["a"])
                problems.append("link %d %s→%s: %.12g bytes != %.12g"
                                % (direction // 2, fabric.names[ends[0]], fabric.names[ends[1]],
                                   got.get(direction, 0.0), value * size))
    if bad > 5:
        problems.append("... and %d more link directions" % (bad - 5))

    # The first bottleneck is the busiest link direction over the whole collective.
    seconds = max(v * size / fabric.links[d // 2]["capacity"] for d, v in enumerate(loads))
    bottlenecks = result["bottlenecks"]
    if not bottlenecks:
        problems.append("no bottleneck")
    elif not close(bottlenecks[0]["seconds"], seconds):
        problems.append("first bottleneck %.12g s != %.12g s"
                        % (bottlenecks[0]["seconds"], seconds))
    return problems, step_problem


def fabric_files(cli, specs, tmp):
    for number, spec in enumerate(specs):
        if spec.startswith("generate:"):
            args = spec[len("generate:"):].split()
            path = os.path.join(tmp, "generated-%d.weft.json" % number)
            subprocess.run([cli, "generate"] + args + ["-o", path], check=True)
            yield " ".join(args), path
        else:
            yield os.path.basename(spec), spec


def report(number, label, problems, good):
    if problems:
        print("not ok %d %s" % (number, label))
        for p in problems:
            print("# " + p)
        return 1
    print("ok %d %s%s" % (number, label, good))
    return 0


def check(cli, specs):
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    catalog = load_catalog(root)
    failures = 0
    number = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in fabric_files(cli, specs, tmp):
            graphml = os.path.join(tmp, "fabric.graphml")
            subprocess.run([cli, "convert", path, "-o", graphml], check=True)
            fabric = Fabric(graphml, catalog)
            for op, algo, group, peer_group in RUNS:
                gpus, peers = fabric.group(group), fabric.group(peer_group) if peer_group else None
                label = "%s %s %s%s%s" % (name, op, algo, " --group " + group if group else "",
                                          " --peers " + peer_group if peer_group else "")
                if len(gpus) < 2 or (peers is not None and len(peers) != len(gpus)):
                    number += 1
                    print("ok %d %s # SKIP the fabric has no such group" % (number, label))
                    continue
                command = [cli, "collective", path, "--op", op, "--algo", algo,
                           "--size", "1GiB", "--json", "--loads"]
                command += ["--group", group] if group else []
                command += ["--peers", peer_group] if peer_group else []
                run = subprocess.run(command, capture_output=True, text=True)
                number += 1
                if run.returncode != 0:
                    applies = steps_of(fabric, op, algo, gpus, peers) is not None
                    why = (run.stderr.strip().splitlines() or ["?"])[-1]
                    if applies:
                        failures += report(number, label, ["weft-cli failed: " + why], "")
                    else:
                        report(number, label, [],
                               ": refused, as the spec does not apply it: " + why)
                    continue
                step_problem = None
                try:
                    weft = json.loads(run.stdout)
                    problems, step_problem = compare(fabric, weft, op, algo, gpus, peers)
                    good = ": %.6g s, busBw %.4g GB/s" % (weft["results"][0]["time_s"],
                                                          weft["results"][0]["busbw_GBps"])
                except (KeyError, IndexError, TypeError, ValueError, RuntimeError) as e:
                    problems, good = ["cannot compare: %r" % e], ""
                failures += report(number, label, problems, good)
                if algo == "tree":
                    number += 1
                    failures += report(number, label + " step count",
                                       [step_problem] if step_problem else [], "")
    print("1..%d" % number)
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2], sys.argv[3:]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
