package dev.eventbus.examples.demo;

import dev.eventbus.api.EventExceptionHandler;
import dev.eventbus.api.HandlerFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * The bus's exception handler: keeps each final handler failure. In queued modes the bus reports
 * from its worker threads, so failures of different orders may arrive in any order. Thread-safe.
 */
public final class FailureLog implements EventExceptionHandler {

  private final List<HandlerFailure> failures = new ArrayList<>();

  @Override
  public synchronized void onFailure(HandlerFailure failure) {
    failures.add(failure);
  }

  /** The failures reported so far, in the order they were reported. */
  public synchronized List<HandlerFailure> failures() {
    return List.copyOf(failures);
  }
}
