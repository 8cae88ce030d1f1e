package dev.fleetmine.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/schema.md documents exactly the columns {@link Table} defines, in order, with their types. */
class SchemaDocTest {
  @Test
  void schemaDocMatchesTheCode() throws Exception {
    Path doc = Path.of("..", "docs", "schema.md");
    List<String> lines = Files.readAllLines(doc);
    for (Table t : Table.values()) {
      int start = lines.indexOf("### " + t.tableName());
      assertThat(start).as("heading '### %s' in %s", t.tableName(), doc).isNotNegative();
      List<String> documented = new ArrayList<>();
      for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
        String l = lines.get(i);
        if (l.startsWith("| `")) {
          String[] cells = l.split("\\|");
          documented.add(cells[1].trim().replace("`", "") + " " + cells[2].trim() + " " + cells[3].trim());
        }
      }
      List<String> expected = t.columns().stream()
          .map(c -> c.name() + " " + c.sqlType() + " " + (c.nullable() ? "yes" : "no")).toList();
      assertThat(documented).as("columns of %s in %s", t.tableName(), doc).isEqualTo(expected);
    }
  }
}
