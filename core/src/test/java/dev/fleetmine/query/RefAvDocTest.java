package dev.fleetmine.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every query written in the RefAV table of docs/query-language.md parses and type-checks. */
class RefAvDocTest {
  @Test
  void everyQueryOfTheRefAvTableCompiles() throws IOException {
    Path doc = Path.of("..", "docs", "query-language.md");
    String text = Files.readString(doc);
    String table = text.substring(text.indexOf("## RefAV's vocabulary"), text.indexOf("**Category groups.**"));
    List<String> queries = new ArrayList<>();
    Matcher m = Pattern.compile("`(exists [a-z][^`]+)`").matcher(table);
    while (m.find()) {
      queries.add(m.group(1));
    }
    assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
    ScenarioLibrary lib = ScenarioLibrary.builtIn();
    for (String q : queries) {
      assertThat(lib.compile(q)).as(q).isNotNull();
      assertThat(ScenarioSearch.explain(lib.compile(q), lib)).as(q).contains("SELECT");
    }
  }
}
