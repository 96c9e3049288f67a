package plankg.neo4jserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Neo4j Community in this JVM with only the Bolt connector, on 127.0.0.1, authentication on.
 *
 * <p>Usage: {@code Main HOME PORT} with the password for user {@code neo4j} in the environment
 * variable {@code NEO4J_SERVER_PASSWORD} (never on the command line, where {@code ps} shows it).
 * Prints {@code ready bolt://127.0.0.1:PORT} once Bolt accepts connections and runs until killed;
 * a shutdown hook stops the database cleanly on SIGTERM.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: Main HOME PORT");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    String password = System.getenv("NEO4J_SERVER_PASSWORD");
    if (password == null || password.length() < 8) {
      System.err.println("NEO4J_SERVER_PASSWORD must be set (at least 8 characters)");
      System.exit(2);
    }
    Files.createDirectories(home);
    long pageCacheMb = Long.parseLong(System.getenv().getOrDefault("NEO4J_SERVER_PAGECACHE_MB", "256"));

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
            .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
            .build();
    Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

    // A fresh DBMS has user neo4j with password "neo4j" that must be changed before use; set the
    // requested one through the system database (embedded calls bypass authentication).
    dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
        .executeTransactionally(
            "ALTER USER neo4j SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
            Map.of("password", password));

    System.out.println("ready bolt://127.0.0.1:" + port);
    System.out.flush();
    Thread.currentThread().join();
  }
}
