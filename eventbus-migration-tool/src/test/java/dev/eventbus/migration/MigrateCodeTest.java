package dev.eventbus.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MigrationHelper#migrateCode}: exact rewrites on small files, one rule per test. */
class MigrateCodeTest {

  @TempDir Path root;

  private Path write(String file, String content) throws IOException {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content, StandardCharsets.UTF_8);
    return path;
  }

  private String read(String file) throws IOException {
    return Files.readString(root.resolve(file), StandardCharsets.UTF_8);
  }

  private MigrationResult migrate(MigrationTarget target) {
    return MigrationHelper.migrateCode(root, MigrationOptions.to(target));
  }

  private static final String GUAVA_SERVICE =
      """
      package com.acme;

      import com.google.common.eventbus.AllowConcurrentEvents;
      import com.google.common.eventbus.EventBus;
      import com.google.common.eventbus.Subscribe;
      import java.util.List;

      /** Keeps this comment. */
      class Service {
        private final EventBus bus;   // odd   spacing kept

        Service(EventBus bus) {
          this.bus = bus;
        }

        static Service create() {
          Service service = new Service(new EventBus("orders"));
          service.bus.register(service);
          return service;
        }

        @AllowConcurrentEvents
        @Subscribe
        public void on(String event) {}

        @AllowConcurrentEvents @Subscribe public void onNumber(Integer event) {}

        void send(List<Object> events) {
          bus
              .post(/* the event */ events.get(0));
          events.forEach(bus::post);
        }
      }
      """;

  @Test
  void compatChangesOnlyThePackageOfGuavaNames() throws IOException {
    write("com/acme/Service.java", GUAVA_SERVICE);

    MigrationResult result = migrate(MigrationTarget.COMPAT);

    assertThat(read("com/acme/Service.java"))
        .isEqualTo(
            GUAVA_SERVICE.replace("com.google.common.eventbus", "dev.eventbus.compat.guava"));
    assertThat(result.changes()).singleElement().satisfies(c -> assertThat(c.edits()).isEqualTo(3));
    assertThat(result.manualSteps()).isEmpty();
  }

  @Test
  void compatRewritesQualifiedNamesAndLeavesVmCodeAlone() throws IOException {
    String guava =
        """
        package com.acme;

        class Qualified {
          private final com.google.common.eventbus.EventBus bus =
              new com.google.common.eventbus.EventBus();

          @com.google.common.eventbus.Subscribe
          void on(Object event) {
            bus.post(event); // com.google.common.eventbus in a comment stays
          }
        }
        """;
    String vm =
        """
        package com.acme;

        import vm.core.event.DomainEventBus;

        class Legacy {
          final DomainEventBus bus = DomainEventBus.getInstance();
        }
        """;
    write("com/acme/Qualified.java", guava);
    write("com/acme/Legacy.java", vm);

    MigrationResult result = migrate(MigrationTarget.COMPAT);

    assertThat(read("com/acme/Qualified.java"))
        .isEqualTo(
            guava
                .replace(
                    "com.google.common.eventbus.EventBus", "dev.eventbus.compat.guava.EventBus")
                .replace(
                    "com.google.common.eventbus.Subscribe", "dev.eventbus.compat.guava.Subscribe"));
    assertThat(read("com/acme/Legacy.java")).isEqualTo(vm);
    assertThat(result.changes())
        .extracting(FileChange::file)
        .containsExactly("com/acme/Qualified.java");
  }

  @Test
  void nativeRewritesGuavaToTheUnifiedApi() throws IOException {
    write("com/acme/Service.java", GUAVA_SERVICE);

    MigrationResult result = migrate(MigrationTarget.NATIVE);

    assertThat(read("com/acme/Service.java"))
        .isEqualTo(
            """
            package com.acme;

            import dev.eventbus.api.Subscribe;
            import dev.eventbus.api.UnifiedEventBus;
            import dev.eventbus.processors.EventBusFactory;
            import java.util.List;

            /** Keeps this comment. */
            class Service {
              private final UnifiedEventBus bus;   // odd   spacing kept

              Service(UnifiedEventBus bus) {
                this.bus = bus;
              }

              static Service create() {
                Service service = new Service(EventBusFactory.createDefault());
                service.bus.register(service);
                return service;
              }

              @Subscribe
              public void on(String event) {}

              @Subscribe public void onNumber(Integer event) {}

              void send(List<Object> events) {
                bus
                    .publish(/* the event */ events.get(0));
                events.forEach(bus::publish);
              }
            }
            """);
    assertThat(result.manualSteps()).isEmpty();
    assertThat(result.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.target()).isEqualTo(MigrationTarget.NATIVE);
              assertThat(c.before()).isEqualTo(GUAVA_SERVICE);
            });
  }

  @Test
  void nativeWritesQualifiedNamesWhereTheSimpleNameIsTaken() throws IOException {
    String source =
        """
        package com.acme;

        import com.acme.annotations.Subscribe;
        import com.google.common.eventbus.EventBus;

        class Clash {
          private final EventBus bus = new EventBus();

          Clash() {
            bus.register(this);
          }

          @Subscribe
          void local(Object event) {}

          @com.google.common.eventbus.Subscribe
          void on(Object event) {
            bus.post(event);
          }
        }
        """;
    write("com/acme/Clash.java", source);

    migrate(MigrationTarget.NATIVE);

    assertThat(read("com/acme/Clash.java"))
        .isEqualTo(
            """
            package com.acme;

            import com.acme.annotations.Subscribe;
            import dev.eventbus.api.UnifiedEventBus;
            import dev.eventbus.processors.EventBusFactory;

            class Clash {
              private final UnifiedEventBus bus = EventBusFactory.createDefault();

              Clash() {
                bus.register(this);
              }

              @Subscribe
              void local(Object event) {}

              @dev.eventbus.api.Subscribe
              void on(Object event) {
                bus.publish(event);
              }
            }
            """);
  }

  @Test
  void nativeKeepsLineEndingsTabsAndTextAroundNonAsciiCharacters() throws IOException {
    String source =
        "package com.acme;\r\n\r\nimport com.google.common.eventbus.EventBus;\r\n\r\n"
            + "class Tabs {\r\n\tEventBus bus = new EventBus(); // caf\u00e9 \u20ac \ud83d\ude00\r\n"
            + "\tvoid send() { String s = \"\ud83d\ude00 \u20ac\"; bus.post(s); }\r\n}\r\n";
    write("com/acme/Tabs.java", source);

    migrate(MigrationTarget.NATIVE);

    assertThat(read("com/acme/Tabs.java"))
        .isEqualTo(
            "package com.acme;\r\n\r\nimport dev.eventbus.api.UnifiedEventBus;\r\n"
                + "import dev.eventbus.processors.EventBusFactory;\r\n\r\n"
                + "class Tabs {\r\n\tUnifiedEventBus bus = EventBusFactory.createDefault();"
                + " // caf\u00e9 \u20ac \ud83d\ude00\r\n"
                + "\tvoid send() { String s = \"\ud83d\ude00 \u20ac\"; bus.publish(s); }\r\n}\r\n");
  }

  @Test
  void nativeMovesVmBusesAndKeepsVmExceptionForAPerson() throws IOException {
    String source =
        """
        package com.acme;

        import vm.core.event.DomainEvent;
        import vm.core.event.DomainEventBus;
        import vm.core.event.VmException;

        class Orders {
          private final DomainEventBus bus = new DomainEventBus();

          void place(DomainEvent event) throws VmException {
            bus.publish(event);
          }
        }
        """;
    write("com/acme/Orders.java", source);

    MigrationResult result = migrate(MigrationTarget.NATIVE);

    assertThat(read("com/acme/Orders.java"))
        .isEqualTo(
            """
            package com.acme;

            import dev.eventbus.api.DomainEvent;
            import dev.eventbus.api.UnifiedEventBus;
            import dev.eventbus.processors.EventBusFactory;
            import vm.core.event.VmException;

            class Orders {
              private final UnifiedEventBus bus = EventBusFactory.createDefault();

              void place(DomainEvent event) throws VmException {
                bus.publish(event);
              }
            }
            """);
    assertThat(result.manualSteps())
        .extracting(ManualStep::symbol)
        .containsExactly("vm.core.event.VmException", "vm.core.event.VmException");
  }

  @Test
  void nativeBlocksAFileThatNeedsAPersonAndTheFilesConnectedToIt() throws IOException {
    write(
        "com/acme/Wiring.java",
        """
        package com.acme;

        import com.google.common.eventbus.DeadEvent;
        import com.google.common.eventbus.EventBus;
        import com.google.common.eventbus.Subscribe;

        class Wiring {
          final EventBus bus = new EventBus();

          Wiring() {
            bus.register(new Listener());
            bus.register(this);
          }

          @Subscribe
          void dead(DeadEvent event) {}
        }
        """);
    String listener =
        """
        package com.acme;

        import com.google.common.eventbus.Subscribe;

        class Listener {
          @Subscribe
          void on(String event) {}
        }
        """;
    write("com/acme/Listener.java", listener);
    String unrelated =
        """
        package com.other;

        import com.google.common.eventbus.EventBus;

        class Unrelated {
          void run() {
            new EventBus().post("x");
          }
        }
        """;
    write("com/other/Unrelated.java", unrelated);

    MigrationResult result = migrate(MigrationTarget.NATIVE);

    assertThat(result.changes())
        .extracting(FileChange::file, FileChange::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("com/acme/Listener.java", MigrationTarget.COMPAT),
            org.assertj.core.groups.Tuple.tuple("com/acme/Wiring.java", MigrationTarget.COMPAT),
            org.assertj.core.groups.Tuple.tuple(
                "com/other/Unrelated.java", MigrationTarget.NATIVE));
    assertThat(read("com/acme/Listener.java"))
        .isEqualTo(listener.replace("com.google.common.eventbus", "dev.eventbus.compat.guava"));
    assertThat(read("com/acme/Wiring.java"))
        .contains("import dev.eventbus.compat.guava.DeadEvent;");
    assertThat(read("com/other/Unrelated.java"))
        .contains("EventBusFactory.createDefault().publish(\"x\")");
    assertThat(result.manualSteps())
        .extracting(ManualStep::file, ManualStep::symbol)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "com/acme/Wiring.java", "com.google.common.eventbus.DeadEvent"),
            org.assertj.core.groups.Tuple.tuple(
                "com/acme/Listener.java", "com/acme/Listener.java"));
    assertThat(result.manualSteps())
        .filteredOn(step -> step.file().equals("com/acme/Listener.java"))
        .singleElement()
        .satisfies(
            step ->
                assertThat(step.reason())
                    .contains("may be registered on a bus that stays legacy")
                    .contains("com/acme/Wiring.java: bus.register(new Listener())"));
  }

  @Test
  void nativeAfterCompatMovesTheShimToo() throws IOException {
    write("com/acme/Service.java", GUAVA_SERVICE);

    migrate(MigrationTarget.COMPAT);
    String viaCompat;
    migrate(MigrationTarget.NATIVE);
    viaCompat = read("com/acme/Service.java");

    Files.writeString(root.resolve("com/acme/Service.java"), GUAVA_SERVICE);
    migrate(MigrationTarget.NATIVE);
    assertThat(viaCompat).isEqualTo(read("com/acme/Service.java"));
  }

  @Test
  void aSecondRunChangesNothing() throws IOException {
    write("com/acme/Service.java", GUAVA_SERVICE);
    write(
        "com/acme/Dead.java",
        """
        package com.acme;

        import com.google.common.eventbus.*;

        class Dead {
          @Subscribe
          void dead(DeadEvent event) {}
        }
        """);
    for (MigrationTarget target : MigrationTarget.values()) {
      migrate(target);
      String service = read("com/acme/Service.java");
      String dead = read("com/acme/Dead.java");

      MigrationResult again = migrate(target);

      assertThat(again.changes()).as(target.name()).isEmpty();
      assertThat(read("com/acme/Service.java")).isEqualTo(service);
      assertThat(read("com/acme/Dead.java")).isEqualTo(dead);
    }
  }

  @Test
  void aDryRunWritesNothingButReportsTheDiff() throws IOException {
    write("com/acme/Service.java", GUAVA_SERVICE);

    MigrationResult result =
        MigrationHelper.migrateCode(root, MigrationOptions.to(MigrationTarget.NATIVE).asDryRun());

    assertThat(read("com/acme/Service.java")).isEqualTo(GUAVA_SERVICE);
    assertThat(result.changes()).hasSize(1);
    assertThat(result.unifiedDiff())
        .startsWith("--- a/com/acme/Service.java\n+++ b/com/acme/Service.java\n@@ ")
        .contains("\n-import com.google.common.eventbus.EventBus;\n")
        .contains("\n+import dev.eventbus.api.UnifiedEventBus;\n")
        .contains("\n-        .post(/* the event */ events.get(0));\n")
        .contains("\n+        .publish(/* the event */ events.get(0));\n");
  }

  @Test
  void filesThatDoNotParseAreReportedAndLeftAlone() throws IOException {
    String broken = "package com.acme;\nimport com.google.common.eventbus.EventBus;\nclass B {";
    write("com/acme/B.java", broken);
    write("com/acme/Service.java", GUAVA_SERVICE);

    MigrationResult result = migrate(MigrationTarget.COMPAT);

    assertThat(read("com/acme/B.java")).isEqualTo(broken);
    assertThat(result.parseErrors())
        .extracting(ParseError::file)
        .containsExactly("com/acme/B.java");
    assertThat(result.changes())
        .extracting(FileChange::file)
        .containsExactly("com/acme/Service.java");
    assertThat(result.isComplete()).isFalse();
  }

  /**
   * Regression, found while adding unicode escapes to the fuzz test: javac reads a dot written as
   * the escape backslash-u002e as a dot; the parser read {@code com}, the escape and {@code google}
   * as one identifier. The import stayed Guava's while the qualified {@code new} moved to compat
   * (or, native, to the factory): a file that no longer compiled, reported as migrated. A file with
   * a unicode escape in a name is now left as it is, for a person.
   */
  @Test
  void aNameWrittenWithAUnicodeEscapeLeavesTheFileForAPerson() throws IOException {
    String halfEscaped =
        "package com.acme;\n"
            + "import com\\u002egoogle.common.eventbus.EventBus;\n"
            + "class Escaped {\n"
            + "  EventBus bus = new com.google.common.eventbus.EventBus();\n"
            + "  void send() { bus.post(\"x\"); }\n"
            + "}\n";
    // Fuzz seed 5000221: the package is named only with an escape, so the file was not even read.
    String onlyEscaped =
        "package com.acme;\n"
            + "import com.google.common.eventbu\\u0073.*;\n"
            + "class Escaped {\n"
            + "  @Subscribe public void on(String event) {}\n"
            + "}\n";
    for (String escaped : List.of(halfEscaped, onlyEscaped)) {
      for (MigrationTarget target : MigrationTarget.values()) {
        write("com/acme/Escaped.java", escaped);

        MigrationResult result = migrate(target);

        assertThat(read("com/acme/Escaped.java")).as(target.name()).isEqualTo(escaped);
        assertThat(result.changes()).as(target.name()).isEmpty();
        assertThat(result.manualSteps())
            .as(target.name() + " " + escaped)
            .singleElement()
            .satisfies(
                step -> {
                  assertThat(step.file()).isEqualTo("com/acme/Escaped.java");
                  assertThat(step.line()).isEqualTo(2);
                  assertThat(step.reason()).contains("unicode escape");
                });
      }
    }
  }

  @Test
  void writesKeepPermissionsAndLeaveNoTemporaryFiles() throws IOException {
    Path file = write("com/acme/Service.java", GUAVA_SERVICE);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    migrate(MigrationTarget.COMPAT);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r-----");
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactly("Service.java");
    }
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(
            () ->
                MigrationHelper.migrateCode(
                    root.resolve("missing"), MigrationOptions.to(MigrationTarget.COMPAT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a directory");
    assertThatThrownBy(() -> new MigrationOptions(null, false))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("target");
    assertThatThrownBy(() -> MigrationHelper.migrateCode(root, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("options");
  }
}
