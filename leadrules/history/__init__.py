"""Real status history: read it (CSV, XES), check it against a scheme, measure the funnel,
calibrate scenarios from it and backtest them."""
