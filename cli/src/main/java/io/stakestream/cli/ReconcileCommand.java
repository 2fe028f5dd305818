package io.stakestream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

/** Prints the custody reconciliation (GET /reconciliation): per asset, deposited = held + paid out. */
final class ReconcileCommand implements Subcommand {

    private static final List<Args.Option> OPTIONS = List.of(Console.API);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "reconcile";
    }

    @Override
    public String summary() {
        return "check the books: per asset, deposited through custody = held by the ledger + paid out";
    }

    @Override
    public String help() {
        return """
                usage: stakestream reconcile

                Asks any streams-app instance for the reconciliation across all pools and partitions (it asks
                the other instances for theirs) and prints, per asset, what custody deposited, what the ledger
                holds (stake, pending unstakes, commission, dust, free balances, reward vault) and what it paid
                out (settled and not yet settled), then "balanced: true" or the difference. Exits 1 when the
                books do not balance. Amounts are base units.

                """ + Args.optionsHelp(OPTIONS);
    }

    @Override
    public int run(List<String> argv, Console console) throws IOException, InterruptedException {
        Args args = Args.parse("reconcile", argv, OPTIONS);
        args.noMorePositionals(0);
        HttpResponse<String> res = QueryCommand.get(console.api(args), "/reconciliation");
        if (res.statusCode() != 200) {
            return QueryCommand.failure(console, "reconcile", res);
        }
        var books = JSON.readTree(res.body());
        ReconciliationText.print(books, console.out());
        return books.path("balanced").asBoolean() ? 0 : 1;
    }
}
