package io.aihelpdesk.tools.triage.playbooks;

import io.aihelpdesk.tools.Describe;
import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.Param;
import io.aihelpdesk.tools.Result;
import io.aihelpdesk.tools.TargetKind;
import io.aihelpdesk.tools.ToolDefinition;
import java.util.List;

/** {@code list_playbooks}: the playbooks this server knows, optionally for one problem class. */
public final class ListPlaybooks {
    private ListPlaybooks() {
    }

    public record Params(
            @Param("Only playbooks for this problem class (finding category), e.g. lock_blocking") String problemClass) {
    }

    public record Entry(String id, String version, String problemClass, String title, List<String> symptoms,
                        @Describe("built-in, or the file a user playbook was read from") String source) {
    }

    public record Reply(
            List<Entry> playbooks,
            int count,
            @Describe("User playbook files that were skipped, each problem with file and line") List<String> problems,
            @Describe("User playbooks that replace built-in ones") List<String> overrides) {
    }

    public static ToolDefinition<Params, Reply> definition(Playbooks playbooks) {
        return new ToolDefinition<>("list_playbooks",
                "List the troubleshooting playbooks, one per finding category (lock_blocking, pod_crash_loop, "
                        + "compound_crash, ...): id, version, problem class, title and symptoms. Filter by problem_class; "
                        + "then call get_playbook for the ordered steps. Touches no target.",
                Effect.READ, TargetKind.NONE, Params.class, Reply.class, (p, ctx) -> run(p, playbooks));
    }

    static Result<Reply> run(Params p, Playbooks playbooks) {
        String wanted = p.problemClass() == null || p.problemClass().isBlank() ? null : p.problemClass().trim();
        List<Entry> entries = playbooks.all().stream()
                .filter(pb -> wanted == null || pb.problemClass().equals(wanted))
                .map(pb -> new Entry(pb.id(), pb.version(), pb.problemClass(), pb.title(), pb.symptoms(), pb.source()))
                .toList();
        Reply r = new Reply(entries, entries.size(), playbooks.problems(), playbooks.notes());
        String summary;
        if (entries.isEmpty() && wanted != null) {
            summary = "No playbook for problem class '" + wanted + "'; known classes: "
                    + String.join(", ", playbooks.all().stream().map(Playbook::problemClass).distinct().toList());
        } else {
            summary = entries.size() + " playbook" + (entries.size() == 1 ? "" : "s")
                    + (wanted == null ? "" : " for " + wanted)
                    + (r.overrides().isEmpty() ? "" : "; " + r.overrides().size() + " user playbook(s) override built-in ones")
                    + (r.problems().isEmpty() ? "" : "; " + r.problems().size() + " problem(s) in user playbook files, those files skipped");
        }
        return Result.of(r, summary);
    }
}
