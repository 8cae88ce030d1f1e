package dev.fleetmine.select;

import dev.fleetmine.lake.LakeViews;
import dev.fleetmine.query.ClipRef;
import dev.fleetmine.query.LakeQuery;
import dev.fleetmine.query.ScenarioLibrary;
import dev.fleetmine.query.ScenarioSearch;
import dev.fleetmine.vector.ClipIndex;
import dev.fleetmine.vector.embed.ScenarioEmbedder;
import java.util.List;
import java.util.TreeSet;

/**
 * Where a selection's candidate clips come from. Each source has a one-line {@link #spec()} that
 * {@link #parse} reads back, so a saved selection names its candidates exactly.
 */
public sealed interface Candidates {
  /** The candidates, sorted and without duplicates (their index order is the tie-break of every strategy). */
  List<ClipRef> clips(LakeQuery q, ScenarioLibrary library);

  /** {@code tag:NAME}, {@code query:TEXT}, {@code scenario:NAME} or {@code windows}. */
  String spec();

  /** The clips of one tag of the {@code tags} table (e.g. {@code fn:pointrcnn} from {@code fleetmine eval}, or a mined scenario). */
  record FromTag(String tag) implements Candidates {
    @Override
    public List<ClipRef> clips(LakeQuery q, ScenarioLibrary library) {
      List<List<Object>> rows = q.rows("SELECT DISTINCT log_id, start_ns, end_ns FROM tags WHERE scenario = "
          + LakeViews.quote(tag) + " ORDER BY log_id, start_ns, end_ns").values();
      if (rows.isEmpty()) {
        List<String> tags = q.rows("SELECT DISTINCT scenario FROM tags ORDER BY scenario").values().stream()
            .map(r -> (String) r.get(0)).toList();
        throw new IllegalArgumentException("no clips tagged '" + tag + "' in the lake; tags there are: "
            + (tags.isEmpty() ? "(none; run `fleetmine mine` or `fleetmine eval`)" : String.join(", ", tags)));
      }
      return rows.stream().map(r -> new ClipRef((String) r.get(0), ((Number) r.get(1)).longValue(),
          ((Number) r.get(2)).longValue())).toList();
    }

    @Override
    public String spec() {
      return "tag:" + tag;
    }
  }

  /** Clips where a scenario-language query matches ({@link ScenarioSearch}). */
  record FromQuery(String text) implements Candidates {
    @Override
    public List<ClipRef> clips(LakeQuery q, ScenarioLibrary library) {
      return sorted(ScenarioSearch.run(q, library.compile(text), library).stream().map(ClipRef::of).toList());
    }

    @Override
    public String spec() {
      return "query:" + text;
    }
  }

  /** Clips where a library scenario matches, searched now (not its stored tag). */
  record FromScenario(String name) implements Candidates {
    @Override
    public List<ClipRef> clips(LakeQuery q, ScenarioLibrary library) {
      String text = library.text(name).orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + name
          + "'; known: " + String.join(", ", library.names())));
      return sorted(ScenarioSearch.run(q, library.compile(text), library).stream().map(ClipRef::of).toList());
    }

    @Override
    public String spec() {
      return "scenario:" + name;
    }
  }

  /** The clip index's sliding windows ({@link ClipIndex#WINDOW_S} every {@link ClipIndex#STRIDE_S}) of every log. */
  record FromWindows() implements Candidates {
    @Override
    public List<ClipRef> clips(LakeQuery q, ScenarioLibrary library) {
      long w = Math.round(ClipIndex.WINDOW_S * 1e9);
      long s = Math.round(ClipIndex.STRIDE_S * 1e9);
      return sorted(q.rows("SELECT log_id, start_ns, end_ns FROM logs ORDER BY log_id").values().stream()
          .flatMap(r -> ScenarioEmbedder.slidingWindows((String) r.get(0), ((Number) r.get(1)).longValue(),
              ((Number) r.get(2)).longValue(), w, s).stream())
          .map(ClipRef::of).toList());
    }

    @Override
    public String spec() {
      return "windows";
    }
  }

  /** Reads a {@link #spec()} back. */
  static Candidates parse(String spec) {
    if (spec.equals("windows")) {
      return new FromWindows();
    }
    int colon = spec.indexOf(':');
    String kind = colon < 0 ? spec : spec.substring(0, colon);
    String rest = colon < 0 ? "" : spec.substring(colon + 1);
    return switch (kind) {
      case "tag" -> new FromTag(rest);
      case "query" -> new FromQuery(rest);
      case "scenario" -> new FromScenario(rest);
      default -> throw new IllegalArgumentException("candidate source '" + spec
          + "': expected tag:NAME, query:TEXT, scenario:NAME or windows");
    };
  }

  private static List<ClipRef> sorted(List<ClipRef> clips) {
    return List.copyOf(new TreeSet<>(clips));
  }
}
