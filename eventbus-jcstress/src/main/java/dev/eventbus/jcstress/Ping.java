package dev.eventbus.jcstress;

/** A plain event: type name is the class name, no partition key, normal priority. */
record Ping(int producer) {}
