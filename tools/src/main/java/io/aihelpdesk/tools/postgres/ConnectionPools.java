package io.aihelpdesk.tools.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One small HikariCP pool per (target, read-only) pair, created on first use and closed when idle.
 * A pool is created with a single immediate connection attempt, so an unreachable or misconfigured
 * target fails at once with the server's own error instead of after the pool's wait.
 */
public final class ConnectionPools implements AutoCloseable {
    private record Key(ConnectionSpec spec, boolean readOnly) {
    }

    private static final class Entry {
        final HikariDataSource pool;
        volatile long lastUsed = System.nanoTime();

        Entry(HikariDataSource pool) {
            this.pool = pool;
        }
    }

    private final PostgresSettings settings;
    private final Map<Key, Entry> pools = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    public ConnectionPools(PostgresSettings settings) {
        this.settings = settings;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aihelpdesk-pool-sweeper");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, settings.poolIdle().toSeconds() / 2);
        sweeper.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.SECONDS);
    }

    public PostgresSettings settings() {
        return settings;
    }

    /** Borrows a connection; the caller closes it to return it. */
    public Connection borrow(ConnectionSpec spec, boolean readOnly) throws SQLException {
        Key key = new Key(spec, readOnly);
        Entry entry = pools.get(key);
        if (entry == null) {
            entry = create(key);
            Entry raced = pools.putIfAbsent(key, entry);
            if (raced != null) {
                entry.pool.close();
                entry = raced;
            }
        }
        entry.lastUsed = System.nanoTime();
        try {
            return entry.pool.getConnection();
        } catch (SQLException e) {
            // The server may have gone away since the pool was made: drop the pool so the next
            // call reconnects from scratch and reports the current cause promptly.
            if (pools.remove(key, entry)) {
                entry.pool.close();
            }
            throw e;
        }
    }

    private Entry create(Key key) throws SQLException {
        ConnectionSpec spec = key.spec();
        HikariConfig c = new HikariConfig();
        c.setPoolName("aihelpdesk " + spec.address() + "/" + spec.dbname() + (key.readOnly() ? " ro" : " rw"));
        c.setJdbcUrl("jdbc:postgresql://" + spec.address() + "/" + urlEncode(spec.dbname()));
        c.addDataSourceProperty("user", spec.user());
        if (spec.password() != null) {
            c.addDataSourceProperty("password", spec.password());
        }
        long connectSeconds = connectTimeoutMs(spec) / 1000;
        c.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
        c.addDataSourceProperty("loginTimeout", String.valueOf(connectSeconds));
        c.addDataSourceProperty("socketTimeout", String.valueOf(settings.statementTimeout().toSeconds() + 30));
        c.addDataSourceProperty("tcpKeepAlive", "true");
        c.addDataSourceProperty("ApplicationName", "aihelpdesk");
        c.addDataSourceProperty("sslmode", spec.options().getOrDefault("sslmode", "prefer"));
        copy(spec, c, "sslrootcert", "sslrootcert");
        copy(spec, c, "sslcert", "sslcert");
        copy(spec, c, "sslkey", "sslkey");
        copy(spec, c, "options", "options");
        copy(spec, c, "channel_binding", "channelBinding");
        if (spec.option("target_session_attrs") != null) {
            c.addDataSourceProperty("targetServerType", switch (spec.option("target_session_attrs")) {
                case "read-write", "primary" -> "primary";
                case "read-only", "standby" -> "secondary";
                case "prefer-standby" -> "preferSecondary";
                default -> "any";
            });
        }
        if (key.readOnly()) {
            c.setReadOnly(true);
            c.addDataSourceProperty("readOnlyMode", "always");
        }
        c.setMaximumPoolSize(settings.poolSize());
        c.setMinimumIdle(0);
        c.setIdleTimeout(Math.max(10_000, settings.poolIdle().toMillis()));
        c.setConnectionTimeout(connectSeconds * 1000 + 1000);
        c.setInitializationFailTimeout(1);
        try {
            return new Entry(new HikariDataSource(c));
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            throw new SQLException(e.getMessage(), "08001", e.getCause());
        }
    }

    /** The connect timeout in force for a target: its own {@code connect_timeout}, else the setting. */
    public long connectTimeoutMs(ConnectionSpec spec) {
        return parseSeconds(spec.option("connect_timeout"), settings.connectTimeout().toSeconds()) * 1000;
    }

    private static void copy(ConnectionSpec spec, HikariConfig c, String option, String property) {
        if (spec.option(option) != null) {
            c.addDataSourceProperty(property, spec.option(option));
        }
    }

    private static long parseSeconds(String text, long dflt) {
        try {
            return text == null ? dflt : Math.max(1, Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void closeIdle() {
        long limit = settings.poolIdle().toNanos();
        pools.forEach((k, e) -> {
            if (System.nanoTime() - e.lastUsed > limit && e.pool.getHikariPoolMXBean().getActiveConnections() == 0
                    && pools.remove(k, e)) {
                e.pool.close();
            }
        });
    }

    /**
     * How busy each open pool is, for metrics. {@code target} is {@code user@host:port/dbname}
     * (never the password); connections {@code pending} are callers waiting for one.
     */
    public record Usage(String target, boolean readOnly, int active, int idle, int pending, int max) {
    }

    /** The usage of every open pool, read now. */
    public java.util.List<Usage> usage() {
        java.util.List<Usage> all = new java.util.ArrayList<>();
        pools.forEach((k, e) -> {
            var mx = e.pool.getHikariPoolMXBean();
            if (mx != null) {
                all.add(new Usage(k.spec().user() + "@" + k.spec().address() + "/" + k.spec().dbname(), k.readOnly(),
                        mx.getActiveConnections(), mx.getIdleConnections(), mx.getThreadsAwaitingConnection(), e.pool.getMaximumPoolSize()));
            }
        });
        return all;
    }

    /** Number of open pools (one per target and mode in use). */
    public int size() {
        return pools.size();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        pools.values().forEach(e -> e.pool.close());
        pools.clear();
    }
}
