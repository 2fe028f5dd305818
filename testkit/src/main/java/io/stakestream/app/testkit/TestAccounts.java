package io.stakestream.app.testkit;

import io.stakestream.protocol.crypto.AccountKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Deterministic Ed25519 keys by name: the same name is the same account in every run. */
public final class TestAccounts {

    public static final AccountKey ADMIN = named("admin");
    public static final AccountKey SLASHER = named("slasher");
    public static final AccountKey HALTER = named("halter");
    public static final AccountKey REWARDER = named("rewarder");
    public static final AccountKey TREASURY = named("treasury");
    /** The custody service: plays the chain indexer in tests, depositing what actors stake. */
    public static final AccountKey CUSTODY = named("custody");
    /** A second custody key: the test driver's own indexer, so its nonces never meet a test's custody commands. */
    public static final AccountKey INDEXER = named("custody-indexer");

    private TestAccounts() {
    }

    public static AccountKey named(String name) {
        try {
            byte[] seed = MessageDigest.getInstance("SHA-256").digest(("stakestream-test/" + name).getBytes(StandardCharsets.UTF_8));
            return AccountKey.fromSeed(seed);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
