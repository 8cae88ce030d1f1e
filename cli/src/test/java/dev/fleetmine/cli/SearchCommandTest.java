package dev.fleetmine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleetmine search} output on real logs with different clocks: Argoverse 2 timestamps are GPS-epoch
 * nanoseconds (3.16e17), KITTI's count from 0. Every format gives the clip id and seconds from the log's start.
 */
class SearchCommandTest {
  @TempDir
  static Path dir;

  static String lake;

  static final String QUERY = "exists pedestrian p where p.distance < 8";
  static final String AV2_A = "7fab2350-7eaf-3b7e-a39d-6937a4c1bede";
  static final String AV2_B = "adcf7d18-0510-35b0-a2fa-b4cea13a6d76";

  @BeforeAll
  static void ingestAv2AndKitti() {
    lake = dir.resolve("lake").toString();
    Path data = QuickstartTest.sharedData();
    CliRun av2 = CliRun.run("ingest", "av2", data.resolve("argoverse2/sensor").toString(), "--lake", lake);
    assertThat(av2.code()).as(av2.err()).isZero();
    CliRun kitti = CliRun.run("ingest", "kitti", data.resolve("kitti-tracking/label_02/0017.txt").toString(), "--lake", lake);
    assertThat(kitti.code()).as(kitti.err()).isZero();
  }

  @Test
  void theTableGivesClipIdsAndSecondsFromEachLogsStart() {
    CliRun r = CliRun.run("search", "--lake", lake, QUERY);
    assertThat(r.code()).as(r.err()).isZero();
    // AV2 log 7fab2350 starts at 315966253660357000 ns: its clip at +15.1 s is 15.100, not 315966268.760
    assertThat(ScenariosCommandTest.dropTiming(r.out())).isEqualTo("""
        clip                                                                          start_s      end_s  matches    score  referred
        7fab2350-7eaf-3b7e-a39d-6937a4c1bede@315966268760056000-315966269160171000     15.100     15.500        5     0.40  p: 1
        adcf7d18-0510-35b0-a2fa-b4cea13a6d76@315973168759826000-315973171159887000     10.800     13.200       25     2.40  p: 1
        kitti-0017@0-6600000000                                                         0.000      6.600       67     6.60  p: 5
        kitti-0017@9200000000-11100000000                                               9.200     11.100       20     1.90  p: 1
        kitti-0017@11800000000-14400000000                                             11.800     14.400       27     2.60  p: 3
        5 clip(s)
        
        """);
    String id = r.out().lines().skip(1).findFirst().orElseThrow().split(" ")[0];
    assertThat(CliRun.run("sql", "--lake", lake, "--format", "csv", "SELECT start_ns FROM logs WHERE log_id = '" + AV2_A + "'").out())
        .isEqualTo("start_ns\n315966253660357000\n");
    // the id is what `similar --clip` takes; by default its answers come from the two other logs, one each
    assertThat(CliRun.run("index", "--lake", lake).code()).isZero();
    CliRun similar = CliRun.run("similar", "--lake", lake, "--clip", id, "-k", "5");
    assertThat(similar.code()).as(similar.err()).isZero();
    assertThat(similar.out().lines().skip(1).map(l -> l.split(" +")[1].replaceFirst("@.*", "")).sorted())
        .containsExactly(AV2_B, "kitti-0017");
  }

  @Test
  void jsonAndParquetCarryTheSameSecondsNextToTheNanoseconds() throws Exception {
    CliRun r = CliRun.run("search", "--lake", lake, "--format", "json", QUERY);
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode clips = new ObjectMapper().readTree(r.out()).get("clips");
    List<String> rows = new ArrayList<>();
    for (JsonNode c : clips) {
      rows.add(c.get("id").asText() + " " + c.get("start_ns").asLong() + " " + c.get("end_ns").asLong() + " "
          + c.get("start_s").asDouble() + " " + c.get("end_s").asDouble());
    }
    assertThat(rows).containsExactly(
        AV2_A + "@315966268760056000-315966269160171000 315966268760056000 315966269160171000 15.099699 15.499814",
        AV2_B + "@315973168759826000-315973171159887000 315973168759826000 315973171159887000 10.799947 13.200008",
        "kitti-0017@0-6600000000 0 6600000000 0.0 6.6",
        "kitti-0017@9200000000-11100000000 9200000000 11100000000 9.2 11.1",
        "kitti-0017@11800000000-14400000000 11800000000 14400000000 11.8 14.4");

    Path parquet = dir.resolve("clips.parquet");
    assertThat(CliRun.run("search", "--lake", lake, "--format", "parquet", "-o", parquet.toString(), QUERY).code()).isZero();
    assertThat(SqlCommandTest.read("SELECT string_agg(column_name, ',') FROM (DESCRIBE SELECT * FROM '" + parquet + "')"))
        .containsExactly("clip_id,log_id,start_ns,end_ns,score,ts_ns,track_id,x,y,z,start_s,end_s,role,answer");
    assertThat(SqlCommandTest.read("SELECT DISTINCT clip_id || ' ' || start_s || ' ' || end_s FROM '" + parquet + "' ORDER BY 1"))
        .containsExactly(AV2_A + "@315966268760056000-315966269160171000 15.099699 15.499814",
            AV2_B + "@315973168759826000-315973171159887000 10.799947 13.200008",
            "kitti-0017@0-6600000000 0.0 6.6", "kitti-0017@11800000000-14400000000 11.8 14.4",
            "kitti-0017@9200000000-11100000000 9.2 11.1");
  }
}
