package dev.eventbus.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Migrates a tree: plans every file in parallel, weighs the files against each other, then writes
 * the changed ones.
 *
 * <p>For the native step, a file that uses something without a mechanical equivalent is blocked,
 * and so is every file connected to a blocked one where legacy types show in what the other sees
 * (its signatures, supertypes or subscriber annotations): a listener rewritten to the native
 * {@code @Subscribe} must not stay registered on a compat bus, and a constructor that now takes a
 * {@code UnifiedEventBus} must not be called with a legacy one. Files refer to each other by the
 * simple names of the types they declare. Blocked files get the compat step instead.
 */
final class Migrator {

  /** The packages whose mention makes a file worth parsing; the compat shim counts as Guava. */
  static final List<String> LEGACY_PACKAGES =
      List.of(
          LegacyApi.VM_LEGACY.packageName(),
          LegacyApi.GUAVA.packageName(),
          LegacyApi.COMPAT_GUAVA_PACKAGE);

  /**
   * A call that may register a subscriber, or use a legacy bus another file declares: {@code
   * register(}, {@code unregister(}, {@code post(}, {@code ::post}.
   */
  private static final Pattern REGISTER_CALL =
      Pattern.compile("\\b(?:register|unregister|post)\\s*\\(|::\\s*post\\b");

  /** Writes one file; {@link AtomicFiles#write} but in tests. */
  @FunctionalInterface
  interface Writer {
    void write(Path file, String content) throws IOException;
  }

  private final int threads;
  private final Writer writer;

  Migrator(int threads) {
    this(threads, AtomicFiles::write);
  }

