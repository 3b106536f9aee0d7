package dev.eventbus.durable.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The size of a tree as compact JSON, against the JSON text written out by hand. */
class EncodedSizeTest {

  private static long bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void scalarsCountTheirJsonText() {
    assertThat(EncodedSize.of(null)).isEqualTo(bytes("null"));
    assertThat(EncodedSize.of(true)).isEqualTo(bytes("true"));
    assertThat(EncodedSize.of(false)).isEqualTo(bytes("false"));
    assertThat(EncodedSize.of(-42)).isEqualTo(bytes("-42"));
    assertThat(EncodedSize.of(Long.MIN_VALUE)).isEqualTo(bytes("-9223372036854775808"));
    assertThat(EncodedSize.of(new BigInteger("123456789012345678901234567890")))
        .isEqualTo(bytes("123456789012345678901234567890"));
    assertThat(EncodedSize.of(0.1)).isEqualTo(bytes("0.1"));
    assertThat(EncodedSize.of(1.0e-7)).isEqualTo(bytes("1.0E-7"));
    assertThat(EncodedSize.of(new BigDecimal("12.50"))).isEqualTo(bytes("12.50"));
    assertThat(EncodedSize.of(Double.NaN)).isEqualTo(bytes("\"NaN\""));
  }

  @Test
  void stringsCountEscapesAndUtf8Bytes() {
    assertThat(EncodedSize.of("")).isEqualTo(bytes("\"\""));
    assertThat(EncodedSize.of("plain")).isEqualTo(bytes("\"plain\""));
    assertThat(EncodedSize.of("say \"hi\" \\ now")).isEqualTo(bytes("\"say \\\"hi\\\" \\\\ now\""));
    assertThat(EncodedSize.of("a\nb\tc\rd\be\ff")).isEqualTo(bytes("\"a\\nb\\tc\\rd\\be\\ff\""));
    assertThat(EncodedSize.of("\u0001\u001f")).isEqualTo(bytes("\"\\u0001\\u001F\""));
    assertThat(EncodedSize.of("é€😀")).isEqualTo(bytes("\"é€😀\"")).isEqualTo(11);
  }

  @Test
  void mapsAndListsCountBracesColonsAndCommas() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("id", 7);
    tree.put("name", "Zoë");
    tree.put("tags", List.of("a", "b"));
    tree.put("empty", Map.of());
    tree.put("none", null);
    tree.put("nested", Map.of("list", Arrays.asList(1, null, List.of())));

    assertThat(EncodedSize.of(tree))
        .isEqualTo(
            bytes(
                "{\"id\":7,\"name\":\"Zoë\",\"tags\":[\"a\",\"b\"],\"empty\":{},\"none\":null,"
                    + "\"nested\":{\"list\":[1,null,[]]}}"));
    assertThat(EncodedSize.of(Map.of())).isEqualTo(2);
    assertThat(EncodedSize.of(new ArrayList<>())).isEqualTo(2);
  }

  @Test
  @Timeout(10)
  void aHundredMegabyteStringIsMeasuredWithoutCopyingIt() {
    String huge = "x".repeat(100_000_000);

    assertThat(EncodedSize.of(Map.of("blob", huge)))
        .isEqualTo(100_000_000L + bytes("{\"blob\":\"\"}"));
  }
}
