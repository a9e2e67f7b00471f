"""Data protection: subject access, retention and data requests (issue 17)."""
