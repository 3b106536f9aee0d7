package dev.eventbus.migration;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How one file takes part in delivering events to Guava-style subscribers: the subscriber classes
 * it declares, the {@code register(...)} calls it makes, and the supertypes of the types it
 * declares. The native step moves a subscriber only when every bus that may register it becomes
 * native; this is what it is proved from.
 *
 * @param subscribers the classes (named, or anonymous) with a legacy {@code @Subscribe} method
 * @param registrations every one-argument {@code register(...)} call, whatever its receiver
 * @param supertypes the simple names of the direct supertypes of each type the file declares, by
 *     the type's simple name
 * @param exposedBuses the fields and methods that other files see with a legacy bus type, which the
 *     native step changes: {@code field NAME}, {@code method NAME}
 * @param foreignCalls the calls on fields and methods the file does not declare
 */
record Wiring(
    List<Subscriber> subscribers,
    List<Registration> registrations,
    Map<String, Set<String>> supertypes,
    Set<String> exposedBuses,
    List<ForeignCall> foreignCalls) {

  static final Wiring NONE = new Wiring(List.of(), List.of(), Map.of(), Set.of(), List.of());

  /**
   * A call of a method other than {@code register} on a field or method this file does not declare
   * (inherited, say): {@code bus.post(e)}, {@code getEventBus().unregister(x)}. If the member is a
   * legacy bus that another file's native step makes a {@code UnifiedEventBus}, the call would no
   * longer compile.
   *
   * @param file the file that makes it
   * @param line 1-based
   * @param column 1-based
   * @param member {@code field NAME} or {@code method NAME}, as in {@link Wiring#exposedBuses}
   * @param call the call as written, for a person
   */
  record ForeignCall(String file, int line, int column, String member, String call) {}

  /**
   * A class whose methods carry a legacy {@code @Subscribe}.
   *
   * @param name its simple name, or {@code the anonymous class at FILE:LINE:COLUMN}
   * @param line where it is declared, 1-based
   * @param column where it is declared, 1-based
   */
  record Subscriber(String name, int line, int column) {}

  /** What a {@code register} call's receiver will be after the native step. */
  enum Receiver {
    /** A {@code UnifiedEventBus} already. */
    NATIVE,
    /**
     * A Guava (or compat) {@code EventBus}: native if and only if its file takes the native step.
     */
    REWRITTEN,
    /** Anything else: a bus this tool cannot prove native. */
    OTHER
  }

  /**
   * A call {@code receiver.register(argument)}.
   *
   * @param file the file that makes it, relative to the root
   * @param line 1-based
   * @param column 1-based
   * @param receiver what the receiver is, for a person: the expression and, for {@link
   *     Receiver#OTHER}, why it is not known to become native
   * @param kind what the receiver will be after the native step
   * @param argumentType the simple name of the registered object's type, or {@code null} when it is
   *     not known (a method's result, an {@code Object}, a type variable, …)
   * @param exact whether the object is of exactly that type ({@code new X(...)}), not of a subtype
   * @param receiverType for {@link Receiver#OTHER}, the simple name of the receiver's declared type
   *     when the file declares the receiver with a type that is not a bus of this library or
   *     Guava's (a library's bus, if no file of the tree declares it); otherwise {@code null}
   */
  record Registration(
      String file,
      int line,
      int column,
      String receiver,
      Receiver kind,
      @Nullable String argumentType,
      boolean exact,
      @Nullable String receiverType) {

    String where() {
      return file + ":" + line;
    }
  }
}
