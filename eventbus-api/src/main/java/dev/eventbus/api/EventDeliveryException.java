package dev.eventbus.api;

import java.util.List;

/**
 * Thrown by {@link PublishResult#orThrow()} when handlers failed or deliveries were dropped. The
 * message names every failed handler; the first failure is the cause and the others are suppressed.
 *
 * @since 0.1
 */
public final class EventDeliveryException extends EventBusException {

  private static final long serialVersionUID = 1L;

  private final transient PublishResult result;

  /**
   * Creates the exception from a result that is not a success.
   *
   * @param result the result, whose failures become the cause and the suppressed exceptions
   */
  public EventDeliveryException(PublishResult result) {
    super(message(result), result.failures().isEmpty() ? null : result.failures().get(0).cause());
    this.result = result;
    List<HandlerFailure> failures = result.failures();
    for (int i = 1; i < failures.size(); i++) {
      addSuppressed(failures.get(i).cause());
    }
  }

  /** {@return the result that did not succeed} */
  public PublishResult result() {
    return result;
  }

  private static String message(PublishResult result) {
    StringBuilder message = new StringBuilder();
    if (!result.failures().isEmpty()) {
      message.append(result.failed()).append(" handler(s) failed: ");
      String separator = "";
      for (HandlerFailure failure : result.failures()) {
        message
            .append(separator)
            .append('\'')
            .append(failure.subscriptionName())
            .append("' (")
            .append(failure.subscriptionId())
            .append("): ")
            .append(failure.cause());
        separator = "; ";
      }
    }
    if (result.dropped() > 0) {
      message.append(message.length() == 0 ? "" : "; ");
      message.append(result.dropped()).append(" delivery(ies) dropped by overflow policy");
    }
    return message.toString();
  }
}
