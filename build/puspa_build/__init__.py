"""PUSPA content compiler: read and validate content/, render the reply index the bot serves."""
