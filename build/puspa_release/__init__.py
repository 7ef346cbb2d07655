"""What leaves the building: dist/ (portal and reply index), the Lambda bundle, the eval figures."""
