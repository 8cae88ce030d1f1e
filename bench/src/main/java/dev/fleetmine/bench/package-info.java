/**
 * Benchmarks that report a ratio against a peer or a physical bound measured in the same run
 * (docs/benchmarks.md). Run with {@code bench/run NAME}; never part of {@code ./mvnw verify}.
 */
package dev.fleetmine.bench;
