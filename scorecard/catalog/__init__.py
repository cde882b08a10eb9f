"""The core's message catalogue in parts by subject (``scorecard.messages`` joins them)."""
