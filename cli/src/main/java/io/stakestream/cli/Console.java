package io.stakestream.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** Where a command prints, what environment it sees and which directory it was called from; tests pass their own. */
public record Console(PrintStream out, PrintStream err, Map<String, String> env) {

    public static final String DEFAULT_BOOTSTRAP = "localhost:19092";
    public static final String DEFAULT_REGISTRY = "http://localhost:8081";
    public static final String DEFAULT_API = "http://localhost:8080";
    /** Set by the ./stakestream script, which cd's into the repository to build: the caller's own directory. */
    public static final String CWD_ENV = "STAKESTREAM_CWD";

    public String bootstrap(String given) {
        return given != null ? given : env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP);
    }

    public String registry(String given) {
        return given != null ? given : env.getOrDefault("SCHEMA_REGISTRY_URL", DEFAULT_REGISTRY);
    }

    public String api(String given) {
        String url = given != null ? given : env.getOrDefault("STAKESTREAM_API", DEFAULT_API);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A path the user typed, relative to the directory they typed it in (not the repository's). */
    public Path path(String typed) {
        Path p = Path.of(typed);
        if (p.isAbsolute()) {
            return p;
        }
        String cwd = env.get(CWD_ENV);
        return cwd == null || cwd.isBlank() ? p.toAbsolutePath() : Path.of(cwd).resolve(p);
    }
}
