package io.aihelpdesk.tools.postgres.queries;

import io.aihelpdesk.tools.postgres.queries.SqlTokenizer.Kind;
import io.aihelpdesk.tools.postgres.queries.SqlTokenizer.Token;
import java.util.List;
import java.util.Set;

/**
 * Decides whether text is exactly one read-only query that {@code explain_query} may pass to EXPLAIN,
 * and if so yields the statement to append after {@code EXPLAIN}. The statement text cannot be a bind
 * parameter, so this check (on tokens, never on raw text) is the first of three defenses; the
 * read-only session and statement_timeout are the others.
 */
final class ExplainableStatement {
    static final Set<String> STARTS = Set.of("select", "with", "values", "table");
    private static final Set<String> MODIFYING = Set.of("insert", "update", "delete", "merge", "truncate", "copy");
    private static final Set<String> LOCK_STRENGTH = Set.of("update", "share", "no", "key");

    private ExplainableStatement() {
    }

    /** Thrown with the reason a statement may not be explained. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    /**
     * @return the statement without trailing semicolons, with every {@code ?} operator doubled so the
     *         JDBC driver passes it through instead of treating it as a placeholder
     */
    static String check(String sql, boolean standardStrings) throws Refused {
        List<Token> tokens;
        try {
            tokens = SqlTokenizer.tokenize(sql == null ? "" : sql, standardStrings);
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
        int end = statementEnd(tokens);
        if (end == 0) {
            throw new Refused("the query is empty");
        }
        List<Token> statement = tokens.subList(0, end);
        checkStart(statement);
        checkBody(statement);
        return render(sql, statement);
    }

    /** Index after the last token before any trailing semicolons; refuses a second statement. */
    private static int statementEnd(List<Token> tokens) throws Refused {
        int end = tokens.size();
        while (end > 0 && tokens.get(end - 1).is(Kind.SYMBOL, ";")) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            if (tokens.get(i).is(Kind.SYMBOL, ";")) {
                throw new Refused("multiple statements: a ';' at character " + (tokens.get(i).start() + 1)
                        + " separates statements; pass exactly one SELECT");
            }
        }
        return end;
    }

    private static void checkStart(List<Token> statement) throws Refused {
        Token first = statement.stream().filter(t -> !t.is(Kind.SYMBOL, "(")).findFirst()
                .orElseThrow(() -> new Refused("the query has no statement"));
        if (first.kind() == Kind.WORD && STARTS.contains(first.text())) {
            return;
        }
        if (first.is(Kind.WORD, "explain")) {
            throw new Refused("pass the bare SELECT: the tool adds EXPLAIN itself and never runs EXPLAIN ANALYZE");
        }
        throw new Refused("only a SELECT (or WITH ... SELECT, VALUES, TABLE) can be explained; this statement starts with '"
                + first.text() + "'");
    }

    private static void checkBody(List<Token> statement) throws Refused {
        for (int i = 0; i < statement.size(); i++) {
            Token t = statement.get(i);
            if (t.kind() != Kind.WORD) {
                continue;
            }
            if (t.text().equals("for") && i + 1 < statement.size()
                    && LOCK_STRENGTH.contains(statement.get(i + 1).text()) && statement.get(i + 1).kind() == Kind.WORD) {
                throw new Refused("locking clause FOR " + statement.get(i + 1).text().toUpperCase(java.util.Locale.ROOT)
                        + " at character " + (t.start() + 1) + ": row locks are not allowed");
            }
            if (MODIFYING.contains(t.text())) {
                throw new Refused("data-modifying keyword '" + t.text() + "' at character " + (t.start() + 1)
                        + ": only read-only queries can be explained (double-quote an identifier that has this name)");
            }
            if (t.text().equals("into")) {
                throw new Refused("SELECT ... INTO creates a table (at character " + (t.start() + 1) + "): not allowed");
            }
        }
    }

    private static String render(String sql, List<Token> statement) {
        StringBuilder out = new StringBuilder();
        int from = statement.get(0).start();
        for (Token t : statement) {
            if (t.is(Kind.SYMBOL, "?")) {
                out.append(sql, from, t.end()).append('?');
                from = t.end();
            }
        }
        return out.append(sql, from, statement.get(statement.size() - 1).end()).toString();
    }
}
