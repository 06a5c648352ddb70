"""`leadrules diff`: what a change to a scheme means, not which characters moved.

`diff_schemes(old, new)` pairs the statuses of two resolved schemes (by name, by `migrate`
lines, and by structure for renames nobody declared), compares everything they declare and
classes each change as breaking, behavioural or cosmetic. `impact` adds what the change does
under a scenario (simulated with common random numbers) and to the lint findings; the
`report_*` modules write the result as text, JSON or a Markdown pull-request comment.
"""

from leadrules.diff.model import Change, ChangeClass, SchemeDiff
from leadrules.diff.run import diff_schemes

__all__ = ["Change", "ChangeClass", "SchemeDiff", "diff_schemes"]
