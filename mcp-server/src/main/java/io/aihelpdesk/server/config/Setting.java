package io.aihelpdesk.server.config;

import java.util.Locale;

/**
 * One setting of the server: its environment variable (the original's name), the key it has in
 * {@code helpdesk.yaml}, what it does, the default that applies when nothing sets it, and whether
 * its value is a secret that {@code helpdesk config show} masks.
 *
 * @param fileAllowed false for settings read before the config file is (by bin/helpdesk, or the log format)
 *                    ({@code HELPDESK_JAVA_OPTS}, {@code HELPDESK_CACHE_DIR}, {@code HELPDESK_LOG_FORMAT}): a file cannot set them
 */
public record Setting(String env, String description, String fallback, Secrecy secrecy, boolean fileAllowed) {
    /** How much of a value may be shown. */
    public enum Secrecy {
        PLAIN,
        /** Never shown: only whether it is set. */
        SECRET,
        /** A URL or connection string: shown with its password (and a URL's path token) masked. */
        CONNECTION
    }

    static Setting plain(String env, String description, String fallback) {
        return new Setting(env, description, fallback, Secrecy.PLAIN, true);
    }

    static Setting secret(String env, String description) {
        return new Setting(env, description, "none", Secrecy.SECRET, true);
    }

    static Setting connection(String env, String description, String fallback) {
        return new Setting(env, description, fallback, Secrecy.CONNECTION, true);
    }

    static Setting envOnly(String env, String description, String fallback) {
        return new Setting(env, description, fallback, Secrecy.PLAIN, false);
    }

    /** The key in {@code helpdesk.yaml}: the variable without {@code HELPDESK_}, in lower case ({@code audit_url}). */
    public String key() {
        return env.substring("HELPDESK_".length()).toLowerCase(Locale.ROOT);
    }
}
