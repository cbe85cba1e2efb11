"""Load: read rule, data and scenario files from disk, keeping positions for errors."""
