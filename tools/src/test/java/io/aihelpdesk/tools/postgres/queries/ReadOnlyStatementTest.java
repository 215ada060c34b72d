package io.aihelpdesk.tools.postgres.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadOnlyStatementTest {
    @Test
    void strips_trailing_semicolons_and_comments_after_the_statement() throws Exception {
        assertThat(ReadOnlyStatement.forExplain("  select 1 ;; -- done", true)).isEqualTo("select 1");
    }

    @Test
    void doubles_question_mark_operators_but_not_question_marks_in_literals() throws Exception {
        assertThat(ReadOnlyStatement.forExplain("select j ? 'a?' from t", true)).isEqualTo("select j ?? 'a?' from t");
    }

    @Test
    void skips_nested_block_comments_quoted_identifiers_and_escape_strings() throws Exception {
        assertThat(ReadOnlyStatement.forExplain("select /* a /* ; */ b */ \"x;\"\"y\", E'\\';' from t", true))
                .startsWith("select");
    }

    @Test
    void follows_the_server_when_backslashes_escape_quotes_in_ordinary_literals() throws Exception {
        String smuggled = "select 'a\\'' ; delete from t; -- '";
        assertThat(ReadOnlyStatement.forExplain(smuggled, true)).isEqualTo(smuggled);
        assertThatThrownBy(() -> ReadOnlyStatement.forExplain(smuggled, false))
                .hasMessageContaining("multiple statements");
    }

    @Test
    void refuses_unterminated_dollar_quotes_and_comments() {
        assertThatThrownBy(() -> ReadOnlyStatement.forExplain("select $x$ ; drop table t", true))
                .hasMessageContaining("unterminated dollar-quoted literal $x$");
        assertThatThrownBy(() -> ReadOnlyStatement.forExplain("select 1 /* /* */", true))
                .hasMessageContaining("unterminated /* comment");
    }

    @Test
    void refuses_keywords_only_outside_literals() throws Exception {
        assertThat(ReadOnlyStatement.forExplain("select 'delete from t' as d", true)).contains("delete");
        assertThatThrownBy(() -> ReadOnlyStatement.forExplain("select 1 from t for share", true))
                .hasMessageContaining("FOR SHARE");
        assertThatThrownBy(() -> ReadOnlyStatement.forExplain("(insert into t values (1))", true))
                .hasMessageContaining("starts with 'insert'");
    }
}
