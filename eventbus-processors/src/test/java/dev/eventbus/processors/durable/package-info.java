@NullMarked
package dev.eventbus.processors.durable;

import org.jspecify.annotations.NullMarked;
