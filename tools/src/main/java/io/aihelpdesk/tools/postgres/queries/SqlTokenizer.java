package io.aihelpdesk.tools.postgres.queries;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into the tokens that matter for deciding what a statement does: words (lower-cased
 * keywords and identifiers), numbers, single-character symbols, and opaque literals. String literals
 * (standard, E'...', dollar-quoted), quoted identifiers and comments (nested block comments too) are
 * skipped as units, so a semicolon or keyword inside them is never mistaken for code. Unterminated
 * literals, identifiers and comments are rejected rather than guessed at.
 */
final class SqlTokenizer {
    enum Kind { WORD, NUMBER, SYMBOL, LITERAL, IDENTIFIER, PARAMETER }

    record Token(Kind kind, String text, int start, int end) {
        boolean is(Kind k, String t) {
            return kind == k && text.equals(t);
        }
    }

    private final String sql;
    private final boolean standardStrings;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private SqlTokenizer(String sql, boolean standardStrings) {
        this.sql = sql;
        this.standardStrings = standardStrings;
    }

    /**
     * @param standardStrings the server's {@code standard_conforming_strings}: when off, a backslash
     *                        escapes the next character inside ordinary '...' literals too
     * @throws IllegalArgumentException for unterminated literals, identifiers or comments
     */
    static List<Token> tokenize(String sql, boolean standardStrings) {
        SqlTokenizer t = new SqlTokenizer(sql, standardStrings);
        t.run();
        return List.copyOf(t.tokens);
    }

    private void run() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            int start = pos;
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '\'') {
                quoted('\'', !standardStrings, "string literal");
                add(Kind.LITERAL, start);
            } else if (c == '"') {
                quoted('"', false, "quoted identifier");
                add(Kind.IDENTIFIER, start);
            } else if (c == '$') {
                dollar(start);
            } else if (Character.isLetter(c) || c == '_' || c > 127) {
                word(start);
            } else if (Character.isDigit(c)) {
                while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
                    pos++;
                }
                add(Kind.NUMBER, start);
            } else {
                pos++;
                add(Kind.SYMBOL, start);
            }
        }
    }

    private void word(int start) {
        while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
            pos++;
        }
        String w = sql.substring(start, pos).toLowerCase(Locale.ROOT);
        if (w.equals("e") && peek(0) == '\'') {
            quoted('\'', true, "escape string literal");
            add(Kind.LITERAL, start);
            return;
        }
        tokens.add(new Token(Kind.WORD, w, start, pos));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }

    /** Consumes a quoted run starting at {@code pos}; a doubled quote is an escaped quote. */
    private void quoted(char quote, boolean backslashEscapes, String what) {
        int open = pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == quote && peek(1) == quote) {
                pos += 2;
            } else if (c == quote) {
                pos++;
                return;
            } else {
                pos++;
            }
        }
        throw new IllegalArgumentException("unterminated " + what + " starting at character " + (open + 1));
    }

    /** {@code $1} is a parameter; {@code $tag$ ... $tag$} (tag may be empty) is a dollar-quoted literal. */
    private void dollar(int start) {
        int i = pos + 1;
        if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
                i++;
            }
            pos = i;
            add(Kind.PARAMETER, start);
            return;
        }
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) > 127)) {
            i++;
        }
        if (i >= sql.length() || sql.charAt(i) != '$') {
            pos++;
            add(Kind.SYMBOL, start);
            return;
        }
        String tag = sql.substring(start, i + 1);
        int close = sql.indexOf(tag, i + 1);
        if (close < 0) {
            throw new IllegalArgumentException("unterminated dollar-quoted literal " + tag + " starting at character " + (start + 1));
        }
        pos = close + tag.length();
        add(Kind.LITERAL, start);
    }

    private void skipLineComment() {
        int nl = sql.indexOf('\n', pos);
        pos = nl < 0 ? sql.length() : nl + 1;
    }

    private void skipBlockComment() {
        int open = pos;
        int depth = 0;
        while (pos < sql.length()) {
            if (sql.charAt(pos) == '/' && peek(1) == '*') {
                depth++;
                pos += 2;
            } else if (sql.charAt(pos) == '*' && peek(1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw new IllegalArgumentException("unterminated /* comment starting at character " + (open + 1));
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private void add(Kind kind, int start) {
        tokens.add(new Token(kind, sql.substring(start, pos), start, pos));
    }
}
