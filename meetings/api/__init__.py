"""The read-only JSON API under /api/: published meetings and the reference data around them,
with an OpenAPI 3 schema and Swagger UI served from the site's own static files."""
