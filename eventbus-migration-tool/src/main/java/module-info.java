/**
 * The migration tool: finds uses of the legacy buses and Guava's EventBus ({@code
 * dev.eventbus.migration}), reports them as text, JSON, Markdown or SARIF ({@code
 * dev.eventbus.migration.report}) and rewrites them, from the command line (the unexported {@code
 * dev.eventbus.migration.cli}).
 */
// JavaParser and java-diff-utils have no module descriptors; their automatic names are stable.
@SuppressWarnings("requires-automatic")
module dev.eventbus.migration {
  requires static org.jspecify;
  requires com.github.javaparser.core;
  requires com.fasterxml.jackson.databind;
  requires info.picocli;
  requires io.github.javadiffutils;

  exports dev.eventbus.migration;
  exports dev.eventbus.migration.report;

  // The command line is run, not linked against (java -m dev.eventbus.migration/...MigrationCli);
  // picocli reads its commands' annotated fields and methods reflectively.
  opens dev.eventbus.migration.cli to
      info.picocli;
}
