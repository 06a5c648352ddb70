"""leadrules: lead-status schemes as text — parse, check, draw and simulate them."""
