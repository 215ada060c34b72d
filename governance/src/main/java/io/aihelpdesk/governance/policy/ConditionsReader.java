package io.aihelpdesk.governance.policy;

import io.aihelpdesk.tools.config.ConfigNode;
import io.aihelpdesk.tools.config.ConfigProblems;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a rule's {@code conditions}. Schedule hours are a list whose items are either one hour
 * ({@code 9}: 09:00-09:59) or a range {@code "9-17"} with the end exclusive (09:00-16:59), local
 * time in {@code timezone} (an IANA id, default UTC). Days are {@code mon}..{@code sun}.
 */
final class ConditionsReader {
    private static final Set<String> CONDITIONS = Set.of("require_approval", "approval_quorum",
            "max_rows_affected", "max_pods_affected", "schedule", "approvers", "break_glass", "approval_expires_minutes",
            "approval_valid_minutes", "elicitation_approval");
    private static final Set<String> SCHEDULE = Set.of("days", "hours", "timezone");
    private static final Pattern HOUR = Pattern.compile("(\\d{1,2})(?:-(\\d{1,2}))?");
    private final ConfigProblems p;

    ConditionsReader(ConfigProblems p) {
        this.p = p;
    }

    Conditions read(ConfigNode n) {
        if (Fields.absent(n)) {
            return Conditions.NONE;
        }
        if (!n.isMap()) {
            p.add(n, "must be a mapping");
            return Conditions.NONE;
        }
        p.onlyKeys(n, CONDITIONS);
        boolean approval = p.bool(n, "require_approval", false);
        int quorum = Fields.integer(p, n, "approval_quorum", 1, 1);
        Integer rows = Fields.integer(p, n, "max_rows_affected", 0, null);
        Integer pods = Fields.integer(p, n, "max_pods_affected", 0, null);
        ConfigNode s = n.fields().get("schedule");
        ApprovalTerms terms = new ApprovalTerms(quorum, principals(n, "approvers"), principals(n, "break_glass"),
                Fields.integer(p, n, "approval_expires_minutes", 1, ApprovalTerms.DEFAULT.expiresMinutes()),
                Fields.integer(p, n, "approval_valid_minutes", 1, ApprovalTerms.DEFAULT.validMinutes()),
                p.bool(n, "elicitation_approval", false));
        return new Conditions(approval, quorum, rows, pods, Fields.absent(s) ? null : schedule(s), terms);
    }

    /** {@code approvers} / {@code break_glass}: entries like a policy's principals ({@code role}, {@code user}, {@code service}). */
    private List<String> principals(ConfigNode n, String key) {
        return Fields.mappings(p, n, key, false, (item, i) -> new PolicyReader(p).principal(item)).stream()
                .map(PrincipalEntry::toString).toList();
    }

    Schedule schedule(ConfigNode n) {
        if (!n.isMap()) {
            p.add(n, "must be a mapping");
            return null;
        }
        p.onlyKeys(n, SCHEDULE);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        List<String> dayNames = p.strings(n, "days");
        for (int i = 0; i < dayNames.size(); i++) {
            DayOfWeek d = day(dayNames.get(i));
            if (d == null) {
                p.add(n.fields().get("days").items().get(i), "must be one of mon, tue, wed, thu, fri, sat, sun; got '"
                        + dayNames.get(i) + "'");
            } else {
                days.add(d);
            }
        }
        Set<Integer> hours = new TreeSet<>();
        List<String> hourTexts = new ArrayList<>();
        ConfigNode hourList = n.fields().get("hours");
        if (!Fields.absent(hourList) && !hourList.isList()) {
            p.add(hourList, "must be a list of hours (9) or ranges (\"9-17\", end exclusive)");
        } else if (hourList != null) {
            for (ConfigNode item : hourList.items()) {
                hourTexts.add(hours(item, hours));
            }
        }
        return new Schedule(days, hours, String.join(",", hourTexts), zone(n));
    }

    private static DayOfWeek day(String name) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (Schedule.name(d).equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** Adds the hours an item covers and returns its text; a bad item is reported. */
    private String hours(ConfigNode item, Set<Integer> into) {
        Matcher m = item.isScalar() && item.scalar() != null ? HOUR.matcher(item.scalar().trim()) : null;
        if (m != null && m.matches()) {
            int start = Integer.parseInt(m.group(1));
            int end = m.group(2) == null ? start + 1 : Integer.parseInt(m.group(2));
            if (start <= 23 && end <= 24 && start < end) {
                for (int h = start; h < end; h++) {
                    into.add(h);
                }
                return m.group(0);
            }
        }
        p.add(item, "must be an hour 0-23 or a range like \"9-17\" (start < end <= 24, end exclusive); got '"
                + item.scalar() + "'");
        return String.valueOf(item.scalar());
    }

    private ZoneId zone(ConfigNode n) {
        String id = p.text(n, "timezone", false);
        if (id == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            p.add(n.fields().get("timezone"), "unknown timezone '" + id + "'; use an IANA id such as Europe/Paris or UTC");
            return ZoneId.of("UTC");
        }
    }
}
