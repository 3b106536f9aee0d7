package dev.eventbus.archunit;

import static dev.eventbus.archunit.RuleTesting.failureReport;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EventBusRules#NO_LIBRARY_INTERNALS}, on user code compiled here against the library's jars
 * on a class path: on the module path such code would not compile, which is the point of the rule
 * for class-path users.
 */
class NoLibraryInternalsTest {

  private final ArchRule rule = EventBusRules.NO_LIBRARY_INTERNALS;

  @TempDir Path dir;

  /** Compiles one class of {@code com.acme.orders} against the test's own class and module path. */
  private JavaClasses compile(String className, String body) throws IOException {
    Path source = dir.resolve("src/com/acme/orders/" + className + ".java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "package com.acme.orders;\n\n" + body);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> path = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property, "");
      if (!value.isEmpty()) {
        path.add(value);
      }
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter output = new StringWriter();
    boolean compiled =
        javac
            .getTask(
                output,
                null,
                null,
                List.of(
                    "--release",
                    "17",
                    "-proc:none",
                    "-classpath",
                    String.join(File.pathSeparator, path),
                    "-d",
                    classes.toString()),
                null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(source))
            .call();
    assertThat(compiled).as("compiled %s: %s", className, output).isTrue();
    JavaClasses imported = new ClassFileImporter().importPath(classes);
    assertThat(imported).as("classes of %s", className).isNotEmpty();
    return imported;
  }

  @Test
  void failsOnUserCodeThatHoldsTheEngine() throws IOException {
    JavaClasses classes =
        compile(
            "EngineUser",
            "public class EngineUser {\n"
                + "  dev.eventbus.core.internal.EventBusCore bus ="
                + " dev.eventbus.core.internal.EventBusCore.builder().build();\n"
                + "}\n");

    assertThat(failureReport(rule, classes))
        .contains("com.acme.orders.EngineUser")
        .contains("dev.eventbus.core.internal.EventBusCore")
        .contains("build buses with dev.eventbus.processors.EventBusFactory");
  }

  @Test
  void failsOnAnInternalPackageOfAnyModule() throws IOException {
    JavaClasses classes =
        compile(
            "JournalUser",
            "public class JournalUser {\n"
                + "  Object opener ="
                + " dev.eventbus.durable.internal.DurableJournal.class;\n"
                + "}\n");

    assertThat(failureReport(rule, classes)).contains("dev.eventbus.durable.internal");
  }

  @Test
  void passesOnUserCodeThatUsesTheExportedApi() throws IOException {
    JavaClasses classes =
        compile(
            "ApiUser",
            "import dev.eventbus.api.UnifiedEventBus;\n"
                + "import dev.eventbus.processors.EventBusFactory;\n"
                + "public class ApiUser {\n"
                + "  final UnifiedEventBus bus = EventBusFactory.builder().build();\n"
                + "  dev.eventbus.core.spi.EventProcessor processor;\n"
                + "  dev.eventbus.durable.DurableStorage storage;\n"
                + "}\n");

    assertThat(rule.evaluate(classes).hasViolation()).isFalse();
  }

  @Test
  void exemptPackages_areNotChecked() throws IOException {
    JavaClasses classes =
        compile(
            "Exempt",
            "public class Exempt {\n"
                + "  Class<?> engine = dev.eventbus.core.internal.EventBusCore.class;\n"
                + "}\n");

    assertThat(
            EventBusRules.noLibraryInternals("com.acme.orders..").evaluate(classes).hasViolation())
        .isFalse();
  }

  @Test
  void theLibrarysOwnClasses_areNotReported() {
    JavaClasses library =
        new ClassFileImporter()
            .importPackages("dev.eventbus.processors", "dev.eventbus.compat", "vm.core.event");
    assertThat(library).isNotEmpty();

    assertThat(rule.evaluate(library).hasViolation()).isFalse();
  }
}
