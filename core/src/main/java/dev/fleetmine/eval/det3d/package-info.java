/**
 * 3D object detection metrics over in-memory records: {@link dev.fleetmine.eval.det3d.GroundTruth} and
 * {@link dev.fleetmine.eval.det3d.Detection} boxes ({@link dev.fleetmine.eval.det3d.Box3d}) keyed by
 * {@link dev.fleetmine.eval.det3d.SampleKey}, scored by
 * {@link dev.fleetmine.eval.det3d.Det3dEvaluator#evaluate}. Callers bring the records (reading them from
 * the lake is not this package's job).
 *
 * <h2>Geometry ({@link dev.fleetmine.eval.det3d.BoxGeometry})</h2>
 * Boxes are upright: centre (x, y, z), length along the heading, width across it, height along z, heading
 * counter-clockwise from +x. BEV IoU is exact: the footprint of one box is clipped by the four edges of the
 * other (Sutherland-Hodgman; both convex), the area of the result is the shoelace sum, and
 * {@code IoU = I / (l1 w1 + l2 w2 - I)}. 3D IoU is {@code I * dz / (V1 + V2 - I * dz)} with {@code dz} the
 * overlap of the z spans {@code z +- h/2}. The centre distance is {@code sqrt(dx^2 + dy^2)} in the ground plane.
 *
 * <h2>KITTI style ({@link dev.fleetmine.eval.det3d.Matching.Kitti})</h2>
 * Per sample and category, detections by descending score (ties: input order) each take the untaken
 * counted ground truth of highest IoU {@code >= threshold} (ties: the first), else the untaken ignored
 * ground truth of highest such IoU, which drops the detection (neither TP nor FP, and the ignored object is
 * never a miss), else it is a false positive. The IoU is BEV or 3D; thresholds are per category (KITTI:
 * Car 0.7, Pedestrian 0.5, Cyclist 0.5). Matching greedily by detection is COCO's procedure; KITTI's own
 * devkit loops over ground truth and also filters by difficulty and DontCare regions, which callers can
 * express with {@code ignore}.
 * Along the category's ranking over all samples, {@code precision_k = TP_k / k}, {@code recall_k = TP_k /
 * P} (P = counted ground truth). Interpolated precision at recall r is the highest precision at any point
 * with recall {@code >= r} (0 if none). AP (R40, KITTI since 2019) is its mean at r = 1/40, 2/40, ..., 1; the
 * 11-point AP its mean at r = 0, 0.1, ..., 1. A category without counted ground truth has AP 0.
 *
 * <h2>nuScenes style ({@link dev.fleetmine.eval.det3d.Matching.NuScenes})</h2>
 * As nuscenes-devkit {@code python-sdk/nuscenes/eval/detection/algo.py} ({@code accumulate} and
 * {@code calc_ap}; github.com/nutonomy/nuscenes-devkit), value for value: per category, detections ordered
 * by {@code sorted((score, i))[::-1]} (descending score, later input first on ties) each take the closest
 * untaken ground truth of its sample (first on ties) if the centre distance is {@code < d}, for d = 0.5, 1,
 * 2, 4 m. Ignored ground truth is removed before matching, as the devkit's filters remove boxes. Precision
 * is resampled as {@code np.interp(np.linspace(0, 1, 101), recall, precision, right=0)}: linear between curve
 * points and, where recall repeats, the last point's precision; not a running maximum (all zeros when
 * nothing matched). {@code AP = mean(max(prec[round(100 min_recall) + 1:] - min_precision, 0)) / (1 -
 * min_precision)} with min_recall = min_precision = 0.1, i.e. over the 90 points with recall {@code > 0.1};
 * sums follow numpy's pairwise float64 summation so results agree to the bit. The category's AP is the mean
 * over distances, and mAP the mean over categories with counted ground truth
 * ({@link dev.fleetmine.eval.det3d.Det3dResult#meanAp}).
 *
 * <h2>Results</h2>
 * Every decision is kept ({@link dev.fleetmine.eval.det3d.ThresholdResult}): per detection its status,
 * matched (or, for a false positive, nearest) ground truth and the IoU or distance; per ground truth its
 * matched detection; per category the counts, AP, the interpolated grid and the raw curve.
 *
 * <h2>Speed</h2>
 * Records become primitive columns; detections are sorted by score once and both sides bucketed by (sample,
 * category) with counting sorts; each bucket's affinities are computed once (a bounding-circle test skips
 * clipping for far pairs) and reused by every threshold; buckets are matched in parallel.
 * {@code bench/run det3d} compares it with a straightforward implementation (docs/benchmarks.md).
 */
package dev.fleetmine.eval.det3d;
