package com.acme.shop.orders;

/**
 * A customer placed an order. Posted on the shop's EventBus by {@link OrderService}; listeners
 * must treat it as immutable.
 */
public record OrderPlaced(int orderId, String customer, long totalCents) {}
