package io.stakestream.protocol.serde;

import org.apache.kafka.common.serialization.Serde;

/** A topic name with the serdes of its key and value, so callers cannot pair the wrong ones. */
public record TopicSerdes<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
}
