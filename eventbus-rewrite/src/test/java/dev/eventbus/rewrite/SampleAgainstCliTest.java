package dev.eventbus.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventbus.migration.MigrationTarget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipes, by the names {@code META-INF/rewrite/eventbus.yml} gives them (as the rewrite Maven
 * plugin runs them), on the migration tool's wiring sample ({@code sample-wiring}: inherited bus
 * field, bus from a method, DI module with a handler, library bus subclass, reflection, non-literal
 * identifier, custom import order), compared file by file with what the CLI makes of the same tree;
 * the native result is also compiled against the buses and run.
 */
class SampleAgainstCliTest {

  private static final Path SAMPLE = Samples.WIRING;

  /** What the sample delivers before any migration (the tool's WiringSampleMigrationTest). */
  private static final List<String> EXPECTED_LOG =
      List.of(
          "OrderLog got placed o-1",
          "OrderLog got cancelled o-1",
          "AuditListener got 4200",
          "PluginListener got plugin loaded",
          "StockListener got 7",
          "Internals found EventBus true");

  @TempDir Path work;

  @Test
  void compatIsWhatTheCliMakes() throws IOException {
    Map<String, String> cli = cli(MigrationTarget.COMPAT);
    Map<String, String> recipe = recipe("dev.eventbus.rewrite.MigrateGuavaToCompat");

    assertThat(recipe).isEqualTo(cli);
    assertThat(recipe).isNotEqualTo(read(SAMPLE)); // it did migrate something
  }

  /** The tool's first sample application (32 files, Guava and vm code): step 1 is the CLI's. */
  @Test
  void compatOfTheShopSampleIsWhatTheCliMakes() throws IOException {
    Path shop = Samples.SHOP;
    Map<String, String> cli = cli(MigrationTarget.COMPAT, shop);
    Map<String, String> recipe = recipe("dev.eventbus.rewrite.MigrateGuavaToCompat", shop);

    assertThat(recipe).isEqualTo(cli);
    assertThat(recipe).isNotEqualTo(read(shop));
  }

  @Test
  void nativeIsWhatTheCliMakesExceptWhereTypesProveMore() throws Exception {
    Map<String, String> cli = cli(MigrationTarget.NATIVE);
    Map<String, String> recipe = recipe("dev.eventbus.rewrite.MigrateGuavaToNative");

    Set<String> differing = new TreeSet<>();
    for (String file : cli.keySet()) {
      if (!cli.get(file).equals(recipe.get(file))) {
        differing.add(file);
      }
    }
    assertThat(recipe.keySet()).isEqualTo(cli.keySet());
    assertThat(differing).isEqualTo(Samples.WIRING_NATIVE_BY_TYPES);
    assertThat(recipe.get("com/acme/wiring/orders/BaseService.java"))
        .contains("protected final UnifiedEventBus bus = EventBusFactory.createDefault();");
    assertThat(recipe.get("com/acme/wiring/orders/OrderService.java"))
        .contains("bus.publish(\"placed \" + order);")
        .contains("getEventBus().publish(\"cancelled \" + order);");
    assertThat(recipe.get("com/acme/wiring/orders/OrderLog.java"))
        .contains("import dev.eventbus.api.Subscribe;");

    assertThat(compileAndRun(write(recipe, work.resolve("native")), "wiring"))
        .isEqualTo(EXPECTED_LOG);
  }

  @Test
  void compatThenNativeEndsWhereNativeDoes() throws IOException {
    Path compat = write(recipe("dev.eventbus.rewrite.MigrateGuavaToCompat"), work.resolve("c"));
    Map<String, String> twoSteps = recipe("dev.eventbus.rewrite.MigrateCompatToNative", compat);

    assertThat(twoSteps).isEqualTo(recipe("dev.eventbus.rewrite.MigrateGuavaToNative"));
  }

  private Map<String, String> cli(MigrationTarget target) throws IOException {
    return cli(target, SAMPLE);
  }

  private Map<String, String> cli(MigrationTarget target, Path sample) throws IOException {
    return Samples.cli(target, sample, work);
  }

  private static Map<String, String> recipe(String name) throws IOException {
    return recipe(name, SAMPLE);
  }

  private static Map<String, String> recipe(String name, Path root) throws IOException {
    return Samples.recipe(name, root);
  }

  private static Map<String, String> read(Path root) throws IOException {
    return Samples.read(root);
  }

  private static Path write(Map<String, String> files, Path root) throws IOException {
    return Samples.write(files, root);
  }

  /** Compiles the tree against the buses and runs its {@code SampleApp.run()}. */
  private List<String> compileAndRun(Path sources, String name) throws Exception {
    Path classes = Files.createDirectories(work.resolve("classes-" + name));
    List<String> args = new ArrayList<>();
    args.add("-d");
    args.add(classes.toString());
    args.add("-classpath");
    args.add(
        TestClasspath.paths().stream()
            .map(Path::toString)
            .collect(Collectors.joining(java.io.File.pathSeparator)));
    try (Stream<Path> walk = Files.walk(sources)) {
      walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler.run(null, null, null, args.toArray(String[]::new)))
        .as("javac on the migrated sample")
        .isZero();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Method run = loader.loadClass("com.acme.shop.app.SampleApp").getMethod("run");
      @SuppressWarnings("unchecked")
      List<String> log = (List<String>) run.invoke(null);
      return log;
    }
  }

  /**
   * The shop sample's native step (Guava's part, then the legacy buses'), file by file the CLI's
   * {@code --to native}; compiled and run, it delivers what the original delivers.
   */
  @Test
  void nativeOfTheShopSampleIsWhatTheCliMakesAndDeliversTheSame() throws Exception {
    Path shop = Samples.SHOP;
    Map<String, String> cli = cli(MigrationTarget.NATIVE, shop);
    Path guava =
        write(recipe("dev.eventbus.rewrite.MigrateGuavaToNative", shop), work.resolve("g"));
    Map<String, String> recipe = recipe("dev.eventbus.rewrite.MigrateVmToNative", guava);

    assertThat(recipe).isEqualTo(cli);
    assertThat(recipe.get("com/acme/shop/app/GuavaShop.java"))
        .contains("var bus = EventBusFactory.createDefault();");
    List<String> before = compileAndRun(shop, "original");
    assertThat(before)
        .contains(
            "StockReserver got OrderPlaced#17", "SmsOutbox got OrderCancelled#18 (out of stock)");
    assertThat(compileAndRun(write(recipe, work.resolve("shop-native")), "native"))
        .isEqualTo(before);
  }
}
