package com.acme.shop.billing;

/** A refund was asked for; refunds are still handled by hand, so nobody subscribes to it yet. */
public record RefundRequested(int orderId) {}
