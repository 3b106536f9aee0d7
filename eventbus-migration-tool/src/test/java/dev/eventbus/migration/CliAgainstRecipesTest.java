package dev.eventbus.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.rewrite.TreeMigration;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrewrite.ExecutionContext;
import org.openrewrite.InMemoryExecutionContext;
import org.openrewrite.Recipe;
import org.openrewrite.Result;
import org.openrewrite.SourceFile;
import org.openrewrite.config.Environment;
import org.openrewrite.config.YamlResourceLoader;
import org.openrewrite.internal.InMemoryLargeSourceSet;
import org.openrewrite.java.JavaParser;

/**
 * {@code migrate} gives what the recipes give in a user's build: on both samples and both steps,
 * the CLI's result is, file by file, that of the recipes activated by the names {@code mvn
 * rewrite:run} takes ({@code META-INF/rewrite/eventbus.yml}), on a parser that also has the wiring
 * sample's library on its class path, as the user's build has. (eventbus-rewrite's {@code
 * RewriteMavenPluginTest} shows that the plugin gives what those recipes give in a JVM.)
 */
class CliAgainstRecipesTest {

  private static final String NATIVE_RECIPES =
      "dev.eventbus.rewrite.MigrateGuavaToNative dev.eventbus.rewrite.MigrateVmToNative";

  @TempDir Path work;

  @ParameterizedTest
  @CsvSource({
    "/sample-app, COMPAT, dev.eventbus.rewrite.MigrateGuavaToCompat",
    "/sample-wiring, COMPAT, dev.eventbus.rewrite.MigrateGuavaToCompat",
    "/sample-app, NATIVE, " + NATIVE_RECIPES,
    "/sample-wiring, NATIVE, " + NATIVE_RECIPES
  })
  void migrateIsWhatTheRecipesMake(String sample, MigrationTarget target, String recipes)
      throws IOException {
    Path root = SampleTree.resource(sample);
    Path copy = write(read(root), work.resolve("cli"));

    MigrationResult result = MigrationHelper.migrateCode(copy, MigrationOptions.to(target));

    Map<String, String> byRecipes = recipes(root, recipes.split(" "));
    assertThat(read(copy)).isEqualTo(byRecipes);
    assertThat(byRecipes).isNotEqualTo(read(root)); // they did migrate something
    assertThat(result.changes()).isNotEmpty();
    assertThat(result.parseErrors()).isEmpty();
  }

  /** What the named recipes, run together in this JVM, make of the tree. */
  private Map<String, String> recipes(Path root, String... names) throws IOException {
    List<Throwable> errors = new ArrayList<>();
    ExecutionContext ctx = new InMemoryExecutionContext(errors::add);
    List<Path> classpath = new ArrayList<>(ParserClasspath.entries());
    classpath.add(SampleApp.compile(SampleTree.resource("/sample-lib"), work.resolve("lib")));
    List<SourceFile> sources;
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      sources =
          JavaParser.fromJavaVersion()
              .classpath(classpath)
              .build()
              .parse(files, root, ctx)
              .collect(Collectors.toList());
    }
    // The recipes' declarations as the plugin reads them from the jar; this test runs on the
    // module path, where a scan of the class path does not see the automatic module's resources.
    ClassLoader loader = TreeMigration.class.getClassLoader();
    URL declarations = loader.getResource("META-INF/rewrite/eventbus.yml");
    assertThat(declarations).as("eventbus-rewrite's recipe declarations").isNotNull();
    Recipe recipe;
    try (InputStream in = declarations.openStream()) {
      recipe =
          Environment.builder()
              .load(
                  new YamlResourceLoader(
                      in, URI.create(declarations.toString()), new Properties(), loader))
              .build()
              .activateRecipes(names);
    }
    Map<String, String> result = read(root);
    for (Result changed :
        recipe.run(new InMemoryLargeSourceSet(sources), ctx).getChangeset().getAllResults()) {
      assertThat(changed.getAfter()).isNotNull();
      result.put(
          changed.getAfter().getSourcePath().toString().replace('\\', '/'),
          changed.getAfter().printAll());
    }
    assertThat(errors).as("errors of " + String.join(", ", names)).isEmpty();
    return result;
  }

  private static Map<String, String> read(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    for (Path file : SampleApp.sourceFiles(root)) {
      files.put(
          root.relativize(file).toString().replace('\\', '/'),
          Files.readString(file, StandardCharsets.UTF_8));
    }
    return files;
  }

  private static Path write(Map<String, String> files, Path root) throws IOException {
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path target = root.resolve(e.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
    }
    return root;
  }
}
