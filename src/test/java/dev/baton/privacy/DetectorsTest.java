package dev.baton.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The built-in detectors: what they find, and what they must leave alone. */
class DetectorsTest {

  private final PiiRedactor all = PiiRedactor.of(PrivacyProperties.defaults(), null);

  @ParameterizedTest
  @ValueSource(strings = {"jane.doe@example.com", "j+tag@mail.example.co.uk",
      "first_last%x@sub-domain.example.org", "A.B@EXAMPLE.IO"})
  void findsEmailAddresses(String email) {
    assertThat(all.redact("write to " + email + ", thanks"))
        .isEqualTo("write to [redacted:email], thanks");
  }

  @ParameterizedTest
  @ValueSource(strings = {"user@localhost", "pkg@1.2.3", "@Component", "a @ b.com",
      "npm i @scope/pkg@2.0.0"})
  void leavesWhatIsNotAnEmailAddress(String text) {
    assertThat(new EmailDetector().redact(text)).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+1 415 555 0134", "+14155550134", "+44 20 7946 0958",
      "+49 (30) 1234-5678", "(415) 555-0134", "415-555-0134", "415.555.0134",
      "1-415-555-0134", "020 7946 0958", "030 12345678", "01 23 45 67 89",
      "0049 30 1234567"})
  void findsPhoneNumbers(String phone) {
    assertThat(all.redact("call " + phone + " today"))
        .isEqualTo("call [redacted:phone] today");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "released 2.14.3 on 2024-01-15",
      "at 2024-01-15T10:30:00Z and 2024-01-15T10:30:00.123+02:00",
      "on 15.01.2024 or 01/15/2024 at 10:30:45",
      "id 123e4567-e89b-12d3-a456-426614174000",
      "ip 192.168.100.200 port 8080",
      "epoch 1733200000 or 1733200000123 ms",
      "cost $1,234,567.89 or 1 234 567 EUR",
      "tokens 1200 300 1000 100",
      "scores 0.1234 0.5678 0.9",
      "version 10.15.7 build 20240115",
      "order ORD-2024-000123-77",
      "run 6f1c0e4d-0a1b-4c2d-9e8f-001122334455 node draft_2",
      "Simulated answer 4a1f09c2 to: plan"})
  void leavesNumbersThatAreNotPersonalDataAlone(String text) {
    assertThat(all.redact(text)).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111",
      "5500 0000 0000 0004", "3400 000000 00009", "6011000990139424"})
  void findsCardNumbersThatPassLuhn(String card) {
    assertThat(all.redact("paid with " + card + "."))
        .isEqualTo("paid with [redacted:card].");
  }

  @Test
  void findsACardFollowedByMoreDigits() {
    assertThat(all.redact("card 4111 1111 1111 1111 2028 exp"))
        .isEqualTo("card [redacted:card] 2028 exp");
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111 1111 1111 1112", "1733200000123456", "9111111111111111",
      "4111 1111-1111 1111"})
  void leavesNumbersThatFailTheCardChecksAlone(String text) {
    assertThat(new CardDetector().redact(text)).isEqualTo(text);
  }

  @Test
  void luhn() {
    assertThat(CardDetector.luhn("79927398713")).isTrue();
    assertThat(CardDetector.luhn("79927398710")).isFalse();
    assertThat(CardDetector.luhn("4111111111111111")).isTrue();
    assertThat(CardDetector.luhn("4111111111111112")).isFalse();
    assertThat(CardDetector.luhn("0")).isFalse();
  }

  @Test
  void keysAndTokensGoThroughTheExistingRedactor() {
    assertThat(all.redact("key sk-proj-abcdefghijklmnop1234 and Authorization: Bearer "
        + "abc.def-123456789"))
        .doesNotContain("sk-proj-abcdefghijklmnop1234").doesNotContain("abc.def-123456789")
        .contains("[redacted]");
  }

  @Test
  void redactingTwiceChangesNothingMore() {
    String once = all.redact("mail a@b.example phone +1 415 555 0134 card 4111111111111111 "
        + "token=abcdefgh12345678");
    assertThat(all.redact(once)).isEqualTo(once);
    assertThat(once).isEqualTo("mail [redacted:email] phone [redacted:phone] card "
        + "[redacted:card] token=[redacted]");
  }

  @Test
  void aLongTextOfDigitsAndSeparatorsIsScannedQuickly() {
    String text = "1-".repeat(200_000) + "x" + "a".repeat(100_000) + "@";
    long start = System.nanoTime();
    all.redact(text);
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
  }
}
