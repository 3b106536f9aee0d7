package dev.eventbus.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.eventbus.archunit.EventBusRules;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module layering of this project, checked on the compiled classes of every module. */
class LayeringTest {

  /** The root package of each module; a module's internal packages live under its root. */
  private static final List<String> MODULE_ROOTS =
      List.of(
          "dev.eventbus.api",
          "dev.eventbus.core",
          "dev.eventbus.durable",
          "dev.eventbus.processors",
          "dev.eventbus.compat",
          "dev.eventbus.store",
          "dev.eventbus.codec",
          "dev.eventbus.kafka",
          "dev.eventbus.tracing",
          "dev.eventbus.redis",
          "dev.eventbus.transport",
          "dev.eventbus.micrometer",
          "dev.eventbus.archunit",
          "dev.eventbus.migration",
          "dev.eventbus.rewrite",
          "dev.eventbus.testkit",
          "dev.eventbus.spring",
          "dev.eventbus.examples");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.eventbus", "vm.core.event");
  }

  @Test
  void everyModuleIsImported() {
    for (String root :
        List.of(
            "dev.eventbus.api",
            "dev.eventbus.core",
            "dev.eventbus.durable",
            "dev.eventbus.processors",
            "vm.core.event",
            "dev.eventbus.store.jdbc",
            "dev.eventbus.codec.jackson",
            "dev.eventbus.kafka",
            "dev.eventbus.tracing",
            "dev.eventbus.redis",
            "dev.eventbus.transport",
            "dev.eventbus.micrometer",
            "dev.eventbus.archunit",
            "dev.eventbus.migration",
            "dev.eventbus.rewrite",
            "dev.eventbus.testkit",
            "dev.eventbus.spring.boot",
            "dev.eventbus.examples")) {
      assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith(root)))
          .as("classes of %s on the test classpath", root)
          .isTrue();
    }
  }

  @Test
  void api_dependsOnTheJdkAndJSpecifyOnly() {
    classes()
        .that()
        .resideInAPackage("dev.eventbus.api..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.jspecify..", "dev.eventbus.api..")
        .because("eventbus-api is JDK-only: users must not see Reactor, Vavr, Caffeine or Guava")
        .check(classes);
  }

  @Test
  void core_doesNotDependOnProcessorsCompatOrTheTool() {
    noClasses()
        .that()
        .resideInAPackage("dev.eventbus.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.eventbus.processors..",
            "dev.eventbus.compat..",
            "dev.eventbus.migration..",
            "dev.eventbus.rewrite..",
            "dev.eventbus.testkit..",
            "vm.core.event..",
            "reactor..")
        .check(classes);
  }

  @Test
  void durable_dependsOnTheApiTheCoreAndTheJdkOnly() {
    classes()
        .that()
        .resideInAPackage("dev.eventbus.durable..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "javax.sql..",
            "org.jspecify..",
            "dev.eventbus.api..",
            "dev.eventbus.core..",
            "dev.eventbus.durable..")
        .because(
            "durable delivery plugs into the engine's journal hook and needs nothing else (JDBC's"
                + " DataSource is where a plain JdbcTransaction takes its connection)")
        .check(classes);
  }

  @Test
  void processors_doNotDependOnCompatOrTheTool() {
    noClasses()
        .that()
        .resideInAPackage("dev.eventbus.processors..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.eventbus.compat..",
            "dev.eventbus.migration..",
            "dev.eventbus.rewrite..",
            "vm.core.event..")
        .check(classes);
  }

  @Test
  void archunitRules_dependOnArchUnitAndJSpecifyOnly() {
    classes()
        .that()
        .resideInAPackage("dev.eventbus.archunit..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "org.jspecify..", "com.tngtech.archunit..", "dev.eventbus.archunit..")
        .because(
            "eventbus-archunit is a small test-scope artifact: it names the project's types by"
                + " string and brings no other module along")
        .check(classes);
  }

  @Test
  void stores_dependOnTheApiTheJdkAndTheirLibrariesOnly() {
    classes()
        .that()
        .resideInAPackage("dev.eventbus.store..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "javax.sql..",
            "org.jspecify..",
            "dev.eventbus.api..",
            "dev.eventbus.store..",
            "com.zaxxer.hikari..",
            "com.fasterxml.jackson..")
        .because(
            "a store implements the api's SPIs and must run under any bus: no core, processors"
                + " or compat")
        .check(classes);
  }

  @Test
  void codecs_dependOnTheApiTheJdkAndTheirLibrariesOnly() {
    classes()
        .that()
        .resideInAPackage("dev.eventbus.codec..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "org.jspecify..",
            "dev.eventbus.api..",
            "dev.eventbus.codec..",
            "com.fasterxml.jackson..")
        .because("a codec implements the api's EventCodec and must work with any store and bus")
        .check(classes);
  }

  @Test
  void transports_dependOnTheApiDurableTheJdkAndTheirLibrariesOnly() {
    classes()
        .that()
        .resideInAnyPackage(
            "dev.eventbus.kafka..", "dev.eventbus.redis..", "dev.eventbus.transport..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "org.jspecify..",
            "dev.eventbus.api..",
            "dev.eventbus.durable",
            "dev.eventbus.transport..",
            "dev.eventbus.kafka..",
            "org.apache.kafka..",
            "dev.eventbus.redis..",
            "io.lettuce..",
            "com.fasterxml.jackson..")
        .because(
            "a transport relays through a bus's public subscriptions and publishes into it:"
                + " no core, processors or internals")
        .check(classes);
  }

  @Test
  void tracing_dependsOnTheApiOpenTelemetryAndSlf4jOnly() {
    classes()
        .that()
        .resideInAPackage("dev.eventbus.tracing..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "org.jspecify..",
            "dev.eventbus.api..",
            "dev.eventbus.tracing..",
            "io.opentelemetry..",
            "org.slf4j")
        .because("a ContextPropagator is an api SPI and must work with any bus")
        .check(classes);
  }

  @Test
  void micrometer_dependsOnTheApiTheJdkJSpecifyAndMicrometerOnly() {
    classes()
        .that()
        .resideInAPackage("dev.eventbus.micrometer..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "org.jspecify..",
            "dev.eventbus.api..",
            "dev.eventbus.micrometer..",
            "io.micrometer..")
        .because("the binder reads UnifiedEventBus.stats() and must work with any bus")
        .check(classes);
  }

  @Test
  void springBootStarter_dependsOnTheEntryPointMicrometerAndSpringOnly() {
    classes()
        .that()
        .resideInAPackage("dev.eventbus.spring..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "javax.sql..",
            "org.jspecify..",
            "dev.eventbus.api..",
            "dev.eventbus.durable",
            "dev.eventbus.processors",
            "dev.eventbus.micrometer",
            "dev.eventbus.store.jdbc",
            "dev.eventbus.tracing",
            "dev.eventbus.spring..",
            "io.micrometer..",
            "org.springframework..")
        .because(
            "the starter wires a bus through the one entry point, as an application would, with"
                + " the JDBC store on the application's DataSource when asked; the engine's"
                + " internals stay out of reach")
        .check(classes);
  }

  @Test
  void testKit_dependsOnTheApiOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.eventbus.testkit..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.eventbus.core..", "dev.eventbus.processors..", "dev.eventbus.compat..")
        .because("the contract tests must run unchanged against every implementation")
        .check(classes);
  }

  @Test
  void packages_haveNoCycles() {
    slices().matching("dev.eventbus.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void everyPublishedModule_hasAModuleDescriptorNamedForItsRootPackage() {
    Map<String, String> nameByRoot = new TreeMap<>();
    for (JavaClass javaClass : classes) {
      if (javaClass.getPackageName().startsWith("dev.eventbus.examples")) {
        continue; // not published; its descriptor is checked by its tests running on it
      }
      if (javaClass.getPackageName().startsWith("dev.eventbus.transportsupport")) {
        continue; // not published: test scaffolding on the transports' test class path
      }
      if (javaClass.getPackageName().startsWith("dev.eventbus.rewrite")) {
        // Published as an automatic module on purpose: OpenRewrite's jars, which the recipes
        // need beside them, split a package, so they cannot be on the module path.
        assertThat(ModuleDescriptors.of(javaClass).name()).isEqualTo("dev.eventbus.rewrite");
        continue;
      }
      ModuleDescriptor descriptor = ModuleDescriptors.of(javaClass);
      assertThat(descriptor.isAutomatic())
          .as("%s comes from a jar or directory without module-info.class", javaClass.getName())
          .isFalse();
      nameByRoot.put(moduleRoot(javaClass.getPackageName()), descriptor.name());
    }
    assertThat(nameByRoot)
        .containsEntry("dev.eventbus.api", "dev.eventbus.api")
        .containsEntry("dev.eventbus.core", "dev.eventbus.core")
        .containsEntry("dev.eventbus.durable", "dev.eventbus.durable")
        .containsEntry("dev.eventbus.processors", "dev.eventbus.processors")
        .containsEntry("dev.eventbus.compat", "dev.eventbus.compat")
        .containsEntry("dev.eventbus.store", "dev.eventbus.store.jdbc")
        .containsEntry("dev.eventbus.codec", "dev.eventbus.codec.jackson")
        .containsEntry("dev.eventbus.kafka", "dev.eventbus.kafka")
        .containsEntry("dev.eventbus.tracing", "dev.eventbus.tracing")
        .containsEntry("dev.eventbus.redis", "dev.eventbus.redis")
        .containsEntry("dev.eventbus.transport", "dev.eventbus.transport")
        .containsEntry("dev.eventbus.micrometer", "dev.eventbus.micrometer")
        .containsEntry("dev.eventbus.archunit", "dev.eventbus.archunit")
        .containsEntry("dev.eventbus.migration", "dev.eventbus.migration")
        .containsEntry("dev.eventbus.testkit", "dev.eventbus.testkit")
        .containsEntry("dev.eventbus.spring", "dev.eventbus.spring.boot");
  }

  /** The shipped rule's list of exported packages is what the descriptors export to everyone. */
  @Test
  void theShippedRulesExportedPackages_areTheDescriptorsUnqualifiedExports() {
    Set<String> exported = new TreeSet<>();
    for (JavaClass javaClass : classes) {
      if (javaClass.getPackageName().startsWith("dev.eventbus.examples")) {
        continue; // not published
      }
      if (javaClass.getPackageName().startsWith("dev.eventbus.transportsupport")) {
        continue; // not published: test scaffolding on the transports' test class path
      }
      ModuleDescriptor descriptor = ModuleDescriptors.of(javaClass);
      if (descriptor.isAutomatic()) {
        exported.addAll(descriptor.packages()); // eventbus-rewrite: as the JVM treats it
      }
      descriptor.exports().stream()
          .filter(export -> !export.isQualified())
          .forEach(export -> exported.add(export.source()));
    }
    assertThat(new TreeSet<>(EventBusRules.EXPORTED_PACKAGES)).isEqualTo(exported);
  }

  /**
   * What the module descriptors promise, checked on every dependency between the project's modules:
   * a class uses another module's type only if that module exports the type's package to everyone
   * or to the using module by name (a qualified export, each with its reason in the descriptor).
   */
  @Test
  void modules_useOnlyWhatOtherModulesExportToThem() {
    classes()
        .should(useOnlyPackagesExportedToTheirModule())
        .because("a module's unexported packages are its internals and may change in any release")
        .check(classes);
  }

  /**
   * The tests of every module but the owner's use another module's types only from its packages
   * exported to everyone: qualified exports are for the named module's main code, never a door for
   * tests into another module's internals.
   */
  @Test
  void tests_useOnlyWhatOtherModulesExportToEveryone() {
    JavaClasses tests = ModuleDescriptors.siblingTestClasses();
    assertThat(tests.stream().map(JavaClass::getPackageName).filter(p -> p.startsWith("dev")))
        .as("test classes of the sibling modules")
        .isNotEmpty();
    // Another module's test helpers (shared through its tests jar, as eventbus-store-jdbc's with
    // the transport chaos tests) are no module's code: no descriptor governs them.
    Set<String> testClassNames = new TreeSet<>();
    tests.forEach(test -> testClassNames.add(test.getName()));
    Set<String> violations = new TreeSet<>();
    for (JavaClass test : tests) {
      String testRoot = moduleRoot(test.getPackageName());
      for (Dependency dependency : test.getDirectDependenciesFromSelf()) {
        JavaClass target = dependency.getTargetClass();
        if (!isProjectClass(target)
            || moduleRoot(target.getPackageName()).equals(testRoot)
            || testClassNames.contains(target.getName())) {
          continue;
        }
        ModuleDescriptor owner = ModuleDescriptors.of(target);
        if (!ModuleDescriptors.exportsToEveryone(owner, target.getPackageName())) {
          violations.add(dependency.getDescription());
        }
      }
    }
    assertThat(violations).as("tests using another module's unexported packages").isEmpty();
  }

  @Test
  void everyPackage_isNullMarked() {
    Set<String> unmarked = new TreeSet<>();
    for (JavaClass javaClass : classes) {
      if (!javaClass.getPackage().isAnnotatedWith(NullMarked.class)) {
        unmarked.add(javaClass.getPackageName());
      }
    }
    assertThat(unmarked).as("packages without @NullMarked package-info").isEmpty();
  }

  @Test
  void noMutableStaticState() {
    ArchRule rule =
        fields()
            .that()
            .areDeclaredInClassesThat()
            .resideInAPackage("dev.eventbus..")
            .and()
            .areStatic()
            .should()
            .beFinal()
            .because(
                "the library has no global state: buses are built and injected, not looked up");
    rule.check(classes);
  }

  @Test
  void noStaticFieldHoldsABus() {
    noClasses()
        .that()
        .resideInAPackage("dev.eventbus..")
        .should(holdAStaticFieldOfType("dev.eventbus.api.UnifiedEventBus"))
        .check(classes);
  }

  private static ArchCondition<JavaClass> useOnlyPackagesExportedToTheirModule() {
    return new ArchCondition<>("use only packages of other modules exported to their module") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        if (!isProjectClass(origin)) {
          return;
        }
        ModuleDescriptor originModule = ModuleDescriptors.of(origin);
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          if (!isProjectClass(target)) {
            continue;
          }
          ModuleDescriptor targetModule = ModuleDescriptors.of(target);
          if (!targetModule.name().equals(originModule.name())
              && !ModuleDescriptors.exportsTo(
                  targetModule, target.getPackageName(), originModule.name())) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static boolean isProjectClass(JavaClass javaClass) {
    String name = javaClass.getPackageName();
    return name.startsWith("dev.eventbus.") || name.startsWith("vm.core.event");
  }

  private static ArchCondition<JavaClass> holdAStaticFieldOfType(String typeName) {
    return new ArchCondition<>("hold a static field of type " + typeName) {
      @Override
      public void check(JavaClass javaClass, ConditionEvents events) {
        javaClass.getFields().stream()
            .filter(field -> field.getModifiers().contains(JavaModifier.STATIC))
            .filter(field -> field.getRawType().isAssignableTo(typeName))
            .forEach(
                field -> events.add(SimpleConditionEvent.satisfied(field, field.getFullName())));
      }
    };
  }

  private static String moduleRoot(String packageName) {
    if (packageName.equals("vm.core.event") || packageName.startsWith("vm.core.event.")) {
      return "dev.eventbus.compat";
    }
    for (String root : MODULE_ROOTS) {
      if (packageName.equals(root) || packageName.startsWith(root + ".")) {
        return root;
      }
    }
    return packageName;
  }
}
