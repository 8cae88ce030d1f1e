#!/usr/bin/env python3
"""The library scenarios written by hand in pandas: the peer of `bench/run scenarios`.

Reads ego.csv and objects.csv (exported from the same lake by the Java side; Debian's pandas has no
Parquet engine) and prints one JSON object: load time and, per scenario, the number of matched
(log, timestamp) frames and the seconds its computation took on in-memory frames.
Each definition mirrors core/src/main/resources/dev/fleetmine/scenarios/<name>.fsl and the flag
definitions of docs/query-language.md.
"""
import json
import sys
import time

import numpy as np
import pandas as pd

VEHICLE = ["car", "truck", "bus", "motorcycle", "other_vehicle"]
VRU = ["pedestrian", "cyclist", "motorcyclist"]
DEG = np.pi / 180


def frames(df):
    return df[["log", "ts_ns"]].drop_duplicates()


def with_ego(obj_frames, ego, mask_cols):
    return obj_frames.merge(ego[["log", "ts_ns"] + mask_cols], on=["log", "ts_ns"])


def hard_brake(ego, obj):
    return frames(ego[ego.accel < -4])


def cut_in(ego, obj):
    v = obj[obj.category.isin(VEHICLE)].sort_values(["log", "track", "ts_ns"])
    alat = v.lat.abs()
    a = (alat >= 2.5) & (alat < 5.25)
    b = (alat <= 1) & (v.lon > 0) & (v.lon < 20) & (v.rel_heading.abs() < 20 * DEG)
    keys = [v.log, v.track]
    # time of the track's latest "adjacent lane" row at or before each row (cummax leaves NaN at gaps)
    last_a = v.ts_ns.where(a).groupby(keys).ffill()
    hit = v[b & (v.ts_ns - last_a <= 5_000_000_000)]
    f = with_ego(frames(hit), ego, ["yaw_rate"])
    return f[f.yaw_rate.abs() < 0.1]


def pedestrian_crossing(ego, obj):
    p = obj[(obj.category == "pedestrian") & (obj.lon > 0) & (obj.lon < 40) & (obj.lat.abs() < 2)]
    f = with_ego(frames(p), ego, ["yaw_rate"])
    return f[f.yaw_rate.abs() < 0.1]


def lead_vehicle_stopped(ego, obj):
    v = obj[obj.category.isin(VEHICLE) & (obj.speed < 0.5) & (obj.lat.abs() < 1.5) & (obj.lon > 0)
            & (obj.lon < 40) & (obj.rel_heading.abs() < 20 * DEG)]
    return frames(v)


def left_turn_across_oncoming(ego, obj):
    v = obj[obj.category.isin(VEHICLE) & (obj.distance < 60) & (obj.rel_heading.abs() > 90 * DEG) & (obj.speed >= 0.5)]
    f = with_ego(frames(v), ego, ["yaw_rate", "speed"])
    return f[(f.yaw_rate > 0.15) & (f.speed > 1)]


def overtaking_on_right(ego, obj):
    v = obj[obj.category.isin(VEHICLE) & (obj.lat <= -1.75) & (obj.lat > -5.25) & (obj.lon.abs() < 5)
            & (obj.rel_vlon > 1) & (obj.rel_heading.abs() < 30 * DEG)]
    f = with_ego(frames(v), ego, ["speed"])
    return f[f.speed > 5]


def stopped_vehicle(ego, obj):
    v = obj[obj.category.isin(VEHICLE) & (obj.speed < 0.5) & (obj.lon > 0) & (obj.lat.abs() <= obj.lon)
            & (obj.distance < 50) & (obj.lat.abs() < 5.25)]
    f = with_ego(frames(v), ego, ["speed"])
    return f[f.speed > 3]


def near_miss(ego, obj):
    v = obj[obj.category.isin(VEHICLE) & (obj.ttc < 1.5) & (obj.distance < 20) & (obj.lat.abs() < 2.5)]
    p = obj[obj.category.isin(VRU) & (obj.ttc < 1.5) & (obj.distance < 15) & (obj.lat.abs() < 3)]
    return pd.concat([frames(v), frames(p)]).drop_duplicates()


def jaywalker(ego, obj):
    p = obj[(obj.category == "pedestrian") & (obj.speed > 0.3) & (obj.rel_vlat.abs() > 0.7 * obj.speed)
            & (obj.lon > 0) & (obj.lat.abs() <= obj.lon) & (obj.lat.abs() < 5.25) & (obj.distance < 30)]
    return frames(p)


SCENARIOS = [hard_brake, cut_in, pedestrian_crossing, lead_vehicle_stopped, left_turn_across_oncoming,
             overtaking_on_right, stopped_vehicle, near_miss, jaywalker]


def main(ego_csv, objects_csv, repeats):
    t = time.perf_counter()
    ego = pd.read_csv(ego_csv, dtype={"log": np.int32, "ts_ns": np.int64, "speed": np.float64, "accel": np.float64,
                                      "yaw_rate": np.float64})
    obj = pd.read_csv(objects_csv, dtype={"log": np.int32, "ts_ns": np.int64, "track": np.int64, "category": "category",
                                          "lon": np.float64, "lat": np.float64, "distance": np.float64,
                                          "speed": np.float64, "rel_heading": np.float64, "rel_vlon": np.float64,
                                          "rel_vlat": np.float64, "ttc": np.float64})
    load = time.perf_counter() - t
    out = {"load_seconds": load, "ego_rows": len(ego), "object_rows": len(obj), "scenarios": {}}
    for fn in SCENARIOS:
        times = []
        n = 0
        for _ in range(repeats):
            t = time.perf_counter()
            n = len(fn(ego, obj))
            times.append(time.perf_counter() - t)
        out["scenarios"][fn.__name__] = {"frames": n, "seconds": sorted(times)[len(times) // 2], "first_seconds": times[0]}
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 3)
