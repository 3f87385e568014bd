"""Is the record still honest: anchors re-found in changed snapshots, and `verify`."""
