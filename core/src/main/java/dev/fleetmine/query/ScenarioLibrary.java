package dev.fleetmine.query;

import dev.fleetmine.query.lang.Checker;
import dev.fleetmine.query.lang.Parser;
import dev.fleetmine.query.lang.Query;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Named scenarios written in the language itself: the built-in library (resources
 * {@code dev/fleetmine/scenarios/*.fsl}, also in docs/scenarios/) plus any {@code .fsl} files of a user
 * directory, which override built-ins of the same name.
 */
public final class ScenarioLibrary {
  /** Built-in scenario names, in the order they are listed. */
  public static final List<String> BUILT_IN = List.of("hard_brake", "cut_in", "pedestrian_crossing",
      "lead_vehicle_stopped", "left_turn_across_oncoming", "overtaking_on_right", "stopped_vehicle", "near_miss",
      "jaywalker");

  private final Map<String, String> texts;
  private final Map<String, Query> parsed = new LinkedHashMap<>();

  private ScenarioLibrary(Map<String, String> texts) {
    this.texts = Collections.unmodifiableMap(texts);
  }

  /** The built-in library. */
  public static ScenarioLibrary builtIn() {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String name : BUILT_IN) {
      String resource = "/dev/fleetmine/scenarios/" + name + ".fsl";
      try (InputStream in = ScenarioLibrary.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("built-in scenario " + resource + " is missing from the jar");
        }
        texts.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ScenarioLibrary(texts);
  }

  /** The built-ins, plus the {@code .fsl} files of {@code dir} when it is not null. */
  public static ScenarioLibrary builtInWith(Path dir) {
    return dir == null ? builtIn() : builtIn().withDirectory(dir);
  }

  /** The built-ins plus every {@code NAME.fsl} in {@code dir} (overriding built-ins). */
  public ScenarioLibrary withDirectory(Path dir) {
    Map<String, String> texts = new LinkedHashMap<>(this.texts);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".fsl")).sorted().toList()) {
        String name = f.getFileName().toString().replaceFirst("\\.fsl$", "");
        texts.put(name, Files.readString(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario directory " + dir, e);
    }
    return new ScenarioLibrary(texts);
  }

  public List<String> names() {
    return List.copyOf(texts.keySet());
  }

  /** The scenario's source text. */
  public Optional<String> text(String name) {
    return Optional.ofNullable(texts.get(name));
  }

  /** The parsed and checked scenario, or null when there is none (the checker's library lookup). */
  public synchronized Query get(String name) {
    if (!texts.containsKey(name)) {
      return null;
    }
    Query q = parsed.get(name);
    if (q == null) {
      q = Parser.parse(texts.get(name));
      parsed.put(name, q);
      Checker.check(q, this::get);
    }
    return q;
  }

  /** Parses and checks a query that may refer to this library's scenarios. */
  public Query compile(String text) {
    return Checker.check(Parser.parse(text), this::get);
  }
}
