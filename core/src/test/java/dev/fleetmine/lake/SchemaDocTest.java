package dev.fleetmine.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/schema.md documents exactly the columns {@link Table}, {@link TagTable}, {@link ForecastTable} and {@link Boxes2dTable}
 * define, in order, with their types.
 */
class SchemaDocTest {
  @Test
  void schemaDocMatchesTheCode() throws Exception {
    Path doc = Path.of("..", "docs", "schema.md");
    List<String> lines = Files.readAllLines(doc);
    Map<String, List<Column>> tables = new LinkedHashMap<>();
    for (Table t : Table.values()) {
      tables.put(t.tableName(), t.columns());
    }
    tables.put(TagTable.NAME, TagTable.COLUMNS);
    tables.put(ForecastTable.NAME, ForecastTable.COLUMNS);
    tables.put(Boxes2dTable.NAME, Boxes2dTable.COLUMNS);
    tables.forEach((name, columns) -> {
      int start = lines.indexOf("### " + name);
      assertThat(start).as("heading '### %s' in %s", name, doc).isNotNegative();
      List<String> documented = new ArrayList<>();
      for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
        String l = lines.get(i);
        if (l.startsWith("| `")) {
          String[] cells = l.split("\\|");
          documented.add(cells[1].trim().replace("`", "") + " " + cells[2].trim() + " " + cells[3].trim());
        }
      }
      List<String> expected = columns.stream()
          .map(c -> c.name() + " " + c.sqlType() + " " + (c.nullable() ? "yes" : "no")).toList();
      assertThat(documented).as("columns of %s in %s", name, doc).isEqualTo(expected);
    });
  }
}
