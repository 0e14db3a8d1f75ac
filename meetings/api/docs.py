"""Swagger UI for the schema, from this site's own static files (drf-spectacular-sidecar) and
with no inline script or style, so the site's Content-Security-Policy holds on it too."""

from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularSwaggerSplitView


# Swagger UI's stylesheet draws its icons as data: SVG images; nothing else is widened.
@method_decorator(csp_update({"img-src": ["data:"]}), name="dispatch")
class ApiDocs(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    title = "Summitry API"
