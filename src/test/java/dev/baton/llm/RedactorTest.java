package dev.baton.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

  private static final String KEY = "k3y-Of-The-Provider-0123";

  @Test
  void configuredValuesAreCutWhereverTheyAppearAndTheRestStays() {
    Redactor redactor = Redactor.of(() -> List.of(KEY));
    String body = "{\"error\":{\"type\":\"authentication_error\",\"message\":\"Incorrect API key "
        + "provided: " + KEY + ". You can find your API key in your account settings.\"}}";

    assertThat(redactor.redact(body)).isEqualTo("{\"error\":{\"type\":\"authentication_error\","
        + "\"message\":\"Incorrect API key provided: [redacted]. You can find your API key in "
        + "your account settings.\"}}");
    assertThat(redactor.redact("x " + KEY + KEY + " y")).isEqualTo("x [redacted][redacted] y");
  }

  @Test
  void escapedAndEncodedFormsOfAValueAreCutToo() {
    String key = "abc/def+ghi=jkl";
    Redactor redactor = Redactor.of(() -> List.of(key));
    assertThat(redactor.redact("json: \"abc\\/def+ghi=jkl\", url: ?k=abc%2Fdef%2Bghi%3Djkl"))
        .doesNotContain("abc").doesNotContain("jkl");
  }

  @Test
  void valuesAreAskedForOnEveryUseAndShortOnesIgnored() {
    List<String> secrets = new ArrayList<>();
    Redactor redactor = Redactor.of(() -> secrets);
    assertThat(redactor.redact("token-value-one here")).isEqualTo("token-value-one here");
    secrets.add("token-value-one");
    secrets.add("none");
    secrets.add(null);
    assertThat(redactor.redact("token-value-one here, none")).isEqualTo("[redacted] here, none");
  }

  @Test
  void withAddsValuesForOneUse() {
    Redactor base = Redactor.of(() -> List.of("first-secret-value"));
    Redactor more = base.with(List.of("second-secret-value"));
    assertThat(more.redact("first-secret-value second-secret-value"))
        .isEqualTo("[redacted] [redacted]");
    assertThat(base.redact("second-secret-value")).isEqualTo("second-secret-value");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Authorization: Bearer abcdefghij123",
      "authorization=Basic dXNlcjpwYXNzd29yZA==",
      "{\"Authorization\":\"Bearer abcdefghij123\"}",
      "{\\\"authorization\\\":\\\"Token abcdefghij123\\\"}",
      "x-api-key: qwertyuiop",
      "X-Api-Key=qwertyuiop",
      "https://h/v1/models?api_key=qwertyuiop&page=2",
      "{\"apiKey\": \"qwertyuiop\"}",
      "access_token=qwertyuiop",
      "client_secret: qwertyuiop",
      "password=hunter2hunter2",
      "request failed with bearer abc.def-123_456",
      "Incorrect API key provided: sk-proj-Abc123def456ghi789",
      "key sk-ant-api03-AbCdEf0123456789-xyz_AA",
      "masked sk-abc1*********************wxyz",
      "token ghp_0123456789abcdefghijABCDEFGHIJ012345 was revoked",
      "github_pat_11AAAAAAA0aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
      "slack xoxb-1234567890-abcdefghij",
      "aws AKIAIOSFODNN7EXAMPLE in use",
      "google AIzaSyA-0123456789abcdefghijklmnopqrstu",
      "hf hf_abcdefghijklmnopqrstuvwxyz0123",
      "stripe sk_live_0123456789abcdef",
      "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXBhcnQ",
      "opaque Zq8Rt2Lm9Kx4Wv7Pn3Hs6Jd1Fg5Bc0Ya2Tu"
  })
  void credentialsAndKeyShapesAreRecognisedWithoutConfiguration(String text) {
    String redacted = Redactor.patternsOnly().redact(text);
    assertThat(redacted).contains(Redactor.MASK);
    for (String secret : List.of("abcdefghij123", "dXNlcjpwYXNzd29yZA", "qwertyuiop",
        "hunter2", "abc.def-123", "Abc123def456", "AbCdEf0123456789", "abc1***", "ghp_0123",
        "11AAAAAAA0", "1234567890-abcdefghij", "IOSFODNN7", "SyA-0123", "hf_abc",
        "0123456789abcdef", "eyJhbGciOiJIUzI1NiJ9", "Zq8Rt2Lm9Kx4")) {
      assertThat(redacted).doesNotContain(secret);
    }
  }

  @Test
  void headerNamesAndSchemesStayToSayWhatWasCut() {
    assertThat(Redactor.patternsOnly().redact("Authorization: Bearer abcdefghij123 (HTTP 401)"))
        .isEqualTo("Authorization: Bearer [redacted] (HTTP 401)");
    assertThat(Redactor.patternsOnly().redact("{\"x-api-key\":\"qwertyuiop\",\"status\":403}"))
        .isEqualTo("{\"x-api-key\":\"[redacted]\",\"status\":403}");
    // a configured value inside a header is cut once, not twice
    assertThat(Redactor.of(() -> List.of("abcdefghij123"))
        .redact("Authorization: Bearer abcdefghij123."))
        .isEqualTo("Authorization: Bearer [redacted].");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "model 'gpt-4o-mini' (openai at api.openai.com): the provider failed (HTTP 503)",
      "{\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Rate limit reached for "
          + "requests. Limit: 500, Used: 500\",\"code\":\"rate_limit_exceeded\"}}",
      "request id req_0123456789abcdef0123456789abcdef failed",
      "process 7f3c2a9e-1b4d-4e8f-9a0b-1c2d3e4f5a6b, hash "
          + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
      "Unrecognized token 'abc': was expecting (JSON String, Number, Array, Object)",
      "max_tokens: 1024, tokens: 5, basic authentication is not supported",
      "see https://platform.openai.com/docs/guides/error-codes/api-errors",
      "dev.langchain4j.exception.AuthenticationException: ProviderHttpExceptionRetryAfter",
      "the bearer of bad news"
  })
  void ordinaryErrorTextIsLeftAlone(String text) {
    assertThat(Redactor.patternsOnly().redact(text)).isEqualTo(text);
  }

  @Test
  void randomKeysAreOpaqueAndWordsAreNot() {
    Random random = new Random(42);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 1000; i++) {
      StringBuilder key = new StringBuilder();
      for (int j = 0; j < 40; j++) {
        key.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      if (key.chars().anyMatch(Character::isDigit) && key.chars().anyMatch(Character::isUpperCase)
          && key.chars().anyMatch(Character::isLowerCase)) {
        assertThat(Redactor.opaque(key.toString())).as(key.toString()).isTrue();
      }
    }
    // no mixed case and digits: identifiers, hex ids and hashes stay
    assertThat(Redactor.opaque("the_quick_brown_fox_jumps_over_the_lazy_dog_2026")).isFalse();
    assertThat(Redactor.opaque("0123456789abcdef0123456789abcdef")).isFalse();
  }

  @Test
  void longTextIsCutAtATokenBoundarySoNoSecretIsRedactedInHalf() {
    String secret = "configured-secret-value-of-forty-chars-x";
    Redactor redactor = Redactor.of(() -> List.of(secret));
    // the 74th copy straddles maxLength + CUT_MARGIN; the 73 before it shrink to [redacted],
    // which would bring a half copy into the 2,000 characters kept
    String text = (secret + " ").repeat(73) + secret + " tail";
    assertThat(text.indexOf(secret, 2990)).isLessThan(2000 + Redactor.CUT_MARGIN);

    String kept = redactor.redact(text, 2000);
    assertThat(kept).doesNotContain("configured-secret").endsWith("...")
        .startsWith("[redacted] [redacted]");
    assertThat(kept.length()).isLessThanOrEqualTo(2003);
  }

  @Test
  void aLimitShortensOnlyWhatIsLonger() {
    Redactor redactor = Redactor.patternsOnly();
    assertThat(redactor.redact("HTTP 401: Bearer abc123def456", 300))
        .isEqualTo("HTTP 401: Bearer [redacted]");
    assertThat(redactor.redact("x".repeat(400), 300)).isEqualTo("x".repeat(300) + "...");
    assertThat(redactor.redact(null, 300)).isNull();
    // one huge token with no boundary: nothing of it is kept unredacted past the cut
    assertThat(redactor.redact("y".repeat(5000), 10)).isEqualTo("...");
  }

  @Test
  void nothingToRedactGivesTheSameText() {
    assertThat(Redactor.patternsOnly().redact(null)).isNull();
    assertThat(Redactor.patternsOnly().redact("")).isEmpty();
  }
}
