package dev.eventbus.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventbus.api.EventBusState;
import dev.eventbus.api.UnifiedEventBus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application on a real port, driven over HTTP as an operator would: a component's
 * {@code @Subscribe} method receives what a controller publishes, the health shows {@code eventBus}
 * UP with its details, the {@code eventbus} endpoint shows counters and dead letters and replays
 * them, Micrometer shows the bus's meters, and a payment's event commits or rolls back with its row
 * (the outbox in the application's own SQLite database, in a Spring-managed transaction). The tests
 * share one application and run in order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort private int port;
  @Autowired private UnifiedEventBus bus;
  @Autowired private JdbcTemplate jdbc;

  /** A database of the test's own, so that no run sees an earlier one's rows or events. */
  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws IOException {
    Path directory = Files.createTempDirectory("eventbus-sample");
    directory.toFile().deleteOnExit();
    registry.add("spring.datasource.url", () -> "jdbc:sqlite:" + directory.resolve("sample.db"));
  }

  @Test
  @Order(1)
  void aComponentsSubscribeMethodReceivesWhatAControllerPublishes() throws Exception {
    JsonNode placed = send("POST", "/orders/o-1");
    assertThat(placed.get("delivered").asInt()).isEqualTo(1);
    assertThat(placed.get("failed").asInt()).isZero();
    assertThat(send("GET", "/orders/shipped").toString()).isEqualTo("[\"o-1\"]");
  }

  @Test
  @Order(2)
  void healthShowsTheBusUpWithQueueDepthsAndDeadLetters() throws Exception {
    JsonNode health = send("GET", "/actuator/health");
    assertThat(health.get("status").asText()).isEqualTo("UP");
    JsonNode eventBus = health.get("components").get("eventBus");
    assertThat(eventBus.get("status").asText()).isEqualTo("UP");
    assertThat(eventBus.get("details").get("state").asText()).isEqualTo("RUNNING");
    assertThat(eventBus.get("details").get("queueDepth").asLong()).isZero();
    assertThat(eventBus.get("details").has("queueDepths")).isTrue();
    assertThat(eventBus.get("details").get("deadLetters").asInt()).isZero();
  }

  @Test
  @Order(3)
  void theEndpointShowsCountersAndDeadLettersAndAWriteReplaysThem() throws Exception {
    JsonNode failed = send("POST", "/orders/hold-2");
    assertThat(failed.get("failed").asInt()).isEqualTo(1);
    assertThat(
            send("GET", "/actuator/health").at("/components/eventBus/details/deadLetters").asInt())
        .isEqualTo(1);

    JsonNode counters = send("GET", "/actuator/eventbus");
    assertThat(counters.at("/total/published").asLong()).isEqualTo(2);
    assertThat(counters.at("/total/deadLettered").asLong()).isEqualTo(1);
    JsonNode type = counters.get("types").get(0);
    assertThat(type.get("type").asText()).isEqualTo(OrderPlaced.class.getName());
    assertThat(type.get("delivered").asLong()).isEqualTo(1);
    assertThat(type.get("failed").asLong()).isEqualTo(1);
    JsonNode subscription = subscriptionNamed(counters, "Shipping#on(OrderPlaced)");
    assertThat(subscription.get("delivered").asLong()).isEqualTo(1);
    assertThat(subscription.get("deadLettered").asLong()).isEqualTo(1);
    JsonNode letter = counters.get("deadLetters").get(0);
    assertThat(letter.get("event").asText()).isEqualTo("OrderPlaced[orderId=hold-2]");
    assertThat(letter.get("cause").asText()).contains("warehouse busy for hold-2");

    JsonNode replay = send("POST", "/actuator/eventbus");
    assertThat(replay.get("redelivered").asInt()).as(replay.toString()).isEqualTo(1);
    assertThat(replay.get("failedAgain").asInt()).isZero();
    assertThat(send("GET", "/orders/shipped").toString()).isEqualTo("[\"o-1\",\"hold-2\"]");
    assertThat(send("GET", "/actuator/eventbus").get("deadLetters").size()).isZero();
  }

  @Test
  @Order(4)
  void micrometerShowsTheBusMeters() throws Exception {
    JsonNode names = send("GET", "/actuator/metrics").get("names");
    assertThat(names.toString()).contains("\"eventbus.subscriptions\"");
    JsonNode subscriptions = send("GET", "/actuator/metrics/eventbus.subscriptions");
    assertThat(subscriptions.at("/measurements/0/statistic").asText()).isEqualTo("VALUE");
    JsonNode handler = send("GET", "/actuator/metrics/eventbus.handler");
    assertThat(handler.get("description").asText()).isNotBlank();
    assertThat(handler.get("baseUnit").asText()).isEqualTo("seconds");
    assertThat(handler.get("availableTags").toString()).contains("\"subscription\"", "\"mode\"");
    // The counters read the bus when asked: what the earlier tests published shows at once.
    JsonNode published = send("GET", "/actuator/metrics/eventbus.type.published");
    assertThat(published.get("description").asText()).isNotBlank();
    assertThat(published.at("/measurements/0/value").asDouble()).isEqualTo(2);
  }

  @Test
  @Order(5)
  void theBusStartIsLoggedOnceThroughSpringBootsLogging(CapturedOutput output) {
    // System.Logger -> java.util.logging -> jul-to-slf4j (installed by Spring Boot) -> Logback.
    assertThat(output.getAll().lines().filter(line -> line.contains("event bus started:")))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("INFO").contains("EventBusCore"));
  }

  @Test
  @Order(6)
  void theBusRunsWithTheApplicationsProperties() {
    assertThat(bus.state()).isEqualTo(EventBusState.RUNNING);
    assertThat(bus.config().shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(bus.config().async().queueSize()).isEqualTo(1000);
  }

  @Test
  @Order(7)
  void aPaymentAndItsEventCommitTogetherAndOnlyThenReachTheSubscribers() throws Exception {
    assertThat(send("POST", "/orders/o-7/payment").get("paid").asText()).isEqualTo("o-7");

    JsonNode payments = send("GET", "/payments");
    assertThat(payments.get("paid").toString()).isEqualTo("[\"o-7\"]");
    // The after-commit SYNC subscriber ran on the request's thread, after the commit and before
    // the response; the ASYNC one runs on the bus's threads, after the commit too.
    assertThat(payments.get("mailed").toString()).isEqualTo("[\"o-7\"]");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> send("GET", "/payments").get("archived").toString().equals("[\"o-7\"]"));
    // The event sits in the application's database, next to the payment.
    assertThat(storedPayments()).containsExactly("o-7");
  }

  @Test
  @Order(8)
  void aDeclinedPaymentRollsBackItsRowAndItsEventAndNoSubscriberSeesIt() throws Exception {
    HttpResponse<String> declined = exchange("POST", "/orders/declined-8/payment");
    assertThat(declined.statusCode()).as(declined.body()).isEqualTo(402);

    // A payment after the declined one; once it is archived and the bus has no delivery pending,
    // nothing else is on its way to the subscribers.
    send("POST", "/orders/o-9/payment");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                send("GET", "/payments").get("archived").size() == 2 && bus.stats().pending() == 0);
    JsonNode payments = send("GET", "/payments");
    assertThat(payments.get("paid").toString()).isEqualTo("[\"o-7\",\"o-9\"]");
    assertThat(payments.get("mailed").toString()).isEqualTo("[\"o-7\",\"o-9\"]");
    assertThat(payments.get("archived").toString()).isEqualTo("[\"o-7\",\"o-9\"]");
    assertThat(storedPayments()).containsExactly("o-7", "o-9");
  }

  /** The order ids of the {@code order.paid} events in the event store, in the order stored. */
  private List<String> storedPayments() {
    return jdbc
        .queryForList(
            "SELECT data FROM eventbus_events WHERE event_type = 'order.paid' ORDER BY position",
            String.class)
        .stream()
        .map(data -> readTree(data).get("orderId").asText())
        .toList();
  }

  private static JsonNode subscriptionNamed(JsonNode counters, String name) {
    for (JsonNode subscription : counters.get("subscriptions")) {
      if (subscription.get("name").asText().equals(name)) {
        return subscription;
      }
    }
    throw new AssertionError("no subscription named " + name + " in " + counters);
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode send(String method, String path) throws IOException, InterruptedException {
    HttpResponse<String> response = exchange(method, path);
    assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> exchange(String method, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
