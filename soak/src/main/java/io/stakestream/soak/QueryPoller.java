package io.stakestream.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stakestream.avro.LedgerEvent;
import io.stakestream.protocol.crypto.Hex;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Asks the living instances throughout a soak for pools ({@code GET /pools/{pool}}) and delegators'
 * positions ({@code GET /pools/{pool}/positions/{account}}), on whichever instance: a key it does
 * not own is forwarded, and keeps every answer. An answer is correct when it is 503 with
 * {@code "retryable": true}, or when its number is one the key passed through in the uninterrupted
 * reference run, as its committed events carry it, in order: a pool's (totalStake, totalShares), a
 * position's shares (only a delegator's own commands change those). A number outside that history,
 * or a 404 for a key that was answered before, is wrong. Reading a store also shows writes of a
 * transaction not yet committed, so after a kill a key may be answered at an earlier point of its
 * history than before (its replacement restored the committed state): such regressions are counted,
 * not wrong.
 */
final class QueryPoller implements AutoCloseable {

    /** One answer: {@code key} is "pool" or "pool/account"; {@code state} is set for 200s. */
    record Answer(long atNanos, int slot, String key, int status, String state) {
    }

    /** How the answers compare with the reference. */
    record Verdict(int answers, int served, int retryable, int unreachable, int notFoundBeforeCreated, int regressions,
                   long longestWithoutNumberMs, List<String> wrong) {
    }

    /** Keys of the two answers that cover every partition: the books, and the ranking of every pool. */
    static final String RECONCILIATION = "reconciliation";
    static final String RANKING = "pools";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final SoakInstances instances;
    private final List<String> pools;
    private final List<String> delegators;
    private final Random random;
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final List<String> malformed = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;

    /** @param delegators account hex of accounts that only ever act as delegators */
    QueryPoller(SoakInstances instances, List<String> pools, List<String> delegators, long seed, Duration every) {
        this.instances = instances;
        this.pools = pools;
        this.delegators = delegators;
        this.random = new Random(seed);
        this.thread = new Thread(() -> loop(every), "soak-query-poller");
        thread.setDaemon(true);
    }

    QueryPoller start() {
        thread.start();
        return this;
    }

