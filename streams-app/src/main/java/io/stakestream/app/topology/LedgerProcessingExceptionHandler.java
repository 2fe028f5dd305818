package io.stakestream.app.topology;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net behind the processor's own catch: anything that escapes goes to the dead-letter
 * topic and processing continues, except a registry outage, which fails the task so the record
 * is retried instead of lost.
 */
public final class LedgerProcessingExceptionHandler extends LogAndContinueProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(LedgerProcessingExceptionHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (exception instanceof RegistryUnavailableException) {
            log.warn("schema registry unavailable at {}-{}@{}: failing the task to retry", context.topic(), context.partition(),
                    context.offset());
            return Response.fail();
        }
        return super.handleError(context, record, exception);
    }
}
