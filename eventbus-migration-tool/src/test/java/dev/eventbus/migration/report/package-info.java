@NullMarked
package dev.eventbus.migration.report;

import org.jspecify.annotations.NullMarked;
