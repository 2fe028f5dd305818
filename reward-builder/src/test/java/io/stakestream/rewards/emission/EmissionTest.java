package io.stakestream.rewards.emission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stakestream.avro.EmissionSchedule;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class EmissionTest {
    static final EmissionSchedule INFERENCE_NET = EmissionFiles.inferenceNet();

    static BigInteger at(long epoch) {
        return Emission.perEpoch(INFERENCE_NET, epoch);
    }

    static EmissionSchedule parse(String json) throws Exception {
        return EmissionFiles.parse(new ObjectMapper().readTree(json));
    }

    @Test
    void inferenceNetsScheduleAtTheBoundaries() {
        // 5e17 = 300 x 1666666666666666 + 200: epochs 1..200 get one unit more
        assertThat(at(0)).as("before the first epoch").isZero();
        assertThat(at(1)).isEqualTo(new BigInteger("1666666666666667"));
        assertThat(at(200)).isEqualTo(new BigInteger("1666666666666667"));
        assertThat(at(201)).isEqualTo(new BigInteger("1666666666666666"));
        assertThat(at(300)).isEqualTo(new BigInteger("1666666666666666"));
        // 4e17 = 300 x 1333333333333333 + 100
        assertThat(at(301)).isEqualTo(new BigInteger("1333333333333334"));
        assertThat(at(400)).isEqualTo(new BigInteger("1333333333333334"));
        assertThat(at(401)).isEqualTo(new BigInteger("1333333333333333"));
        // 3e17 divides evenly; 1e17 = 300 x 333333333333333 + 100, epoch 1500 is its 300th
        assertThat(at(601)).isEqualTo(new BigInteger("1000000000000000"));
        assertThat(at(1500)).isEqualTo(new BigInteger("333333333333333"));
        assertThat(at(1501)).isZero();
        assertThat(at(1_000_000)).isZero();
    }

    @Test
    void everySuperEpochSumsToItsTotalAndTheWholeScheduleTo15e17() {
        BigInteger all = BigInteger.ZERO;
        for (int k = 0; k < 5; k++) {
            BigInteger sum = BigInteger.ZERO;
            for (long e = 1 + 300L * k; e <= 300L * (k + 1); e++) sum = sum.add(at(e));
            assertThat(sum).isEqualTo(BigInteger.valueOf(5 - k).multiply(BigInteger.TEN.pow(17)));
            all = all.add(sum);
        }
        assertThat(all).isEqualTo(new BigInteger("1500000000000000000"));
    }

    @Property(tries = 200)
    void aSuperEpochAlwaysEmitsExactlyItsTotal(@ForAll @LongRange(min = 0, max = 4_000_000_000_000_000_000L) long total,
                                               @ForAll @IntRange(min = 1, max = 400) int length,
                                               @ForAll @LongRange(min = 0, max = 1_000) long first) throws Exception {
        EmissionSchedule s = parse("{\"form\":\"SUPER_EPOCHS\",\"firstEpoch\":" + first + ",\"superEpochLength\":" + length
                + ",\"superEpochTotals\":[\"" + total + "\"]}");
        BigInteger sum = BigInteger.ZERO;
        BigInteger previous = null;
        for (long e = first; e < first + length; e++) {
            BigInteger v = Emission.perEpoch(s, e);
            if (previous != null) assertThat(v).as("never rises within a super-epoch").isLessThanOrEqualTo(previous);
            previous = v;
            sum = sum.add(v);
        }
        assertThat(sum).isEqualTo(BigInteger.valueOf(total));
        assertThat(Emission.perEpoch(s, first + length)).isZero();
    }

    @Test
    void theTableFormHoldsEachStepUntilTheNext() throws Exception {
        EmissionSchedule s = parse("{\"form\":\"TABLE\",\"table\":[{\"fromEpoch\":5,\"tokensPerEpoch\":\"1000\"},"
                + "{\"fromEpoch\":10,\"tokensPerEpoch\":\"400\"},{\"fromEpoch\":20,\"tokensPerEpoch\":\"0\"}]}");
        assertThat(Emission.perEpoch(s, 4)).isZero();
        assertThat(Emission.perEpoch(s, 5)).isEqualTo(1000);
        assertThat(Emission.perEpoch(s, 9)).isEqualTo(1000);
        assertThat(Emission.perEpoch(s, 10)).isEqualTo(400);
        assertThat(Emission.perEpoch(s, 19)).isEqualTo(400);
        assertThat(Emission.perEpoch(s, 20)).isZero();
    }

    @Test
    void theDecayFormIsTheClosedFormRoundedDown() throws Exception {
        EmissionSchedule s = parse("{\"form\":\"DECAY\",\"firstEpoch\":1,\"decayInitial\":\"1000\",\"decayKeepPpm\":900000}");
        assertThat(Emission.perEpoch(s, 0)).isZero();
        assertThat(Emission.perEpoch(s, 1)).isEqualTo(1000);
        assertThat(Emission.perEpoch(s, 2)).isEqualTo(900);
        assertThat(Emission.perEpoch(s, 3)).isEqualTo(810);
        assertThat(Emission.perEpoch(s, 4)).isEqualTo(729);
        assertThat(Emission.perEpoch(s, 5)).as("656.1 rounds down").isEqualTo(656);
        assertThat(Emission.perEpoch(s, 7)).as("531.441, not 656 x 0.9 x 0.9 = 531.36").isEqualTo(531);
    }

    @Test
    void aNetworkWithoutItsOwnScheduleUsesInferenceNets() {
        assertThat(Emission.orDefault(null)).isEqualTo(INFERENCE_NET);
        EmissionSchedule own = EmissionSchedule.newBuilder(INFERENCE_NET).setFirstEpoch(7).build();
        assertThat(Emission.orDefault(own)).isSameAs(own);
    }

    @Test
    void aBadScheduleSaysWhatToFix() {
        assertThatThrownBy(() -> parse("{\"form\":\"SUPER_EPOCHS\",\"superEpochTotals\":[\"1\"]}"))
                .hasMessageContaining("superEpochLength > 0");
        assertThatThrownBy(() -> parse("{\"form\":\"TABLE\",\"table\":[{\"fromEpoch\":5,\"tokensPerEpoch\":\"1\"},{\"fromEpoch\":5,\"tokensPerEpoch\":\"2\"}]}"))
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> parse("{\"form\":\"DECAY\",\"decayInitial\":\"10\",\"decayKeepPpm\":2000000}"))
                .hasMessageContaining("decayKeepPpm");
        assertThatThrownBy(() -> parse("{\"form\":\"TABLE\",\"table\":[{\"fromEpoch\":0,\"tokensPerEpoch\":\"1.5\"}]}"))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> parse("{\"form\":\"LINEAR\"}")).hasMessageContaining("SUPER_EPOCHS, TABLE or DECAY");
        assertThatThrownBy(() -> parse("{\"form\":\"TABLE\",\"table\":[{\"fromEpoch\":0,\"tokensPerEpoch\":\"-1\"}]}"))
                .hasMessageContaining("non-negative");
    }
}
