"""Per-sentence extractors: entities, quantities, dates, attribution and agency."""
