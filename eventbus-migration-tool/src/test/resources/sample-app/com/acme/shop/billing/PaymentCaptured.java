package com.acme.shop.billing;

/** The payment provider took the money. */
public record PaymentCaptured(int orderId, long cents) {}
