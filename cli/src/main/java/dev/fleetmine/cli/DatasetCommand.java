package dev.fleetmine.cli;

import dev.fleetmine.dataset.DatasetDiff;
import dev.fleetmine.dataset.DatasetExport;
import dev.fleetmine.dataset.DatasetStats;
import dev.fleetmine.dataset.DatasetStore;
import dev.fleetmine.dataset.DatasetVersion;
import dev.fleetmine.dataset.ExportFormat;
import dev.fleetmine.dataset.ExportManifest;
import dev.fleetmine.dataset.LabelPin;
import dev.fleetmine.dataset.LeftOut;
import dev.fleetmine.dataset.LineageStep;
import dev.fleetmine.dataset.MemberSource;
import dev.fleetmine.dataset.SplitSpec;
import dev.fleetmine.vector.ClipIndex;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetmine dataset create|add|split|diff|stats|export|list}: versioned training datasets. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
    description = {"Versioned training datasets in the lake's curation area (docs/curation.md#datasets): immutable",
        "versions with pinned, materialized labels and lineage; leak-free splits; exports with checksums."},
    subcommands = {DatasetCommand.Create.class, DatasetCommand.Add.class, DatasetCommand.Split.class, DatasetCommand.Diff.class,
        DatasetCommand.Stats.class, DatasetCommand.Export.class, DatasetCommand.ListDatasets.class})
