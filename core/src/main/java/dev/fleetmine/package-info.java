/**
 * Fleetmine's Java API. {@link dev.fleetmine.Fleetmine} is the entry point; the sub-packages are the
 * capabilities it composes: {@code lake} (on-disk format and commits), {@code ingest} (sources into the
 * lake), {@code synth} (the synthetic fleet), {@code query} (reading with DuckDB).
 */
package dev.fleetmine;
