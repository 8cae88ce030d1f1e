package dev.fleetmine.synth;

import java.util.List;

/** The two kinds of road a synthetic log is driven on, with their fixed parameters. */
enum RoadKind {
  URBAN("urban", 13.4, List.of("synth-city-a", "synth-city-b"),
      new double[] {0.32, 0.28, 0.28, 0.12}),
  HIGHWAY("highway", 27.8, List.of("synth-highway"), new double[] {0.55, 0.45, 0, 0});

  /** Lateral acceleration the speed profile allows in turns, m/s^2. */
  static final double TURN_LATERAL_ACCEL = 2.0;

  final String label;
  final double speedLimit;
  final List<String> locations;
  /** Share of the object density per class: same-direction vehicles, oncoming vehicles, pedestrians, cyclists. */
  final double[] classShares;

  RoadKind(String label, double speedLimit, List<String> locations, double[] classShares) {
    this.label = label;
    this.speedLimit = speedLimit;
    this.locations = locations;
    this.classShares = classShares;
  }

  /** Speed the profile allows on an arc of this radius (path speed of the ego lane). */
  double turnSpeed(double radius) {
    return Math.min(speedLimit, Math.sqrt(TURN_LATERAL_ACCEL * radius));
  }
}