final class DatasetCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Exactly one member source. */
  static final class Source {
    @Option(names = "--from-query", paramLabel = "QUERY", description = "Clips of a scenario query (or library scenario name).")
    String query;

    @Option(names = "--from-tag", paramLabel = "TAG", description = "Clips of a tag in the tags view.")
    String tag;

    @Option(names = "--from-selection", paramLabel = "ID", description = "Picks of a saved selection.")
    String selection;

    @Option(names = "--from-batch", paramLabel = "BATCH", description = "Clips of a labeling batch (labels: its latest version unless --labels).")
    String batch;

    @Option(names = "--clips", paramLabel = "IDS", description = "Comma-separated LOG@START_NS-END_NS (coco:DATASET@FIRST_ID-LAST_ID for COCO images).")
    String clips;

    MemberSource source() {
      if (query != null) {
        return new MemberSource.Query(query);
      }
      if (tag != null) {
        return new MemberSource.Tag(tag);
      }
      if (selection != null) {
        return new MemberSource.Selection(selection);
      }
      if (batch != null) {
        return new MemberSource.Batch(batch);
      }
      return MemberSource.Clips.parse(clips);
    }
  }

  /** What the subcommands on one dataset share: the lake, its {@code NAME}, the store and the output. */
  abstract static class OnDataset implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LakeOptions lake;

    @Parameters(index = "0", paramLabel = "NAME", description = "Dataset name.")
    String name;

    DatasetStore store() {
      return new DatasetStore(lake.open().lake());
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }
  }

  /** A subcommand on one version of a dataset ({@code --version}, default the newest). */
  abstract static class OnVersion extends OnDataset {
    @Option(names = "--version", paramLabel = "N", description = "Version (default: the newest).")
    Integer version;
  }

  /** What create and add share. */
  abstract static class Grow extends OnDataset {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--labels", paramLabel = "PIN", description = "Labels of the new members: gt (default), BATCH@vN or BATCH@latest.")
    String labels;

    @Option(names = "--dedup-threshold", paramLabel = "SCORE", defaultValue = "0",
        description = "Also drop clips whose scene scores at least this against a member's in the similarity index (`fleetmine index`).")
    double dedupThreshold;

    abstract DatasetVersion grow(DatasetStore store, MemberSource source, LabelPin pin);

    @Override
    public Integer call() {
      var fm = lake.open();
      PrintWriter out = out();
      if (dedupThreshold > 0 && !Files.isDirectory(ClipIndex.directory(fm.lake()))) {
        out.println("note: the lake has no similarity index (`fleetmine index`): near-duplicate check skipped");
      }
      DatasetVersion v = grow(new DatasetStore(fm.lake()), source.source(), labels == null ? null : LabelPin.parse(labels));
      LineageStep s = v.lastStep();
      out.printf(Locale.ROOT, "dataset %s v%d: %d member(s) (%d added, %d re-pinned, %d duplicate(s), %d near-duplicate(s) dropped),"
          + " %,d frames, %,d boxes, labels %s, snapshot %d%n", v.dataset(), v.version(), v.members(), s.added(), s.repinned(),
          s.duplicates(), s.nearDuplicates(), v.frames(), v.labelRows(), s.labels(), v.snapshotVersion());
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Makes v1 of a new dataset.")
  static final class Create extends Grow {
    @Override
    DatasetVersion grow(DatasetStore store, MemberSource source, LabelPin pin) {
      return store.create(name, source, pin, dedupThreshold);
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Makes v(N+1) = the newest version plus new clips (exact duplicates dropped; a new batch label pin re-pins).")
  static final class Add extends Grow {
    @Override
    DatasetVersion grow(DatasetStore store, MemberSource source, LabelPin pin) {
      return store.add(name, source, pin, dedupThreshold);
    }
  }

  @Command(name = "split", mixinStandardHelpOptions = true,
      description = "Makes a new version with a leak-free split of a version's members (whole groups per split).")
  static final class Split extends OnVersion {
    @Option(names = "--fractions", required = true, paramLabel = "SPLITS", description = "For example train=0.8,val=0.1,test=0.1.")
    String fractions;

    @Option(names = "--seed", defaultValue = "0", description = "Tie-breaking seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--group-by", defaultValue = "log", description = "log, location or time:<H>h (default: ${DEFAULT-VALUE}).")
    String groupBy;

    @Option(names = "--stratify", paramLabel = "tag", description = "Stratify by scenario tag (the only value: tag).")
    String stratify;

    @Option(names = "--weight", defaultValue = "frames", paramLabel = "frames|clips",
        description = "What the fractions are fractions of: frames (default) or clips.")
    String weight;

    @Override
    public Integer call() {
      if (stratify != null && !stratify.equals("tag")) {
        throw new IllegalArgumentException("--stratify '" + stratify + "': expected tag");
      }
      DatasetStore store = store();
      int base = store.resolve(name, version).version();
      DatasetVersion v = store.split(name, base, new SplitSpec(SplitSpec.parseFractions(fractions), seed, groupBy, stratify != null,
          SplitSpec.Weight.parse(weight)));
      PrintWriter out = out();
      out.printf("dataset %s v%d: v%d split %s%n", v.dataset(), v.version(), base, v.split().describe());
      List<List<String>> rows = new ArrayList<>();
      for (SplitSpec.Fraction f : v.split().fractions()) {
        int clips = v.splitMembers().getOrDefault(f.name(), 0);
        long frames = v.splitFrames().getOrDefault(f.name(), 0L);
        rows.add(List.of(f.name(), Integer.toString(clips), Long.toString(frames), share(clips, v.members()), share(frames, v.frames()),
            String.format(Locale.ROOT, "%.3f", f.fraction())));
      }
      Tables.print(out, List.of("split", "clips", "frames", "clip_share", "frame_share", "target"), rows);
      return 0;
    }

    private static String share(long n, long of) {
      return String.format(Locale.ROOT, "%.3f", of == 0 ? 0 : (double) n / of);
    }
  }

  @Command(name = "diff", mixinStandardHelpOptions = true, description = "Members, labels and splits that differ between two versions.")
  static final class Diff extends OnDataset {
    @Parameters(index = "1", paramLabel = "FROM", description = "Version, as N or vN.")
    String from;

    @Parameters(index = "2", paramLabel = "TO", description = "Version, as N or vN.")
    String to;

    @Override
    public Integer call() {
      DatasetDiff d = DatasetDiff.of(store(), name, version(from), version(to));
      PrintWriter out = out();
      out.printf("dataset %s v%d -> v%d: %d added, %d removed, %d with label changes, %d with split changes%n", name, d.from(), d.to(),
          d.added().size(), d.removed().size(), d.labelChanges().size(), d.splitChanges().size());
      d.added().forEach(c -> out.println("+ " + c));
      d.removed().forEach(c -> out.println("- " + c));
      for (Map.Entry<String, DatasetDiff.LabelChange> e : d.labelChanges().entrySet()) {
        DatasetDiff.LabelChange c = e.getValue();
        out.printf("~ %s labels %s -> %s: %d box(es) added, %d removed, %d changed%n", e.getKey(), c.fromRef(), c.toRef(), c.boxesAdded(),
            c.boxesRemoved(), c.boxesChanged());
      }
      for (Map.Entry<String, List<String>> e : d.splitChanges().entrySet()) {
        out.printf("~ %s split %s -> %s%n", e.getKey(), e.getValue().get(0).isEmpty() ? "(none)" : e.getValue().get(0),
            e.getValue().get(1).isEmpty() ? "(none)" : e.getValue().get(1));
      }
      return 0;
    }
  }

  static int version(String v) {
    String s = v.startsWith("v") ? v.substring(1) : v;
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("version '" + v + "': expected N or vN", e);
    }
  }

  @Command(name = "stats", mixinStandardHelpOptions = true,
      description = "Clips, frames, hours, logs, locations, boxes and tracks per category, scenario tags; per split when split.")
  static final class Stats extends OnVersion {
    @Override
    public Integer call() {
      DatasetStats st = DatasetStats.of(store(), name, version);
      PrintWriter out = out();
      out.printf("dataset %s v%d%n", st.dataset(), st.version());
      List<List<String>> rows = new ArrayList<>();
      st.parts().forEach((p, s) -> rows.add(List.of(p, Integer.toString(s.clips()), Long.toString(s.frames()),
          String.format(Locale.ROOT, "%.4f", s.hours()), Integer.toString(s.logs()), Integer.toString(s.locations()))));
      Tables.print(out, List.of("part", "clips", "frames", "hours", "logs", "locations"), rows);
      List<List<String>> cats = new ArrayList<>();
      st.parts().forEach((p, s) -> s.categories().forEach((c, n) -> cats.add(List.of(p, c, Long.toString(n[0]), Long.toString(n[1])))));
      out.println();
      Tables.print(out, List.of("part", "category", "boxes", "tracks"), cats);
      List<List<String>> tags = new ArrayList<>();
      st.parts().forEach((p, s) -> s.tags().forEach((t, n) -> tags.add(List.of(p, t, Integer.toString(n)))));
      if (!tags.isEmpty()) {
        out.println();
        Tables.print(out, List.of("part", "tag", "clips"), tags);
      }
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Writes a version for training (kitti, coco, openlabel, parquet) with a manifest of checksums into a new directory.")
  static final class Export extends OnVersion {
    @Option(names = "--format", required = true, description = "kitti, coco, openlabel or parquet.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Target directory (missing or empty).")
    Path out;

    @Option(names = "--shard-rows", defaultValue = "" + DatasetExport.DEFAULT_SHARD_ROWS,
        description = "Rows per Parquet shard at most (default: ${DEFAULT-VALUE}).")
    int shardRows;

    @Option(names = "--kitti-calib", paramLabel = "DIR",
        description = "KITTI root or calib folder: KITTI logs are then written in camera coordinates (else the LiDAR frame).")
    Path kittiCalib;

    @Override
    public Integer call() {
      ExportManifest m = DatasetExport.export(store(), name, version,
          new DatasetExport.Options(ExportFormat.parse(format), out, shardRows, kittiCalib));
      PrintWriter w = out();
      w.printf("exported dataset %s v%d as %s: %d file(s), %s -> %s%n", m.dataset(), m.version(), m.format(),
          m.files().size(), m.counts(), out.resolve("manifest.json"));
      if (m.leftOut().isEmpty()) {
        w.println("left out: nothing");
      } else {
        w.printf(Locale.ROOT, "left out: %,d box(es) of the members' labels:%n", m.leftOutTotal());
        m.leftOut().forEach((reason, n) -> w.printf(Locale.ROOT, "  %,d %s: %s%n", n, reason, LeftOut.parse(reason).why()));
      }
      return 0;
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 72 ? s : s.substring(0, 69) + "...";
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Datasets and their versions.")
  static final class ListDatasets implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LakeOptions lake;

    @Override
    public Integer call() {
      DatasetStore store = new DatasetStore(lake.open().lake());
      List<List<String>> rows = new ArrayList<>();
      for (String n : store.names()) {
        for (int v : store.versions(n)) {
          DatasetVersion d = store.load(n, v);
          LineageStep s = d.lastStep();
          rows.add(List.of(n, "v" + v, Integer.toString(d.members()), Long.toString(d.frames()),
              d.split() == null ? "" : String.join("/", d.split().names()), abbreviate(s.operation() + " " + s.kind() + " " + s.text())));
        }
      }
      Tables.print(spec.commandLine().getOut(), List.of("dataset", "version", "members", "frames", "split", "made by"), rows);
      return 0;
    }
  }
}
