"""The `puspa` command: a thin front door, one module per command group."""
