package com.example.greetings;

import dev.eventbus.api.UnifiedEventBus;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
@RestController
public class GreetingsApplication {

  private final UnifiedEventBus bus;
  private final Guestbook guestbook;

  public GreetingsApplication(UnifiedEventBus bus, Guestbook guestbook) {
    this.bus = bus;
    this.guestbook = guestbook;
  }

  @PostMapping("/greet/{name}")
  public String greet(@PathVariable("name") String name) {
    bus.publish(new Greeted(name));
    return "greeted " + name;
  }

  @GetMapping("/guestbook")
  public List<String> guestbook() {
    return guestbook.names();
  }

  public static void main(String[] args) {
    SpringApplication.run(GreetingsApplication.class, args);
  }
}
