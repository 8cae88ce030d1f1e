/**
 * Versioned training datasets in the lake's curation area ({@code curation/datasets/<name>/v<N>/}, layout in
 * docs/curation.md#datasets): {@link dev.fleetmine.dataset.DatasetStore} makes immutable versions from a
 * {@link dev.fleetmine.dataset.MemberSource} (scenario query, tag, selection, labeling batch, explicit clips)
 * with their labels materialized and their lineage in the manifest; {@link dev.fleetmine.dataset.Splitter}
 * assigns whole groups (logs, locations, log-hours) to splits so nothing leaks;
 * {@link dev.fleetmine.dataset.DatasetDiff} and {@link dev.fleetmine.dataset.DatasetStats} read versions from
 * their files alone; {@link dev.fleetmine.dataset.DatasetExport} writes KITTI, COCO, OpenLABEL and sharded
 * Parquet with a checksummed manifest. A new export format is a case of {@link dev.fleetmine.dataset.ExportFormat}
 * and one method in DatasetExport, with a golden file under core/src/test/resources/dev/fleetmine/dataset/golden/.
 */
package dev.fleetmine.dataset;
