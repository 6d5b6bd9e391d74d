"""The service-capability report (服务能力): figures computed from the catalogue (docs/report.md)."""
