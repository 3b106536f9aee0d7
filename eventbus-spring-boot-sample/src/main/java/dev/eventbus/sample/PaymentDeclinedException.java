package dev.eventbus.sample;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A payment the bank declined: thrown inside the payment's transaction, it rolls it back. */
@ResponseStatus(HttpStatus.PAYMENT_REQUIRED)
public class PaymentDeclinedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * A declined payment.
   *
   * @param orderId the order whose payment was declined
   */
  public PaymentDeclinedException(String orderId) {
    super("payment declined for " + orderId);
  }
}
