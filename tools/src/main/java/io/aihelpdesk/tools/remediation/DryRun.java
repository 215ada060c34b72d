package io.aihelpdesk.tools.remediation;

/** What every remediation tool says about its {@code dry_run} parameter. */
public final class DryRun {
    public static final String PARAM = "Preview only: show exactly what would change (and what would be affected) "
            + "and change nothing. Run this first; a destructive call may require a recent dry run.";
    /** The verification text of a preview. */
    public static final String NOT_RUN = "dry run: nothing was changed";

    private DryRun() {
    }
}
