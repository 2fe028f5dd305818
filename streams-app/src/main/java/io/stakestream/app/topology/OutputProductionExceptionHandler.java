package io.stakestream.app.topology;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record the producer could not write is never dropped and never dead-lettered: its input is
 * not poison, and under exactly-once dropping it would commit the input's state without it. A
 * retriable error retries the task (RETRY: its state is restored from the changelog and the input
 * reprocessed); any other fails the task, so its transaction aborts and the input is processed
 * again by the replaced thread. A record over its topic's size limit can never be written: the
 * limit is noted in the app's {@link OutputLimits} first, so the retried input is refused as
 * OUTPUT_TOO_LARGE instead of failing for ever.
 */
public final class OutputProductionExceptionHandler implements ProductionExceptionHandler {

    /** Streams config key (an object, passed through) holding the app's {@link OutputLimits}. */
    public static final String LIMITS_CONFIG = "stakestream.output.limits";

    private static final Logger log = LoggerFactory.getLogger(OutputProductionExceptionHandler.class);

    private OutputLimits limits;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(LIMITS_CONFIG);
        limits = configured instanceof OutputLimits l ? l : null;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RecordTooLargeException && limits != null) {
            limits.learn(record.topic(), OutputLimits.sizeOf(record.key(), record.value(), record.headers().toArray()));
            return Response.fail();
        }
        if (exception instanceof RetriableException) {
            log.warn("writing to {} failed ({}) for input {}-{}@{}: retrying the task", record.topic(), exception,
                    context.topic(), context.partition(), context.offset());
            return Response.retry();
        }
        log.error("writing to {} failed for input {}-{}@{}: failing the task so the input is processed again", record.topic(),
                context.topic(), context.partition(), context.offset(), exception);
        return Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        // the ledger's sinks carry bytes it encoded itself; anything else failing to encode is not the input's fault
        log.error("cannot encode the {} of a record for {} (input {}-{}@{}): failing the task", origin, record.topic(),
                context.topic(), context.partition(), context.offset(), exception);
        return Response.fail();
    }
}
