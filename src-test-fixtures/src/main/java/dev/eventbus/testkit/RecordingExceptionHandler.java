package dev.eventbus.testkit;

import dev.eventbus.api.EventExceptionHandler;
import dev.eventbus.api.HandlerFailure;
import java.util.ArrayList;
import java.util.List;

/** An exception handler that keeps every failure it is told of. Thread-safe. */
public final class RecordingExceptionHandler implements EventExceptionHandler {

  /** A new, empty instance. */
  public RecordingExceptionHandler() {}

  private final List<HandlerFailure> failures = new ArrayList<>();

  @Override
  public synchronized void onFailure(HandlerFailure failure) {
    failures.add(failure);
  }

  /** {@return every failure so far, in the order reported} */
  public synchronized List<HandlerFailure> failures() {
    return List.copyOf(failures);
  }
}
