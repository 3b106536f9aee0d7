package vm.core.event;

/**
 * A legacy domain event. Part of the compat surface (see the {@linkplain vm.core.event package
 * description}); new code implements {@link dev.eventbus.api.DomainEvent} directly.
 *
 * <p>It extends {@link dev.eventbus.api.DomainEvent}, so a legacy event carries its {@link
 * #eventType()} onto the unified bus: native string-typed subscriptions to that type name receive
 * it, and native code may publish it to legacy subscribers.
 *
 * <p>Implementations should be immutable: an event may be read by several handlers on several
 * threads at once.
 *
 * @since 0.1
 */
public interface DomainEvent extends dev.eventbus.api.DomainEvent {

  /**
   * The event's type name, for example {@code "vm.instance.started"}: what {@link
   * DomainEventBus#subscribe(String, EventHandler)} matches. Must not be null, empty or {@code
   * "*"}.
   */
  @Override
  String eventType();

  /**
   * When the event happened, in milliseconds since the epoch; {@code 0} when the event does not
   * record it.
   *
   * <p>An interface's default method has no state, so it cannot remember when the event was
   * created. This default therefore returns {@code 0} ("not recorded") rather than the time of the
   * call, which would change from one call to the next and report when someone asked, not when it
   * happened. Events whose timestamp matters take the time when they are created and override this
   * method to return it.
   *
   * @return milliseconds since the epoch, or {@code 0} if not recorded (the default)
   */
  default long timestampMillis() {
    return 0L;
  }

  /** The schema version of this event's shape; 1 unless the event says otherwise. */
  @Override
  default int version() {
    return 1;
  }
}
