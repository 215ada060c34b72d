package io.aihelpdesk.server.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Building blocks of the console's pages. Every value that did not come from this file goes through
 * {@link #esc}: tool arguments, principal names, approval reasons and audit texts are untrusted.
 */
final class Html {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Html() {
    }

    /** HTML-encodes text for element content and double- or single-quoted attribute values. */
    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Encodes a value for a query string parameter (then {@link #esc} it into the attribute). */
    static String url(String value) {
        return java.net.URLEncoder.encode(value == null ? "" : value, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    /** A hidden form field with the session's CSRF token. */
    static String csrf(String token) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(token) + "\">";
    }

    /**
     * A whole page: header with navigation and who is signed in, an optional notice, the body.
     *
     * @param active the navigation entry to highlight ({@code approvals}, {@code audit}, {@code fleet}, {@code incidents})
     * @param user   who is signed in, or null on the login page
     * @param notice a message from the previous action, or null; {@code error} marks it as a refusal
     */
    static String page(String title, String active, String user, String csrf, Notice notice, String body) {
        StringBuilder b = new StringBuilder(4096 + body.length());
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" · aiHelpDesk</title>")
                .append("<link rel=\"stylesheet\" href=\"/console/static/console.css\"></head><body>")
                .append("<header><a class=\"brand\" href=\"/console/\">aiHelpDesk</a>");
        if (user != null) {
            b.append("<nav>");
            for (String[] item : new String[][] {{"approvals", "Approvals"}, {"audit", "Audit"}, {"fleet", "Fleet"}, {"incidents", "Incidents"}}) {
                b.append("<a href=\"/console/").append(item[0]).append('"').append(item[0].equals(active) ? " class=\"active\"" : "")
                        .append('>').append(item[1]).append("</a>");
            }
            b.append("</nav><div class=\"who\">signed in as <b id=\"principal\">").append(esc(user)).append("</b>");
            if (csrf != null) {
                b.append("<form method=\"post\" action=\"/console/logout\">").append(csrf(csrf))
                        .append("<button type=\"submit\" class=\"link\">sign out</button></form>");
            }
            b.append("</div>");
        }
        b.append("</header><main>");
        if (notice != null) {
            b.append("<p class=\"notice ").append(notice.error() ? "error" : "ok").append("\" role=\"status\">")
                    .append(esc(notice.text())).append("</p>");
        }
        b.append(body).append("</main></body></html>\n");
        return b.toString();
    }

    /** The outcome of the last action, shown once on the next page. */
    record Notice(String text, boolean error) {
        static Notice ok(String text) {
            return new Notice(text, false);
        }

        static Notice refused(String text) {
            return new Notice(text, true);
        }
    }
}
