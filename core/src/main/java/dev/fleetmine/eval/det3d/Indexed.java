package dev.fleetmine.eval.det3d;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ground truth and detections as int-indexed primitive columns: category and sample numbers, scores,
 * ignore flags and box columns. Categories are numbered in sorted name order.
 */
final class Indexed {
  final String[] categories;
  final int samples;
  final int[] gtCat;
  final int[] gtSample;
  final boolean[] gtIgnore;
  final int[] detCat;
  final int[] detSample;
  final double[] score;
  final BoxArrays gtBoxes;
  final BoxArrays detBoxes;

  Indexed(List<GroundTruth> gts, List<Detection> dets) {
    int ng = gts.size();
    int nd = dets.size();
    Map<String, Integer> catIds = new HashMap<>();
    Map<SampleKey, Integer> sampleIds = new HashMap<>();
    gtCat = new int[ng];
    gtSample = new int[ng];
    gtIgnore = new boolean[ng];
    detCat = new int[nd];
    detSample = new int[nd];
    score = new double[nd];
    Numberer<String> cats = new Numberer<>(catIds);
    Numberer<SampleKey> samplesNo = new Numberer<>(sampleIds);
    for (int j = 0; j < ng; j++) {
      GroundTruth g = gts.get(j);
      gtCat[j] = cats.id(g.category());
      gtSample[j] = samplesNo.id(g.sample());
      gtIgnore[j] = g.ignore();
    }
    for (int i = 0; i < nd; i++) {
      Detection d = dets.get(i);
      detCat[i] = cats.id(d.category());
      detSample[i] = samplesNo.id(d.sample());
      score[i] = d.score();
    }
    samples = sampleIds.size();
    categories = sortCategories(catIds);
    gtBoxes = BoxArrays.of(gts, GroundTruth::box);
    detBoxes = BoxArrays.of(dets, Detection::box);
  }

  /** Renumbers categories by sorted name; returns the names. */
  private String[] sortCategories(Map<String, Integer> catIds) {
    String[] names = catIds.keySet().toArray(new String[0]);
    Arrays.sort(names);
    int[] remap = new int[names.length];
    for (int k = 0; k < names.length; k++) {
      remap[catIds.get(names[k])] = k;
    }
    for (int j = 0; j < gtCat.length; j++) {
      gtCat[j] = remap[gtCat[j]];
    }
    for (int i = 0; i < detCat.length; i++) {
      detCat[i] = remap[detCat[i]];
    }
    return names;
  }

  List<String> categoryList() {
    return new ArrayList<>(Arrays.asList(categories));
  }

  /** Dense numbers for keys; remembers the last key because records of one sample usually come together. */
  private static final class Numberer<K> {
    private final Map<K, Integer> ids;
    private K last;
    private int lastId = -1;

    Numberer(Map<K, Integer> ids) {
      this.ids = ids;
    }

    int id(K key) {
      if (key.equals(last)) {
        return lastId;
      }
      Integer id = ids.get(key);
      if (id == null) {
        id = ids.size();
        ids.put(key, id);
      }
      last = key;
      lastId = id;
      return id;
    }
  }
}
