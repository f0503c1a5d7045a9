package dev.baton.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ChildBudgetTest {

  private static BigDecimal usd(String value) {
    return new BigDecimal(value);
  }

  @Test
  void aChildGetsItsOwnBudgetWhenTheParentHasMoreLeft() {
    assertThat(ChildBudget.cap(usd("0.50"), usd("2.00"), usd("0.30"), usd("0.40")))
        .isEqualByComparingTo("0.50");
  }

  @Test
  void aChildGetsAtMostWhatTheParentHasLeftAfterItsTreesSpendAndHolds() {
    // held reservations (committed) count when they are more than the settled spend
    assertThat(ChildBudget.cap(usd("2.00"), usd("1.00"), usd("0.30"), usd("0.45")))
        .isEqualByComparingTo("0.55");
    // and the ledger counts when the account lags behind it
    assertThat(ChildBudget.cap(usd("2.00"), usd("1.00"), usd("0.60"), usd("0.10")))
        .isEqualByComparingTo("0.40");
  }

  @Test
  void aParentThatSpentItsBudgetLeavesNothingNeverANegativeBudget() {
    assertThat(ChildBudget.cap(usd("2.00"), usd("1.00"), usd("1.20"), usd("1.00")))
        .isEqualByComparingTo("0");
  }
}
