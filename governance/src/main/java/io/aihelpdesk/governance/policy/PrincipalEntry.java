package io.aihelpdesk.governance.policy;

/** One entry of a policy's {@code principals}: {@code user}, {@code role}, {@code service} or {@code any}. */
record PrincipalEntry(String kind, String value) {
    static final PrincipalEntry ANY = new PrincipalEntry("any", "");

    boolean matches(Principal p) {
        return switch (kind) {
            case "any" -> true;
            case "role" -> p.roles().contains(value);
            default -> kind.equals(p.kind()) && value.equals(p.id());
        };
    }

    @Override
    public String toString() {
        return kind.equals("any") ? "any" : kind + ":" + value;
    }

    /** {@code user:bob}, with roles when it has some: {@code user:bob with roles [dev]}. */
    static String describe(Principal p) {
        String who = p.kind().equals("anonymous") ? "anonymous" : p.kind() + ":" + p.id();
        return p.roles().isEmpty() ? who : who + " with roles " + p.roles();
    }
}
