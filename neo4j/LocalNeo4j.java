// Project-managed local Neo4j: an embedded Neo4j Community database with the Bolt connector on
// 127.0.0.1:<port>, its data under <dataDir>. Run in source-file mode by server/db/localNeo4j.ts:
//   java -cp '<lib>/*' LocalNeo4j.java <dataDir> <port> <pageCache>
// The offline replace (docs/SCALING.md) adds two modes, each on a store no Bolt client can reach and each
// stopping when its standard input closes like the server mode:
//   import <adminTool args…>      the offline importer (org.neo4j.cli.AdminTool) into a staging home
//   index <home> <pageCache> <statementDir>   creates the schema and waits until every index is online
// and a swap start of the server mode, which takes the place of the live JVM with the least downtime:
//   <newHome> <port> <pageCache> copy <oldHome> <publishFile> <generation> <firms> <supplies>
// opens the new store without Bolt while the old JVM still serves (the slow part of a start) and prints
// WARM; on a line on stdin (the old JVM has stopped) it copies the non-network data from the old store
// (read-only) into the new one, publishes the generation there, prints COPIED; on a second line (the live
// link now names the new store) it reopens the new store with Bolt and prints READY.
// It prints "READY <port> <version>" once Bolt is listening, and stops the database cleanly when its
// standard input closes: the parent (Node) holds the other end, so the database stops when the server
// exits for any reason, SIGKILL included. Bolt listens on loopback only and still requires the password
// given in the NEO4J_LOCAL_PASSWORD environment variable (kept out of the command line, which any local
// user can read): other local processes and web pages cannot reach the data without it.
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.schema.IndexDefinition;
import org.neo4j.kernel.internal.Version;

