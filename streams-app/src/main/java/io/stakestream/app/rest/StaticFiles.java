package io.stakestream.app.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's static files and the OpenAPI document, from the classpath ({@code /dashboard/*},
 * {@code /openapi.json}). Only names in the dashboard directory are served, so a path can never
 * reach another resource.
 */
final class StaticFiles {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", Reply.JSON_TYPE,
            "svg", "image/svg+xml");

    private StaticFiles() {
    }

    /** {@code []} and {@code [dashboard]} are the dashboard's index page. */
    static Reply get(List<String> segments) {
        String resource;
        if (segments.equals(List.of("openapi.json"))) {
            resource = "openapi.json";
        } else if (segments.size() <= 1) {
            resource = "dashboard/index.html";
        } else if (segments.size() == 2 && segments.get(1).matches("[a-z0-9-]+\\.[a-z]+")) {
            resource = "dashboard/" + segments.get(1);
        } else {
            return Reply.error(404, "no such file: /" + String.join("/", segments), false);
        }
        String type = TYPES.get(resource.substring(resource.lastIndexOf('.') + 1));
        try (InputStream in = StaticFiles.class.getResourceAsStream("/" + resource)) {
            if (in == null || type == null) {
                return Reply.error(404, "no such file: /" + String.join("/", segments), false);
            }
            return new Reply(200, type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
