package dev.fleetmine.select;

import dev.fleetmine.lake.CurationStore;
import dev.fleetmine.lake.Lake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Selections in the lake's curation area: {@code curation/selections/<id>.json}, each written once. */
public final class SelectionStore {
  private final CurationStore store;

  public SelectionStore(Lake lake) {
    this.store = CurationStore.of(lake);
  }

  private Path file(String id) {
    CurationStore.checkName("selection", id);
    return store.path("selections").resolve(id + ".json");
  }

  /** Saves a new selection; fails if one of that id exists (selections are immutable). */
  public Selection save(Selection s) {
    Path f = file(s.id());
    if (!Overlaps.disjoint(s.refs())) {
      // the Selector never picks overlapping clips; a selection that holds some would make a batch that refuses them
      throw new IllegalStateException("selection '" + s.id() + "' holds overlapping clips; not saved");
    }
    try {
      store.writeJsonOnce(f, s);
      return s;
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException("selection '" + s.id() + "' already exists (" + f
          + "); selections are immutable, choose another id", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write selection " + f + ": " + e.getMessage(), e);
    }
  }

  /** Loads a selection; the message lists the ones there are when it is missing. */
  public Selection load(String id) {
    Path f = file(id);
    try {
      return CurationStore.readJson(f, Selection.class);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no selection '" + id + "' in " + f.getParent() + "; there are: " + ids(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read selection " + f + ": " + e.getMessage(), e);
    }
  }

  /** Ids of all selections, sorted. */
  public List<String> ids() {
    try {
      return CurationStore.list(store.path("selections")).stream().filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - 5)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
