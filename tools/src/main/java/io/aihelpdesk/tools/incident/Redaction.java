package io.aihelpdesk.tools.incident;

import java.util.function.UnaryOperator;

/**
 * How collected text is masked before it enters a bundle. The server supplies governance's
 * redactor (passwords in libpq strings and URIs, bearer tokens, every resolved target password);
 * tools cannot depend on governance, so it arrives as a function.
 *
 * @param mask   replaces every secret it recognises by {@code marker}
 * @param marker what a masked secret looks like, to count them for the manifest
 */
public record Redaction(UnaryOperator<String> mask, String marker) {
    public String apply(String text) {
        return text == null ? null : mask.apply(text);
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
