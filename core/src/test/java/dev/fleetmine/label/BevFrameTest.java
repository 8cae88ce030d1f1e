package dev.fleetmine.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The BEV image frame of a Label Studio task, against hand-computed rectangles. */
class BevFrameTest {
  @Test
  void rectanglesOfAxisAlignedAndTurnedBoxes() {
    BevFrame f = BevFrame.around(0, 0);
    assertThat(f).isEqualTo(new BevFrame(-80, 80, 0.1, 1600));
    // centre (10, 5) m -> pixel (900, 750); 4 x 2 m -> 40 x 20 px; top-left (880, 740); 1 px = 0.0625 %
    BevFrame.Rect east = f.toRect(10, 5, 4, 2, 0);
    assertThat(east).isEqualTo(new BevFrame.Rect(55, 46.25, 2.5, 1.25, 0));
    // heading +y (image up): 270 degrees clockwise about the corner, which is then at pixel (890, 770)
    BevFrame.Rect north = f.toRect(10, 5, 4, 2, Math.PI / 2);
    assertThat(north.rotation()).isEqualTo(270.0);
    assertThat(north.x()).isCloseTo(55.625, within(1e-12));
    assertThat(north.y()).isCloseTo(48.125, within(1e-12));
    assertThat(north.width()).isEqualTo(2.5);
    assertThat(north.height()).isEqualTo(1.25);
  }
}
