package io.stakestream.app.topology;

import io.stakestream.ledger.Unavailable;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net behind the processor's own catch. The processor turns every poison input into a
 * rejection itself, so what reaches here is mostly a failure to write: something unavailable (the
 * registry, a store) or Kafka's own (a send that failed, wrapped in a StreamsException). Those fail
 * the task, wherever they sit in the cause chain, so the input is retried instead of lost or both
 * applied and dead-lettered. Only anything else (a bug escaping the processor's catch) goes to the
 * dead-letter topic and processing continues.
 */
public final class LedgerProcessingExceptionHandler extends LogAndContinueProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(LedgerProcessingExceptionHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (notTheInputsFault(exception)) {
            log.warn("input {}-{}@{} could not be processed now ({}): failing the task to retry it", context.topic(),
                    context.partition(), context.offset(), exception.toString());
            return Response.fail();
        }
        return super.handleError(context, record, exception);
    }

    static boolean notTheInputsFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Unavailable || t instanceof KafkaException) {
                return true;
            }
        }
        return false;
    }
}
