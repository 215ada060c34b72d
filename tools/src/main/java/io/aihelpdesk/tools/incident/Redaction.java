package io.aihelpdesk.tools.incident;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * How collected text is masked before it enters a bundle. The server supplies governance's
 * redactor (passwords in libpq strings and URIs, {@code password=} pairs, bearer tokens, every
 * resolved target password); tools cannot depend on governance, so it arrives as a function.
 * Bundles hold process lists and logs, so on top of it this masks secrets given as command-line
 * flags ({@code --password hunter2}, {@code --token=…}) and HTTP basic credentials.
 *
 * @param mask   replaces every secret it recognises by {@code marker}
 * @param marker what a masked secret looks like, to count them for the manifest
 */
public record Redaction(UnaryOperator<String> mask, String marker) {
    private static final Pattern FLAG = Pattern.compile(
            "(?i)(--?(?:password|passwd|pwd|token|secret|api[-_]?key|access[-_]?key|client[-_]?secret)(?:\\s+|=))"
                    + "(?!\\*{8})([^\\s'\"]+)");
    private static final Pattern BASIC = Pattern.compile("(?i)(authorization:\\s*basic\\s+)[A-Za-z0-9+/=]+");

    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = mask.apply(text);
        out = FLAG.matcher(out).replaceAll("$1" + java.util.regex.Matcher.quoteReplacement(marker));
        return BASIC.matcher(out).replaceAll("$1" + java.util.regex.Matcher.quoteReplacement(marker));
    }

    /** How many masked secrets the text holds. */
    public long count(String text) {
        if (marker.isEmpty() || text == null) {
            return 0;
        }
        long n = 0;
        for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + marker.length())) {
            n++;
        }
        return n;
    }
}
