package dev.eventbus.sample;

/**
 * An order was placed.
 *
 * @param orderId the order
 */
public record OrderPlaced(String orderId) {}
