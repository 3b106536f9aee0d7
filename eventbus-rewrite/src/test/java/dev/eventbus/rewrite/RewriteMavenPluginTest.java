package dev.eventbus.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn rewrite:run} with the real {@code org.openrewrite.maven:rewrite-maven-plugin}, the
 * recipe module as the plugin's dependency and the recipes by their names in {@code activeRecipes},
 * on copies of the migration tool's two samples, compared file by file with the same recipes run in
 * this JVM on the same samples (which is what the migration tool's {@code migrate} runs).
 *
 * <p>The plugin runs in a child {@code mvn -o} (this build's Maven, on this JVM's JDK), so it needs
 * nothing from the network: its local repository is made of links to this build's local repository,
 * where the build's {@code dependency:get} execution put the plugin, plus this build's own modules
 * (the jars or class directories on this test's class path, with their poms), which are never
 * installed in the shared local repository.
 */
class RewriteMavenPluginTest {

  private static final String GROUP = "dev.eventbus";

  /** The recipe module's root directory (the working directory of its tests). */
  private static final Path MODULE = Path.of("").toAbsolutePath();

  private static final Path ROOT = MODULE.getParent();

  @TempDir Path work;

  private Path repository;

  @BeforeEach
  void stageRepository() throws IOException {
    repository = work.resolve("repository");
    linkSharedRepository(Path.of(property("maven.repo.local")), repository);
    stageModules();
    stageLibrary();
  }

  @Test
  void compatStepOfThePluginIsTheRecipesRunInThisJvm() throws Exception {
    String recipe = "dev.eventbus.rewrite.MigrateGuavaToCompat";
    Path project = project(recipe);

    runPlugin(project);

    Map<String, String> shop = Samples.read(sources(project, "shop"));
    Map<String, String> wiring = Samples.read(sources(project, "wiring"));
    assertThat(shop).isNotEqualTo(Samples.read(Samples.SHOP)); // it did migrate something
    assertThat(Samples.differences(Samples.recipe(Samples.SHOP, recipe), shop))
        .as("the plugin's compat step of the shop sample against this JVM's")
        .isEmpty();
    assertThat(Samples.differences(Samples.recipe(Samples.WIRING, recipe), wiring))
        .as("the plugin's compat step of the wiring sample against this JVM's")
        .isEmpty();
  }

  /**
   * The native step: Guava's part then the legacy buses' in one run, as the migration tool's {@code
   * migrate --to native} runs them (its {@code CliAgainstRecipesTest} compares the two).
   */
  @Test
  void nativeStepOfThePluginIsTheRecipesRunInThisJvm() throws Exception {
    String[] recipes = {
      "dev.eventbus.rewrite.MigrateGuavaToNative", "dev.eventbus.rewrite.MigrateVmToNative"
    };
    Path project = project(recipes);

    runPlugin(project);

    Map<String, String> shop = Samples.read(sources(project, "shop"));
    Map<String, String> wiring = Samples.read(sources(project, "wiring"));
    assertThat(shop).isNotEqualTo(Samples.read(Samples.SHOP));
    assertThat(Samples.differences(Samples.recipe(Samples.SHOP, recipes), shop))
        .as("the plugin's native step of the shop sample against this JVM's")
        .isEmpty();
    assertThat(Samples.differences(Samples.recipe(Samples.WIRING, recipes), wiring))
        .as("the plugin's native step of the wiring sample against this JVM's")
        .isEmpty();
  }

  /**
   * A Maven project of two modules, {@code shop} and {@code wiring}, with the samples' sources, the
   * buses as dependencies, and the plugin with {@code activeRecipes} and the recipe module.
   */
  private Path project(String... recipes) throws IOException {
    Path project = work.resolve("project");
    String recipeList =
        Stream.of(recipes)
            .map(r -> "            <recipe>" + r + "</recipe>")
            .collect(Collectors.joining("\n"));
    Files.createDirectories(project);
    Files.writeString(
        project.resolve("pom.xml"),
        pom(
            """
              <groupId>com.acme</groupId>
              <artifactId>samples</artifactId>
              <version>1</version>
              <packaging>pom</packaging>
              <modules>
                <module>shop</module>
                <module>wiring</module>
              </modules>
              <properties>
                <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                <maven.compiler.release>17</maven.compiler.release>
              </properties>
              <dependencies>
                <dependency>
                  <groupId>com.google.guava</groupId>
                  <artifactId>guava</artifactId>
                  <version>%s</version>
                </dependency>
                <dependency>
                  <groupId>dev.eventbus</groupId>
                  <artifactId>eventbus-compat</artifactId>
                  <version>%s</version>
                </dependency>
                <dependency>
                  <groupId>dev.eventbus</groupId>
                  <artifactId>eventbus-processors</artifactId>
                  <version>%2$s</version>
                </dependency>
              </dependencies>
              <build>
                <plugins>
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-resources-plugin</artifactId>
                    <version>%s</version>
                  </plugin>
                  <plugin>
                    <groupId>org.apache.maven.plugins</groupId>
                    <artifactId>maven-compiler-plugin</artifactId>
                    <version>%s</version>
                  </plugin>
                  <plugin>
                    <groupId>org.openrewrite.maven</groupId>
                    <artifactId>rewrite-maven-plugin</artifactId>
                    <version>%s</version>
                    <configuration>
                      <activeRecipes>
            %s
                      </activeRecipes>
                    </configuration>
                    <dependencies>
                      <dependency>
                        <groupId>dev.eventbus</groupId>
                        <artifactId>eventbus-rewrite</artifactId>
                        <version>%2$s</version>
                      </dependency>
                    </dependencies>
                  </plugin>
                </plugins>
              </build>
            """
                .formatted(
                    property("guava.version"),
                    property("eventbus.version"),
                    property("resources-plugin.version"),
                    property("compiler-plugin.version"),
                    property("rewrite-maven-plugin.version"),
                    recipeList)),
        StandardCharsets.UTF_8);
    module(project, "shop", Samples.SHOP, "");
    module(
        project,
        "wiring",
        Samples.WIRING,
        """
          <dependencies>
            <dependency>
              <groupId>org.thirdparty</groupId>
              <artifactId>plugin-bus</artifactId>
              <version>1</version>
            </dependency>
          </dependencies>
        """);
    return project;
  }

  private static void module(Path project, String name, Path sample, String dependencies)
      throws IOException {
    Path module = Files.createDirectories(project.resolve(name));
    Files.writeString(
        module.resolve("pom.xml"),
        pom(
            """
              <parent>
                <groupId>com.acme</groupId>
                <artifactId>samples</artifactId>
                <version>1</version>
              </parent>
              <artifactId>%s</artifactId>
                %s"""
                .formatted(name, dependencies)),
        StandardCharsets.UTF_8);
    Samples.write(Samples.read(sample), sources(project, name));
  }

  /** A pom: the XML declaration and the {@code project} element around {@code body}. */
  private static String pom(String body) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
        """
        + body
        + "</project>\n";
  }

  private static Path sources(Path project, String module) {
    return project.resolve(module).resolve("src/main/java");
  }

  /** {@code mvn -B -o rewrite:run} on the project, on this JVM's JDK; fails with Maven's log. */
  private void runPlugin(Path project) throws IOException, InterruptedException {
    String mvn = Path.of(property("maven.home"), "bin", isWindows() ? "mvn.cmd" : "mvn").toString();
    List<String> command =
        List.of(
            mvn,
            "-B",
            "-o",
            "-f",
            project.resolve("pom.xml").toString(),
            "-Dmaven.repo.local=" + repository,
            "org.openrewrite.maven:rewrite-maven-plugin:"
                + property("rewrite-maven-plugin.version")
                + ":run");
    Path log = work.resolve("maven-" + project.getFileName() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("MAVEN_OPTS");
    Process maven = builder.start();
    if (!maven.waitFor(10, TimeUnit.MINUTES)) {
      maven.destroyForcibly();
      throw new AssertionError("rewrite:run took over 10 minutes; its log: " + log);
    }
    assertThat(maven.exitValue())
        .as("%s exited with; its log:%n%s", command, Files.readString(log))
        .isZero();
  }

  /**
   * Makes {@code target} a local repository that holds everything {@code shared} does, by links,
   * except this project's own group, which {@link #stageModules()} fills.
   */
  private static void linkSharedRepository(Path shared, Path target) throws IOException {
    assertThat(shared.resolve("org/openrewrite/maven/rewrite-maven-plugin"))
        .as(
            "the rewrite Maven plugin in the local repository (eventbus-rewrite's build resolves it"
                + " with dependency:get; run that build once online)")
        .isDirectory();
    Files.createDirectories(target.resolve("dev/eventbus"));
    try (Stream<Path> top = Files.list(shared)) {
      for (Path entry : top.toList()) {
        if (!entry.getFileName().toString().equals("dev")) {
          Files.createSymbolicLink(target.resolve(entry.getFileName().toString()), entry);
        }
      }
    }
    if (Files.isDirectory(shared.resolve("dev"))) {
      try (Stream<Path> dev = Files.list(shared.resolve("dev"))) {
        for (Path entry : dev.toList()) {
          if (!entry.getFileName().toString().equals("eventbus")) {
            Files.createSymbolicLink(
                target.resolve("dev").resolve(entry.getFileName().toString()), entry);
          }
        }
      }
    }
  }

  /**
   * Puts this build's modules that are on the test class path (the recipe module, the buses) into
   * the child's repository as {@code -SNAPSHOT} artifacts with their own poms, and the parent pom
   * beside them.
   */
  private void stageModules() throws IOException {
    String version = property("eventbus.version");
    stage("eventbus-parent", version, ROOT.resolve("pom.xml"), null);
    Pattern moduleOutput = Pattern.compile("(.*)[/\\\\]target[/\\\\](classes|[^/\\\\]+\\.jar)");
    List<String> staged = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath().normalize();
      Matcher m = moduleOutput.matcher(path.toString());
      if (!path.startsWith(ROOT) || !m.matches()) {
        continue;
      }
      Path moduleDir = Path.of(m.group(1));
      String artifactId = artifactId(moduleDir.resolve("pom.xml"));
      stage(artifactId, version, moduleDir.resolve("pom.xml"), path);
      staged.add(artifactId);
    }
    assertThat(staged)
        .as("this build's modules on the test class path")
        .contains("eventbus-rewrite", "eventbus-compat", "eventbus-processors");
  }

  /** The wiring sample's library bus, compiled into a jar as a library would ship it. */
  private void stageLibrary() throws IOException {
    Path classes = Files.createDirectories(work.resolve("library-classes"));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath"));
    args.add(
        TestClasspath.paths().stream()
            .map(Path::toString)
            .collect(Collectors.joining(File.pathSeparator)));
    try (Stream<Path> walk = Files.walk(Samples.LIBRARY)) {
      walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
    Path dir = Files.createDirectories(repository.resolve("org/thirdparty/plugin-bus/1"));
    Files.writeString(
        dir.resolve("plugin-bus-1.pom"),
        pom(
            """
              <groupId>org.thirdparty</groupId>
              <artifactId>plugin-bus</artifactId>
              <version>1</version>
              <dependencies>
                <dependency>
                  <groupId>com.google.guava</groupId>
                  <artifactId>guava</artifactId>
                  <version>%s</version>
                </dependency>
              </dependencies>
            """
                .formatted(property("guava.version"))),
        StandardCharsets.UTF_8);
    jar(classes, dir.resolve("plugin-bus-1.jar"));
  }

  private void stage(String artifactId, String version, Path pom, Path output) throws IOException {
    Path dir =
        Files.createDirectories(
            repository.resolve(GROUP.replace('.', '/')).resolve(artifactId).resolve(version));
    String base = artifactId + "-" + version;
    Files.copy(pom, dir.resolve(base + ".pom"));
    if (output == null) {
      return;
    }
    Path jar = dir.resolve(base + ".jar");
    if (Files.isDirectory(output)) {
      jar(output, jar);
    } else {
      Files.copy(output, jar);
    }
  }

  private static void jar(Path classes, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
  }

  /** The pom's own artifactId (the first one outside its parent element). */
  private static String artifactId(Path pom) throws IOException {
    String text = Files.readString(pom, StandardCharsets.UTF_8);
    int afterParent = text.indexOf("</parent>");
    Matcher m =
        Pattern.compile("<artifactId>([^<]+)</artifactId>")
            .matcher(text)
            .region(Math.max(afterParent, 0), text.length());
    assertThat(m.find()).as("artifactId in " + pom).isTrue();
    return m.group(1).trim();
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value)
        .as("system property %s (set by eventbus-rewrite's surefire configuration)", name)
        .isNotBlank();
    return value;
  }

  private static boolean isWindows() {
    return File.separatorChar == '\\';
  }
}
