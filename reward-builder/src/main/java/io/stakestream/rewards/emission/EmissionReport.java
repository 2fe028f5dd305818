package io.stakestream.rewards.emission;

import io.stakestream.avro.EmissionSchedule;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;

/** What {@code stakestream rewards emission --epoch N} prints: anyone can recompute an epoch's emission. */
public final class EmissionReport {
    private EmissionReport() {}

    /** @param file a schedule file, or null for Inference.net's default */
    public static String of(long epoch, Path file) throws IOException {
        EmissionSchedule schedule = file == null ? EmissionFiles.inferenceNet() : EmissionFiles.read(file);
        BigInteger tokens = Emission.perEpoch(schedule, epoch);
        String source = file == null ? "Inference.net's default (" + EmissionFiles.INFERENCE_NET + ")" : file.toString();
        return "epoch " + epoch + ": " + tokens + " base units (" + schedule.getForm() + " schedule, " + source + ")\n"
                + "slashed tokens redistributed in the epoch are added to this; the epoch's reward root states the total";
    }
}
