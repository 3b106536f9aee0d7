package com.acme.shop.orders;

/** An order was cancelled before it shipped. */
public record OrderCancelled(int orderId, String reason) {}
