/**
 * Road maps of logs that carry one: reading the source's vector map (Argoverse 2
 * {@code log_map_archive_*.json}, the Waymo importer's {@code fleetmine-waymo-map} JSON) into a
 * {@link dev.fleetmine.ingest.map.VectorMap} of polygons, and rasterizing it into 0.5 m cells of the
 * log-local frame ({@link dev.fleetmine.ingest.map.MapRaster}) that the
 * {@link dev.fleetmine.ingest.Ingestor} joins to ego and object positions (columns {@code lane_id},
 * {@code lane_type}, {@code in_intersection}, {@code on_crosswalk}, {@code on_drivable}; docs/schema.md),
 * and measuring exact distances from each pose to intersections, crossings and stop signs
 * ({@link dev.fleetmine.ingest.map.MapDistances}, staged per pose by
 * {@link dev.fleetmine.ingest.map.MapPointTable}; columns {@code intersection_distance},
 * {@code crosswalk_distance}, {@code stop_sign_distance}).
 *
 * <p>This package owns the map formats' field names, the polygon construction (a lane is its left
 * boundary followed by its reversed right boundary; a crosswalk is edge1 followed by reversed edge2) and
 * the cell rules: a cell takes a feature when the feature's polygon contains the cell centre (even-odd
 * rule), and where lane segments overlap (intersections) the cell's lane is the one with the smallest
 * numeric id. Every defect of a map file becomes an {@link dev.fleetmine.ingest.IngestException} naming
 * the file and the JSON path of the bad field.
 *
 * <p>To support another map format, add a reader that builds a {@code VectorMap} (lanes with id, type
 * and intersection flag; crosswalk and drivable polygons; stop signs with the lanes they stop, in the
 * source's original frame) and dispatch to it in {@link dev.fleetmine.ingest.map.MapFiles#read};
 * rasterization, distances and the lake columns need no change.
 */
package dev.fleetmine.ingest.map;
