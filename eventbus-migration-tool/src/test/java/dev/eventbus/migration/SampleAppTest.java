package dev.eventbus.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample legacy shop compiles, runs its workload, and scans to exactly the expected uses. */
class SampleAppTest {

  /**
   * Worked out by hand from the sample's sources: every delivery of {@code SampleApp.run()}, in
   * order. The storefront (Guava, synchronous), then payments (Guava: nested posts delivered
   * breadth first, the exception handler, dead events, then the asynchronous receipts, sorted),
   * then the warehouse (vm.core.event: priorities, filters, "*", the singleton, then the
   * asynchronous dispatch notifications, sorted, and the async bus's statistics).
   */
  static final List<String> EXPECTED_LOG =
      List.of(
          // GuavaShop: two orders, a cancellation, then a cast and a parenthesised receiver
          "BillingListener got OrderPlaced#17 charging €42.00",
          "ShippingListener got OrderPlaced#17 for Café Müller",
          "PushNotifier got OrderPlaced#17",
          "MetricsCounter got push.sent#17",
          "StockReserver got OrderPlaced#17",
          "BillingListener got OrderPlaced#18 charging €19.99",
          "ShippingListener got OrderPlaced#18 for Ada",
          "PushNotifier got OrderPlaced#18",
          "MetricsCounter got push.sent#18",
          "StockReserver got OrderPlaced#18",
          "StockReleaser got OrderCancelled#18",
          "SmsOutbox got OrderCancelled#18 (out of stock)",
          "BillingListener got OrderPlaced#19 charging €5.00",
          "ShippingListener got OrderPlaced#19 for Grace",
          "PushNotifier got OrderPlaced#19",
          "MetricsCounter got push.sent#19",
          "StockReserver got OrderPlaced#19",
          "StockReleaser got OrderCancelled#19",
          "SmsOutbox got OrderCancelled#19 (customer request)",
          // PaymentsShop: the capture posted by the processor waits until #17 is fully delivered
          "PaymentProcessor got PaymentRequested#17",
          "PaymentAuditor got PaymentRequested#17",
          "PaymentAuditor got PaymentCaptured#17",
          "PaymentProcessor got PaymentRequested#18",
          "PaymentErrorHandler caught \"card declined for order 18\" from"
              + " PaymentProcessor.onPaymentRequested on PaymentRequested[orderId=18, cents=250000]",
          "PaymentAuditor got PaymentRequested#18",
          "DeadLetterAuditor got dead RefundRequested[orderId=17]",
          "DeadLetterAuditor got dead PaymentCaptured[orderId=19, cents=500]",
          "ReceiptMailer got PaymentCaptured#20 receipt 200 EUR",
          "ReceiptMailer got PaymentCaptured#21 receipt 210 EUR",
          "ReceiptMailer got PaymentCaptured#22 receipt 220 EUR",
          "ReceiptMailer got PaymentCaptured#23 receipt 230 EUR",
          // WarehouseShop: restock (200, filtered) before the picker (100) before the audit (10)
          "Picker got StockReserved[sku=SKU-1, quantity=3, remaining=7]",
          "WarehouseAuditHandler got StockReserved[sku=SKU-1, quantity=3, remaining=7]",
          "RestockHandler got low stock SKU-1 (1 left)",
          "Picker got StockReserved[sku=SKU-1, quantity=6, remaining=1]",
          "WarehouseAuditHandler got StockReserved[sku=SKU-1, quantity=6, remaining=1]",
          "RestockHandler got low stock SKU-9 (0 left)",
          "Picker got StockReserved[sku=SKU-9, quantity=4, remaining=0]",
          "WarehouseAuditHandler got StockReserved[sku=SKU-9, quantity=4, remaining=0]",
          "RestockHandler could not reorder SKU-9",
          "WarehouseAuditHandler got StockDepleted[sku=SKU-9, depletedAtMillis=1700000000000]",
          "WarehouseShop could not reorder: 1 handler(s) failed on 'inventory.stock-depleted':"
              + " 'restock' (vm.core.event.VmException: supplier offline for SKU-9)",
          "RestockHandler got low stock SKU-1 (0 left)",
          "Picker got StockReserved[sku=SKU-1, quantity=1, remaining=0]",
          "RestockHandler reordered SKU-1",
          "WarehouseAuditHandler got ShipmentDispatched[shipmentId=31, carrier=DHL, parcels=5]",
          "DispatchNotifier got ShipmentDispatched#32 via DHL (attempt 1)",
          "DispatchNotifier got ShipmentDispatched#33 via UPS (attempt 2)",
          "DispatchNotifier got ShipmentDispatched#34 via PostNL (attempt 1)",
          "WarehouseShop dispatch stats: published=3 processed=3 failed=0 retried=1");

