package dev.fleetmine.cli;

import dev.fleetmine.label.AnnotationImport;
import dev.fleetmine.label.AuditSample;
import dev.fleetmine.label.BatchEvent;
import dev.fleetmine.label.BatchExport;
import dev.fleetmine.label.Consensus;
import dev.fleetmine.label.LabelBatch;
import dev.fleetmine.label.LabelFormat;
import dev.fleetmine.label.LabelQa;
import dev.fleetmine.label.LabelStore;
import dev.fleetmine.label.LabelVersion;
import dev.fleetmine.query.ClipRef;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fleetmine label create|export|import|status|qa|audit}: labeling round-trips with QA. */
@Command(name = "label", mixinStandardHelpOptions = true,
    description = {"Labeling batches in the lake's curation area (docs/curation.md#labeling): export for annotation tools",
        "(OpenLABEL, CVAT, Label Studio) with pre-annotations, import completed annotations as label versions, track status,",
        "measure consensus between annotators and draw audit samples."},
    subcommands = {LabelCommand.Create.class, LabelCommand.Export.class, LabelCommand.Import.class, LabelCommand.Status.class,
        LabelCommand.Qa.class, LabelCommand.Audit.class})
final class LabelCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Parses --format; a bad value is a bad command line (exit 2). */
  static final class FormatConverter implements CommandLine.ITypeConverter<LabelFormat> {
    @Override
    public LabelFormat convert(String value) {
      try {
        return LabelFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** Exactly one source of clips. */
  static final class Clips {
    @Option(names = "--selection", paramLabel = "ID", description = "The picks of a saved selection (curation/selections/ID.json).")
    String selection;

    @Option(names = "--clips", paramLabel = "IDS", split = ",", description = "Clip ids LOG@START_NS-END_NS, comma-separated.")
    List<String> clips;
  }

  /** What the subcommands on one batch share: the lake, {@code --batch}, the store and the output. */
  abstract static class OnBatch implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LakeOptions lake;

    @Option(names = "--batch", required = true, paramLabel = "B", description = "The batch's name.")
    String batch;

    LabelStore store() {
      return new LabelStore(lake.open().lake());
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }
  }

  /** A subcommand on one batch in one annotation tool's format ({@code --format}). */
  abstract static class InFormat extends OnBatch {
    @Option(names = "--format", required = true, converter = FormatConverter.class, paramLabel = "FORMAT",
        description = "openlabel, cvat or labelstudio.")
    LabelFormat format;
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Makes a labeling batch of a selection or of clips.")
  static final class Create extends OnBatch {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Clips source;

    @Option(names = "--every", defaultValue = "1", paramLabel = "N",
        description = "Label every N-th ego timestamp of each clip, from its first (default: ${DEFAULT-VALUE}).")
    int every;

    @Override
    public Integer call() {
      LabelStore store = store();
      LabelBatch b = source.selection != null ? store.createFromSelection(batch, source.selection, every)
          : store.create(batch, null, source.clips.stream().map(ClipRef::parse).toList(), every);
      out().printf(Locale.ROOT, "created batch %s: %d clip(s), %,d frame(s)%s%s%n", b.id(), b.clips().size(),
          b.frameCount(), every > 1 ? " (every " + every + " ego timestamps)" : "",
          b.selectionId() == null ? "" : ", from selection " + b.selectionId());
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true, description = "Writes a batch for an annotation tool into a new directory.")
  static final class Export extends InFormat {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "A new (or empty) directory.")
    Path dir;

    @Option(names = "--pre-annotate", paramLabel = "MODEL",
        description = "Pre-annotation boxes: a model in the lake, gt, or none (default: gt when the logs have ground truth, else none).")
    String preAnnotate;

    @Override
    public Integer call() {
      BatchExport.Result r = BatchExport.export(store(), batch, format, dir, preAnnotate);
      out().printf(Locale.ROOT, "exported batch %s as %s to %s: %d file(s), %,d frame(s), %,d pre-annotated"
          + " box(es) (%s), %d clip tag(s)%n", r.batch(), r.format().cliName(), r.dir(), r.files().size(), r.frames(), r.boxes(),
          r.preAnnotation(), r.tags());
      return 0;
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Imports completed annotations as the batch's next label version (nothing is written if any file is rejected).")
  static final class Import extends InFormat {
    @Option(names = "--annotator", required = true, paramLabel = "NAME", description = "Who labelled these files.")
    String annotator;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Annotation files (or a directory of them).")
    List<Path> files;

    @Override
    public Integer call() {
      LabelVersion v = AnnotationImport.run(store(), batch, format, annotator, files);
      out().printf(Locale.ROOT, "imported batch %s %s (%s, %s): %,d box(es), %d clip tag(s), %,d frame(s) with"
          + " boxes, %,d unannotated; %s%n", v.batch(), v.name(), String.join(",", v.annotators()), v.format().cliName(), v.cuboids(),
          v.tags(), v.framesWithBoxes(), v.framesUnannotated(), v.categories().isEmpty() ? "no boxes"
              : v.categories().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Batches with their status, clips, frames and label versions.")
  static final class Status implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LakeOptions lake;

    @Option(names = "--batch", paramLabel = "B", description = "One batch, with its events and versions.")
    String batch;

    @Override
    public Integer call() {
      LabelStore store = new LabelStore(lake.open().lake());
      PrintWriter out = spec.commandLine().getOut();
      List<String> ids = batch == null ? store.batchIds() : List.of(store.batch(batch).id());
      if (ids.isEmpty()) {
        out.println("no labeling batches (fleetmine label create)");
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      for (String id : ids) {
        LabelStore.BatchStatus s = store.status(id);
        rows.add(List.of(id, s.state(), Integer.toString(s.batch().clips().size()), Integer.toString(s.batch().frameCount()),
            s.versions().isEmpty() ? "-" : s.versions().stream().map(LabelVersion::name).collect(Collectors.joining(",")),
            s.batch().selectionId() == null ? "-" : s.batch().selectionId()));
      }
      Tables.print(out, List.of("batch", "status", "clips", "frames", "versions", "selection"), rows);
      if (batch != null) {
        LabelStore.BatchStatus s = store.status(batch);
        out.println();
        List<List<String>> events = new ArrayList<>();
        for (BatchEvent e : s.events()) {
          events.add(List.of(Integer.toString(e.seq()), e.at().toString(), e.describe()));
        }
        Tables.print(out, List.of("event", "at", "what"), events);
        if (!s.versions().isEmpty()) {
          out.println();
          List<List<String>> versions = new ArrayList<>();
          for (LabelVersion v : s.versions()) {
            versions.add(List.of(v.name(), String.join(",", v.annotators()), v.format().cliName(), Long.toString(v.cuboids()),
                Long.toString(v.tags()), v.sources().stream().map(LabelVersion.SourceFile::name).collect(Collectors.joining(","))));
          }
          Tables.print(out, List.of("version", "annotator", "format", "boxes", "tags", "files"), versions);
        }
      }
      return 0;
    }
  }

  @Command(name = "qa", mixinStandardHelpOptions = true,
      description = "Consensus between label versions: BEV-IoU box agreement per category, Cohen's kappa of scenario tags.")
  static final class Qa extends OnBatch {
    @Option(names = "--versions", required = true, paramLabel = "V1,V2,...", description = "Two or more label versions (vN or N).")
    String versions;

    @Option(names = "--iou", defaultValue = "0.5", paramLabel = "T", description = "BEV IoU for two boxes to match (default: ${DEFAULT-VALUE}).")
    double iou;

    @Override
    public Integer call() {
      List<Integer> vs = Arrays.stream(versions.split(",")).map(LabelStore::parseVersion).toList();
      List<Consensus.PairAgreement> pairs = LabelQa.consensus(store(), batch, vs, iou);
      PrintWriter out = out();
      for (Consensus.PairAgreement p : pairs) {
        out.printf(Locale.ROOT, "%s vs %s: boxes agreement %s, mean BEV IoU %s (IoU >= %s); tags kappa %s over %d clip x tag item(s)%n",
            p.a(), p.b(), LabelQa.fmt(p.boxes().agreement()), LabelQa.fmt(p.boxes().meanIou()), iou, LabelQa.fmt(p.tags().kappa()),
            p.tags().items());
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Consensus.BoxAgreement> e : p.categories().entrySet()) {
          Consensus.BoxAgreement a = e.getValue();
          rows.add(List.of(e.getKey(), Long.toString(a.boxesA()), Long.toString(a.boxesB()), Long.toString(a.matched()),
              LabelQa.fmt(a.agreement()), LabelQa.fmt(a.meanIou())));
        }
        Consensus.BoxAgreement all = p.boxes();
        rows.add(List.of("all", Long.toString(all.boxesA()), Long.toString(all.boxesB()), Long.toString(all.matched()),
            LabelQa.fmt(all.agreement()), LabelQa.fmt(all.meanIou())));
        Tables.print(out, List.of("category", p.a(), p.b(), "matched", "agreement", "mean_iou"), rows);
        if (!p.tagKappas().isEmpty()) {
          List<List<String>> tags = new ArrayList<>();
          p.tagKappas().forEach((t, k) -> tags.add(List.of(t, Long.toString(k.bothYes() + k.onlyA()), Long.toString(k.bothYes() + k.onlyB()),
              Long.toString(k.bothYes()), LabelQa.fmt(k.kappa()))));
          Tables.print(out, List.of("tag", p.a(), p.b(), "both", "kappa"), tags);
        }
      }
      return 0;
    }
  }

  @Command(name = "audit", mixinStandardHelpOptions = true, description = "A reproducible random sample of a version's frames to review.")
  static final class Audit extends OnBatch {
    @Option(names = "--version", required = true, paramLabel = "V", description = "The label version (vN or N).")
    String version;

    @Option(names = "--sample", required = true, paramLabel = "N|P%", description = "Frames to draw, or a percentage of the batch's frames.")
    String sample;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
      int v = LabelStore.parseVersion(version);
      List<AuditSample.Item> items = LabelQa.audit(store(), batch, v, sample, seed);
      PrintWriter out = out();
      out.printf(Locale.ROOT, "audit of batch %s v%d: %d frame(s), seed %d%n", batch, v, items.size(), seed);
      List<List<String>> rows = new ArrayList<>();
      for (AuditSample.Item i : items) {
        rows.add(List.of(Integer.toString(i.rank()), i.clip(), Long.toString(i.tsNs()), Long.toString(i.boxes())));
      }
      Tables.print(out, List.of("rank", "clip", "ts_ns", "boxes"), rows);
      return 0;
    }
  }
}
