@NullMarked
package dev.eventbus.migration.cli;

import org.jspecify.annotations.NullMarked;
