package io.aihelpdesk.governance.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihelpdesk.tools.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

    @Test
    void reproduces_the_rfc8785_section_3_2_2_example() {
        String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n}";
        Object tree = Json.mapper().readValue(input, Object.class);

        assertThat(CanonicalJson.encode(tree)).isEqualTo("{\"literals\":[null,true,false],"
                + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void sorts_keys_by_utf16_code_units_as_in_rfc8785_section_3_2_3() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("\u20ac", "Euro Sign");
        tree.put("\r", "Carriage Return");
        tree.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        tree.put("1", "One");
        tree.put("\ud83d\ude00", "Emoji: Grinning Face");
        tree.put("\u0080", "Control");
        tree.put("\u00f6", "Latin Small Letter O With Diaeresis");

        assertThat(CanonicalJson.encode(tree)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\","
                + "\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
                + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void escapes_only_quote_backslash_and_controls_with_lower_case_hex() {
        String s = "\"\\/\b\f\n\r\t\u0001\u001f\u007f\u2028<>&'";

        assertThat(CanonicalJson.encode(s))
                .isEqualTo("\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\u2028<>&'\"");
    }

    @Test
    void nests_objects_and_arrays_without_whitespace() {
        Map<String, Object> tree = Map.of("b", List.of(1, Map.of("z", true, "a", "x")), "a", Map.of());

        assertThat(CanonicalJson.encode(tree)).isEqualTo("{\"a\":{},\"b\":[1,{\"a\":\"x\",\"z\":true}]}");
    }

    @ParameterizedTest
    @CsvSource({
        "0.0, 0", "-0.0, 0", "1.0, 1", "-1.5, -1.5", "1e21, 1e+21", "1e20, 100000000000000000000",
        "123456789012345680000, 123456789012345680000", "0.000001, 0.000001", "0.0000001, 1e-7",
        "1.7976931348623157e308, 1.7976931348623157e+308", "9007199254740992, 9007199254740992",
        "295147905179352830000, 295147905179352830000", "1.5e-7, 1.5e-7"
    })
    void formats_doubles_like_ecmascript(double value, String expected) {
        assertThat(CanonicalJson.encode(value)).isEqualTo(expected);
    }

    @Test
    void writes_integers_as_plain_digits_and_refuses_unsafe_ones() {
        assertThat(CanonicalJson.encode(List.of(0, -7, 1234567890123L))).isEqualTo("[0,-7,1234567890123]");
        assertThatThrownBy(() -> CanonicalJson.encode(Long.MAX_VALUE))
                .hasMessageContaining("exceeds 2^53").hasMessageContaining("decimal string");
    }

    @Test
    void refuses_nan_because_json_cannot_represent_it() {
        assertThatThrownBy(() -> CanonicalJson.encode(Double.NaN)).hasMessageContaining("NaN");
    }
}
