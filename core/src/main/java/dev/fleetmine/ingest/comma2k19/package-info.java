/**
 * Importing comma2k19 segments: ego-only logs from the NPY arrays of openpilot's processed logs.
 *
 * <p>This package owns the mapping of a segment directory to one log:
 * {@link dev.fleetmine.ingest.comma2k19.Comma2k19Importer} finds segments, {@code SegmentArrays} reads and
 * checks the arrays it needs, and {@code LocalEnu} turns ECEF poses into a local east-north-up frame.
 * The NPY container itself belongs to {@link dev.fleetmine.ingest.npy}. To take more signals into the lake
 * (for example the radar tracks as objects), read them in {@code SegmentArrays} with the same shape and
 * finiteness checks and emit them from the importer; docs/formats/comma2k19.md documents the mapping.
 */
package dev.fleetmine.ingest.comma2k19;
