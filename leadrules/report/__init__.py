"""Reports: diagnostics rendered for people (text) and, later, machines (json, sarif …)."""
