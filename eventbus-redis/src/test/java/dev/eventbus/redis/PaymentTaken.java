package dev.eventbus.redis;

/** A test event whose stream comes from its annotation; no partition key. */
@RedisStream("payments")
public record PaymentTaken(String paymentId, long cents) {}
