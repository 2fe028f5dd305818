package io.stakestream.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The soak's verdict on query answers: a number is right only if the pool had it in the reference run. */
class QueryPollerTest {

    private static final Map<String, List<String>> HISTORY = Map.of("gpu", List.of("100/100", "150/150", "150/120", "90/120"),
            "gpu/ab", List.of("50", "80"));

    private static QueryPoller poller(QueryPoller.Answer... answers) {
        QueryPoller p = new QueryPoller(null, List.of("gpu"), List.of("ab"), 1L, Duration.ofMillis(40));
        for (QueryPoller.Answer a : answers) {
            p.add(a);
        }
        return p;
    }

    private static QueryPoller.Answer served(long at, String stake, String shares) {
        return new QueryPoller.Answer(at, 0, "gpu", 200, stake + "/" + shares);
    }

    private static QueryPoller.Answer status(long at, int status) {
        return new QueryPoller.Answer(at, 1, "gpu", status, null);
    }

    @Test
    void statesOfTheHistoryAndRetryableAnswersAreRight() {
        QueryPoller.Verdict v = poller(status(1, 404), served(2, "100", "100"), status(3, 503), served(4, "150", "120"),
                status(5, -1), served(6, "90", "120")).judge(HISTORY, 2);
        assertThat(v.wrong()).isEmpty();
        assertThat(v.served()).isEqualTo(3);
        assertThat(v.retryable()).isEqualTo(1);
        assertThat(v.unreachable()).isEqualTo(1);
        assertThat(v.notFoundBeforeCreated()).isEqualTo(1);
        assertThat(v.regressions()).isZero();
        assertThat(v.longestWithoutNumberMs()).isZero(); // nanos apart
    }

    @Test
    void aNumberThePoolNeverHadIsWrongEvenIfEachPartWasSeenAlone() {
        // 150 stake and 100 shares each occur, but never together
        QueryPoller.Verdict v = poller(served(1, "100", "100"), served(2, "150", "100")).judge(HISTORY, 2);
        assertThat(v.wrong()).hasSize(1).first().asString().contains("150/100");
    }

    @Test
    void aPoolThatDisappearsAfterBeingServedIsWrong() {
        QueryPoller.Verdict v = poller(served(1, "100", "100"), status(2, 404)).judge(HISTORY, 2);
        assertThat(v.wrong()).hasSize(1).first().asString().contains("404");
    }

    @Test
    void anEarlierStateAfterALaterOneIsARegressionNotAnError() {
        QueryPoller.Verdict v = poller(served(1, "150", "120"), served(2, "150", "150")).judge(HISTORY, 2);
        assertThat(v.wrong()).isEmpty();
        assertThat(v.regressions()).isEqualTo(1);
    }

    @Test
    void aPositionIsJudgedByItsOwnHistory() {
        QueryPoller.Verdict v = poller(new QueryPoller.Answer(1, 0, "gpu/ab", 200, "80"), new QueryPoller.Answer(2, 0, "gpu/ab", 200, "100"))
                .judge(HISTORY, 2);
        assertThat(v.wrong()).hasSize(1).first().asString().contains("gpu/ab with 100");
    }

    @Test
    void theBooksMustBalanceOverEveryPartitionAndTheRankingMustBeWhole() {
        QueryPoller.Verdict v = poller(new QueryPoller.Answer(1, 0, QueryPoller.RECONCILIATION, 200, "true [0,1]"),
                new QueryPoller.Answer(2, 0, QueryPoller.RECONCILIATION, 200, "false [0,1]"),
                new QueryPoller.Answer(3, 1, QueryPoller.RECONCILIATION, 200, "true [1]"),
                new QueryPoller.Answer(4, 0, QueryPoller.RANKING, 200, "12"),
                new QueryPoller.Answer(5, 1, QueryPoller.RANKING, 200, "12"),
                new QueryPoller.Answer(6, 1, QueryPoller.RANKING, 200, "11")).judge(HISTORY, 2);
        assertThat(v.wrong()).hasSize(3).anyMatch(w -> w.contains("false [0,1]")).anyMatch(w -> w.contains("true [1]"))
                .anyMatch(w -> w.contains("pools with 11"));
        assertThat(v.served()).as("pool and position numbers").isZero();
    }

    @Test
    void anUnexpectedStatusIsWrong() {
        assertThat(poller(status(1, 500)).judge(HISTORY, 2).wrong()).hasSize(1);
    }
}
