package dev.eventbus.transportsupport;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.jspecify.annotations.Nullable;

/**
 * A real Kafka broker in KRaft mode (one node, broker and controller combined) in a child JVM, run
 * from the Maven artifacts on this JVM's path ({@code kafka_2.13}): formatted with {@code
 * kafka.tools.StorageTool}, started with {@code kafka.Kafka}. It can be stopped and started again
 * on the same port and log directory. The child's class path is this JVM's (its class path and
 * module path), which must hold {@code kafka_2.13}: a transport's tests have it in test scope, the
 * benchmarks jar has it shaded in.
 */
public final class KafkaBroker implements AutoCloseable {

  // One per JVM run; a final holder, as the project keeps no mutable static field.
  private static final AtomicReference<@Nullable KafkaBroker> SHARED = new AtomicReference<>();

  private final Path dir;
  private final Path config;
  private final int port;
  private @Nullable Process process;

  private KafkaBroker(Path dir) throws IOException, InterruptedException {
    this.dir = dir;
    this.port = ServerProcesses.freePort();
    int controllerPort = ServerProcesses.freePort();
    Properties properties = new Properties();
    properties.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry("controller.quorum.voters", "1@localhost:" + controllerPort),
            Map.entry(
                "listeners",
                "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort),
            Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("log.dirs", dir.resolve("logs").toString()),
            Map.entry("num.partitions", "3"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "3"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("auto.create.topics.enable", "true")));
    this.config = dir.resolve("server.properties");
    try (var out = Files.newOutputStream(config)) {
      properties.store(out, "eventbus-kafka test broker");
    }
    Process format =
        new ProcessBuilder(
                command(
                    "kafka.tools.StorageTool",
                    "format",
                    "-t",
                    Uuid.randomUuid().toString(),
                    "-c",
                    config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("format.log").toFile())
            .start();
    if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
      throw new IllegalStateException(
          "formatting the Kafka log directory failed: "
              + Files.readString(dir.resolve("format.log")));
    }
  }

  /**
   * A broker for the whole JVM run, stopped when the JVM exits.
   *
   * @return the shared broker, started
   * @throws Exception if it cannot be started
   */
  public static synchronized KafkaBroker shared() throws Exception {
    KafkaBroker broker = SHARED.get();
    if (broker == null) {
      broker = start(Files.createTempDirectory("eventbus-kafka-broker"));
      SHARED.set(broker);
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
    }
    return broker;
  }

  /**
   * A broker of its own on a free port, its log in {@code dir}.
   *
   * @param dir its directory, deleted at {@link #close()}
   * @return the broker, started
   * @throws Exception if it cannot be formatted or started
   */
  public static KafkaBroker start(Path dir) throws Exception {
    KafkaBroker broker = new KafkaBroker(dir);
    broker.startAgain();
    return broker;
  }

  /**
   * Where clients connect.
   *
   * @return {@code localhost:<port>}
   */
  public String bootstrapServers() {
    return "localhost:" + port;
  }

  /**
   * Starts the broker (again), waiting until it answers.
   *
   * @throws Exception if it exits or does not answer within 90 s
   */
  public void startAgain() throws Exception {
    Process process =
        new ProcessBuilder(command("kafka.Kafka", config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
            .start();
    this.process = process;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the Kafka broker exited with "
                + process.exitValue()
                + "; its log: "
                + dir.resolve("broker.log"));
      }
      if (answers()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the Kafka broker did not answer within 90 s; its log: " + dir.resolve("broker.log"));
      }
      Thread.sleep(200); // spaces out the readiness probes until the deadline above
    }
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 200);
    } catch (IOException notYet) {
      return false;
    }
    try (Admin admin = admin()) {
      admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
      return true;
    } catch (Exception notYet) {
      return false;
    }
  }

  /**
   * Stops the broker gracefully (SIGTERM), waiting until its process ended.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void stop() throws InterruptedException {
    ServerProcesses.stop(process, Duration.ofSeconds(60));
  }

  /**
   * A new admin client of the broker, for the caller to close.
   *
   * @return the client
   */
  public Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            10000));
  }

  /**
   * Creates a topic, waiting until it exists.
   *
   * @param name the topic
   * @param partitions how many partitions it has
   * @throws Exception if it cannot be created within 30 s
   */
  public void createTopic(String name, int partitions) throws Exception {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  /** Stops the broker and deletes its directory. */
  @Override
  public void close() {
    ServerProcesses.closeAndDelete(process, Duration.ofSeconds(60), dir);
  }

  private static List<String> command(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(classPath());
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Everything this JVM runs on, as a class path: the tests run on the module path, so {@code
   * java.class.path} alone lacks some of it.
   */
  private static String classPath() {
    List<String> entries = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property, "");
      if (!value.isEmpty()) {
        entries.add(value);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
