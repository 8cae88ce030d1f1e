#!/usr/bin/python3
"""Peers of `bench/run vectors`: hnswlib and FAISS IndexHNSWFlat on the same .npy files.

usage: vectors_peers.py DIR M EF_CONSTRUCTION EF1,EF2,...   (DIR holds base.npy, queries.npy, gt.npy)
Prints one JSON object on stdout. Single-threaded build and search, k = gt's width.
"""
import json
import sys
import time

import numpy as np


def recall(found, gt):
    k = gt.shape[1]
    hits = sum(len(set(map(int, found[i][:k])) & set(map(int, gt[i]))) for i in range(len(gt)))
    return hits / (gt.shape[0] * k)


def run_hnswlib(base, queries, gt, m, efc, efs):
    import hnswlib
    index = hnswlib.Index(space="l2", dim=base.shape[1])
    t = time.perf_counter()
    index.init_index(max_elements=base.shape[0], M=m, ef_construction=efc, random_seed=42)
    index.set_num_threads(1)
    index.add_items(base, np.arange(base.shape[0]), num_threads=1)
    build = time.perf_counter() - t
    rows = []
    for ef in efs:
        index.set_ef(max(ef, gt.shape[1]))
        index.knn_query(queries[:50], k=gt.shape[1], num_threads=1)  # warm-up
        t = time.perf_counter()
        labels, _ = index.knn_query(queries, k=gt.shape[1], num_threads=1)
        secs = time.perf_counter() - t
        rows.append({"ef": ef, "recall": recall(labels, gt), "qps": len(queries) / secs})
    return {"build_s": build, "sweep": rows}


def run_faiss(base, queries, gt, m, efc, efs):
    import faiss
    faiss.omp_set_num_threads(1)
    index = faiss.IndexHNSWFlat(base.shape[1], m)
    index.hnsw.efConstruction = efc
    t = time.perf_counter()
    index.add(base)
    build = time.perf_counter() - t
    rows = []
    for ef in efs:
        index.hnsw.efSearch = max(ef, gt.shape[1])
        index.search(queries[:50], gt.shape[1])
        t = time.perf_counter()
        _, labels = index.search(queries, gt.shape[1])
        secs = time.perf_counter() - t
        rows.append({"ef": ef, "recall": recall(labels, gt), "qps": len(queries) / secs})
    return {"build_s": build, "sweep": rows}


def main():
    d, m, efc, efs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), [int(x) for x in sys.argv[4].split(",")]
    base = np.ascontiguousarray(np.load(f"{d}/base.npy"), dtype=np.float32)
    queries = np.ascontiguousarray(np.load(f"{d}/queries.npy"), dtype=np.float32)
    gt = np.load(f"{d}/gt.npy")
    out = {}
    for name, fn in (("hnswlib", run_hnswlib), ("faiss", run_faiss)):
        try:
            out[name] = fn(base, queries, gt, m, efc, efs)
        except ImportError as e:
            out[name] = {"error": f"{e} (apt-get install -y python3-hnswlib python3-faiss)"}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
