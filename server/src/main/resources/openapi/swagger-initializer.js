// Swagger UI start script of 帮扶账本 (replaces the webjar's demo one).
// A file served from our own origin, never inline: the Content-Security-Policy allows only
// script-src 'self'. validatorUrl null: the UI must not send our document to an outside validator.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    persistAuthorization: false,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout"
  });
};
