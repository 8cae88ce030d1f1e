package dev.fleetmine.ingest;

import java.util.Locale;
import java.util.Map;

/**
 * The one normalized object taxonomy of the lake. Every importer maps its own labels here and keeps the
 * original label in {@code raw_label}; docs/schema.md lists the mapping per source.
 */
public enum Category {
  CAR("car", true),
  TRUCK("truck", true),
  BUS("bus", true),
  MOTORCYCLE("motorcycle", true),
  OTHER_VEHICLE("other_vehicle", true),
  PEDESTRIAN("pedestrian", false),
  CYCLIST("cyclist", false),
  MOTORCYCLIST("motorcyclist", false),
  BICYCLE("bicycle", false),
  ANIMAL("animal", false),
  STATIC_OBJECT("static_object", false),
  UNKNOWN("unknown", false),
  DONT_CARE("dont_care", false);

  private final String sqlName;
  private final boolean vehicle;

  Category(String sqlName, boolean vehicle) {
    this.sqlName = sqlName;
    this.vehicle = vehicle;
  }

  /** The value stored in the {@code category} column. */
  public String sqlName() {
    return sqlName;
  }

  /** Whether this is a motor vehicle (car, truck, bus, motorcycle, other vehicle). */
  public boolean isVehicle() {
    return vehicle;
  }

  private static final Map<String, Category> AV2 = Map.ofEntries(
      Map.entry("REGULAR_VEHICLE", CAR),
      Map.entry("LARGE_VEHICLE", TRUCK),
      Map.entry("BOX_TRUCK", TRUCK),
      Map.entry("TRUCK", TRUCK),
      Map.entry("TRUCK_CAB", TRUCK),
      Map.entry("VEHICULAR_TRAILER", OTHER_VEHICLE),
      Map.entry("BUS", BUS),
      Map.entry("SCHOOL_BUS", BUS),
      Map.entry("ARTICULATED_BUS", BUS),
      Map.entry("RAILED_VEHICLE", OTHER_VEHICLE),
      Map.entry("MOTORCYCLE", MOTORCYCLE),
      Map.entry("MOTORCYCLIST", MOTORCYCLIST),
      Map.entry("BICYCLE", BICYCLE),
      Map.entry("BICYCLIST", CYCLIST),
      Map.entry("WHEELED_RIDER", CYCLIST),
      Map.entry("PEDESTRIAN", PEDESTRIAN),
      Map.entry("OFFICIAL_SIGNALER", PEDESTRIAN),
      Map.entry("WHEELCHAIR", PEDESTRIAN),
      Map.entry("STROLLER", PEDESTRIAN),
      Map.entry("WHEELED_DEVICE", STATIC_OBJECT),
      Map.entry("DOG", ANIMAL),
      Map.entry("ANIMAL", ANIMAL),
      Map.entry("BOLLARD", STATIC_OBJECT),
      Map.entry("CONSTRUCTION_CONE", STATIC_OBJECT),
      Map.entry("CONSTRUCTION_BARREL", STATIC_OBJECT),
      Map.entry("STOP_SIGN", STATIC_OBJECT),
      Map.entry("SIGN", STATIC_OBJECT),
      Map.entry("MESSAGE_BOARD_TRAILER", STATIC_OBJECT),
      Map.entry("MOBILE_PEDESTRIAN_SIGN", STATIC_OBJECT),
      Map.entry("MOBILE_PEDESTRIAN_CROSSING_SIGN", STATIC_OBJECT),
      Map.entry("TRAFFIC_LIGHT_TRAILER", STATIC_OBJECT));

  /** Argoverse 2 sensor-dataset category (upper snake case) to the taxonomy. */
  public static Category fromArgoverse2(String label) {
    return AV2.getOrDefault(label, UNKNOWN);
  }

  /** Argoverse 2 motion-forecasting {@code object_type}. */
  public static Category fromArgoverse2Motion(String objectType) {
    return switch (objectType) {
      case "vehicle" -> CAR;
      case "bus" -> BUS;
      case "pedestrian" -> PEDESTRIAN;
      case "cyclist" -> CYCLIST;
      case "motorcyclist" -> MOTORCYCLIST;
      case "riderless_bicycle" -> BICYCLE;
      case "static", "background", "construction" -> STATIC_OBJECT;
      default -> UNKNOWN;
    };
  }

  /** KITTI label type (Car, Van, Truck, Pedestrian, Person_sitting, Cyclist, Tram, Misc, DontCare). */
  public static Category fromKitti(String type) {
    return switch (type) {
      case "Car", "Van" -> CAR;
      case "Truck" -> TRUCK;
      case "Pedestrian", "Person_sitting", "Person" -> PEDESTRIAN;
      case "Cyclist" -> CYCLIST;
      case "Tram" -> OTHER_VEHICLE;
      case "DontCare" -> DONT_CARE;
      default -> UNKNOWN;
    };
  }

  /** Waymo Open Motion {@code Track.ObjectType}: 1 vehicle, 2 pedestrian, 3 cyclist, 4 other. */
  public static Category fromWaymo(int objectType) {
    return switch (objectType) {
      case 1 -> CAR;
      case 2 -> PEDESTRIAN;
      case 3 -> CYCLIST;
      case 4 -> UNKNOWN;
      default -> UNKNOWN;
    };
  }

  /** The category whose stored name is {@code name} (case-insensitive). */
  public static Category fromSqlName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (Category c : values()) {
      if (c.sqlName.equals(n)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown category '" + name + "'");
  }
}
