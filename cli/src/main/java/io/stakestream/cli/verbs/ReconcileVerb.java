package io.stakestream.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.cli.ExitCode;
import io.stakestream.cli.format.ReconciliationText;
import io.stakestream.cli.Units;
import java.math.BigDecimal;
import java.math.BigInteger;
import picocli.CommandLine.Command;

/** `stakestream reconcile`: the custody identity (GET /reconciliation), per asset deposited = held + paid out. */
@Command(name = "reconcile", description = {"Check the books: per asset, what custody deposited = what the ledger holds + what it paid out.",
        "Exit 0 when every asset balances, 1 when one does not (the difference is printed)."})
public final class ReconcileVerb extends QueryVerbs.Query {

    @Override
    protected int run() throws InterruptedException {
        JsonNode books = api().get("/reconciliation", "");
        if (output.json()) {
            ObjectNode shown = books.deepCopy();
            shown.path("assets").fields().forEachRemaining(a -> inUnits((ObjectNode) a.getValue(), decimals(a.getKey())));
            console.out().println(shown);
        } else {
            ReconciliationText.print(books, console.out(), output.baseUnits()); // it turns base units into tokens and dollars itself
        }
        return books.path("balanced").asBoolean() ? ExitCode.OK : ExitCode.FAILED;
    }

    private int decimals(String asset) {
        return output.baseUnits() ? 0 : "USDC".equals(asset) ? Units.USDC_DECIMALS : Units.TOKEN_DECIMALS;
    }

    /** Every amount of one asset's books, exactly, in tokens or dollars (base units with --base-units). */
    private static void inUnits(ObjectNode node, int decimals) {
        node.fields().forEachRemaining(f -> {
            if (f.getValue().isObject()) {
                inUnits((ObjectNode) f.getValue(), decimals);
            } else if (f.getValue().isTextual() && f.getValue().asText().matches("-?\\d+")) {
                f.setValue(node.textNode(new BigDecimal(new BigInteger(f.getValue().asText())).movePointLeft(decimals)
                        .stripTrailingZeros().toPlainString()));
            }
        });
    }
}
