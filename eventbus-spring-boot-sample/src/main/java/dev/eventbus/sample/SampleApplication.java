package dev.eventbus.sample;

import dev.eventbus.api.spi.EventCodec;
import dev.eventbus.codec.jackson.JacksonEventCodec;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The application: Spring Boot and the starter's auto-configuration. Its events are stored in the
 * application's own database ({@code eventbus.storage.jdbc.enabled=true}), encoded by the codec
 * below.
 */
@SpringBootApplication
public class SampleApplication {

  /** Spring Boot makes it. */
  public SampleApplication() {}

  /**
   * How the bus stores the application's events: JSON, under stable type names.
   *
   * @return the codec
   */
  @Bean
  public EventCodec eventCodec() {
    return JacksonEventCodec.builder()
        .register(OrderPlaced.class, "order.placed", 1)
        .register(OrderPaid.class, "order.paid", 1)
        .build();
  }

  /**
   * Runs it.
   *
   * @param args Spring Boot's arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
