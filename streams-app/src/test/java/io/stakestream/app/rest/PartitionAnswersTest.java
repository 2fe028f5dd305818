package io.stakestream.app.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A query over every partition answers only with every partition's answer, each counted once. */
class PartitionAnswersTest {

    private static JsonNode json(String text) throws IOException {
        return Reply.JSON.readTree(text);
    }

    @Test
    void answersOnlyOnceEveryPartitionHasAnswered() throws IOException {
        PartitionAnswers answers = new PartitionAnswers();
        answers.add(0, json("[\"a\"]"));
        answers.add(2, json("[\"c\"]"));
        assertThatThrownBy(() -> answers.complete(3)).isInstanceOf(Unavailable.class)
                .hasMessageContaining("partition 1 has no active instance");
        assertThatThrownBy(() -> answers.complete(4)).isInstanceOf(Unavailable.class)
                .hasMessageContaining("partitions [1, 3] have no active instance");
        answers.addAll(json("{\"partitions\":{\"1\":[\"b\"]}}"));
        assertThat(answers.complete(3)).extracting(n -> n.get(0).asText()).containsExactly("a", "b", "c");
    }

    @Test
    void noPartitionAtAllIsA503Too() {
        assertThatThrownBy(() -> new PartitionAnswers().complete(2)).isInstanceOf(Unavailable.class)
                .hasMessageContaining("partitions [0, 1]");
    }

    @Test
    void aPartitionAnsweredTwiceWhileItsTaskMovedCountsOnce() throws IOException {
        PartitionAnswers answers = new PartitionAnswers();
        answers.add(0, json("[\"p0 before the move\"]"));
        answers.addAll(json("{\"partitions\":{\"0\":[\"p0 after the move\"],\"1\":[\"p1\"]}}"));
        assertThat(answers.complete(2)).extracting(n -> n.get(0).asText()).containsExactly("p0 before the move", "p1");
    }

    @Test
    void aPartitionBeyondTheLedgersCountIsNotPartOfTheAnswer() throws IOException {
        PartitionAnswers answers = new PartitionAnswers();
        answers.addAll(json("{\"partitions\":{\"0\":[\"a\"],\"5\":[\"stray\"]}}"));
        assertThat(answers.complete(1)).extracting(n -> n.get(0).asText()).containsExactly("a");
    }

    @Test
    void writesWhatItReads() throws IOException {
        PartitionAnswers mine = new PartitionAnswers();
        mine.add(1, json("[\"b\"]"));
        mine.add(0, json("[\"a\"]"));
        assertThat(mine.json().toString()).isEqualTo("{\"partitions\":{\"0\":[\"a\"],\"1\":[\"b\"]}}");
        PartitionAnswers theirs = new PartitionAnswers();
        theirs.addAll(mine.json());
        assertThat(theirs.complete(2)).containsExactlyElementsOf(mine.complete(2));
    }

    @Test
    void anAnswerNotByPartitionIsUnreadable() {
        // what an instance of the version before answers: a flat list
        assertThatThrownBy(() -> new PartitionAnswers().addAll(json("[{\"poolId\":\"a\"}]"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new PartitionAnswers().addAll(json("{\"partitions\":{\"one\":[]}}")))
                .isInstanceOf(IOException.class).hasMessageContaining("'one'");
    }

    @Test
    void theScopeComesFromTheQueryString() {
        assertThat(LedgerQueries.Scope.of("")).isEqualTo(LedgerQueries.Scope.ALL);
        assertThat(LedgerQueries.Scope.of("sort=stake")).isEqualTo(LedgerQueries.Scope.ALL);
        assertThat(LedgerQueries.Scope.of("sort=stake&local=true")).isEqualTo(LedgerQueries.Scope.LOCAL);
        assertThat(LedgerQueries.Scope.of("local=partitions&sort=performance")).isEqualTo(LedgerQueries.Scope.LOCAL_BY_PARTITION);
        assertThat(LedgerQueries.Scope.of("nonlocal=true")).isEqualTo(LedgerQueries.Scope.ALL);
    }
}
