package dev.eventbus.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationHelperScanTest {

  private static final String G = "com.google.common.eventbus.";
  private static final String V = "vm.core.event.";

  /** Worked out by hand from the sample sources: file:line kind symbol. */
  private static final List<String> EXPECTED =
      List.of(
          "com/acme/billing/CustomBus.java:3 import " + G + "SubscriberExceptionContext",
          "com/acme/billing/CustomBus.java:4 import " + G + "SubscriberExceptionHandler",
          "com/acme/billing/CustomBus.java:6 subclass " + G + "EventBus",
          "com/acme/billing/CustomBus.java:7 subclass " + G + "SubscriberExceptionHandler",
          "com/acme/billing/CustomBus.java:9 exception-handler " + G + "SubscriberExceptionContext",
          "com/acme/billing/FullyQualified.java:5 fully-qualified-reference " + G + "EventBus",
          "com/acme/billing/FullyQualified.java:6 construction " + G + "EventBus",
          "com/acme/billing/FullyQualified.java:8 annotation " + G + "Subscribe",
          "com/acme/billing/FullyQualified.java:10 bus-call " + G + "EventBus#post",
          "com/acme/billing/FullyQualified.java:13 fully-qualified-reference " + V + "DomainEvent",
          "com/acme/billing/FullyQualified.java:13 fully-qualified-reference " + V + "VmException",
          "com/acme/billing/FullyQualified.java:14 singleton-access "
              + V
              + "DomainEventBus#getInstance",
          "com/acme/billing/FullyQualified.java:14 bus-call " + V + "DomainEventBus#publish",
          "com/acme/billing/GuavaBilling.java:3 import " + G + "AllowConcurrentEvents",
          "com/acme/billing/GuavaBilling.java:4 import " + G + "DeadEvent",
          "com/acme/billing/GuavaBilling.java:5 import " + G + "EventBus",
          "com/acme/billing/GuavaBilling.java:6 import " + G + "Subscribe",
          "com/acme/billing/GuavaBilling.java:9 construction " + G + "EventBus",
          "com/acme/billing/GuavaBilling.java:12 bus-call " + G + "EventBus#register",
          "com/acme/billing/GuavaBilling.java:16 bus-call " + G + "EventBus#post",
          "com/acme/billing/GuavaBilling.java:19 annotation " + G + "Subscribe",
          "com/acme/billing/GuavaBilling.java:20 annotation " + G + "AllowConcurrentEvents",
          "com/acme/billing/GuavaBilling.java:23 annotation " + G + "Subscribe",
          "com/acme/billing/GuavaBilling.java:24 dead-event " + G + "DeadEvent",
          "com/acme/billing/GuavaBilling.java:25 bus-call " + G + "EventBus#unregister",
          "com/acme/billing/StaticImports.java:3 static-import " + G + "EventBus.*",
          "com/acme/billing/StaticImports.java:5 import " + G + "*",
          "com/acme/billing/StaticImports.java:10 exception-handler "
              + G
              + "SubscriberExceptionHandler",
          "com/acme/billing/StaticImports.java:11 construction " + G + "AsyncEventBus",
          "com/acme/client/LocalEventBus.java:3 import " + G + "*",
          "com/acme/client/LocalEventBus.java:13 annotation " + G + "Subscribe",
          "com/acme/orders/AsyncSetup.java:3 static-import " + V + "DomainEventBus.getInstance",
          "com/acme/orders/AsyncSetup.java:5 import " + V + "AsyncEventBus",
          "com/acme/orders/AsyncSetup.java:6 import " + V + "DomainEvent",
          "com/acme/orders/AsyncSetup.java:7 import " + V + "DomainEventBus",
          "com/acme/orders/AsyncSetup.java:8 import " + V + "VmException",
          "com/acme/orders/AsyncSetup.java:12 construction " + V + "DomainEventBus",
          "com/acme/orders/AsyncSetup.java:13 construction " + V + "AsyncEventBus",
          "com/acme/orders/AsyncSetup.java:19 singleton-access " + V + "DomainEventBus#getInstance",
          "com/acme/orders/AsyncSetup.java:19 bus-call " + V + "DomainEventBus#publish",
          "com/acme/orders/AsyncSetup.java:21 bus-call " + V + "AsyncEventBus#publishAsync",
          "com/acme/orders/OrderEvents.java:3 import " + V + "*",
          "com/acme/orders/OrderEvents.java:5 subclass " + V + "DomainEvent",
          "com/acme/orders/OrderEvents.java:13 subclass " + V + "EventHandler",
          "com/acme/orders/OrderEvents.java:22 bus-call " + V + "DomainEventBus#subscribe",
          "com/acme/orders/OrderEvents.java:26 bus-call " + V + "DomainEventBus#unsubscribe",
          "com/acme/orders/OrderService.java:3 import " + V + "DomainEvent",
          "com/acme/orders/OrderService.java:4 import " + V + "DomainEventBus",
          "com/acme/orders/OrderService.java:5 import " + V + "VmException",
          "com/acme/orders/OrderService.java:12 singleton-access "
              + V
              + "DomainEventBus#getInstance",
          "com/acme/orders/OrderService.java:20 bus-call " + V + "DomainEventBus#publish",
          "com/acme/orders/OrderService.java:21 bus-call " + V + "DomainEventBus#publish",
          "com/acme/shipping/Shipping.java:3 import " + G + "EventBus",
          "com/acme/shipping/Shipping.java:4 import " + G + "Subscribe",
          "com/acme/shipping/Shipping.java:16 bus-call " + G + "EventBus#register",
          "com/acme/shipping/Shipping.java:20 bus-call " + G + "EventBus#post",
          "com/acme/shipping/Shipping.java:25 annotation " + G + "Subscribe",
          "com/acme/shipping/Shipping.java:31 annotation " + G + "Subscribe");

  private final MigrationReport report = MigrationHelper.checkCompatibility(SampleTree.root());

  @Test
  void findsExactlyTheExpectedFindings() {
    List<String> actual =
        report.findings().stream()
            .map(f -> f.file() + ":" + f.line() + " " + f.kind().id() + " " + f.symbol())
            .collect(Collectors.toList());
    assertThat(actual).containsExactlyElementsOf(EXPECTED);
  }

  @Test
  void countsFilesAndReportsTheFileThatDoesNotParse() {
    assertThat(report.filesScanned()).isEqualTo(13);
    assertThat(report.filesWithFindings()).isEqualTo(9);
    assertThat(report.parseErrors()).hasSize(1);
    assertThat(report.parseErrors().get(0).file()).isEqualTo("com/acme/broken/Broken.java");
    assertThat(report.parseErrors().get(0).message()).startsWith("line 6, column");
  }

  @Test
  void sameNamedClassesFromOtherPackagesAndCommentsAreNotFindings() {
    assertThat(report.findings())
        .noneMatch(f -> f.file().startsWith("com/acme/client/UsesAcmeBus"))
        .noneMatch(f -> f.file().startsWith("com/acme/other/"))
        .noneMatch(f -> f.file().equals("com/acme/client/LocalEventBus.java") && f.line() > 13);
  }

  @Test
  void reportsPositionsApiAndAdvice() {
    Finding post =
        report.findings().stream()
            .filter(f -> f.file().equals("com/acme/shipping/Shipping.java") && f.line() == 20)
            .findFirst()
            .orElseThrow();
    assertThat(post.column()).isEqualTo(15);
    assertThat(post.api()).isEqualTo(LegacyApi.GUAVA);
    assertThat(post.autoMigratable()).isTrue();
    assertThat(post.suggestion()).contains("publish");

    Finding singleton =
        report.findings().stream()
            .filter(f -> f.kind() == FindingKind.SINGLETON_ACCESS)
            .findFirst()
            .orElseThrow();
    assertThat(singleton.api()).isEqualTo(LegacyApi.VM_LEGACY);
    assertThat(singleton.autoMigratable()).isFalse();
  }

  @Test
  void summaryCountsByApiAndKind() {
    MigrationReport.Summary summary = report.summary();
    assertThat(summary.totalFindings()).isEqualTo(EXPECTED.size());
    assertThat(summary.byApi()).containsEntry("guava", 33).containsEntry("vm-legacy", 25);
    assertThat(summary.byKind())
        .containsEntry("import", 18)
        .containsEntry("static-import", 2)
        .containsEntry("bus-call", 13)
        .containsEntry("annotation", 7)
        .containsEntry("singleton-access", 3);
    assertThat(summary.parseErrors()).isEqualTo(1);
  }

  @Test
  void reportIsImmutable() {
    assertThatThrownBy(() -> report.findings().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> report.summary().byKind().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void emptyTreeIsClean(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("A.java"), "class A {}");
    MigrationReport clean = MigrationHelper.checkCompatibility(dir);
    assertThat(clean.filesScanned()).isEqualTo(1);
    assertThat(clean.hasFindings()).isFalse();
    assertThat(clean.parseErrors()).isEmpty();
  }

  @Test
  void rejectsAFileAsRoot(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("A.java"), "class A {}");
    assertThatThrownBy(() -> MigrationHelper.checkCompatibility(file))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
