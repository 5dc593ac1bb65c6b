"""Text layer: normalisation with an offset map, segmentation, transliteration."""