  Migrator(int threads, Writer writer) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    this.threads = threads;
    this.writer = Objects.requireNonNull(writer, "writer");
  }

  MigrationResult migrate(Path root, MigrationOptions options, ScanListener listener)
      throws IOException {
    Path base = root.toAbsolutePath().normalize();
    boolean includeNative = options.target() == MigrationTarget.NATIVE;
    List<Path> files = SourceFiles.list(base);
    List<Planned> planned =
        SourceFiles.map(files, threads, file -> plan(base, file, includeNative), listener);

    List<ParseError> errors = new ArrayList<>();
    List<FilePlan> plans = new ArrayList<>();
    List<Wiring> wirings = new ArrayList<>();
    for (Planned p : planned) {
      if (p.error() != null) {
        errors.add(p.error());
      } else if (p.plan() != null) {
        wirings.add(p.plan().wiring());
        if (p.plan().hasUses()) {
          plans.add(p.plan());
        }
      }
    }
    wirings.addAll(supertypeFiles(base, files, planned, wirings));
    SubscriberProof proof = new SubscriberProof(plans, wirings);
    Map<FilePlan, List<ManualStep>> blocked =
        includeNative ? blockedFiles(plans, proof) : new LinkedHashMap<>();

    List<FileChange> changes = new ArrayList<>();
    List<ManualStep> manual = new ArrayList<>();
    for (FilePlan plan : plans) {
      List<ManualStep> onLibraryBus = proof.onLibraryBuses(plan);
      List<ManualStep> reasons = blocked.get(plan);
      boolean nativeStep = includeNative && reasons == null;
      List<TextEdit> edits =
          !onLibraryBus.isEmpty()
              ? List.of()
              : nativeStep ? plan.nativeEdits() : plan.compatEdits();
      manual.addAll(onLibraryBus);
      manual.addAll(plan.compatProblems());
      if (nativeStep) {
        manual.addAll(plan.nativeLeftovers());
      } else if (reasons != null) {
        manual.addAll(reasons);
      }
      if (edits.isEmpty()) {
        continue;
      }
      String after = new SourceText(plan.source()).apply(edits);
      if (!after.equals(plan.source())) {
        changes.add(
            new FileChange(
                plan.file(),
                nativeStep ? MigrationTarget.NATIVE : MigrationTarget.COMPAT,
                edits.size(),
                plan.source(),
                after));
      }
    }
    changes.sort(Comparator.comparing(FileChange::file));
    manual.sort(
        Comparator.comparing(ManualStep::file)
            .thenComparingInt(ManualStep::line)
            .thenComparingInt(ManualStep::column)
            .thenComparing(ManualStep::reason));
    errors.sort(Comparator.comparing(ParseError::file));
    if (!options.dryRun()) {
      write(base, changes);
    }
    return new MigrationResult(base, options, files.size(), changes, manual, errors);
  }

  private static Planned plan(Path base, Path file, boolean includeNative) {
    boolean[] legacy = {false, false}; // read (so the predicate ran), mentions a legacy package
    SourceFiles.Loaded loaded =
        SourceFiles.load(
            base,
            file,
            source -> {
              legacy[0] = true;
              legacy[1] = mayMentionLegacyApi(source);
              // The native step proves each subscriber from every register(...) call in the tree,
              // so files that may register one are read too.
              return legacy[1] || REGISTER_CALL.matcher(source).find();
            });
    if (loaded.error() != null) {
      // A file read only for its register calls that does not parse is not a finding.
      return legacy[0] && !legacy[1] ? new Planned(null, null) : new Planned(null, loaded.error());
    }
    return planLoaded(loaded, includeNative, legacy[1]);
  }

  private static Planned planLoaded(
      SourceFiles.Loaded loaded, boolean includeNative, boolean reportErrors) {
    if (loaded.unit() == null || loaded.source() == null) {
      return new Planned(null, null);
    }
    try {
      return new Planned(
          FilePlanner.plan(loaded.file(), loaded.source(), loaded.unit(), includeNative), null);
    } catch (RuntimeException e) {
      // A parser position that does not map back onto the text: leave the file alone, say so.
      return new Planned(
          null, reportErrors ? new ParseError(loaded.file(), "cannot plan edits: " + e) : null);
    }
  }

  /**
   * The wiring of the files not read yet that declare a type the registered objects' types or the
   * subscribers' supertypes name (by file name: {@code Name.java}), until every such name found in
   * the tree is known: what tells whether a registered object may be a subscriber.
   */
  private static List<Wiring> supertypeFiles(
      Path base, List<Path> files, List<Planned> planned, List<Wiring> wirings) {
    Set<Path> read = new HashSet<>();
    for (int i = 0; i < files.size(); i++) {
      if (planned.get(i).plan() != null || planned.get(i).error() != null) {
        read.add(files.get(i));
      }
    }
    List<Wiring> more = new ArrayList<>();
    Set<String> known = new HashSet<>();
    List<Wiring> all = new ArrayList<>(wirings);
    while (true) {
      Set<String> wanted = new HashSet<>();
      for (Wiring wiring : all) {
        known.addAll(wiring.supertypes().keySet());
        wiring.supertypes().values().forEach(wanted::addAll);
        for (Wiring.Registration registration : wiring.registrations()) {
          if (registration.argumentType() != null) {
            wanted.add(registration.argumentType());
          }
          if (registration.receiverType() != null) {
            wanted.add(registration.receiverType());
          }
        }
      }
      wanted.removeAll(known);
      List<Wiring> found = new ArrayList<>();
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (wanted.contains(name.substring(0, name.length() - ".java".length()))
            && read.add(file)) {
          Planned p = planLoaded(SourceFiles.load(base, file, source -> true), true, false);
          if (p.plan() != null) {
            found.add(p.plan().wiring());
          }
        }
      }
      if (found.isEmpty()) {
        return more;
      }
      more.addAll(found);
      all = found;
    }
  }

  /**
   * Whether a file can use a legacy API: it names one of the packages, or does once its unicode
   * escapes are translated as javac translates them (a dot may be written as an escape).
   */
  static boolean mayMentionLegacyApi(String source) {
    return SourceFiles.mentionsAny(source, LEGACY_PACKAGES)
        || (source.contains("\\u")
            && SourceFiles.mentionsAny(
                SourceText.translateUnicodeEscapes(source), LEGACY_PACKAGES));
  }

  /**
   * The files that cannot take the native step, each with its reasons: its own blockers, the
   * blocked file it is connected to, a subscriber it declares that a bus which does not become
   * native may register (or that nothing is seen to register), or a subscriber that stays on compat
   * which it registers on a bus it would make native. Repeated until nothing changes: each blocked
   * file can keep others back.
   */
  private static Map<FilePlan, List<ManualStep>> blockedFiles(
      List<FilePlan> plans, SubscriberProof proof) {
    Map<FilePlan, List<ManualStep>> blocked = new LinkedHashMap<>();
    for (FilePlan plan : plans) {
      if (!plan.nativeBlockers().isEmpty()) {
        blocked.put(plan, plan.nativeBlockers());
      }
    }
    Map<FilePlan, List<FilePlan>> neighbours = new HashMap<>();
    for (FilePlan a : plans) {
      for (FilePlan b : plans) {
        if (a.refersTo(b)) {
          neighbours.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
          neighbours.computeIfAbsent(b, k -> new ArrayList<>()).add(a);
        }
      }
    }
    boolean changed = true;
    while (changed) {
      spreadToNeighbours(blocked, neighbours);
      changed = false;
      for (FilePlan plan : plans) {
        if (!blocked.containsKey(plan)) {
          List<ManualStep> reasons = proof.reasonsToStay(plan, blocked.keySet());
          if (!reasons.isEmpty()) {
            blocked.put(plan, reasons);
            changed = true;
          }
        }
      }
    }
    return blocked;
  }

  /** Blocks every file connected to a blocked one where a legacy type shows between them. */
  private static void spreadToNeighbours(
      Map<FilePlan, List<ManualStep>> blocked, Map<FilePlan, List<FilePlan>> neighbours) {
    Deque<FilePlan> queue = new ArrayDeque<>(blocked.keySet());
    while (!queue.isEmpty()) {
      FilePlan from = queue.poll();
      for (FilePlan next : neighbours.getOrDefault(from, List.of())) {
        if (blocked.containsKey(next) || !(next.exposesLegacy() || from.exposesLegacy())) {
          continue;
        }
        blocked.put(
            next,
            List.of(
                new ManualStep(
                    next.file(),
                    0,
                    0,
                    next.file(),
                    "kept on the compat step: connected to "
                        + from.file()
                        + ", which needs manual work, and a legacy type shows between them")));
        queue.add(next);
      }
    }
  }

  /**
   * Writes each change atomically. First every target is checked: that it can be written (the file
   * and its directory) and still holds what was read; if any fails, nothing is written. A write
   * that fails after that stops the run, which then names the files rewritten and those not.
   *
   * @throws MigrationWriteException if a file could not be written
   */
  private void write(Path base, List<FileChange> changes) throws MigrationWriteException {
    List<String> files = changes.stream().map(FileChange::file).toList();
    Map<String, String> unwritable = new LinkedHashMap<>();
    for (FileChange change : changes) {
      Path file = base.resolve(change.file());
      AtomicFiles.unwritableReason(file)
          .or(() -> changedSinceRead(file, change))
          .ifPresent(reason -> unwritable.put(change.file(), reason));
    }
    if (!unwritable.isEmpty()) {
      throw MigrationWriteException.refused(base, unwritable, files);
    }
    for (int i = 0; i < changes.size(); i++) {
      FileChange change = changes.get(i);
      Path file = base.resolve(change.file());
      try {
        Optional<String> changed = changedSinceRead(file, change);
        if (changed.isPresent()) {
          throw new FileSystemException(file.toString(), null, changed.get());
        }
        writer.write(file, change.after());
      } catch (IOException e) {
        throw MigrationWriteException.stopped(
            base,
            change.file(),
            AtomicFiles.reason(e),
            files.subList(0, i),
            files.subList(i, files.size()),
            e);
      }
    }
  }

  /** Why {@code file} no longer holds what the change was planned on, if it does not. */
  private static Optional<String> changedSinceRead(Path file, FileChange change) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).equals(change.before())
          ? Optional.empty()
          : Optional.of("changed on disk while it was being migrated");
    } catch (IOException e) {
      return Optional.of("cannot read it again: " + AtomicFiles.reason(e));
    }
  }

  private record Planned(@Nullable FilePlan plan, @Nullable ParseError error) {}
}
