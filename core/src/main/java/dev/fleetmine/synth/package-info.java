/**
 * The synthetic fleet: physically plausible drive logs with injected scenarios of known type and time,
 * and their truth table, for testing scenario mining and for benchmarks.
 *
 * <p>This package owns the traffic model and the scenario choreography. {@link dev.fleetmine.synth.FleetGenerator}
 * streams logs to any {@link dev.fleetmine.ingest.LogSink}; per log, a {@code LogSimulation} lays a route
 * ({@code RoutePlanner}, {@code Route}: straights and circular arcs in Frenet coordinates), runs IDM car
 * following, lane changes and pedestrians ({@code Traffic}, {@code Population}, {@code LaneChanges}), and
 * lets a {@code Director} play {@code Script}s, one per {@link dev.fleetmine.synth.ScenarioType}.
 *
 * <p>docs/synthetic-fleet.md is the contract: for each scenario an ego-relative condition on the lake's
 * columns that holds inside its truth interval and that the background never satisfies. To add a scenario,
 * add a type, a {@code Script} subclass that records its truth frames, a bag entry in {@code Director},
 * and its definition to the document and to {@code ScenarioContractTest}; keep the background from ever
 * meeting the new definition.
 */
package dev.fleetmine.synth;
