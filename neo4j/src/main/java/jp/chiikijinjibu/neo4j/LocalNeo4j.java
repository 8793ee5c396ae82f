package jp.chiikijinjibu.neo4j;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;

/**
 * The project's local Neo4j: the real Neo4j Community engine, embedded, with the Bolt connector
 * on loopback and authentication on. The Node side (server/db/localNeo4j.ts) chooses the port and
 * the password and reads the "READY" line; this class only runs the engine.
 *
 * <p>Arguments: HOME PORT PLUGINS_DIR. The password comes from the environment variable
 * NEO4J_LOCAL_PASSWORD so that it never shows in a process list.
 *
 * <p>It stops cleanly (checkpoint, files closed) on SIGTERM/SIGINT and when its standard input
 * closes, so that a parent that dies never leaves an orphaned database behind.
 */
public final class LocalNeo4j {
  private LocalNeo4j() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: LocalNeo4j HOME PORT PLUGINS_DIR");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    Path plugins = Path.of(args[2]).toAbsolutePath();
    String password = System.getenv("NEO4J_LOCAL_PASSWORD");
    if (password == null || password.length() < 8) {
      System.err.println("NEO4J_LOCAL_PASSWORD must be set (8+ characters)");
      System.exit(2);
    }
    Files.createDirectories(home);

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
            .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
            .setConfig(GraphDatabaseSettings.logs_directory, home.resolve("logs"))
            .setConfig(GraphDatabaseSettings.pagecache_memory, 512L * 1024 * 1024)
            // Transaction timeouts (GRAPHQL_TX_TIMEOUT, the analytics' limits) are enforced by a
            // monitor that looks every 2 s by default: a 1 s limit could let a query run 3 s.
            .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(100))
            .build();

    AtomicBoolean stopped = new AtomicBoolean(false);
    CountDownLatch done = new CountDownLatch(1);
    Runnable stop =
        () -> {
          if (stopped.compareAndSet(false, true)) {
            System.out.println("STOPPING");
            System.out.flush();
            dbms.shutdown();
            System.out.println("STOPPED");
            System.out.flush();
            done.countDown();
          }
        };
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-shutdown"));

    // Embedded mode starts with the default user neo4j/neo4j; set ours on every start so the
    // password in .data/neo4j.json is always the one in force.
    try {
      dbms.database("system")
          .executeTransactionally(
              "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
              Map.of("password", password));
    } catch (QueryExecutionException e) {
      // Neo4j refuses to "change" a password to the one already set: that is what we want.
      if (e.getMessage() == null || !e.getMessage().contains("cannot be the same")) {
        System.err.println("could not set the neo4j password: " + e.getMessage());
        stop.run();
        System.exit(1);
      }
    }

    System.out.println("READY bolt://127.0.0.1:" + port);
    System.out.flush();

    Thread stdinWatcher =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                while (in.read() != -1) {
                  // ignore input; we only wait for end-of-stream
                }
              } catch (Exception ignored) {
                // a broken pipe means the parent is gone: stop as well
              }
              stop.run();
              System.exit(0);
            },
            "stdin-watcher");
    stdinWatcher.setDaemon(true);
    stdinWatcher.start();
    done.await();
  }
}