public class LocalNeo4j {
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("import")) {
      watchParent();
      org.neo4j.cli.AdminTool.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length == 4 && args[0].equals("index")) {
      watchParent();
      index(Path.of(args[1]).toAbsolutePath(), args[2], Path.of(args[3]));
      System.exit(0);
    }
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

    if (args.length == 9 && args[3].equals("copy")) {
      InputStream in = System.in;
      DatabaseManagementService to = embedded(home, pageCache, false);
      to.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
      say("WARM");
      if (!awaitLine(in)) System.exit(3);
      String result = copy(Path.of(args[4]).toAbsolutePath(), to, Files.readString(Path.of(args[5])),
          Long.parseLong(args[6]), Long.parseLong(args[7]), Long.parseLong(args[8]));
      to.shutdown();
      if (result == null) {
        say("SUPERSEDED");
        System.exit(4);
      }
      say(result);
      if (!awaitLine(in)) System.exit(3);
    }

    // Watched from before the start (which takes a minute on a large store), so that a JVM whose server
    // is stopped or killed meanwhile does not live on without it (a starting DBMS also ignores SIGTERM).
    Thread parent = watchParent();
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
    serving = true;
    System.out.println("READY " + port + " " + Version.getNeo4jVersion());
    System.out.flush();
    parent.join();
  }

  /** Set once the DBMS serves: from then on the parent's end stops it cleanly. */
  private static volatile boolean serving = false;

  /**
   * The parent (Node) holds our standard input; its end means the parent stopped or is gone. While the
   * DBMS serves, the JVM exits through the shutdown hook (a clean stop). Otherwise (starting, or an import
   * or index job) nothing was served from it, so it halts at once; Neo4j recovers a store on its next
   * start, as after any crash, and an unfinished staged store is removed as a leftover.
   */
  private static Thread watchParent() {
    Thread watch = new Thread(() -> {
      try {
        byte[] buffer = new byte[256];
        while (System.in.read(buffer) >= 0) {
          // Input is ignored.
        }
      } catch (java.io.IOException e) {
        // treated as the end of the stream
      }
      if (serving) System.exit(0);
      Runtime.getRuntime().halt(3);
    }, "parent-watch");
    watch.setDaemon(true);
    watch.start();
    return watch;
  }

  /** A DBMS on a home without any connector: nobody but this process reaches the store. */
  private static DatabaseManagementService embedded(Path home, String pageCache, boolean readOnly) {
    return new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, false)
        .setConfig(HttpConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.pagecache_memory, parseBytes(pageCache))
        .setConfig(GraphDatabaseSettings.read_only_database_default, readOnly)
        .build();
  }

  /**
   * Creates the schema on a freshly imported store (one statement a file, applied in name order) and
   * waits until every index is online, printing "INDEX <percent>" as population goes.
   */
  private static void index(Path home, String pageCache, Path statements) throws Exception {
    DatabaseManagementService dbms = embedded(home, pageCache, false);
    try {
      GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
      List<Path> files;
      try (Stream<Path> list = Files.list(statements)) {
        files = list.sorted().toList();
      }
      for (Path file : files) db.executeTransactionally(Files.readString(file));
      for (;;) {
        try (Transaction tx = db.beginTx()) {
          float done = 0;
          int count = 0;
          boolean online = true;
          for (IndexDefinition index : tx.schema().getIndexes()) {
            count++;
            switch (tx.schema().getIndexState(index)) {
              case ONLINE -> done += 100;
              case POPULATING -> {
                online = false;
                done += tx.schema().getIndexPopulationProgress(index).getCompletedPercentage();
              }
              case FAILED -> throw new IllegalStateException("index " + index.getName() + " failed: " + tx.schema().getIndexFailure(index));
            }
          }
          System.out.println("INDEX " + (count == 0 ? 100 : Math.round(done / count)));
          System.out.flush();
          if (online) break;
        }
        Thread.sleep(1000);
      }
    } finally {
      dbms.shutdown();
    }
  }

  /**
   * Copies every node that is not a :Firm, and every relationship between two copied nodes, from the old
   * store (opened read-only) into the new one, with all their labels and properties; relationships from
   * a copied node to a :Firm are dropped, as the Cypher replace drops them with the previous generation.
   * Then runs the publish statement (import/publish-generation) on the new store. Returns the COPIED line,
   * or null when the publish matched nothing (another import took the staging mark over): the new store
   * must then not go live.
   */
  private static String copy(Path oldHome, DatabaseManagementService to, String publish, long generation, long firms, long supplies) {
    DatabaseManagementService from = embedded(oldHome, "64m", true);
    try {
      GraphDatabaseService source = from.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
      GraphDatabaseService target = to.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
      Label firm = Label.label("Firm");
      Map<String, String> copied = new HashMap<>();
      long nodes = 0, relationships = 0, dropped = 0;
      try (Transaction read = source.beginTx()) {
        List<Node> batch = new ArrayList<>();
        for (Label label : read.getAllLabelsInUse()) {
          if (label.name().equals("Firm")) continue;
          try (ResourceIterator<Node> found = read.findNodes(label)) {
            while (found.hasNext()) {
              Node node = found.next();
              if (node.hasLabel(firm) || copied.containsKey(node.getElementId())) continue;
              copied.put(node.getElementId(), "");
              batch.add(node);
              if (batch.size() >= COPY_BATCH) nodes += copyNodes(target, batch, copied);
            }
          }
        }
        nodes += copyNodes(target, batch, copied);
        List<Relationship> rels = new ArrayList<>();
        for (String id : copied.keySet()) {
          Node node = read.getNodeByElementId(id);
          for (Relationship r : node.getRelationships(Direction.OUTGOING)) {
            if (!copied.containsKey(r.getEndNode().getElementId())) {
              dropped++;
              continue;
            }
            rels.add(r);
            if (rels.size() >= COPY_BATCH) relationships += copyRelationships(target, rels, copied);
          }
          for (Relationship r : node.getRelationships(Direction.INCOMING)) {
            if (!copied.containsKey(r.getStartNode().getElementId())) dropped++;
          }
        }
        relationships += copyRelationships(target, rels, copied);
      }
      try (Transaction tx = target.beginTx()) {
        Result result = tx.execute(publish, Map.of("generation", (double) generation, "firms", (double) firms, "supplies", (double) supplies));
        if (!result.hasNext()) return null;
        Object version = result.next().get("version");
        tx.commit();
        return "COPIED " + nodes + " " + relationships + " " + dropped + " VERSION " + version;
      }
    } finally {
      from.shutdown();
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  /** Waits for one line on stdin; false at its end (the parent is gone). */
  private static boolean awaitLine(InputStream in) throws java.io.IOException {
    for (;;) {
      int c = in.read();
      if (c < 0) return false;
      if (c == '\n') return true;
    }
  }

  private static final int COPY_BATCH = 10_000;

  private static long copyNodes(GraphDatabaseService target, List<Node> batch, Map<String, String> copied) {
    long n = batch.size();
    try (Transaction tx = target.beginTx()) {
      for (Node node : batch) {
        Node created = tx.createNode();
        for (Label label : node.getLabels()) created.addLabel(label);
        for (Map.Entry<String, Object> p : node.getAllProperties().entrySet()) created.setProperty(p.getKey(), p.getValue());
        copied.put(node.getElementId(), created.getElementId());
      }
      tx.commit();
    }
    batch.clear();
    return n;
  }

  private static long copyRelationships(GraphDatabaseService target, List<Relationship> batch, Map<String, String> copied) {
    long n = batch.size();
    try (Transaction tx = target.beginTx()) {
      for (Relationship r : batch) {
        Node start = tx.getNodeByElementId(copied.get(r.getStartNode().getElementId()));
        Node end = tx.getNodeByElementId(copied.get(r.getEndNode().getElementId()));
        Relationship created = start.createRelationshipTo(end, r.getType());
        for (Map.Entry<String, Object> p : r.getAllProperties().entrySet()) created.setProperty(p.getKey(), p.getValue());
      }
      tx.commit();
    }
    batch.clear();
    return n;
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
