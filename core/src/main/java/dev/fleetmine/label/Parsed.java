package dev.fleetmine.label;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the readers of the tool formats produce from annotation files, before the checks every format
 * shares ({@link AnnotationImport}): boxes and tags with where each came from, and the problems found.
 */
final class Parsed {
  /** A value and where it is in its file ({@code file: json.path} or {@code file: line N <element>}). */
  record Located<T>(String where, T value) {}

  final List<Located<Cuboid>> boxes = new ArrayList<>();
  final List<Located<ClipTag>> tags = new ArrayList<>();
  final List<String> problems = new ArrayList<>();
  /** Frames the files say were left unannotated (Label Studio tasks without a completed annotation). */
  long unannotated;

  void problem(Path file, String where, String what) {
    problems.add(file.getFileName() + ": " + where + ": " + what);
  }

  static String where(Path file, String where) {
    return file.getFileName() + ": " + where;
  }
}
