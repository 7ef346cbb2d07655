"""PUSPA content compiler: validate content/, then build the portal and the reply index."""