    private void loop(Duration every) {
        while (running) {
            int slot = random.nextInt(instances.count());
            String pool = pools.get(random.nextInt(pools.size()));
            int pick = random.nextInt(10);
            String key = pick == 0 ? RECONCILIATION : pick == 1 ? RANKING : pick < 6 ? pool
                    : pool + "/" + delegators.get(random.nextInt(delegators.size()));
            LedgerProcess p = instances.live(slot);
            if (p != null) {
                ask(slot, p, key);
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void ask(int slot, LedgerProcess p, String key) {
        boolean position = key.contains("/");
        String path = key.equals(RECONCILIATION) ? "/reconciliation" : key.equals(RANKING) ? "/pools?sort=stake"
                : position ? "/pools/" + key.replace("/", "/positions/") : "/pools/" + key;
        long at = System.nanoTime();
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(p.restUrl() + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = res.body().isBlank() ? JSON.nullNode() : JSON.readTree(res.body());
            if (res.statusCode() == 200 && key.equals(RECONCILIATION)) {
                add(new Answer(at, slot, key, 200, body.path("balanced").asBoolean() + " " + body.path("partitions")));
            } else if (res.statusCode() == 200 && key.equals(RANKING)) {
                // the ranking scans every instance: each pool in it is judged like a single answer, and the list must be whole
                add(new Answer(at, slot, key, 200, Integer.toString(body.size())));
                body.forEach(row -> add(new Answer(at, slot, row.path("poolId").asText(), 200, poolState(row))));
            } else if (res.statusCode() == 200) {
                add(new Answer(at, slot, key, 200, position ? body.path("shares").asText(null) : poolState(body)));
            } else {
                if (res.statusCode() == 503 && !body.path("retryable").asBoolean(false)) {
                    malformed.add("503 without retryable=true from instance " + slot + " for " + path + ": " + res.body());
                }
                add(new Answer(at, slot, key, res.statusCode(), null));
            }
        } catch (IOException e) {
            // the instance went down between the look-up and the request (killed, or the broker restart took it down)
            add(new Answer(at, slot, key, -1, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String poolState(JsonNode pool) {
        return pool.path("totalStake").asText(null) + "/" + pool.path("totalShares").asText(null);
    }

    void add(Answer a) {
        answers.add(a);
    }

    /** Judges every answer against the histories of the reference run's committed events. */
    Verdict judge(List<LedgerEvent> referenceEvents, int partitions) {
        return judge(histories(referenceEvents), partitions);
    }

    /** key -> its state after each of its committed events, in order: "stake/shares" per pool, shares per "pool/account". */
    static Map<String, List<String>> histories(List<LedgerEvent> events) {
        Map<String, List<String>> history = new HashMap<>();
        for (LedgerEvent e : events) {
            if (e.getPool() != null) {
                history.computeIfAbsent(e.getPool().getPoolId(), k -> new ArrayList<>())
                        .add(e.getPool().getTotalStake().toBigInteger() + "/" + e.getPool().getTotalShares().toBigInteger());
            }
            if (e.getPosition() != null) {
                var p = e.getPosition();
                history.computeIfAbsent(p.getPoolId() + "/" + Hex.encode(bytes(p.getAccount())), k -> new ArrayList<>())
                        .add(p.getShares().toBigInteger().toString());
            }
        }
        return history;
    }

    private static byte[] bytes(java.nio.ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** @param partitions every reconciliation must cover them all, and balance */
    Verdict judge(Map<String, List<String>> history, int partitions) {
        String balanced = "true " + java.util.stream.IntStream.range(0, partitions).boxed().toList().toString().replace(" ", "");
        List<String> wrong = new ArrayList<>(malformed);
        Map<String, Integer> reached = new HashMap<>();
        int served = 0, retryable = 0, unreachable = 0, notFound = 0, regressions = 0;
        long lastServed = -1, longestGap = 0;
        List<Answer> all = new ArrayList<>(answers());
        all.sort(Comparator.comparingLong(Answer::atNanos));
        for (Answer a : all) {
            switch (a.status()) {
                case 200 -> {
                    if (a.key().equals(RECONCILIATION) || a.key().equals(RANKING)) {
                        String whole = a.key().equals(RECONCILIATION) ? balanced : Integer.toString(reached.getOrDefault(RANKING, 0));
                        if (a.key().equals(RANKING) ? Integer.parseInt(a.state()) < Integer.parseInt(whole) : !a.state().equals(whole)) {
                            wrong.add("instance " + a.slot() + " answered " + a.key() + " with " + a.state() + " where " + whole + " was due");
                        }
                        reached.merge(a.key(), a.key().equals(RANKING) ? Integer.parseInt(a.state()) : 0, Math::max);
                        continue;
                    }
                    served++;
                    longestGap = lastServed < 0 ? 0 : Math.max(longestGap, (a.atNanos() - lastServed) / 1_000_000);
                    lastServed = a.atNanos();
                    List<String> h = history.getOrDefault(a.key(), List.of());
                    int at = indexFrom(h, a.state(), reached.getOrDefault(a.key(), 0));
                    if (at < 0) {
                        at = h.lastIndexOf(a.state());
                        if (at < 0) {
                            wrong.add("instance " + a.slot() + " answered " + a.key() + " with " + a.state() + ", a state the reference never had");
                            continue;
                        }
                        regressions++;
                    }
                    reached.put(a.key(), at);
                }
                case 503 -> retryable++;
                case 404 -> {
                    if (reached.containsKey(a.key())) {
                        wrong.add("instance " + a.slot() + " answered 404 for " + a.key() + ", which it had answered before");
                    } else {
                        notFound++;
                    }
                }
                case -1 -> unreachable++;
                default -> wrong.add("instance " + a.slot() + " answered " + a.status() + " for " + a.key());
            }
        }
        return new Verdict(all.size(), served, retryable, unreachable, notFound, regressions, longestGap, wrong);
    }

    private static int indexFrom(List<String> h, String state, int from) {
        for (int i = from; i < h.size(); i++) {
            if (h.get(i).equals(state)) {
                return i;
            }
        }
        return -1;
    }

    List<Answer> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }
}
