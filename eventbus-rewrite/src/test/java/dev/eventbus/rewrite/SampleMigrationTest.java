package dev.eventbus.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipes, by the names {@code META-INF/rewrite/eventbus.yml} gives them (as the rewrite Maven
 * plugin runs them), on the migration tool's two samples: the wiring sample ({@code sample-wiring}:
 * inherited bus field, bus from a method, DI module with a handler, library bus subclass,
 * reflection, non-literal identifier, custom import order) and the shop sample; the native results
 * are compiled against the buses and run. (The migration tool's {@code CliAgainstRecipesTest}
 * compares its {@code migrate} with these recipes file by file.)
 */
class SampleMigrationTest {

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

  /** The native step as the migration tool runs it: both recipes in one run. */
  private static final String[] NATIVE_STEP = {
    "dev.eventbus.rewrite.MigrateGuavaToNative", "dev.eventbus.rewrite.MigrateVmToNative"
  };

  @TempDir Path work;

  @Test
  void compatRenamesGuavasPackageOnBothSamples() throws IOException {
    for (Path sample : List.of(SAMPLE, Samples.SHOP)) {
      Map<String, String> before = read(sample);
      Map<String, String> recipe = recipe("dev.eventbus.rewrite.MigrateGuavaToCompat", sample);

      assertThat(recipe.keySet()).isEqualTo(before.keySet());
      assertThat(recipe).isNotEqualTo(before);
      assertThat(String.join("\n", recipe.values()))
          .contains("import dev.eventbus.compat.guava.Subscribe;");
    }
  }

  /**
   * The types show the recipe that the bus an inherited field and another class's method give is
   * the one {@code BaseService} declares, so it moves, with the calls on it and its listener.
   */
  @Test
  void nativeMovesABusReachedThroughInheritanceAndDeliversTheSame() throws Exception {
    Map<String, String> recipe = recipe("dev.eventbus.rewrite.MigrateGuavaToNative");

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

  private static Map<String, String> recipe(String name) throws IOException {
    return recipe(name, SAMPLE);
  }

  private static Map<String, String> recipe(String name, Path root) throws IOException {
    return Samples.recipe(root, name);
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
   * The shop sample's native step (Guava's part, then the legacy buses'); compiled and run, it
   * delivers what the original delivers.
   */
  @Test
  void nativeOfTheShopSampleDeliversTheSame() throws Exception {
    Path shop = Samples.SHOP;
    Path guava =
        write(recipe("dev.eventbus.rewrite.MigrateGuavaToNative", shop), work.resolve("g"));
    Map<String, String> recipe = recipe("dev.eventbus.rewrite.MigrateVmToNative", guava);

    assertThat(recipe).isEqualTo(Samples.recipe(shop, NATIVE_STEP));
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
