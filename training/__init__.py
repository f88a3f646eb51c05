"""Training and scoring of citeres' reference models (not part of the installed package)."""
