#!/usr/bin/python3
"""Kashf graph kernels beside python3-igraph (Debian) on the same generated graphs, in one run.

Run with Debian's Python (python3-igraph is installed for /usr/bin/python3, not the pyenv python):

    /usr/bin/python3 bench/igraph_compare.py --bench build/bench/kashf_bench_graph \
        --dir /tmp/kashf-graphs --edges 1000000 30000000 [--threads 2] [--samples 256] [--cutoff 2]
        [--exact-edges 100000]

For each size it writes (once) a deterministic R-MAT edge list with `kashf_bench_graph --generate`,
then times every kernel in its own process for each side (so peak RSS is per kernel): Kashf through
kashf_bench_graph (Google Benchmark JSON), igraph through this script in --worker mode. It checks
that both computed the same thing (PageRank L1 distance, component count, modularity) and prints
a Markdown table with times, ratios and peak RSS.

Betweenness: igraph 0.10 has no sampled (pivot) betweenness. Kashf's Brandes-Pich estimate with k
pivots is timed beside igraph's cutoff-limited betweenness (paths of at most --cutoff hops), which
is igraph's own approximation; they are different estimators and the table says so. On a smaller
graph (--exact-edges) both compute exact betweenness, which is compared value by value, and the
error of Kashf's sampled estimate against the exact values is reported.
"""
import argparse
import array
import json
import os
import resource
import subprocess
import sys
import time


def log(msg):
    sys.stderr.write("[%s] %s\n" % (time.strftime("%H:%M:%S"), msg))
    sys.stderr.flush()


def rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def worker(kernel, path, cutoff, out):
    import igraph
    t = time.time()
    g = igraph.Graph.Read_Edgelist(path, directed=True)
    load = time.time() - t
    res = {"load_s": load, "nodes": g.vcount(), "edges": g.ecount()}
    if kernel == "PageRank":
        t = time.time()
        pr = g.pagerank(directed=True, damping=0.85)
        res["seconds"] = time.time() - t
        if out:
            array.array("d", pr).tofile(open(out, "wb"))
    elif kernel == "Components":
        t = time.time()
        c = g.connected_components(mode="weak")
        res["seconds"] = time.time() - t
        res["components"] = len(c)
    elif kernel == "Louvain":
        # Kashf's Louvain runs on the undirected view with w(u,v) = w(u->v) + w(v->u); the same here.
        g.es["weight"] = 1
        t = time.time()
        u = g.as_undirected(mode="collapse", combine_edges="sum")
        res["convert_s"] = time.time() - t
        t = time.time()
        cm = u.community_multilevel(weights="weight")
        res["seconds"] = time.time() - t
        res["communities"] = len(cm)
        res["modularity"] = cm.modularity
    elif kernel in ("BetweennessCutoff", "BetweennessExact"):
        # Kashf counts shortest paths on the simple undirected view (u-v once even when both u->v
        # and v->u exist); igraph's directed=False on a directed graph would count the two arcs as
        # two parallel edges and double path counts, so convert first (not timed).
        t = time.time()
        u = g.as_undirected(mode="collapse")
        res["convert_s"] = time.time() - t
        t = time.time()
        b = u.betweenness(cutoff=cutoff if kernel == "BetweennessCutoff" else None)
        res["seconds"] = time.time() - t
        res["cutoff"] = cutoff
        if out:
            array.array("d", b).tofile(open(out, "wb"))
    res["peak_rss_MiB"] = rss_mib()
    print(json.dumps(res))


def run_kashf(bench, path, kernel, threads, samples, extra=()):
    cmd = [bench, "--graph", path, "--threads", str(threads), "--samples", str(samples),
           "--benchmark_filter=^" + kernel + "(/|$)", "--benchmark_format=json"] + list(extra)
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    b = json.loads(out)["benchmarks"][0]
    scale = {"ms": 1e-3, "us": 1e-6, "ns": 1e-9, "s": 1.0}[b.get("time_unit", "ns")]
    b["seconds"] = b["real_time"] * scale
    return b


IGRAPH_TIMEOUT = None


