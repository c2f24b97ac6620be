"""Property-based tests over every server callback and every route of the running app (hypothesis)."""
