package dev.eventbus.redis;

import dev.eventbus.transport.Checks;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Trims streams without dropping an entry any consumer group still needs. For each group of a
 * stream it takes the oldest entry the group still needs: the smallest pending (read, not
 * acknowledged) entry id, or, with nothing pending, its last delivered id (everything after it is
 * undelivered). It then trims with {@code XTRIM <stream> MINID <oldest of these>}, which deletes
 * only entries with smaller ids. All of it runs in one Lua script, so no group reads or
 * acknowledges in between. A stream without groups is not trimmed (nothing says who still needs
 * it).
 */
public final class RedisStreamTrimmer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(RedisStreamTrimmer.class.getName());

  /** Returns {deleted, threshold}; threshold "" when the stream has no groups or no entries. */
  private static final String SCRIPT =
      """
      if redis.call('EXISTS', KEYS[1]) == 0 then return {0, ''} end
      local function parse(id)
        local dash = string.find(id, '-', 1, true)
        return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
      end
      local function less(a, b)
        local am, as = parse(a)
        local bm, bs = parse(b)
        return am < bm or (am == bm and as < bs)
      end
      local oldest = nil
      for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
        local name, last
        for i = 1, #group, 2 do
          if group[i] == 'name' then name = group[i + 1] end
          if group[i] == 'last-delivered-id' then last = group[i + 1] end
        end
        local needed = last
        local pending = redis.call('XPENDING', KEYS[1], name)
        if pending[1] > 0 then needed = pending[2] end
        if oldest == nil or less(needed, oldest) then oldest = needed end
      end
      if oldest == nil or oldest == '0-0' then return {0, ''} end
      return {redis.call('XTRIM', KEYS[1], 'MINID', oldest), oldest}
      """;

  private final List<String> streams;
  private final Redis redis;
  private final LongAdder deleted = new LongAdder();
  private @Nullable ScheduledExecutorService schedule;
  private boolean closed;

  private RedisStreamTrimmer(String redisUri, List<String> streams, Duration commandTimeout) {
    this.streams = List.copyOf(streams);
    this.redis = new Redis(redisUri, commandTimeout);
  }

  /**
   * A trimmer of {@code streams}.
   *
   * @param redisUri the server, as {@code redis://host:port}
   * @param streams the streams' keys
   * @return a trimmer that trims when {@link #trim(String)} or {@link #trimAll()} is called, or on
   *     a schedule once {@link #start(Duration)}ed
   * @throws IllegalArgumentException if the URI or a stream is blank, or no stream is given
   */
  public static RedisStreamTrimmer create(String redisUri, String... streams) {
    Checks.notBlank("redisUri", redisUri);
    if (streams.length == 0) {
      throw new IllegalArgumentException("the Redis stream trimmer has no stream: name one");
    }
    List<String> keys = new ArrayList<>();
    for (String stream : streams) {
      keys.add(Checks.notBlank("stream", stream));
    }
    return new RedisStreamTrimmer(redisUri, keys, Duration.ofSeconds(10));
  }

  /**
   * Trims one stream now.
   *
   * @param stream the stream's key
   * @return the result: entries deleted and the id below which they were
   * @throws RedisException if the server cannot be reached or refuses
   */
  public Result trim(String stream) {
    Objects.requireNonNull(stream, "stream");
    List<Object> reply = redis.connection().sync().eval(SCRIPT, ScriptOutputType.MULTI, stream);
    long count = ((Number) reply.get(0)).longValue();
    String threshold = String.valueOf(reply.get(1));
    deleted.add(count);
    return new Result(stream, count, threshold.isEmpty() ? null : threshold);
  }

  /**
   * Trims every stream now.
   *
   * @return one result per stream, in the order given
   * @throws RedisException if the server cannot be reached or refuses
   */
  public List<Result> trimAll() {
    List<Result> results = new ArrayList<>();
    for (String stream : streams) {
      results.add(trim(stream));
    }
    return results;
  }

  /**
   * Trims every stream every {@code interval} on a thread of its own; a failed round is logged and
   * the next one tries again.
   *
   * @param interval positive
   * @return this
   * @throws IllegalStateException if started already or closed
   * @throws IllegalArgumentException if the interval is not positive
   */
  public synchronized RedisStreamTrimmer start(Duration interval) {
    Checks.positive("interval", interval);
    if (closed || schedule != null) {
      throw new IllegalStateException("the Redis stream trimmer is started already or closed");
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "eventbus-redis-trimmer");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        this::trimLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    schedule = executor;
    return this;
  }

  private void trimLogged() {
    try {
      trimAll();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "trimming " + streams + " failed; tried again", e);
    }
  }

  /**
   * Entries deleted so far.
   *
   * @return the count
   */
  public long deleted() {
    return deleted.sum();
  }

  /** Stops the schedule and closes the connection. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (schedule != null) {
      schedule.shutdownNow();
    }
    redis.close();
  }

  /**
   * One trim's outcome.
   *
   * @param stream the stream
   * @param deleted entries deleted
   * @param keptFrom the id of the oldest entry a group still needs (entries below it were deleted),
   *     or null if the stream was not trimmed (missing, no groups, nothing read)
   */
  public record Result(String stream, long deleted, @Nullable String keptFrom) {}
}
