// Project-managed local Neo4j: an embedded Neo4j Community database with the Bolt connector on
// 127.0.0.1:<port>, its data under <dataDir>. Run in source-file mode by server/db/localNeo4j.ts:
//   java -cp '<lib>/*' LocalNeo4j.java <dataDir> <port> <pageCache>
// It prints "READY <port> <version>" once Bolt is listening, and stops the database cleanly when its
// standard input closes: the parent (Node) holds the other end, so the database stops when the server
// exits for any reason, SIGKILL included. Bolt listens on loopback only and still requires the password
// given in the NEO4J_LOCAL_PASSWORD environment variable (kept out of the command line, which any local
// user can read): other local processes and web pages cannot reach the data without it.
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.Version;

public class LocalNeo4j {
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: LocalNeo4j <dataDir> <port> <pageCache>");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = Integer.parseInt(args[1]);
    String pageCache = args[2];
    String password = System.getenv("NEO4J_LOCAL_PASSWORD");
    if (password == null || password.length() < 16) {
      System.err.println("NEO4J_LOCAL_PASSWORD must hold a password of at least 16 characters");
      System.exit(2);
    }

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
        .setConfig(HttpConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.auth_enabled, true)
        .setConfig(GraphDatabaseSettings.pagecache_memory, parseBytes(pageCache))
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(30))
        // An import is one transaction, so that it is all or nothing; 1M supplies need more transaction
        // state than the default cap (70% of the heap). The heap itself remains the bound.
        .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, 0L)
        .setConfig(GraphDatabaseSettings.memory_transaction_database_max_size, 0L)
        .build();

    Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));
    dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME); // fails fast if the store is unusable
    setPassword(dbms, password);
    System.out.println("READY " + port + " " + Version.getNeo4jVersion());
    System.out.flush();

    InputStream in = System.in;
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // Input is ignored; end of stream means the parent is gone.
    }
    System.exit(0); // runs the shutdown hook
  }

  /** Sets the neo4j user's password (idempotent: the same password again is not an error). */
  private static void setPassword(DatabaseManagementService dbms, String password) {
    try {
      dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
          .executeTransactionally("ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password));
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      if (!message.contains("cannot be the same")) throw e;
    }
  }

  private static long parseBytes(String size) {
    String s = size.trim().toLowerCase();
    long unit = 1;
    if (s.endsWith("g")) unit = 1L << 30;
    else if (s.endsWith("m")) unit = 1L << 20;
    else if (s.endsWith("k")) unit = 1L << 10;
    if (unit != 1) s = s.substring(0, s.length() - 1);
    return Long.parseLong(s) * unit;
  }
}
