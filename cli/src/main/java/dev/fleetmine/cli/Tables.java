package dev.fleetmine.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints aligned text tables for terminal output. */
final class Tables {
  private Tables() {}

  static void print(PrintWriter out, List<String> header, List<List<String>> rows) {
    int[] width = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> r : all) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    for (List<String> r : all) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        String cell = r.get(i);
        sb.append(i == 0 ? "" : "  ").append(cell).append(" ".repeat(width[i] - cell.length()));
      }
      out.println(sb.toString().stripTrailing());
    }
  }
}
