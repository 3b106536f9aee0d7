package dev.eventbus.sample;

/**
 * An order was paid: published in the transaction that records the payment.
 *
 * @param orderId the order
 */
public record OrderPaid(String orderId) {}
