package com.acme.shop.billing;

/** The checkout asks billing to take a payment. */
public record PaymentRequested(int orderId, long cents) {}
