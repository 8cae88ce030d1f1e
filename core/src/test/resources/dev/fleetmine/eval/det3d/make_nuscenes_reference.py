"""Writes nuscenes-reference.json: random detections and ground truth with the AP that nuScenes'
detection metric gives them, for NuScenesMatchingTest.

The AP below follows nuscenes-devkit python-sdk/nuscenes/eval/detection/algo.py (accumulate, calc_ap):
detections of a class sorted by sorted((score, i))[::-1], each taking the closest untaken ground truth of
its sample when np.linalg.norm of the xy difference is < the threshold, precision resampled with
np.interp(np.linspace(0, 1, 101), rec, prec, right=0) (all zeros when nothing matched), AP =
mean(max(prec[round(100 * min_recall) + 1:] - min_precision, 0)) / (1 - min_precision).
Ignored ground truth is removed first, as the devkit's filters remove boxes. Run: python3 make_nuscenes_reference.py
"""
import json
import random

import numpy as np

CLASSES = ["car", "pedestrian"]
THRESHOLDS = [0.5, 1.0, 2.0, 4.0]


def make_case(seed):
    rnd = random.Random(seed)
    gts, dets = [], []
    for s in range(40):
        for cls in CLASSES:
            for _ in range(rnd.randint(0, 5)):
                x, y = rnd.uniform(0, 40), rnd.uniform(0, 40)
                gts.append({"sample": s, "cat": cls, "x": x, "y": y, "ignore": rnd.random() < 0.1})
                if rnd.random() < 0.8:  # a detection near it, at a spread of distances
                    sigma = rnd.choice([0.2, 0.6, 1.5, 3.0])
                    dets.append({"sample": s, "cat": cls, "x": x + rnd.gauss(0, sigma), "y": y + rnd.gauss(0, sigma),
                                 "score": round(0.5 * rnd.random() + 0.4 / sigma, 2)})  # closer scores higher; ties
            for _ in range(rnd.randint(0, 2)):  # hallucinations
                dets.append({"sample": s, "cat": cls, "x": rnd.uniform(0, 40), "y": rnd.uniform(0, 40),
                             "score": round(rnd.random(), 2)})
    rnd.shuffle(dets)
    return gts, dets


def precision_101(gts, dets, cls, th):
    by_sample = {}
    for g in gts:
        if not g["ignore"]:
            by_sample.setdefault(g["sample"], []).append(g)
    npos = sum(1 for g in gts if g["cat"] == cls and not g["ignore"])
    if npos == 0:
        return np.zeros(101)
    preds = [d for d in dets if d["cat"] == cls]
    order = [i for (v, i) in sorted((p["score"], i) for (i, p) in enumerate(preds))][::-1]
    taken, tp, fp = set(), [], []
    for i in order:
        p = preds[i]
        best, best_idx = np.inf, None
        for gi, g in enumerate(by_sample.get(p["sample"], [])):
            if g["cat"] == cls and (p["sample"], gi) not in taken:
                d = np.linalg.norm(np.array([g["x"], g["y"]]) - np.array([p["x"], p["y"]]))
                if d < best:
                    best, best_idx = d, gi
        if best < th:
            taken.add((p["sample"], best_idx))
            tp.append(1)
            fp.append(0)
        else:
            tp.append(0)
            fp.append(1)
    if sum(tp) == 0:
        return np.zeros(101)
    tp = np.cumsum(tp).astype(float)
    fp = np.cumsum(fp).astype(float)
    prec = tp / (fp + tp)
    rec = tp / float(npos)
    return np.interp(np.linspace(0, 1, 101), rec, prec, right=0)


def ap(prec, min_recall=0.1, min_precision=0.1):
    prec = np.copy(prec)[round(100 * min_recall) + 1:]
    prec -= min_precision
    prec[prec < 0] = 0
    return float(np.mean(prec)) / (1.0 - min_precision)


def main():
    cases = []
    for seed in (1, 2, 3):
        gts, dets = make_case(seed)
        expected = {}
        for cls in CLASSES:
            expected[cls] = []
            for th in THRESHOLDS:
                p = precision_101(gts, dets, cls, th)
                expected[cls].append({"threshold": th, "ap": ap(p), "precision": [float(v) for v in p]})
        mean_dist_aps = {c: float(np.mean([e["ap"] for e in expected[c]])) for c in CLASSES}
        cases.append({"seed": seed, "gts": gts, "dets": dets, "expected": expected,
                      "mean_ap": float(np.mean(list(mean_dist_aps.values())))})
    with open("nuscenes-reference.json", "w") as f:
        json.dump({"numpy": np.__version__, "cases": cases}, f)


if __name__ == "__main__":
    main()