def run_igraph(kernel, path, cutoff, out=None):
    """igraph in its own process; None when it ran longer than --igraph-timeout seconds."""
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", kernel, path, "--cutoff", str(cutoff)]
    if out:
        cmd += ["--vector-out", out]
    try:
        return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=IGRAPH_TIMEOUT).stdout)
    except subprocess.TimeoutExpired:
        return None


def read_vector(path):
    a = array.array("d")
    with open(path, "rb") as f:
        a.frombytes(f.read())
    return a


def ensure_graph(bench, directory, edges):
    path = os.path.join(directory, "rmat-%d.txt" % edges)
    if not os.path.exists(path):
        subprocess.run([bench, "--generate", path, "--edges", str(edges)], check=True, capture_output=True)
    return path


def fmt_s(x):
    return "%.3f" % x if x < 10 else "%.1f" % x


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--worker")
    p.add_argument("path", nargs="?")
    p.add_argument("--vector-out")
    p.add_argument("--bench", default="build/bench/kashf_bench_graph")
    p.add_argument("--dir", default="/tmp/kashf-graphs")
    p.add_argument("--edges", type=int, nargs="+", default=[1000000, 30000000])
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--samples", type=int, default=256)
    p.add_argument("--cutoff", type=int, default=2)
    p.add_argument("--exact-edges", type=int, default=100000)
    p.add_argument("--skip-cutoff-above", type=int, default=0,
                   help="skip igraph cutoff betweenness on graphs with more edges than this (0 = never)")
    p.add_argument("--igraph-timeout", type=float, default=3600,
                   help="stop an igraph kernel after this many seconds (reported as '> T')")
    a = p.parse_args()
    global IGRAPH_TIMEOUT
    IGRAPH_TIMEOUT = a.igraph_timeout
    if a.worker:
        worker(a.worker, a.path, a.cutoff, a.vector_out)
        return
    os.makedirs(a.dir, exist_ok=True)
    rows = []
    notes = []
    stopped = "igraph stopped after %.0f s" % a.igraph_timeout
    g = lambda r, key: r[key] if r else None  # a field of an igraph result, None when it was stopped
    for edges in a.edges:
        path = ensure_graph(a.bench, a.dir, edges)
        log("graph %d edges: PageRank" % edges)
        pr_k = os.path.join(a.dir, "pr-kashf-%d.bin" % edges)
        pr_i = os.path.join(a.dir, "pr-igraph-%d.bin" % edges)
        k = run_kashf(a.bench, path, "PageRank", a.threads, a.samples, ["--dump-pagerank", pr_k])
        k1 = run_kashf(a.bench, path, "PageRank", 1, a.samples)
        kb = run_kashf(a.bench, path, "Build", a.threads, a.samples)
        i = run_igraph("PageRank", path, a.cutoff, pr_i)
        label = "%s edges (%s nodes)" % (format(int(k["edges"]), ","), format(int(k["nodes"]), ","))
        check = "Kashf %d iterations; CSR build %.2f s" % (int(k["iterations"]), kb["seconds"])
        if i:
            x, y = read_vector(pr_k), read_vector(pr_i)
            l1 = sum(abs(u - v) for u, v in zip(x, y)) if len(x) == len(y) else float("nan")
            check = "L1(Kashf - igraph) = %.1e; " % l1 + check
        else:
            check = stopped + "; " + check
        rows.append((label, "PageRank (d=0.85, L1 tol 1e-9)", k["seconds"], k1["seconds"], g(i, "seconds"),
                     k["peak_rss_MiB"], g(i, "peak_rss_MiB"), check))
        log("graph %d edges: components" % edges)
        k = run_kashf(a.bench, path, "Components", a.threads, a.samples)
        k1 = run_kashf(a.bench, path, "Components", 1, a.samples)
        i = run_igraph("Components", path, a.cutoff)
        rows.append((label, "Weakly connected components", k["seconds"], k1["seconds"], g(i, "seconds"),
                     k["peak_rss_MiB"], g(i, "peak_rss_MiB"),
                     "components: Kashf %d, igraph %s" % (int(k["components"]), g(i, "components") if i else stopped)))
        log("graph %d edges: Louvain" % edges)
        k = run_kashf(a.bench, path, "Louvain", a.threads, a.samples)
        i = run_igraph("Louvain", path, a.cutoff)
        check = "modularity Kashf %.4f (%d communities)" % (k["modularity"], int(k["communities"]))
        check += (", igraph %.4f (%d); igraph undirected conversion %.2f s not counted" % (i["modularity"], i["communities"], i["convert_s"])
                  if i else "; " + stopped)
        rows.append((label, "Louvain (igraph community_multilevel)", k["seconds"], None, g(i, "seconds"),
                     k["peak_rss_MiB"], g(i, "peak_rss_MiB"), check))
        log("graph %d edges: betweenness" % edges)
        k = run_kashf(a.bench, path, "Betweenness", a.threads, a.samples)
        kernel = "Betweenness: Kashf %d pivots / igraph cutoff %d" % (a.samples, a.cutoff)
        if a.skip_cutoff_above and edges > a.skip_cutoff_above:
            rows.append((label, kernel, k["seconds"], None, None, k["peak_rss_MiB"], None,
                         "igraph not run (--skip-cutoff-above); different estimators (see docs)"))
        else:
            i = run_igraph("BetweennessCutoff", path, a.cutoff)
            rows.append((label, kernel, k["seconds"], None, g(i, "seconds"), k["peak_rss_MiB"], g(i, "peak_rss_MiB"),
                         ("" if i else stopped + "; ") + "different estimators (see docs)"))
    if a.exact_edges:
        path = ensure_graph(a.bench, a.dir, a.exact_edges)
        bk = os.path.join(a.dir, "bc-kashf-%d.bin" % a.exact_edges)
        bi = os.path.join(a.dir, "bc-igraph-%d.bin" % a.exact_edges)
        k = run_kashf(a.bench, path, "BetweennessExact", a.threads, a.samples, ["--exact", "--dump-betweenness", bk])
        log("graph %d edges: exact betweenness" % a.exact_edges)
        i = run_igraph("BetweennessExact", path, a.cutoff, bi)
        x = read_vector(bk)
        label = "%s edges (%s nodes)" % (format(int(k["edges"]), ","), format(int(k["nodes"]), ","))
        check = stopped
        if i:
            y = read_vector(bi)
            worst = max(abs(u - v) / max(1.0, abs(v)) for u, v in zip(x, y)) if len(x) == len(y) else float("nan")
            check = "max relative difference Kashf vs igraph %.1e" % worst
        rows.append((label, "Betweenness exact (Brandes)", k["seconds"], None, g(i, "seconds"), k["peak_rss_MiB"],
                     g(i, "peak_rss_MiB"), check))
        ks = run_kashf(a.bench, path, "Betweenness", a.threads, a.samples, ["--dump-betweenness", bk + ".sampled"])
        s = read_vector(bk + ".sampled")
        total = sum(x)
        l1 = sum(abs(u - v) for u, v in zip(s, x)) / total if total else float("nan")
        top = max(range(len(x)), key=lambda j: x[j])
        n = len(x)
        top100 = set(sorted(range(n), key=lambda j: -x[j])[:100])
        est100 = set(sorted(range(n), key=lambda j: -s[j])[:100])
        notes.append("Sampled betweenness (%d pivots) on the %s-edge graph against exact: relative L1 error %.3f; "
                     "largest value exact %.4g, estimated %.4g; top-100 overlap %d/100; time %.2f s vs exact %.2f s."
                     % (a.samples, format(int(ks["edges"]), ","), l1, x[top], s[top], len(top100 & est100),
                        ks["seconds"], k["seconds"]))
    print("| graph | kernel | Kashf s (%d threads) | Kashf s (1 thread) | igraph s (1 thread) | igraph / Kashf | Kashf peak RSS MiB | igraph peak RSS MiB | check |" % a.threads)
    print("|---|---|---|---|---|---|---|---|---|")
    for label, kernel, ks, k1, ig, kr, ir, check in rows:
        ratio = "%.1fx" % (ig / ks) if ig else "-"
        print("| %s | %s | %s | %s | %s | %s | %.0f | %s | %s |" % (
            label, kernel, fmt_s(ks), fmt_s(k1) if k1 else "-", fmt_s(ig) if ig else "-", ratio, kr,
            "%.0f" % ir if ir else "-", check))
    for n in notes:
        print()
        print(n)


if __name__ == "__main__":
    main()
