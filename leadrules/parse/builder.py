"""The complete tree → model builder (scheme, status and scenario rules together)."""

from leadrules.parse.build_scenario import ScenarioBuilder
from leadrules.parse.build_scheme import SchemeBuilder
from leadrules.parse.build_status import StatusBuilder


class Builder(SchemeBuilder, StatusBuilder, ScenarioBuilder):
    """Turns a parse tree of either start symbol into a `Scheme` or a `Scenario`."""
