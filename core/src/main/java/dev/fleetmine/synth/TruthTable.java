package dev.fleetmine.synth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The injected scenarios of a synthetic fleet, written as CSV with columns
 * {@code log_id,scenario,start_ns,end_ns,track_ids} (track ids separated by {@code ;}).
 */
public record TruthTable(List<InjectedScenario> rows) {
  /** The CSV header line. */
  public static final String HEADER = "log_id,scenario,start_ns,end_ns,track_ids";

  public TruthTable {
    rows = List.copyOf(rows);
  }

  /** Number of scenarios per type, every type present (0 when none). */
  public Map<ScenarioType, Integer> countByType() {
    Map<ScenarioType, Integer> counts = new EnumMap<>(ScenarioType.class);
    for (ScenarioType t : ScenarioType.values()) {
      counts.put(t, 0);
    }
    rows.forEach(r -> counts.merge(r.type(), 1, Integer::sum));
    return counts;
  }

  /** Writes the table; ids never contain commas, quotes or {@code ;}, so no quoting is needed. */
  public void writeCsv(Path file) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.write('\n');
      for (InjectedScenario r : rows) {
        w.write(r.logId() + "," + r.type().sqlName() + "," + r.startNs() + "," + r.endNs() + ","
            + String.join(";", r.trackIds()));
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write truth table " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a table written by {@link #writeCsv}. */
  public static TruthTable readCsv(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read truth table " + file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      throw new IllegalArgumentException(file + ": line 1: expected the header '" + HEADER + "'");
    }
    List<InjectedScenario> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",", -1);
      if (f.length != 5) {
        throw new IllegalArgumentException(file + ": line " + (i + 1) + ": expected 5 fields, got " + f.length);
      }
      List<String> ids = f[4].isEmpty() ? List.of() : Arrays.asList(f[4].split(";"));
      rows.add(new InjectedScenario(f[0], ScenarioType.fromSqlName(f[1]), Long.parseLong(f[2]),
          Long.parseLong(f[3]), ids));
    }
    return new TruthTable(rows);
  }
}
