/**
 * The migration tool: finds uses of the legacy buses and Guava's EventBus ({@code
 * dev.eventbus.migration}), reports them as text, JSON, Markdown or SARIF ({@code
 * dev.eventbus.migration.report}) and rewrites them, from the command line (the unexported {@code
 * dev.eventbus.migration.cli}).
 */
// JavaParser and java-diff-utils have no module descriptors; their automatic names are stable.
// eventbus-rewrite is an automatic module too (OpenRewrite's jars split a package, so they stay on
// the class path, which an automatic module reads): migrate reaches OpenRewrite only through it.
@SuppressWarnings("requires-automatic")
module dev.eventbus.migration {
  requires static org.jspecify;
  requires com.github.javaparser.core;
  requires com.fasterxml.jackson.databind;
  requires info.picocli;
  requires io.github.javadiffutils;
  requires dev.eventbus.rewrite;

  exports dev.eventbus.migration;
  exports dev.eventbus.migration.report;

  // The command line is run, not linked against: java -jar with the runnable jar, or java -m
  // dev.eventbus.migration/...MigrationCli with OpenRewrite, its parsers and the buses' jars on
  // the class path and --add-modules jdk.compiler (migrate's recipes parse with javac). picocli
  // reads its commands' annotated fields and methods reflectively.
  opens dev.eventbus.migration.cli to
      info.picocli;
}
