package dev.fleetmine.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public OpenLABEL writer on plain records, as the dataset export calls it: tracks, untracked boxes, scores, tags. */
class OpenLabelWriterTest {
  static Cuboid box(long ts, String track, String category, double x, Double score) {
    return new Cuboid("log", ts, track, category, category, x, 2, 0.5, 4, 2, 1.5, 0.25, score == null ? "gt" : "model:m", score, "{}");
  }

  @Test
  void objectsFramesCuboidsAndContexts() {
    OpenLabelWriter.Scene scene = new OpenLabelWriter.Scene("log@0-300", "log_local", List.of(
        new OpenLabelWriter.Frame(0, List.of(box(0, "7", "car", 1, null), box(0, null, "pedestrian", 9, 0.8))),
        new OpenLabelWriter.Frame(100, List.of()),
        new OpenLabelWriter.Frame(200, List.of(box(200, "7", "car", 3, null)))), List.of("cut_in"), Map.of("dataset", "d@v1"));
    JsonNode ol = OpenLabelWriter.toJson(scene).get("openlabel");
    assertThat(ol.path("metadata").path("schema_version").asText()).isEqualTo("1.0.0");
    assertThat(ol.path("metadata").path("annotator").asText()).isEqualTo("gt,model:m");
    assertThat(ol.path("metadata").path("dataset").asText()).isEqualTo("d@v1");
    assertThat(ol.path("coordinate_systems").path("log_local").toString()).isEqualTo("{\"type\":\"scene_cs\",\"parent\":\"\",\"children\":[]}");
    // track 7 is one object seen in frames 0 and 2 (two intervals); the untracked detection its own object
    assertThat(ol.path("objects").toString()).isEqualTo("{\"0\":{\"name\":\"7\",\"type\":\"car\",\"frame_intervals\":"
        + "[{\"frame_start\":0,\"frame_end\":0},{\"frame_start\":2,\"frame_end\":2}]},\"1\":{\"name\":\"\",\"type\":\"pedestrian\","
        + "\"frame_intervals\":[{\"frame_start\":0,\"frame_end\":0}]}}");
    assertThat(ol.path("contexts").toString()).isEqualTo("{\"0\":{\"name\":\"cut_in\",\"type\":\"scenario_tag\","
        + "\"frame_intervals\":[{\"frame_start\":0,\"frame_end\":2}]}}");
    assertThat(ol.path("frames").size()).isEqualTo(3);
    assertThat(ol.path("frames").path("1").toString()).isEqualTo("{\"frame_properties\":{\"timestamp\":1.0E-7,\"ts_ns\":100},\"objects\":{}}");
    assertThat(ol.path("frames").path("0").path("objects").path("1").toString()).isEqualTo("{\"object_data\":{\"cuboid\":[{\"name\":"
        + "\"box3d\",\"coordinate_system\":\"log_local\",\"val\":[9.0,2.0,0.5,0.0,0.0,0.25,4.0,2.0,1.5],\"attributes\":{\"text\":"
        + "[{\"name\":\"annotator\",\"val\":\"model:m\"}],\"num\":[{\"name\":\"score\",\"val\":0.8}]}}]}}");
  }
}
