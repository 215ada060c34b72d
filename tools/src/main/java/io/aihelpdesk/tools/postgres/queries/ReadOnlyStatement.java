package io.aihelpdesk.tools.postgres.queries;

import io.aihelpdesk.tools.postgres.queries.SqlTokenizer.Kind;
import io.aihelpdesk.tools.postgres.queries.SqlTokenizer.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides, on tokens (never on raw text), whether caller-supplied SQL is exactly one statement that
 * only reads: the first layer of {@code run_readonly_query} and {@code explain_query}. It refuses a
 * second statement, any statement kind but SELECT / WITH … SELECT / VALUES / TABLE (and, for
 * {@code run_readonly_query}, SHOW and EXPLAIN without ANALYZE), data-modifying keywords anywhere
 * (writes in CTEs), SELECT … INTO, row-locking clauses, bind parameters, and calls of functions with
 * side effects or file/network access — also when schema-qualified, double-quoted or written with
 * U&amp;"…" escapes. The read-only transaction, the timeouts and the caps are the next layers: this one
 * errs on the side of refusing (a column named like a keyword must be double-quoted).
 */
final class ReadOnlyStatement {
    /** Statement kinds that may be explained or read through a cursor. */
    static final Set<String> SELECT_LIKE = Set.of("select", "with", "values", "table");
    /** The longest statement accepted, in characters. */
    static final int MAX_LENGTH = 100_000;
    /** Keywords that write inside a SELECT-like statement (data-modifying CTEs); other statements are refused by kind. */
    private static final Set<String> MODIFYING = Set.of("insert", "update", "delete", "merge", "truncate", "copy");
    private static final Set<String> LOCK_STRENGTH = Set.of("update", "share", "no", "key");
    /** Functions with side effects, or file, network or session access; a trailing '*' is a prefix. */
    private static final List<String> DENIED_FUNCTIONS = List.of("pg_read_file", "pg_read_binary_file", "pg_ls_*", "pg_stat_file",
            "pg_file_*", "pg_current_logfile", "lo_*", "loread", "lowrite", "dblink*", "set_config", "pg_terminate_backend",
            "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile*", "pg_stat_reset*", "pg_stat_statements_reset",
            "pg_stat_clear_snapshot", "nextval", "setval", "pg_advisory*", "pg_try_advisory*", "txid_current*", "pg_current_xact_id*",
            "pg_notify", "pg_logical_emit_message", "pg_logical_slot_*", "pg_replication_slot_advance", "pg_create_*", "pg_drop_*",
            "pg_copy_*", "pg_replication_origin_*", "pg_switch_wal", "pg_wal_replay_*", "pg_promote", "pg_backup_*",
            "pg_start_backup", "pg_stop_backup", "pg_export_snapshot", "pg_import_system_collations", "pg_log_backend_memory_contexts",
            "pg_sync_replication_slots", "binary_upgrade_*", "query_to_xml*", "cursor_to_xml*", "table_to_xml*", "schema_to_xml*",
            "database_to_xml*", "ts_stat", "pg_sleep_for", "pg_sleep_until", "pg_prewarm", "pg_truncate_visibility_map",
            "pg_visibility_map_summary", "pg_nextoid", "pg_get_wal_*", "pg_walfile_name*");

    /** What was accepted: the statement kind (its first keyword) and the text to send. */
    record Checked(String kind, String text) {
    }

    /** Thrown with the reason a statement is refused. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    private ReadOnlyStatement() {
    }

    /**
     * A statement {@code explain_query} may pass to EXPLAIN: one SELECT-like statement.
     *
     * @param standardStrings the server's {@code standard_conforming_strings}
     * @return the text with every {@code ?} operator doubled so the JDBC driver passes it through
     */
    static String forExplain(String sql, boolean standardStrings) throws Refused {
        List<Token> statement = statement(sql, standardStrings);
        Token first = first(statement);
        if (first.is(Kind.WORD, "explain")) {
            throw new Refused("pass the bare SELECT: the tool adds EXPLAIN itself and never runs EXPLAIN ANALYZE");
        }
        requireSelectLike(first, "can be explained");
        checkBody(statement, 0);
        return render(sql, statement, true);
    }

