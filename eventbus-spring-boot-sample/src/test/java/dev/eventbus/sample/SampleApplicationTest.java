package dev.eventbus.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventbus.api.EventBusState;
import dev.eventbus.api.UnifiedEventBus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

/**
 * The sample application on a real port, driven over HTTP as an operator would: a component's
 * {@code @Subscribe} method receives what a controller publishes, the health shows {@code eventBus}
 * UP with its details, the {@code eventbus} endpoint shows counters and dead letters and replays
 * them, and Micrometer shows the bus's meters. The tests share one application and run in order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort private int port;
  @Autowired private UnifiedEventBus bus;

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
    JsonNode subscription = counters.get("subscriptions").get(0);
    assertThat(subscription.get("delivered").asLong()).isEqualTo(1);
    assertThat(subscription.get("deadLettered").asLong()).isEqualTo(1);
    JsonNode letter = counters.get("deadLetters").get(0);
    assertThat(letter.get("event").asText()).isEqualTo("OrderPlaced[orderId=hold-2]");
    assertThat(letter.get("cause").asText()).contains("warehouse busy for hold-2");

    JsonNode replay = send("POST", "/actuator/eventbus");
    assertThat(replay.get("redelivered").asInt()).isEqualTo(1);
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

  private JsonNode send(String method, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("Accept", "application/json")
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
