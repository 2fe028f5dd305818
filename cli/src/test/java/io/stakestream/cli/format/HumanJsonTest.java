package io.stakestream.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stakestream.avro.Asset;
import io.stakestream.avro.GlobalParameters;
import io.stakestream.avro.Payout;
import io.stakestream.avro.PayoutKind;
import io.stakestream.avro.SlashPolicy;
import io.stakestream.cli.Units;
import io.stakestream.cli.demo.DemoParams;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import org.junit.jupiter.api.Test;

/** Amounts leave the CLI exactly: what it prints in tokens or dollars parses back to the same base units. */
class HumanJsonTest {

    private static final String MAX_UINT256 = "115792089237316195423570985008687907853269984665640564039457584007913129639935";

    @Property
    void aTokenAmountPrintedInTokensParsesBackToTheSameBaseUnits(@ForAll @BigRange(min = "0", max = MAX_UINT256) BigInteger base) {
        ObjectNode o = new HumanJson(false).record(payout(Asset.TOKEN, base));
        assertThat(Units.tokens(o.path("amount").asText()).toBigInteger()).isEqualTo(base);
    }

    @Property
    void aUsdcAmountPrintedInDollarsParsesBackToTheSameBaseUnits(@ForAll @BigRange(min = "0", max = MAX_UINT256) BigInteger base) {
        ObjectNode o = new HumanJson(false).record(payout(Asset.USDC, base));
        assertThat(Units.usdc(o.path("amount").asText()).toBigInteger()).isEqualTo(base);
    }

    @Property
    void baseUnitsStayAsTheLedgerWroteThem(@ForAll @BigRange(min = "0", max = MAX_UINT256) BigInteger base) {
        assertThat(new HumanJson(true).record(payout(Asset.USDC, base)).path("amount").asText()).isEqualTo(base.toString());
    }

    @Test
    void unitsFollowTheFieldTimesBecomeIso8601AndRatiosStay() {
        ObjectNode o = new HumanJson(false).record(payout(Asset.USDC, BigInteger.valueOf(12_500_000)));
        assertThat(o.path("amount").asText()).isEqualTo("12.5");
        assertThat(Instant.parse(o.path("timestamp").asText())).isEqualTo(Instant.ofEpochMilli(1_796_000_000_000L));
        assertThat(o.path("account").asText()).hasSize(64);

        ObjectNode pool = new HumanJson(false).humanize(JsonNodeOf.of("{\"totalStake\":\"1500250000000000000000\",\"usdcIndex\":\"123\","
                + "\"usdcBalance\":\"2000000\",\"scale\":\"1000000000000000000\",\"poolId\":\"42\",\"createdAt\":0}")).deepCopy();
        assertThat(pool.path("totalStake").asText()).isEqualTo("1500.25");
        assertThat(pool.path("usdcIndex").asText()).as("a ratio, not an amount").isEqualTo("123");
        assertThat(pool.path("usdcBalance").asText()).isEqualTo("2");
        assertThat(pool.path("scale").asText()).isEqualTo("1000000000000000000");
        assertThat(pool.path("poolId").asText()).as("a numeric id is no amount").isEqualTo("42");
        assertThat(pool.path("createdAt").asLong()).as("never is not a date").isZero();
    }

    @Test
    void theQueryApisJsonReadsBackIntoTheRecordItCameFrom() {
        GlobalParameters params = DemoParams.params(60, SlashPolicy.PRO_RATA, ByteBuffer.wrap(new byte[32]));
        JsonNode json = HumanJson.tree(params);
        GlobalParameters back = AvroFromJson.read(json, GlobalParameters.getClassSchema());
        assertThat(back).isEqualTo(params);
    }

    private static Payout payout(Asset asset, BigInteger amount) {
        return Payout.newBuilder().setPayoutId("p").setAccount(ByteBuffer.wrap(new byte[32])).setPoolId("atlas").setAsset(asset)
                .setKind(PayoutKind.UNSTAKE_CLAIM).setAmount(new BigDecimal(amount)).setCommandId("c").setTimestamp(1_796_000_000_000L)
                .build();
    }

    private static final class JsonNodeOf {
        static JsonNode of(String json) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }
}
