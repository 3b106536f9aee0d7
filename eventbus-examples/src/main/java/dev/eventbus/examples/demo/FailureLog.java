package dev.eventbus.examples.demo;

import dev.eventbus.api.EventExceptionHandler;
import dev.eventbus.api.HandlerFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** The bus's exception handler: keeps each final handler failure and prints one line for it. */
public final class FailureLog implements EventExceptionHandler {

  private final Consumer<String> out;
  private final List<HandlerFailure> failures = new ArrayList<>();

  public FailureLog(Consumer<String> out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  @Override
  public void onFailure(HandlerFailure failure) {
    synchronized (this) {
      failures.add(failure);
    }
    String subject =
        failure.event() instanceof OrderEvent event
            ? failure.eventType() + " " + event.orderId()
            : failure.eventType();
    out.accept(
        "  ! "
            + failure.handlerName()
            + " failed on "
            + subject
            + " after "
            + failure.attempts()
            + " attempt(s): "
            + failure.cause().getClass().getSimpleName()
            + ": "
            + failure.cause().getMessage());
  }

  /** The failures reported so far, in order. */
  public synchronized List<HandlerFailure> failures() {
    return List.copyOf(failures);
  }
}
