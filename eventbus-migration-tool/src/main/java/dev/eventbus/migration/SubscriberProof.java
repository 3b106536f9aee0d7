package dev.eventbus.migration;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proves, for the native step, that a subscriber class still receives every event: it may take the
 * native {@code @Subscribe} only when every {@code register(...)} call in the tree that may
 * register it is made on a bus that is native after the step (a {@code UnifiedEventBus} already, or
 * a Guava {@code EventBus} in a file that takes the native step). A call on a receiver of unknown
 * type (a method's result, an inherited field, a library's bus type) may be a Guava bus, which
 * would not see the native annotation; so may a subscriber nothing is seen to register. The other
 * way round, a file that would make a bus native must not register on it a subscriber that stays on
 * the compat step.
 *
 * <p>Whether a registered object may be a subscriber is read from the types' names: the object's
 * type, or (unless it was made with {@code new}) any of its subtypes, is the subscriber or extends
 * it. An object of unknown type may be any subscriber.
 */
final class SubscriberProof {

  private final List<Wiring.Registration> registrations = new ArrayList<>();
  private final List<Wiring.ForeignCall> foreignCalls = new ArrayList<>();
  private final Map<String, FilePlan> planByFile = new HashMap<>();
  private final Map<String, Set<String>> supertypes = new HashMap<>();
  private final Map<String, Set<String>> ancestors = new HashMap<>();

  SubscriberProof(List<FilePlan> plans, List<Wiring> wirings) {
    for (FilePlan plan : plans) {
      planByFile.put(plan.file(), plan);
    }
    for (Wiring wiring : wirings) {
      registrations.addAll(wiring.registrations());
      foreignCalls.addAll(wiring.foreignCalls());
      wiring
          .supertypes()
          .forEach(
              (type, supers) ->
                  supertypes.computeIfAbsent(type, k -> new HashSet<>()).addAll(supers));
    }
  }

  /**
   * Why {@code plan} must stay on the compat step, given the files already {@code blocked}; empty
   * when nothing about its subscribers or registrations keeps it back.
   */
  List<ManualStep> reasonsToStay(FilePlan plan, Set<FilePlan> blocked) {
    List<ManualStep> reasons = new ArrayList<>();
    for (Wiring.Subscriber subscriber : plan.wiring().subscribers()) {
      boolean registered = false;
      for (Wiring.Registration registration : registrations) {
        if (!mayRegister(registration, subscriber.name())) {
          continue;
        }
        registered = true;
        if (!becomesNative(registration, blocked)) {
          reasons.add(
              step(
                  plan,
                  subscriber,
                  "kept on the compat step: "
                      + subscriber.name()
                      + " may be registered at "
                      + registration.where()
                      + " on "
                      + registration.receiver()
                      + (registration.kind() == Wiring.Receiver.REWRITTEN
                          ? " (its file stays on the compat step)"
                          : "")
                      + ", a bus this step does not make native; with the native @Subscribe it"
                      + " would receive nothing from it. Make that bus a UnifiedEventBus first,"
                      + " or move the subscriber by hand"));
        }
      }
      if (!registered) {
        reasons.add(
            step(
                plan,
                subscriber,
                "kept on the compat step: no register(...) call in the tree is seen to register "
                    + subscriber.name()
                    + " (registered by a framework, reflection or a library?), so the bus that"
                    + " delivers to it is not known to become native; move it by hand once it is"));
      }
    }
    for (Wiring.Registration registration : plan.wiring().registrations()) {
      if (registration.kind() != Wiring.Receiver.REWRITTEN || registration.argumentType() == null) {
        continue;
      }
      for (FilePlan other : blocked) {
        for (Wiring.Subscriber subscriber : other.wiring().subscribers()) {
          if (mayRegister(registration, subscriber.name())) {
            reasons.add(
                new ManualStep(
                    plan.file(),
                    registration.line(),
                    registration.column(),
                    subscriber.name(),
                    "kept on the compat step: registers "
                        + subscriber.name()
                        + " ("
                        + other.file()
                        + "), which stays on the compat step, on "
                        + registration.receiver()
                        + ", which this step would make native"));
          }
        }
      }
    }
    for (Wiring.ForeignCall call : foreignCalls) {
      if (plan.wiring().exposedBuses().contains(call.member())) {
        reasons.add(
            new ManualStep(
                plan.file(),
                0,
                0,
                call.member(),
                "kept on the compat step: "
                    + call.file()
                    + ":"
                    + call.line()
                    + " calls `"
                    + call.call()
                    + "` on "
                    + call.member()
                    + ", which may be the legacy bus declared here, from where this tool cannot"
                    + " rewrite the call (an inherited member or another class's method); the"
                    + " native step would make it a UnifiedEventBus, on which that call does not"
                    + " compile. Change the call by hand (post is publish), then run again"));
      }
    }
    return reasons;
  }

  /**
   * Why {@code plan} must be left as it is, by either step: a subscriber it declares may be
   * registered on a bus of a type no file of the tree declares, and which is not a bus of this
   * library or Guava's: a library's bus, which, if it extends Guava's {@code EventBus}, looks for
   * Guava's own {@code @Subscribe}. Empty when there is none.
   */
  List<ManualStep> onLibraryBuses(FilePlan plan) {
    List<ManualStep> reasons = new ArrayList<>();
    for (Wiring.Subscriber subscriber : plan.wiring().subscribers()) {
      for (Wiring.Registration registration : registrations) {
        String busType = registration.receiverType();
        if (busType != null
            && !supertypes.containsKey(busType)
            && mayRegister(registration, subscriber.name())) {
          reasons.add(
              step(
                  plan,
                  subscriber,
                  "left as it is: "
                      + subscriber.name()
                      + " may be registered at "
                      + registration.where()
                      + " on "
                      + registration.receiver()
                      + "; "
                      + busType
                      + " is declared by no file of the tree, so it may be a library's subclass of"
                      + " Guava's EventBus, which looks for Guava's own @Subscribe. Nothing in the"
                      + " file was changed; move it when that bus is replaced"));
        }
      }
    }
    return reasons;
  }

  private boolean becomesNative(Wiring.Registration registration, Set<FilePlan> blocked) {
    switch (registration.kind()) {
      case NATIVE:
        return true;
      case REWRITTEN:
        FilePlan plan = planByFile.get(registration.file());
        return plan != null && !blocked.contains(plan);
      default:
        return false;
    }
  }

  /** Whether the object a call registers may be an instance of {@code subscriber}. */
  boolean mayRegister(Wiring.Registration registration, String subscriber) {
    String type = registration.argumentType();
    if (type == null || type.equals(subscriber)) {
      return true;
    }
    return ancestorsOf(type).contains(subscriber)
        || (!registration.exact() && ancestorsOf(subscriber).contains(type));
  }

  private Set<String> ancestorsOf(String type) {
    return ancestors.computeIfAbsent(
        type,
        t -> {
          Set<String> found = new HashSet<>();
          Deque<String> queue = new ArrayDeque<>(supertypes.getOrDefault(t, Set.of()));
          while (!queue.isEmpty()) {
            String next = queue.poll();
            if (found.add(next)) {
              queue.addAll(supertypes.getOrDefault(next, Set.of()));
            }
          }
          return found;
        });
  }

  private static ManualStep step(FilePlan plan, Wiring.Subscriber subscriber, String reason) {
    return new ManualStep(
        plan.file(), subscriber.line(), subscriber.column(), subscriber.name(), reason);
  }
}
