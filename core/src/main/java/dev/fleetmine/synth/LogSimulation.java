package dev.fleetmine.synth;

import dev.fleetmine.ingest.Category;
import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.EventSample;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.ingest.LogSink;
import dev.fleetmine.ingest.ObjectSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulates and writes one synthetic log: lays the road, runs traffic and scenarios at 10 Hz and streams
 * every frame to the sink as it is computed, so memory does not grow with the log's length.
 */
final class LogSimulation {
  /** Start of log 0; log i starts an hour after log i-1. */
  static final long EPOCH_NS = 1_700_000_000_000_000_000L;
  static final long FRAME_NS = 100_000_000L;
  /** The ego's desired speed as a fraction of the limit. */
  static final double EGO_SPEED_FACTOR = 0.85;

  final String logId;
  final long frames;
  final long startNs;
  final SplittableRandom rng;
  final Road road;
  final Route route;
  final RoutePlanner planner;
  final Agent ego;
  final Traffic tr;
  final Population pop;
  final LaneChanges laneChanges;
  final Director director;
  final String location;
  int frame;

  LogSimulation(FleetSpec spec, int index) {
    this.logId = spec.logId(index);
    this.frames = spec.framesOfLog(index);
    this.startNs = EPOCH_NS + index * 3_600_000_000_000L;
    this.rng = new SplittableRandom(mix(spec.seed(), index));
    RoadKind kind = rng.nextDouble() < 0.75 ? RoadKind.URBAN : RoadKind.HIGHWAY;
    this.location = kind.locations.get(rng.nextInt(kind.locations.size()));
    this.road = new Road(kind, rng);
    this.route = new Route(kind.speedLimit);
    this.planner = new RoutePlanner(route, kind, rng);
    this.ego = new Agent("ego", Agent.Kind.EGO, Category.CAR, "ego", 4.8, 1.9, 1.5);
    ego.trackId = "ego";
    ego.dir = 1;
    ego.s = 150;
    ego.v0 = EGO_SPEED_FACTOR * kind.speedLimit;
    ego.v = ego.v0 * (0.7 + 0.3 * rng.nextDouble());
    ego.aMax = 1.5;
    ego.headway = 1.5;
    this.tr = new Traffic(road, route, ego);
    this.pop = new Population(tr, rng, spec.objectDensity());
    this.laneChanges = new LaneChanges(tr, pop, rng);
    planner.ensure(ego.s + 450);
    tr.place(ego);
    pop.populateInitial();
    this.director = new Director(this);
  }

  /** Counts of one written log. */
  record Result(long egoFrames, long objectRows, List<InjectedScenario> truth) {}

  /** Simulates the log into {@code sink}, from beginLog to endLog. */
  Result run(LogSink sink) {
    sink.beginLog(info());
    long objectRows = 0;
    for (frame = 0; frame < frames; frame++) {
      double t = frame * Traffic.DT;
      planner.ensure(ego.s + 450);
      objectRows += emit(sink, startNs + frame * FRAME_NS);
      director.update(frame, t, (frames - 1 - frame) * Traffic.DT);
      pop.spawn(t);
      laneChanges.decide(t);
      tr.step();
      tr.updateGhosts();
      pop.despawn();
    }
    director.finishLog((int) frames - 1);
    List<InjectedScenario> truth = new ArrayList<>();
    for (Script s : director.finished()) {
      if (s.played) {
        record(sink, truth, s.type, s.startFrame, s.endFrame, s.tracks);
      }
      for (Script.Also a : s.also) {
        record(sink, truth, a.type(), a.startFrame(), Math.max(a.startFrame(), a.endFrame()), a.tracks());
      }
    }
    sink.endLog();
    return new Result(frames, objectRows, truth);
  }

  /** Adds one truth interval (ego frame indices) to the list and writes it as an event. */
  private void record(LogSink sink, List<InjectedScenario> truth, ScenarioType type, int first, int last,
      List<String> tracks) {
    InjectedScenario sc = new InjectedScenario(logId, type, startNs + first * FRAME_NS,
        startNs + Math.min(last, frames - 1) * FRAME_NS, tracks);
    truth.add(sc);
    sink.event(new EventSample(sc.startNs(), sc.endNs(), type.eventType(), "synthetic-truth", sc.trackIds(),
        "{\"scenario\":\"" + type.sqlName() + "\",\"generator\":\"fleetmine-synth\"}"));
  }

  /** Writes the ego row and one row per agent at timestamp ts; returns the number of object rows. */
  private long emit(LogSink sink, long ts) {
    tr.place(ego);
    sink.ego(new EgoSample(ts, ego.wx, ego.wy, 0, ego.wyaw, ego.v));
    for (Agent a : tr.agents) {
      tr.place(a);
      sink.object(new ObjectSample(ts, ObjectSample.GROUND_TRUTH, a.trackId, a.category, a.rawLabel,
          a.wx, a.wy, a.height / 2, a.length, a.width, a.height, a.wyaw, a.wvx, a.wvy, Double.NaN));
    }
    return tr.agents.size();
  }

  private LogInfo info() {
    return LogInfo.of(logId, "synthetic", location).withVehicle("synth-ego").withMetadata(Map.of(
        "generator", "fleetmine-synth",
        "road", road.kind.label,
        "lanes_per_direction", Integer.toString(road.lanesPerDirection),
        "ego_lane", Integer.toString(road.egoIndex),
        "speed_limit_mps", Double.toString(road.speedLimit())));
  }

  /** Asks every vehicle ahead of the ego in its lane to leave it (scenarios that need a clear lane). */
  void requestClearEgoLane() {
    for (Agent a : road.egoLane.members) {
      if (a != ego && a.s > ego.s && !a.noExit) {
        a.exitRequested = true;
      }
    }
  }

  /** SplitMix64 finalizer over (seed, index): independent, reproducible streams per log. */
  static long mix(long seed, int index) {
    long z = seed * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
