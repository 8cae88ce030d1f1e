package dev.fleetmine.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetmine.ingest.EgoSample;
import dev.fleetmine.ingest.Ingestor;
import dev.fleetmine.ingest.LogInfo;
import dev.fleetmine.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own embeddings imported beside the lake and searched. */
class ImportedVectorsTest {
  @TempDir
  Path dir;
  Lake lake;

  @BeforeEach
  void twoLogs() {
    lake = Lake.open(dir.resolve("lake"));
    try (Ingestor in = Ingestor.begin(lake)) {
      for (String log : List.of("a", "b")) {
        in.beginLog(LogInfo.of(log, "native", "test"));
        in.ego(new EgoSample(0, 0, 0, 0, 0, 0));
        in.ego(new EgoSample(100_000_000, 1, 0, 0, 0, 10));
        in.endLog();
      }
      in.commit("test");
    }
  }

  Path csv(String body) throws Exception {
    return Files.writeString(dir.resolve("v" + body.hashCode() + ".csv"), "log_id,ts_ns,track_id,vector\n" + body);
  }

  @Test
  void perObjectVectorsAreSearchedByCosine() throws Exception {
    Path f = csv("a,0,7,\"[1, 0, 0]\"\na,100000000,7,\"[0.9, 0.1, 0]\"\nb,0,3,\"[0, 1, 0]\"\nb,100000000,3,\"[0, 0, 5]\"\n");
    ImportedVectors.Imported r = ImportedVectors.importFile(lake, "img@v1", f);
    assertThat(List.of(r.vectors(), r.dimension(), r.logs())).containsExactly(4, 3, 2);
    try (VectorIndex index = ImportedVectors.open(lake, "img@v1")) {
      // cosine with (0.5, 0.5, 1): (0, 0, 5) 0.816, (0.9, 0.1, 0) 0.451, (1, 0, 0) and (0, 1, 0) 0.408
      List<Hit> hits = index.search(new float[] {0.5f, 0.5f, 1}, 2, VectorFilter.NONE);
      assertThat(hits).extracting(Hit::id).containsExactly("b@100000000-100000000#3", "a@100000000-100000000#7");
      assertThat((double) hits.get(0).score()).isCloseTo((1 + 1 / Math.sqrt(1.5)) / 2, org.assertj.core.api.Assertions.within(1e-6));
      assertThat(index.search(new float[] {1, 0, 0.1f}, 1, VectorFilter.NONE.withLogs("b"))).extracting(Hit::id)
          .containsExactly("b@100000000-100000000#3");
      assertThat(hits.get(0).meta().source()).isEqualTo("native");
    }
    // importing the name again replaces the index
    ImportedVectorsTest t = this;
    assertThat(ImportedVectors.importFile(lake, "img@v1", t.csv("a,0,1,\"[1, 1, 1]\"\n")).vectors()).isEqualTo(1);
    try (VectorIndex index = ImportedVectors.open(lake, "img@v1")) {
      assertThat(index.size()).isEqualTo(1);
    }
  }

  @Test
  void badRowsNameTheRowAndColumnAndLeaveNoIndex() throws Exception {
    assertThatThrownBy(() -> ImportedVectors.importFile(lake, "x", csv("a,0,1,\"[1, 0]\"\nc,0,1,\"[1, 0]\"\n")))
        .hasMessageEndingWith(": row 2, column log_id: log 'c' is not in the lake");
    assertThatThrownBy(() -> ImportedVectors.importFile(lake, "x", csv("a,0,1,\"[1, 0]\"\nb,0,1,\"[1, 0, 2]\"\n")))
        .hasMessageEndingWith(": row 2, column vector: expected 2 numbers like the first row, got 3 numbers");
    assertThatThrownBy(() -> ImportedVectors.importFile(lake, "x", Files.writeString(dir.resolve("n.csv"), "log_id,vector\na,\"[1]\"\n")))
        .hasMessageEndingWith("missing column start_ns/end_ns (per clip) or ts_ns (per frame)");
    assertThatThrownBy(() -> ImportedVectors.importFile(lake, "Bad Name", csv("a,0,1,\"[1]\"\n")))
        .hasMessageStartingWith("index name 'Bad Name': expected lower-case letters");
    assertThat(Files.exists(ImportedVectors.directory(lake, "x"))).isFalse();
    assertThatThrownBy(() -> ImportedVectors.open(lake, "x")).hasMessageStartingWith("no imported vectors named 'x' in the lake");
  }
}
