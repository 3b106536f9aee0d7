package dev.eventbus.api;

/**
 * Thrown by {@code publish} and {@code publishAsync} of a bus with storage when the event's encoded
 * form is larger than {@link StorageConfig#maxEventSize()}. It is thrown before the event is
 * appended: nothing of it is stored, and no subscriber receives it.
 *
 * @since 0.1
 */
public class EventTooLargeException extends EventBusException {

  private static final long serialVersionUID = 1L;

  /** The type name the codec gave the event. */
  private final String eventType;

  /** The size of the event's encoded form, in bytes. */
  private final long size;

  /** The configured limit, in bytes. */
  private final int limit;

  /**
   * Creates the exception, its message naming the type, the size and the limit.
   *
   * @param eventType the type name the codec gave the event
   * @param size the size of its encoded form in bytes
   * @param limit the configured {@link StorageConfig#maxEventSize()}
   */
  public EventTooLargeException(String eventType, long size, int limit) {
    super(
        "event of type '"
            + eventType
            + "' is "
            + size
            + " bytes encoded (data and headers as JSON), over the limit of "
            + limit
            + " bytes (storage.maxEventSize): not stored, not delivered");
    this.eventType = eventType;
    this.size = size;
    this.limit = limit;
  }

  /** {@return the type name the codec gave the event} */
  public String eventType() {
    return eventType;
  }

  /** {@return the size of the event's encoded form, in bytes} */
  public long size() {
    return size;
  }

  /** {@return the limit it exceeded, {@link StorageConfig#maxEventSize()}, in bytes} */
  public int limit() {
    return limit;
  }
}
