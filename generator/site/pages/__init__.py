"""Page builders: each module returns {path under docs/atlas/: content}."""
