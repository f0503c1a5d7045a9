package dev.baton.compile.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolylinesTest {

  @Test
  void simplifyDropsRepeatedPointsAndPointsInsideAStraightRun() {
    List<Point> route = List.of(new Point(0, 0), new Point(0, 0), new Point(10, 0),
        new Point(20, 0), new Point(20, 30), new Point(20, 40));

    assertThat(Polylines.simplify(route))
        .containsExactly(new Point(0, 0), new Point(20, 0), new Point(20, 40));
  }

  @Test
  void crossesOnlyThroughTheOpenInterior() {
    Bounds box = new Bounds(10, 10, 20, 20);

    assertThat(Polylines.crosses(List.of(new Point(0, 20), new Point(40, 20)), box)).isTrue();
    // running along the border touches the box but does not enter it
    assertThat(Polylines.crosses(List.of(new Point(0, 10), new Point(40, 10)), box)).isFalse();
    assertThat(Polylines.crosses(List.of(new Point(0, 5), new Point(40, 5)), box)).isFalse();
  }

  @Test
  void distanceIsTheGapToTheNearestSegment() {
    Bounds box = new Bounds(10, 10, 20, 20);
    List<Point> route = List.of(new Point(0, 40), new Point(50, 40), new Point(50, 0));

    assertThat(Polylines.distance(box, route)).isEqualTo(10);
    assertThat(Polylines.grow(box, 2)).isEqualTo(new Bounds(8, 8, 24, 24));
  }
}