  private static final int SAMPLE_FILES = 32;

  @TempDir static Path classes;

  @BeforeAll
  static void compileTheSample() {
    SampleApp.compile(SampleApp.root(), classes);
  }

  @Test
  void runReturnsTheExpectedDeliveryLog() {
    assertThat(SampleApp.run(classes)).containsExactlyElementsOf(EXPECTED_LOG);
  }

  @Test
  void runIsRepeatableInOneJvm() {
    // The process-wide DomainEventBus is shared by every run: the sample must clean up after
    // itself.
    assertThat(SampleApp.run(classes)).isEqualTo(SampleApp.run(classes));
  }

  @Test
  void scanFindsExactlyTheExpectedFindings() throws IOException {
    MigrationReport report = MigrationHelper.checkCompatibility(SampleApp.root());

    List<String> actual =
        report.findings().stream()
            .map(
                f ->
                    String.join(
                        "\t",
                        f.file(),
                        Integer.toString(f.line()),
                        Integer.toString(f.column()),
                        f.api().id(),
                        f.kind().id(),
                        f.symbol()))
            .sorted()
            .collect(Collectors.toList());
    List<String> expected = expectedFindings().stream().sorted().collect(Collectors.toList());

    assertThat(actual).as(() -> difference(expected, actual)).isEqualTo(expected);
  }

  @Test
  void scanParsesEveryFile() {
    MigrationReport report = MigrationHelper.checkCompatibility(SampleApp.root());

    assertThat(report.parseErrors()).isEmpty();
    assertThat(report.filesScanned())
        .isEqualTo(SampleApp.sourceFiles(SampleApp.root()).size())
        .isEqualTo(SAMPLE_FILES);
  }

  @Test
  void sampleKeepsTheLayoutTrapsTheScannerMustCope() throws IOException {
    Path shop = SampleApp.root().resolve("com/acme/shop");
    String crlf = read(shop.resolve("billing/BillingListener.java"));
    String tabs = read(shop.resolve("shipping/ShippingListener.java"));
    String accents = read(shop.resolve("orders/OrderService.java"));

    assertThat(crlf).contains("\r\n").doesNotContainPattern("[^\r]\n");
    assertThat(tabs).contains("\n\t@Subscribe\n").doesNotContain("\n  ");
    assertThat(accents)
        .contains("/* the café's bus */")
        .contains("\"com.google.common.eventbus.EventBus\"");
  }

  private static List<String> expectedFindings() throws IOException {
    List<String> lines = Files.readAllLines(SampleApp.expectedFindings(), StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("file\tline\tcolumn\tapi\tkind\tsymbol");
    List<String> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        assertThat(line.split("\t", -1)).as(line).hasSize(6);
        rows.add(line);
      }
    }
    return rows;
  }

  private static String difference(List<String> expected, List<String> actual) {
    List<String> missing = new ArrayList<>(expected);
    missing.removeAll(actual);
    List<String> unexpected = new ArrayList<>(actual);
    unexpected.removeAll(expected);
    String nl = System.lineSeparator();
    return "findings differ from sample-app-expected-findings.tsv"
        + nl
        + "expected but not reported ("
        + missing.size()
        + "):"
        + nl
        + "  "
        + String.join(nl + "  ", missing)
        + nl
        + "reported but not expected ("
        + unexpected.size()
        + "):"
        + nl
        + "  "
        + String.join(nl + "  ", unexpected)
        + nl;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
