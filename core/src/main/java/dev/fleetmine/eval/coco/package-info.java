/**
 * COCO 2D detection evaluation for bounding boxes: the numbers of pycocotools'
 * {@code COCOeval(cocoGt, cocoDt, iouType='bbox')} (cocodataset/cocoapi, PythonAPI/pycocotools/cocoeval.py
 * and common/maskApi.c), reproduced bit for bit, plus per-detection outcomes for listing false positives
 * and false negatives.
 *
 * <p>This package owns the COCO metric definitions and reading COCO JSON ({@link
 * dev.fleetmine.eval.coco.CocoJson}); callers may also bring ground truth and detections in memory
 * ({@link dev.fleetmine.eval.coco.CocoGroundTruth#of}, {@link dev.fleetmine.eval.coco.CocoDetections#of}).
 * Entry point: {@link dev.fleetmine.eval.coco.CocoEvaluator#evaluate}.
 *
 * <h2>Definitions (pycocotools defaults, useCats = 1)</h2>
 * <ul>
 *   <li><b>Scope</b>: the ground truth's listed images and categories (sorted, distinct). Annotations
 *       of other images or categories are ignored; detections of unlisted categories are not evaluated;
 *       a detection on an unlisted image is an error (pycocotools' loadRes asserts).</li>
 *   <li><b>Parameters</b> ({@link dev.fleetmine.eval.coco.CocoParams}): IoU thresholds
 *       {@code np.linspace(.5, .95, 10)}, recall thresholds {@code np.linspace(0, 1, 101)} (each value
 *       {@code i * step + start}, the last exactly the stop), detection caps 1, 10, 100, area ranges all
 *       [0, 1e10], small [0, 32²], medium [32², 96²], large [96², 1e10] (inclusive).</li>
 *   <li><b>IoU</b> (maskApi.c bbIou, in this order, in double): {@code w = min(dx+dw, gx+gw) - max(dx, gx)},
 *       0 if {@code w <= 0}; likewise h; {@code i = w*h}; union {@code da + ga - i}, or {@code da} (the
 *       detection's area) when the annotation is a crowd region.</li>
 *   <li><b>Per image and category</b> (evaluateImg): detections sorted by score, descending, stable
 *       (ties keep input order), the first 100 kept. For each area range an annotation is ignored when
 *       {@code iscrowd} or its {@code area} field (not w*h) is outside the range; non-ignored annotations
 *       are scanned first. For each threshold t and detection in score order, the best annotation with
 *       IoU &gt;= min(t, 1 - 1e-10) is taken, skipping annotations already taken (crowd regions may be
 *       taken again) and stopping at the ignored ones once a non-ignored match exists. A detection
 *       matched to an ignored annotation is ignored; an unmatched detection whose area w*h is outside the
 *       range is ignored.</li>
 *   <li><b>Accumulation</b> per category, area range and cap m: the detections of all images (each
 *       image's first m by score) in one stable sort by score; tp and fp are cumulative counts of
 *       non-ignored matched and unmatched detections; recall {@code rc = tp / npig} (npig: non-ignored
 *       annotations), precision {@code pr = tp / (fp + tp + 2^-52)}, made non-increasing from the right;
 *       for each recall threshold r the precision at the first index with {@code rc >= r}
 *       ({@code np.searchsorted(side='left')}), 0 past the end. Recall is the last rc (0 with no
 *       detection). Both are -1 when the category has no non-ignored annotation in the range.</li>
 *   <li><b>Summary</b> ({@link dev.fleetmine.eval.coco.CocoStats}): each of the 12 numbers is
 *       {@code np.mean} of the selected cells greater than -1, summed pairwise as numpy does, in numpy's
 *       C order; -1 when none.</li>
 * </ul>
 *
 * <p>Deviations, all on input pycocotools would mis-handle: duplicate annotation ids, negative box
 * sizes and non-finite numbers are rejected rather than evaluated. Masks (iouType 'segm') and keypoints
 * are not supported.
 */
package dev.fleetmine.eval.coco;
