"""Rule data of the extractor: lexicons, patterns, gazetteers (data only)."""
