package io.aihelpdesk.server.console;

import static io.aihelpdesk.server.console.Html.esc;

/** The sign-in form: one field for an API key (or a JWT of the configured identity provider). */
final class LoginPage {
    private LoginPage() {
    }

    /** @param problem why the last attempt failed, or null */
    static String render(String problem) {
        StringBuilder b = new StringBuilder("<section class=\"card login\"><h1>Sign in</h1>");
        if (problem != null) {
            b.append("<p class=\"notice error\" role=\"alert\">").append(esc(problem)).append("</p>");
        }
        b.append("<p>Paste your aiHelpDesk API key (made with <code>helpdesk users new-key</code>) or a token of the configured identity provider. ")
                .append("It is checked like an <code>Authorization: Bearer</code> header and kept in this server's memory only; ")
                .append("your browser gets a random session id.</p>")
                .append("<form method=\"post\" action=\"/console/login\" autocomplete=\"off\">")
                .append("<label>API key <input type=\"password\" name=\"api_key\" id=\"api_key\" required autofocus></label>")
                .append("<button type=\"submit\" id=\"sign-in\">Sign in</button></form></section>");
        return Html.page("Sign in", null, null, null, null, b.toString());
    }
}
