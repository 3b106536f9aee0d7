package dev.eventbus.core.internal.metrics;

import dev.eventbus.api.MetricsListener;
import dev.eventbus.api.MetricsListener.LatencyRecorder;
import dev.eventbus.core.internal.subscriber.RegisteredSubscriber;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The bus's {@link MetricsListener}s and what they are told: subscriptions made and removed, type
 * names counted. Everything happens under this object's lock, and each listener's subscribers are
 * remembered, so a listener added while a subscription is being made is told of it once. Nothing
 * here is on the path of a publish: the recorders the listeners return are combined into one and
 * held by each subscriber's {@link dev.eventbus.core.internal.subscriber.SubscriberMetrics}.
 */
public final class MetricsListeners {

  private static final System.Logger LOG = System.getLogger(MetricsListeners.class.getName());

  private final Map<MetricsListener, Map<RegisteredSubscriber, LatencyRecorder>> listeners =
      new LinkedHashMap<>();
  private final Map<MetricsListener, Set<String>> typesTold = new IdentityHashMap<>();

  /**
   * Adds {@code listener} (once) and tells it of {@code types} and {@code subscribers}, which the
   * caller reads while it holds this object's lock.
   */
  public synchronized void add(
      MetricsListener listener,
      Collection<RegisteredSubscriber> subscribers,
      Collection<String> types) {
    Objects.requireNonNull(listener, "listener");
    if (listeners.containsKey(listener)) {
      return;
    }
    listeners.put(listener, new IdentityHashMap<>());
    typesTold.put(listener, new HashSet<>());
    for (String type : types) {
      typeCounted(listener, type);
    }
    for (RegisteredSubscriber subscriber : subscribers) {
      subscribed(listener, subscriber);
    }
  }

  /** Removes {@code listener} and takes its recorders off the subscribers it was told of. */
  public synchronized void remove(MetricsListener listener) {
    Map<RegisteredSubscriber, LatencyRecorder> told = listeners.remove(listener);
    typesTold.remove(listener);
    if (told != null) {
      for (RegisteredSubscriber subscriber : told.keySet()) {
        combine(subscriber);
      }
    }
  }

  /** Tells every listener of a new subscriber. */
  public synchronized void subscribed(RegisteredSubscriber subscriber) {
    for (MetricsListener listener : listeners.keySet()) {
      subscribed(listener, subscriber);
    }
  }

  /** Tells every listener that was told of {@code subscriber} that it is gone. */
  public synchronized void unsubscribed(RegisteredSubscriber subscriber) {
    for (Map.Entry<MetricsListener, Map<RegisteredSubscriber, LatencyRecorder>> entry :
        listeners.entrySet()) {
      if (entry.getValue().remove(subscriber) != null) {
        try {
          entry.getKey().unsubscribed(subscriber);
        } catch (RuntimeException failure) {
          LOG.log(Level.ERROR, "metrics listener threw on unsubscribed " + subscriber, failure);
        }
      }
    }
    combine(subscriber);
  }

  /** Tells every listener a type name is counted from now on. */
  public synchronized void typeCounted(String type) {
    for (MetricsListener listener : listeners.keySet()) {
      typeCounted(listener, type);
    }
  }

  // Under the lock.
  private void subscribed(MetricsListener listener, RegisteredSubscriber subscriber) {
    Map<RegisteredSubscriber, LatencyRecorder> told = listeners.get(listener);
    if (!subscriber.isActive() || told.containsKey(subscriber)) {
      return;
    }
    LatencyRecorder recorder;
    try {
      recorder = Objects.requireNonNull(listener.subscribed(subscriber), "recorder");
    } catch (RuntimeException failure) {
      LOG.log(Level.ERROR, "metrics listener threw on subscribed " + subscriber, failure);
      recorder = LatencyRecorder.NONE;
    }
    told.put(subscriber, recorder);
    combine(subscriber);
  }

  /** Gives {@code subscriber} the one recorder that feeds every listener's. Under the lock. */
  private void combine(RegisteredSubscriber subscriber) {
    List<LatencyRecorder> recorders = new ArrayList<>(1);
    for (Map<RegisteredSubscriber, LatencyRecorder> told : listeners.values()) {
      LatencyRecorder recorder = told.get(subscriber);
      if (recorder != null && recorder != LatencyRecorder.NONE) {
        recorders.add(recorder);
      }
    }
    LatencyRecorder combined;
    if (recorders.isEmpty()) {
      combined = LatencyRecorder.NONE;
    } else if (recorders.size() == 1) {
      combined = recorders.get(0);
    } else {
      LatencyRecorder[] all = recorders.toArray(LatencyRecorder[]::new);
      combined =
          nanos -> {
            for (LatencyRecorder recorder : all) {
              recorder.record(nanos);
            }
          };
    }
    subscriber.metrics().recorder(combined);
  }

  // Under the lock; once per listener and type, even when add() and a first publish race.
  private void typeCounted(MetricsListener listener, String type) {
    if (!typesTold.get(listener).add(type)) {
      return;
    }
    try {
      listener.typeCounted(type);
    } catch (RuntimeException failure) {
      LOG.log(Level.ERROR, "metrics listener threw on type " + type, failure);
    }
  }
}
