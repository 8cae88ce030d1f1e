package dev.fleetmine.cli;

import dev.fleetmine.ingest.IngestException;
import dev.fleetmine.lake.LakeException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code fleetmine} command; every subcommand takes {@code --lake}. */
@Command(name = "fleetmine", mixinStandardHelpOptions = true, version = "fleetmine 0.1.0",
    description = "An ML data engine for autonomous-driving fleets: ingest drive logs into a Parquet lake,"
        + " mine scenarios, curate datasets.",
    subcommands = {QuickstartCommand.class, IngestCommand.class, GenerateCommand.class, LogsCommand.class, SqlCommand.class, SearchCommand.class,
        ExplainCommand.class, ScenariosCommand.class, MineCommand.class, ScoreCommand.class, EvalCommand.class, CocoCommand.class, PredictionsCommand.class, ForecastsCommand.class, IndexCommand.class, SimilarCommand.class, DedupCommand.class, SelectCommand.class, DatasetCommand.class, LabelCommand.class,
        StatsCommand.class, VacuumCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:internal or I/O error", "2:invalid command line",
        "3:input rejected (bad or unknown data); the lake is unchanged",
        "4:conflict: another writer changed the same logs or tables meanwhile; the lake has its change, not this one"})
public final class FleetmineCommand implements Runnable {
  /** Exit code of an ingest whose input was rejected. */
  public static final int EXIT_BAD_INPUT = 3;
  /** Exit code of a write that lost a true conflict with another writer (same logs or tables). */
  public static final int EXIT_CONFLICT = 4;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = LibraryLogging.VERBOSE, scope = CommandLine.ScopeType.INHERIT,
      description = "Also print the libraries' INFO log lines (Lucene) on stderr.")
  boolean verbose;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A configured command line; {@code env} supplies FLEETMINE_LAKE (tests pass their own). */
  public static CommandLine commandLine(Map<String, String> env) {
    CommandLine cl = new CommandLine(new FleetmineCommand(), new EnvFactory(env));
    cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true));
    cl.setExecutionStrategy(parsed -> {
      LibraryLogging.configure(LibraryLogging.verbose(parsed));
      return new CommandLine.RunLast().execute(parsed);
    });
    cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
      PrintWriter err = line.getErr();
      if (ex instanceof IngestException) {
        err.println("error: " + ex.getMessage());
        err.println("nothing was written to the lake");
        err.flush();
        return EXIT_BAD_INPUT;
      }
      if (ex instanceof dev.fleetmine.query.lang.QueryException) {
        err.println(ex.getMessage());
        err.flush();
        return EXIT_BAD_INPUT;
      }
      if (ex instanceof dev.fleetmine.lake.CommitConflictException) {
        err.println("error: " + ex.getMessage());
        err.flush();
        return EXIT_CONFLICT;
      }
      if (ex instanceof IllegalArgumentException || ex instanceof LakeException) {
        err.println("error: " + ex.getMessage());
        err.flush();
        return ex instanceof IllegalArgumentException ? EXIT_BAD_INPUT : 1;
      }
      err.println("error: " + ex);
      ex.printStackTrace(err);
      err.flush();
      return 1;
    });
    return cl;
  }

  /** Hands the environment to commands that read it (LakeOptions), keeping tests free of global state. */
  private record EnvFactory(Map<String, String> env) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      K k = CommandLine.defaultFactory().create(cls);
      if (k instanceof LakeOptions o) {
        o.env = env;
      }
      return k;
    }
  }
}
