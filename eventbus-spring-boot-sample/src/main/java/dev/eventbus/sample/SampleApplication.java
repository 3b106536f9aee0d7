package dev.eventbus.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application: nothing but Spring Boot and the starter's auto-configuration. */
@SpringBootApplication
public class SampleApplication {

  /**
   * Runs it.
   *
   * @param args Spring Boot's arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
