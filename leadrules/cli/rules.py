"""`leadrules rules [CODE|NAME]`: the rule list, or one rule's documentation."""

from __future__ import annotations

import click

from leadrules.cli.exit import Exit
from leadrules.lint import all_rules, find_rule
from leadrules.suggest import did_you_mean


def show_rules(key: str | None) -> Exit:
    if key is None:
        group = None
        for module in sorted(all_rules(), key=lambda m: m.rule.code):
            rule = module.rule
            if rule.group != group:
                click.echo(f"{'' if group is None else chr(10)}{rule.group}")
                group = rule.group
            click.echo(f"  {rule.code}  {rule.name:<36} {rule.severity!s:<8} {rule.summary}")
        click.echo("\nShow one rule: leadrules rules NAME (or CODE)")
        return Exit.CLEAN
    found = find_rule(key)
    if found is None:
        hint = did_you_mean(key, [m.rule.name for m in all_rules()])
        click.echo(f"leadrules: no rule '{key}'" + (f"; {hint}" if hint else ""), err=True)
        return Exit.BAD_INPUT
    module, rule = found, found.rule
    click.echo(f"{rule.code} {rule.name} ({rule.group}, {rule.severity} by default)\n")
    click.echo(module.doc)
    if rule.options:
        click.echo("\nOptions and defaults:")
        for name, opt in rule.options.items():
            click.echo(f"  {name} = {opt.default!r}: {opt.help}")
    return Exit.CLEAN
