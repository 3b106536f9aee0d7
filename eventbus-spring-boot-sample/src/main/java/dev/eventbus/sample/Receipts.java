package dev.eventbus.sample;

import dev.eventbus.api.ProcessingMode;
import dev.eventbus.api.Subscribe;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * Acts on paid orders only once the payment has committed: it mails a receipt right after the
 * commit (a SYNC subscription that asks for it) and archives the payment on the bus's own threads
 * (an ASYNC subscription, which always waits for the commit). Neither ever sees a payment that
 * rolled back.
 */
@Component
public class Receipts {

  private final List<String> mailed = new CopyOnWriteArrayList<>();
  private final List<String> archived = new CopyOnWriteArrayList<>();

  /** No receipts yet. */
  public Receipts() {}

  /**
   * Mails the receipt of a paid order, on the publishing thread once its transaction committed.
   *
   * @param event the payment
   */
  @Subscribe(mode = ProcessingMode.SYNC, afterCommit = true)
  public void mail(OrderPaid event) {
    mailed.add(event.orderId());
  }

  /**
   * Archives a paid order, on the bus's threads after the commit.
   *
   * @param event the payment
   */
  @Subscribe(mode = ProcessingMode.ASYNC)
  public void archive(OrderPaid event) {
    archived.add(event.orderId());
  }

  /**
   * The receipts mailed so far.
   *
   * @return their order ids, in order
   */
  public List<String> mailed() {
    return List.copyOf(mailed);
  }

  /**
   * The payments archived so far.
   *
   * @return their order ids, in order
   */
  public List<String> archived() {
    return List.copyOf(archived);
  }
}
