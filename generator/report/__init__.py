"""The service-capability report (服务能力): figures from the catalogue, docs/report.md."""