    /**
     * A statement {@code run_readonly_query} may run: one SELECT-like statement, SHOW, or EXPLAIN
     * (never ANALYZE) of a SELECT-like statement.
     */
    static Checked forQuery(String sql, boolean standardStrings) throws Refused {
        List<Token> statement = statement(sql, standardStrings);
        Token first = first(statement);
        if (first.is(Kind.WORD, "show")) {
            if (statement.size() > 3 || statement.stream().skip(1).anyMatch(t -> t.kind() != Kind.WORD && !t.is(Kind.SYMBOL, "."))) {
                throw new Refused("SHOW takes one setting name (e.g. SHOW work_mem, SHOW ALL)");
            }
            return new Checked("show", render(sql, statement, false));
        }
        int body = 0;
        if (first.is(Kind.WORD, "explain")) {
            body = explainedFrom(statement);
            first = first(statement.subList(body, statement.size()));
        }
        requireSelectLike(first, "can be run");
        checkBody(statement, body);
        return new Checked(body > 0 ? "explain" : first.text(), render(sql, statement, false));
    }

    /** Tokens of the one statement, without trailing semicolons. */
    private static List<Token> statement(String sql, boolean standardStrings) throws Refused {
        if (sql != null && sql.length() > MAX_LENGTH) {
            throw new Refused("the statement is " + sql.length() + " characters long; at most " + MAX_LENGTH + " are accepted");
        }
        List<Token> tokens;
        try {
            tokens = SqlTokenizer.tokenize(sql == null ? "" : sql, standardStrings);
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
        int end = tokens.size();
        while (end > 0 && tokens.get(end - 1).is(Kind.SYMBOL, ";")) {
            end--;
        }
        if (end == 0) {
            throw new Refused("the query is empty");
        }
        for (int i = 0; i < end; i++) {
            Token t = tokens.get(i);
            if (t.is(Kind.SYMBOL, ";")) {
                throw new Refused("multiple statements: a ';' at character " + (t.start() + 1) + " separates statements; pass exactly one");
            }
            if (t.kind() == Kind.PARAMETER) {
                throw new Refused("bind parameter " + t.text() + " at character " + (t.start() + 1) + ": write the value into the query");
            }
        }
        return tokens.subList(0, end);
    }

    private static Token first(List<Token> statement) throws Refused {
        return statement.stream().filter(t -> !t.is(Kind.SYMBOL, "(")).findFirst()
                .orElseThrow(() -> new Refused("the query has no statement"));
    }

    private static void requireSelectLike(Token first, String what) throws Refused {
        if (first.kind() != Kind.WORD || !SELECT_LIKE.contains(first.text())) {
            throw new Refused("only a SELECT (or WITH ... SELECT, VALUES, TABLE) " + what + "; this statement starts with '"
                    + first.text() + "'");
        }
    }

    /** Index of the explained statement after EXPLAIN and its options; refuses ANALYZE in any spelling. */
    private static int explainedFrom(List<Token> statement) throws Refused {
        int i = 1;
        if (i < statement.size() && statement.get(i).is(Kind.SYMBOL, "(")) {
            while (i < statement.size() && !statement.get(i).is(Kind.SYMBOL, ")")) {
                refuseAnalyze(statement.get(i));
                i++;
            }
            return i + 1;
        }
        while (i < statement.size() && statement.get(i).kind() == Kind.WORD && !SELECT_LIKE.contains(statement.get(i).text())) {
            refuseAnalyze(statement.get(i));
            i++;
        }
        return i;
    }

    private static void refuseAnalyze(Token t) throws Refused {
        if (t.kind() == Kind.WORD && (t.text().equals("analyze") || t.text().equals("analyse"))) {
            throw new Refused("EXPLAIN ANALYZE executes the statement (at character " + (t.start() + 1) + "): only plain EXPLAIN is allowed");
        }
    }

    private static void checkBody(List<Token> statement, int from) throws Refused {
        for (int i = from; i < statement.size(); i++) {
            Token t = statement.get(i);
            boolean call = i + 1 < statement.size() && statement.get(i + 1).is(Kind.SYMBOL, "(");
            if (call && (t.kind() == Kind.WORD || t.kind() == Kind.IDENTIFIER)) {
                String name = functionName(statement, i);
                if (denied(name)) {
                    throw new Refused("function " + name + "() at character " + (t.start() + 1)
                            + " has side effects or reaches files, the network or other sessions: not allowed in a read-only query");
                }
            }
            if (t.kind() != Kind.WORD) {
                continue;
            }
            if (t.text().equals("for") && i + 1 < statement.size() && statement.get(i + 1).kind() == Kind.WORD
                    && LOCK_STRENGTH.contains(statement.get(i + 1).text())) {
                throw new Refused("locking clause FOR " + statement.get(i + 1).text().toUpperCase(Locale.ROOT)
                        + " at character " + (t.start() + 1) + ": row locks are not allowed");
            }
            if (MODIFYING.contains(t.text())) {
                throw new Refused("data-modifying keyword '" + t.text() + "' at character " + (t.start() + 1)
                        + ": only read-only queries are allowed (double-quote an identifier that has this name)");
            }
            if (t.text().equals("into")) {
                throw new Refused("SELECT ... INTO creates a table (at character " + (t.start() + 1) + "): not allowed");
            }
        }
    }

    /** The called function's own name (after any schema), lower-cased, with quoted and U&amp;"…" names decoded. */
    private static String functionName(List<Token> statement, int i) throws Refused {
        Token t = statement.get(i);
        if (t.kind() == Kind.WORD) {
            return t.text();
        }
        String inner = t.text().substring(1, t.text().length() - 1).replace("\"\"", "\"");
        boolean unicode = i >= 2 && statement.get(i - 1).is(Kind.SYMBOL, "&") && statement.get(i - 2).is(Kind.WORD, "u");
        return (unicode ? unicodeEscapes(inner, t) : inner).toLowerCase(Locale.ROOT);
    }

    /** Decodes {@code \XXXX} and {@code \+XXXXXX} escapes (the default escape character). */
    private static String unicodeEscapes(String s, Token t) throws Refused {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
            } else if (s.charAt(i + 1) == '\\') {
                out.append('\\');
                i++;
            } else {
                int len = s.charAt(i + 1) == '+' ? 6 : 4;
                int from = i + (len == 6 ? 2 : 1);
                try {
                    out.appendCodePoint(Integer.parseInt(s.substring(from, from + len), 16));
                } catch (RuntimeException e) {
                    throw new Refused("invalid Unicode escape in identifier at character " + (t.start() + 1));
                }
                i = from + len - 1;
            }
        }
        return out.toString();
    }

    static boolean denied(String function) {
        for (String d : DENIED_FUNCTIONS) {
            if (d.endsWith("*") ? function.startsWith(d.substring(0, d.length() - 1)) : function.equals(d)) {
                return true;
            }
        }
        return false;
    }

    private static String render(String sql, List<Token> statement, boolean doubleQuestionMarks) {
        StringBuilder out = new StringBuilder();
        int from = statement.get(0).start();
        if (doubleQuestionMarks) {
            for (Token t : statement) {
                if (t.is(Kind.SYMBOL, "?")) {
                    out.append(sql, from, t.end()).append('?');
                    from = t.end();
                }
            }
        }
        return out.append(sql, from, statement.get(statement.size() - 1).end()).toString();
    }
}
