package dev.eventbus.kafka;

/** A test event whose topic comes from its annotation; no partition key. */
@KafkaTopic("payments")
public record PaymentTaken(String paymentId, long cents) {}
