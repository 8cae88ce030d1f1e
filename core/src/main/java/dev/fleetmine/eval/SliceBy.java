package dev.fleetmine.eval;

import java.util.Arrays;
import java.util.List;

/**
 * One way to cut an evaluation into slices. Every evaluation also reports the slice {@code all} and,
 * inside each slice, every category separately.
 *
 * <p>Frame slices ({@link Log}, {@link Scenario}, {@link Query}) keep the samples (log, timestamp) they
 * select with all their objects; the object slice {@link Distance} keeps, in every sample, the ground
 * truth and the detections whose own distance to ego lies in the band (as Waymo's and nuScenes'
 * range breakdowns do).
 */
public sealed interface SliceBy {
  /** Default distance band edges in metres. */
  double[] DEFAULT_BANDS = {0, 20, 40, 60};

  /** One slice per log. */
  record Log() implements SliceBy {}

  /** One slice per distance band {@code [edges[i], edges[i+1])}, the last one open-ended. */
  record Distance(double[] edges) implements SliceBy {
    public Distance {
      edges = edges.clone();
      for (int i = 1; i < edges.length; i++) {
        if (!(edges[i] > edges[i - 1])) {
          throw new IllegalArgumentException("distance band edges must increase: " + Arrays.toString(edges));
        }
      }
    }
  }

  /** One slice per scenario tag of the lake (the frames inside its clips); all mined scenarios when empty. */
  record Scenario(List<String> names) implements SliceBy {
    public Scenario {
      names = List.copyOf(names);
    }
  }

  /** The frames inside the clips of an ad-hoc scenario query. */
  record Query(String name, String text) implements SliceBy {}

  /**
   * Parses {@code log}, {@code distance}, {@code distance:0,10,30}, {@code scenario},
   * {@code scenario:cut_in,hard_brake} or {@code query:NAME=QUERY TEXT}.
   */
  static SliceBy parse(String spec) {
    String s = spec.strip();
    int colon = s.indexOf(':');
    String kind = colon < 0 ? s : s.substring(0, colon);
    String arg = colon < 0 ? "" : s.substring(colon + 1).strip();
    return switch (kind) {
      case "log" -> new Log();
      case "distance" -> new Distance(arg.isEmpty() ? DEFAULT_BANDS : parseEdges(spec, arg));
      case "scenario" -> new Scenario(arg.isEmpty() ? List.of() : Arrays.stream(arg.split(",")).map(String::strip).toList());
      case "query" -> {
        int eq = arg.indexOf('=');
        if (eq <= 0 || eq == arg.length() - 1) {
          throw new IllegalArgumentException("slice '" + spec + "': expected query:NAME=QUERY, e.g. "
              + "query:close_peds=exists pedestrian p where p.distance < 10");
        }
        yield new Query(arg.substring(0, eq).strip(), arg.substring(eq + 1).strip());
      }
      default -> throw new IllegalArgumentException("unknown slice '" + spec
          + "'; expected one of: log, distance[:EDGES], scenario[:NAMES], query:NAME=QUERY (category is always reported)");
    };
  }

  private static double[] parseEdges(String spec, String arg) {
    try {
      return Arrays.stream(arg.split(",")).mapToDouble(e -> Double.parseDouble(e.strip())).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("slice '" + spec + "': distance edges must be numbers in metres, e.g. distance:0,20,40");
    }
  }
}
