package io.aihelpdesk.governance.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When a rule is in force, in local time of {@code zone}. {@code days} empty = every day;
 * {@code hours} holds the local hours of day (0-23) in force, empty = all day. {@code hoursText}
 * keeps the hours as written, for messages.
 */
record Schedule(Set<DayOfWeek> days, Set<Integer> hours, String hoursText, ZoneId zone) {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT);

    boolean activeAt(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        return (days.isEmpty() || days.contains(local.getDayOfWeek()))
                && (hours.isEmpty() || hours.contains(local.getHour()));
    }

    /** {@code Sat 03:00 Europe/Paris not in mon-fri 9-17}. */
    String inactiveBecause(Instant at) {
        return LOCAL.format(at.atZone(zone)) + " " + zone.getId() + " not in " + this.describe();
    }

    String describe() {
        return dayText() + " " + (hours.isEmpty() ? "all day" : hoursText);
    }

    private String dayText() {
        if (days.isEmpty()) {
            return "every day";
        }
        List<String> runs = new ArrayList<>();
        DayOfWeek[] all = DayOfWeek.values();
        for (int i = 0; i < all.length; i++) {
            if (!days.contains(all[i])) {
                continue;
            }
            int end = i;
            while (end + 1 < all.length && days.contains(all[end + 1])) {
                end++;
            }
            runs.add(end - i >= 2 ? name(all[i]) + "-" + name(all[end])
                    : end == i ? name(all[i]) : name(all[i]) + "," + name(all[end]));
            i = end;
        }
        return String.join(",", runs);
    }

    static String name(DayOfWeek d) {
        return d.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }
}
