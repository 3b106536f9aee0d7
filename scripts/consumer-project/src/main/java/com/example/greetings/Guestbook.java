package com.example.greetings;

import dev.eventbus.api.Subscribe;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

@Component
public class Guestbook {

  private final List<String> names = new CopyOnWriteArrayList<>();

  @Subscribe
  public void on(Greeted event) {
    names.add(event.name());
  }

  public List<String> names() {
    return List.copyOf(names);
  }
}
