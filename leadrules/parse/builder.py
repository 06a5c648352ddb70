"""The complete tree → model transformer (scheme and scenario rules together)."""

from leadrules.parse.build_scenario import ScenarioBuilder
from leadrules.parse.build_scheme import SchemeBuilder


class Builder(SchemeBuilder, ScenarioBuilder):
    """Turns a parse tree of either start symbol into a `Scheme` or a `Scenario`."""
