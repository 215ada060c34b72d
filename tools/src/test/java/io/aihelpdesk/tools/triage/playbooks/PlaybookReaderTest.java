package io.aihelpdesk.tools.triage.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aihelpdesk.tools.Effect;
import io.aihelpdesk.tools.config.ConfigException;
import org.junit.jupiter.api.Test;

class PlaybookReaderTest {
    @Test
    void reports_every_problem_of_a_file_at_once_with_its_line() {
        ConfigException e = catchThrowableOfType(() -> PlaybookReader.read("""
                id: lock-blocking
                version: latest
                problem_class: lock_blocking
                title: Locks
                symtoms: [typo]
                investigation:
                  - tool: Get-Lock-Info
                    look_for: pairs
                  - just text
                remediation: []
                escalation: {when: [], to: dba}
                """, "pb.yaml"), ConfigException.class);
        assertThat(e.problems()).containsExactly(
                "pb.yaml:5: symtoms: unknown key (allowed: escalation, id, investigation, problem_class, remediation, symptoms, title, version)",
                "pb.yaml:1: id: must look like pb_<problem_class> (lowercase letters, digits, '_'), got 'lock-blocking'",
                "pb.yaml:2: version: must be a version such as 1 or 1.2, got 'latest'",
                "pb.yaml:1: 'symptoms' is required",
                "pb.yaml:7: investigation[0].tool: must be a tool name (snake_case), got 'Get-Lock-Info'",
                "pb.yaml:9: investigation[1]: must be a step with tool, arguments and look_for",
                "pb.yaml:10: remediation: must not be empty",
                "pb.yaml:11: escalation.when: must not be empty");
    }

    @Test
    void keeps_dollar_braces_as_written_and_reads_effects_case_insensitively() throws Exception {
        Playbook pb = PlaybookReader.read("""
                id: pb_x
                version: 1.2
                problem_class: x_y
                title: T
                symptoms: ["log says ${PGDATA} is missing"]
                investigation:
                  - tool: get_pods
                    arguments: {namespace: "{{namespace}}", tail_lines: 50}
                    look_for: it
                remediation:
                  - {action: do it, tool: delete_pod, effect: destructive, approval_expected: true}
                escalation: {when: [always], to: dba}
                """, "pb.yaml");
        assertThat(pb.symptoms()).containsExactly("log says ${PGDATA} is missing");
        assertThat(pb.version()).isEqualTo("1.2");
        assertThat(pb.investigation().get(0).arguments()).containsEntry("tail_lines", "50");
        assertThat(pb.remediation().get(0).effect()).isEqualTo("DESTRUCTIVE");
        assertThat(pb.remediation().get(0).asEffect()).isEqualTo(Effect.DESTRUCTIVE);
    }
}
