package io.stakestream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Reads the ledger through the streams-app REST API and prints its JSON. */
final class QueryCommand implements Subcommand {

    private static final List<Args.Option> OPTIONS = List.of(Console.API);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "query";
    }

    @Override
    public String summary() {
        return "read pools and positions: query pool ID | position POOL ACCOUNT | account ACCOUNT | pools";
    }

    @Override
    public String help() {
        return """
                usage: stakestream query pools                    every pool, largest stake first
                       stakestream query pool POOL_ID             one pool (T, S, commission, USDC index, ...)
                       stakestream query position POOL_ID ACCOUNT  a position: value, pending unstakes, owed USDC
                       stakestream query account ACCOUNT          every position of an account

                Amounts are base units (tokens 18 decimals, USDC 6). ACCOUNT is 64 hex characters (stakestream account --key FILE).

                """ + Args.optionsHelp(OPTIONS);
    }

    @Override
    public int run(List<String> argv, Console console) throws IOException, InterruptedException {
        Args args = Args.parse("query", argv, OPTIONS);
        List<String> p = args.positionals();
        if (p.isEmpty()) {
            throw new UsageException("what to query? pools | pool POOL_ID | position POOL_ID ACCOUNT | account ACCOUNT");
        }
        String path = switch (p.get(0)) {
            case "pools" -> {
                args.noMorePositionals(1);
                yield "/pools?sort=stake";
            }
            case "pool" -> {
                need(p, 2, "query pool POOL_ID");
                yield "/pools/" + enc(p.get(1));
            }
            case "position" -> {
                need(p, 3, "query position POOL_ID ACCOUNT");
                yield "/pools/" + enc(p.get(1)) + "/positions/" + p.get(2);
            }
            case "account" -> {
                need(p, 2, "query account ACCOUNT");
                yield "/accounts/" + p.get(1) + "/positions";
            }
            default -> throw new UsageException("cannot query '" + p.get(0) + "': pools | pool | position | account");
        };
        HttpResponse<String> res = get(console.api(args), path);
        if (res.statusCode() == 200) {
            console.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(res.body())));
            return 0;
        }
        return failure(console, "query", res);
    }

    /** GET api + path; says what to do when nothing answers. */
    static HttpResponse<String> get(String api, String path) throws IOException, InterruptedException {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException("nothing answers at " + api
                    + ": start the streams-app (docker compose up) or pass --api http://HOST:PORT");
        }
    }

    /** Prints the API's error for a non-200 answer; returns the exit code. */
    static int failure(Console console, String command, HttpResponse<String> res) {
        String message = res.body();
        try {
            message = JSON.readTree(res.body()).path("error").asText(res.body());
        } catch (IOException notJson) {
            // keep the raw body
        }
        String hint = res.statusCode() == 503 ? " (the ledger is starting or rebalancing: try again in a second)" : "";
        console.err().println("stakestream " + command + ": " + res.statusCode() + " " + message + hint);
        return 1;
    }

    private static void need(List<String> p, int n, String usage) {
        if (p.size() != n) {
            throw new UsageException("usage: stakestream " + usage);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
