package io.stakestream.cli.up;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;

/** What `up` and `demo --keep` print once the stack answers: where everything is, and what to try next. */
public record Banner(String bootstrap, String registry, String api, Path dataDir, Path keysDir, String state, long epochSeconds) {

    public void print(PrintStream out, boolean json) {
        if (json) {
            ObjectNode o = JsonNodeFactory.instance.objectNode().put("status", "up").put("state", state).put("bootstrap", bootstrap)
                    .put("registry", registry).put("api", api).put("dataDir", String.valueOf(dataDir)).put("keysDir", keysDir.toString())
                    .put("epochSeconds", epochSeconds);
            out.println(o);
            return;
        }
        out.println("stakestream is up (" + state + ")");
        out.println("  bootstrap   " + bootstrap);
        out.println("  registry    " + registry);
        out.println("  query API   " + api);
        if (dataDir != null) {
            out.println("  data        " + dataDir + "  (broker log, registry, ledger state: the next start resumes from it)");
        }
        out.println("  keys        " + keysDir + "  (admin, slasher, halter, rewarder, reward-builder, treasury, custody, operator of pool "
                + Genesis.POOL + ")");
        out.println("  custody     " + keysDir.resolve("custody.key") + "  (plays the chain indexer: every token enters through a deposit)");
        out.println("  epochs      one closes every " + epochSeconds + " s (signed with rewarder.key); the reward job commits each"
                + " closed epoch's root and accruals (reward-builder.key), its tree at " + api + "/epochs/N/tree");
        out.println("From another terminal:");
        out.println("  ./stakestream keygen --out me.key");
        out.println("  ./stakestream deposit --key " + keysDir.resolve("custody.key") + " --pool " + Genesis.POOL + " --owner me.key --amount 100");
        out.println("  ./stakestream delegate --key me.key --pool " + Genesis.POOL + " --amount 100");
        out.println("  ./stakestream positions --key me.key");
        out.println("  ./stakestream tail events --from-beginning");
        out.println("Ctrl-C stops everything.");
    }
}
